// SPDX-License-Identifier: BSD-2-Clause
/* FAULT0003: a NULL read is reported as a VM fault and stops the thread. */
#include <rootserver/debug_print.h>

int main(void)
{
    printf("FAULT: reading address 0\n");
    int value = *(volatile int *)0;
    printf("UNREACHABLE: read %d from NULL\n", value);
    return 1;
}
