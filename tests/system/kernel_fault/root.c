// SPDX-License-Identifier: BSD-2-Clause
/* The kernel-fault image's root task: it must never get to run. */
#include <rootserver/debug_print.h>

int main(void)
{
    printf("UNREACHABLE: the root task ran after a kernel fault\n");
    return 1;
}
