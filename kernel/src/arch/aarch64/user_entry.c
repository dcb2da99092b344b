// SPDX-License-Identifier: BSD-2-Clause
/*
 * Switching to a thread's address space and returning to it at EL0. The
 * TTBR0 value carries the thread's ASID in bits [63:48] (TCR_EL1.A1 = 0), so
 * no TLB flush is needed on a switch: each address space has its own ASID.
 */
#include <arch.h>

#include <arch/aarch64/fpu_switch.h>
#include <kernel/thread.h>

NORETURN void restore_user_context(user_context_t *context);


extern uint64_t boot_identity_l0[];

/* TTBR0 for the thread: its VSpace cap's table and ASID, or (no valid
 * VSpace) the empty boot table, where every user access faults. */
static uint64_t thread_ttbr0(const tcb_t *thread)
{
    cap_t vspace = thread->slots[TCB_VTABLE].cap;
    if (cap_get_type(vspace) != CAP_VSPACE || !cap_vspace_get_mapped(vspace)) {
        return kernel_image_paddr(boot_identity_l0);
    }
    uint64_t table = (uint64_t)(uintptr_t)cap_get_ptr(vspace) - KERNEL_WINDOW_BASE;
    return table | (cap_vspace_get_mapped_asid(vspace) << 48);
}

void arch_enter_user(tcb_t *thread)
{
    static uint64_t current_ttbr0;
    uint64_t ttbr0 = thread_ttbr0(thread);
    if (ttbr0 != current_ttbr0) {
        __asm__ volatile("msr ttbr0_el1, %0; isb" ::"r"(ttbr0) : "memory");
        current_ttbr0 = ttbr0;
    }
    arch_fpu_prepare_return(thread);
    __asm__ volatile("msr tpidr_el0, %0; msr tpidrro_el0, %1" ::"r"(thread->context.tpidr_el0),
                     "r"(thread->context.tpidrro_el0));
    restore_user_context(&thread->context);
}
