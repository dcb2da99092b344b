/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What this core has loaded for the thread at EL0. The return to user level
 * checks all of it on every switch, so it lives in one structure: one base
 * address, then plain loads.
 */
#pragma once

#include <types.h>

struct tcb;

typedef struct arch_cpu_state {
    uint64_t loaded_ttbr0; /* TTBR0_EL1 as last written */
    /* Bumped whenever an ASID dies or a cap to a VSpace is deleted (a TCB's
     * VTable slot among them): every TTBR0 a TCB has cached is then stale. */
    uint64_t vspace_epoch;
    struct tcb *fpu_owner; /* whose values are in the FP/SIMD registers */
    bool fpu_el0_trapped;  /* CPACR_EL1.FPEN currently traps EL0 */
} arch_cpu_state_t;

extern arch_cpu_state_t arch_cpu;
