// SPDX-License-Identifier: BSD-2-Clause
/*
 * Switching to a thread's address space and returning to it at EL0. The
 * TTBR0 value carries the thread's ASID in bits [63:48] (TCR_EL1.A1 = 0), so
 * no TLB flush is needed on a switch: each address space has its own ASID.
 */
#include <arch.h>

#include <kernel/thread.h>

NORETURN void restore_user_context(user_context_t *context);

void arch_enter_user(tcb_t *thread)
{
    uint64_t ttbr0 = thread->vspace_root | ((uint64_t)thread->asid << 48);
    __asm__ volatile("msr ttbr0_el1, %0; isb" ::"r"(ttbr0) : "memory");
    __asm__ volatile("msr tpidr_el0, %0; msr tpidrro_el0, %1" ::"r"(thread->context.tpidr_el0),
                     "r"(thread->context.tpidrro_el0));
    restore_user_context(&thread->context);
}
