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

/* Whether the thread gets the registers before it runs (no trap). */
static inline bool arch_fpu_wants_eager(const tcb_t *thread)
{
#ifdef CAIRN_FPU_EAGER
    return !(thread->flags & seL4_TCBFlag_fpuDisabled);
#else
    return thread->fpu_eager > 0;
#endif
}

static inline void arch_fpu_prepare_return(tcb_t *thread)
{
    if (thread != arch_fpu_owner) {
        if (arch_fpu_wants_eager(thread)) {
            arch_fpu_eager_load(thread);
        } else if (!arch_fpu_el0_trapped) {
            arch_fpu_set_el0_trap(true);
        }
    } else if (arch_fpu_el0_trapped && arch_fpu_wants_eager(thread)) {
        /* The owner's registers are in place. Untrap (and use up its
         * streak) only for a thread that used them lately; the rest keep
         * the trap, so a thread that once used FP/SIMD and another that
         * never does do not toggle CPACR on every switch between them. */
        arch_fpu_eager_load(thread);
    }
}
