/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * FP/SIMD state of a thread: the 32 128-bit V registers, FPSR and FPCR
 * (Arm ARM A1.4, "Registers in AArch64 state"). Switched lazily: after a
 * context switch EL0's FP/SIMD access traps (CPACR_EL1.FPEN = 01) until the
 * thread first uses it; only then is the previous owner's state saved and
 * this thread's loaded. Threads that never touch FP/SIMD never pay for it;
 * threads that use it on every switch get it eagerly (fpu_switch.c).
 */
#pragma once

#include <stdint.h>

typedef struct fpu_state {
    uint64_t v[64]; /* q0..q31, low then high half */
    uint32_t fpsr;
    uint32_t fpcr;
} __attribute__((aligned(16))) fpu_state_t;

#define FPU_STATE_FPSR (64UL * 8)
#define FPU_STATE_FPCR (64UL * 8 + 4)

/* fpu.S stores the V registers in order, then FPSR and FPCR as a pair. */
_Static_assert(__builtin_offsetof(fpu_state_t, fpsr) == FPU_STATE_FPSR, "fpu.S layout");
_Static_assert(__builtin_offsetof(fpu_state_t, fpcr) == FPU_STATE_FPCR, "fpu.S layout");

void arch_fpu_save(fpu_state_t *state);
void arch_fpu_restore(const fpu_state_t *state);
/* Both at once: one thread's registers out, another's in. */
void arch_fpu_switch(fpu_state_t *save_to, const fpu_state_t *load_from);
