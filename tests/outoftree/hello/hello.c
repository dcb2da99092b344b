// SPDX-License-Identifier: BSD-2-Clause
/*
 * OOT0001's root task: the smallest program a user writes against Cairn. It
 * prints through the kernel's debug console and ends the system with a status
 * of its own choosing (3), which the test expects back from QEMU. It is
 * written as user code often is, outside Cairn's warning policy (-std=c11
 * -Werror -Wmissing-prototypes ...): a GNU `asm` statement and a function
 * without a prototype, which must build all the same.
 */
#include <rootserver/debug_print.h>
#include <sel4/sel4.h>

unsigned long thread_pointer(void)
{
    unsigned long tp;
    asm volatile("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}

int main(void)
{
    seL4_BootInfo *bi = seL4_GetBootInfo();
    if (thread_pointer() == 0) {
        printf("no thread pointer\n");
    }
    printf("Hello from a root task built outside Cairn's tree, at EL0.\n");
    printf("  %lu untyped capabilities to build with\n",
           (unsigned long)(bi->untyped.end - bi->untyped.start));
    return 3;
}
