/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The per-return half of FP/SIMD switching (fpu_switch.c has the policy),
 * inline because it runs on every return to EL0: usually it only compares
 * two pointers and a flag.
 */
#pragma once

#include <kernel/thread.h>
#include <sel4/faults.h>

extern tcb_t *arch_fpu_owner;    /* whose values are in the registers */
extern bool arch_fpu_el0_trapped; /* CPACR_EL1.FPEN currently traps EL0 */

void arch_fpu_eager_load(tcb_t *thread);
void arch_fpu_set_el0_trap(bool trap);

static inline void arch_fpu_prepare_return(tcb_t *thread)
{
    if (thread != arch_fpu_owner) {
#ifdef CAIRN_FPU_EAGER
        bool eager = !(thread->flags & seL4_TCBFlag_fpuDisabled);
#else
        bool eager = thread->fpu_eager > 0;
#endif
        if (eager) {
            arch_fpu_eager_load(thread);
        } else if (!arch_fpu_el0_trapped) {
            arch_fpu_set_el0_trap(true);
        }
    } else if (arch_fpu_el0_trapped) {
        arch_fpu_set_el0_trap(false);
    }
}
