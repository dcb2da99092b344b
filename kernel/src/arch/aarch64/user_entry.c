// SPDX-License-Identifier: BSD-2-Clause
/*
 * Switching to a thread's address space and returning to it at EL0. The
 * TTBR0 value carries the thread's ASID in bits [63:48] (TCR_EL1.A1 = 0), so
 * no TLB flush is needed on a switch: each address space has its own ASID.
 */
#include <arch.h>

#include <arch/aarch64/fpu_switch.h>
#include <arch/aarch64/vspace.h>
#include <kernel/thread.h>

NORETURN void restore_user_context(user_context_t *context);

void arch_enter_user(tcb_t *thread)
{
    vspace_activate(vspace_ttbr0(thread->slots[TCB_VTABLE].cap));
    arch_fpu_prepare_return(thread);
    __asm__ volatile("msr tpidr_el0, %0; msr tpidrro_el0, %1" ::"r"(thread->context.tpidr_el0),
                     "r"(thread->context.tpidrro_el0));
    restore_user_context(&thread->context);
}
