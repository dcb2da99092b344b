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

/* One switch of the thread's eager streak used up. */
static ALWAYS_INLINE void arch_fpu_use_streak(tcb_t *thread)
{
    if (thread->fpu_eager > 0) {
        thread->fpu_eager--;
    }
}

/* The common eager case, two threads that both use FP/SIMD taking turns:
 * EL0 access is on, the registers hold another thread's values and this
 * one wants its own now. Moves them and answers true; false (nothing done)
 * in every other case. The call to fpu.S is written as an asm statement so
 * that the compiler knows it changes only x0-x3 and x30: the fast path then
 * keeps its registers across it. */
static ALWAYS_INLINE bool arch_fpu_quick_switch(tcb_t *thread)
{
    tcb_t *owner = arch_cpu.fpu_owner;
    if (arch_cpu.fpu_el0_trapped || owner == NULL || owner == thread ||
        !arch_fpu_wants_eager(thread)) {
        return false;
    }
    arch_fpu_use_streak(thread);
    arch_cpu.fpu_owner = thread;
    __asm__ volatile("mov x0, %0\n\t"
                     "mov x1, %1\n\t"
                     "bl arch_fpu_switch"
                     :
                     : "r"(&owner->fpu), "r"(&thread->fpu)
                     : "x0", "x1", "x2", "x3", "x30", "memory");
    return true;
}
