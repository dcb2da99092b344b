// SPDX-License-Identifier: BSD-2-Clause
/* FAULT0004: a permanently undefined instruction (UDF) stops the thread. */
#include <rootserver/debug_print.h>

int main(void)
{
    printf("FAULT: executing UDF #0\n");
    __asm__ volatile("udf #0");
    printf("UNREACHABLE: ran past UDF\n");
    return 1;
}
