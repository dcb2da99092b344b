// SPDX-License-Identifier: BSD-2-Clause
/* The full return to EL0 (see arch/aarch64/user_return.h). */
#include <arch.h>

#include <arch/aarch64/user_return.h>

arch_cpu_state_t arch_cpu = {
    .vspace_epoch = 1, /* a new TCB (epoch 0) always computes its TTBR0 */
};

/* The thread's TTBR0, recomputed only when the VSpace epoch has moved. A
 * VTable cap that is not a live VSpace gives the empty table, so such a
 * thread faults on its first instruction, whichever path switched to it. */
static uint64_t thread_ttbr0(tcb_t *thread)
{
    if (thread->ttbr0_epoch != arch_cpu.vspace_epoch) {
        thread->ttbr0 = vspace_ttbr0(thread->slots[TCB_VTABLE].cap);
        thread->ttbr0_epoch = arch_cpu.vspace_epoch;
    }
    return thread->ttbr0;
}

void arch_enter_user(tcb_t *thread)
{
    vspace_activate(thread_ttbr0(thread));
    if (arch_fpu_return_needs_work(thread)) {
        arch_enter_user_fpu(thread);
    }
    restore_user_context(&thread->context);
}

