// SPDX-License-Identifier: BSD-2-Clause
/*
 * FAULT0001/0002: a system-call number the kernel does not know (one past the
 * table, or a huge one) is reported and stops the caller; the kernel lives on.
 */
#include <rootserver/debug_print.h>
#include <sel4/sel4.h>

int main(void)
{
    printf("FAULT: making system call %ld\n", (long)TEST_SYSCALL_NUMBER);
    (void)cairn_syscall1((seL4_Word)TEST_SYSCALL_NUMBER, 0);
    printf("UNREACHABLE: the thread ran on after an unknown system call\n");
    return 1;
}
