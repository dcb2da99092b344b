/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A thread's user-visible registers as seL4_TCB_ReadRegisters and
 * WriteRegisters exchange them, in libsel4's AArch64 order: the "frame"
 * registers a system call or fault changes first, then the other integer
 * registers, then the two thread-ID registers.
 */
#pragma once

#include <sel4/basic_types.h>

typedef struct seL4_UserContext_ {
    seL4_Word pc, sp, spsr, x0, x1, x2, x3, x4, x5, x6, x7, x8, x16, x17, x18, x29, x30;
    seL4_Word x9, x10, x11, x12, x13, x14, x15, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
    seL4_Word tpidr_el0, tpidrro_el0;
} seL4_UserContext;

SEL4_STATIC_ASSERT(sizeof(seL4_UserContext) == 36 * sizeof(seL4_Word), "36 registers");
