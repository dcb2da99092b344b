/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Saving and loading a thread's FP/SIMD registers (layout in fpu.h). Called
 * with EL1 access to FP/SIMD enabled (CPACR_EL1.FPEN not trapping EL1).
 */
#include <arch/aarch64/asm.h>

    .arch_extension simd            /* the kernel is built -mgeneral-regs-only */

/* Store the V registers at [\to] in order, then FPSR and FPCR as a pair;
 * each st1 stores four q registers, the same bytes as str of each in turn.
 * Advances \to; uses x2-x3. */
.macro save_fpu to
    st1 {v0.16b-v3.16b}, [\to], #64
    st1 {v4.16b-v7.16b}, [\to], #64
    st1 {v8.16b-v11.16b}, [\to], #64
    st1 {v12.16b-v15.16b}, [\to], #64
    st1 {v16.16b-v19.16b}, [\to], #64
    st1 {v20.16b-v23.16b}, [\to], #64
    st1 {v24.16b-v27.16b}, [\to], #64
    st1 {v28.16b-v31.16b}, [\to], #64
    mrs x2, fpsr                    /* \to is now state + FPU_STATE_FPSR */
    mrs x3, fpcr
    stp w2, w3, [\to]
.endm

/* The reverse of save_fpu. */
.macro load_fpu from
    ld1 {v0.16b-v3.16b}, [\from], #64
    ld1 {v4.16b-v7.16b}, [\from], #64
    ld1 {v8.16b-v11.16b}, [\from], #64
    ld1 {v12.16b-v15.16b}, [\from], #64
    ld1 {v16.16b-v19.16b}, [\from], #64
    ld1 {v20.16b-v23.16b}, [\from], #64
    ld1 {v24.16b-v27.16b}, [\from], #64
    ld1 {v28.16b-v31.16b}, [\from], #64
    ldp w2, w3, [\from]
    msr fpsr, x2
    msr fpcr, x3
.endm

    .text
/* arch_fpu_save(fpu_state_t *x0) */
FUNC(arch_fpu_save)
    save_fpu x0
    ret
ENDFUNC(arch_fpu_save)

/* arch_fpu_restore(const fpu_state_t *x0) */
FUNC(arch_fpu_restore)
    load_fpu x0
    ret
ENDFUNC(arch_fpu_restore)

/* arch_fpu_switch(fpu_state_t *x0, const fpu_state_t *x1): save to x0, load
 * from x1. */
FUNC(arch_fpu_switch)
    save_fpu x0
    load_fpu x1
    ret
ENDFUNC(arch_fpu_switch)
