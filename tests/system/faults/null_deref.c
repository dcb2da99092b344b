// SPDX-License-Identifier: BSD-2-Clause
/* FAULT0003: a NULL read is reported as a VM fault and stops the thread. */
#include <rootserver/debug_print.h>

int main(void)
{
    printf("FAULT: reading address 0\n");
    // cppcheck-suppress nullPointer ; the fault is the test
    int value = *(volatile int *)0; // NOLINT(clang-analyzer-core.NullDereference)
    printf("UNREACHABLE: read %d from NULL\n", value);
    return 1;
}
