/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The per-return half of FP/SIMD switching (fpu_switch.c has the policy):
 * the test that runs on every return to EL0 is inline, and it usually finds
 * nothing to do.
 */
#pragma once

#include <arch/aarch64/cpu_state.h>
#include <kernel/thread.h>
#include <sel4/faults.h>

/* Whether the thread gets the registers before it runs (no trap). */
static ALWAYS_INLINE bool arch_fpu_wants_eager(const tcb_t *thread)
{
#ifdef CAIRN_FPU_EAGER
    return !(thread->flags & seL4_TCBFlag_fpuDisabled);
#else
    return thread->fpu_eager > 0;
#endif
}

/* Whether returning to thread changes anything: the trap is on and the
 * thread wants its registers now, or it is off (so the registers are the
 * owner's and EL0 can use them) and the thread is not the owner. Two or
 * three loads on every return; arch_fpu_prepare_return does the rest. */
static ALWAYS_INLINE bool arch_fpu_return_needs_work(const tcb_t *thread)
{
    return arch_cpu.fpu_el0_trapped ? arch_fpu_wants_eager(thread) : arch_cpu.fpu_owner != thread;
}

/* Gives thread the FP/SIMD registers now or traps its first use. */
void arch_fpu_prepare_return(tcb_t *thread);
