// SPDX-License-Identifier: BSD-2-Clause
/*
 * Switching to a thread's address space and returning to it at EL0. The
 * TTBR0 value carries the thread's ASID in bits [63:48] (TCR_EL1.A1 = 0), so
 * no TLB flush is needed on a switch: each address space has its own ASID.
 * Each TCB caches its TTBR0; vspace_epoch says when the cache may be stale
 * (see arch/aarch64/vspace.h), so the common return costs two loads.
 */
#include <arch.h>

#include <arch/aarch64/fpu_switch.h>
#include <arch/aarch64/vspace.h>
#include <kernel/thread.h>

NORETURN void restore_user_context(user_context_t *context);

/* The thread's TTBR0, recomputed only when the VSpace epoch has moved. */
static inline uint64_t thread_ttbr0(tcb_t *thread)
{
    if (thread->ttbr0_epoch != vspace_epoch) {
        thread->ttbr0 = vspace_ttbr0(thread->slots[TCB_VTABLE].cap);
        thread->ttbr0_epoch = vspace_epoch;
    }
    return thread->ttbr0;
}

void arch_enter_user(tcb_t *thread)
{
    vspace_activate(thread_ttbr0(thread));
    arch_fpu_prepare_return(thread);
    __asm__ volatile("msr tpidr_el0, %0; msr tpidrro_el0, %1" ::"r"(thread->context.tpidr_el0),
                     "r"(thread->context.tpidrro_el0));
    restore_user_context(&thread->context);
}
