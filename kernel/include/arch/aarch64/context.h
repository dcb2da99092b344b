/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The user register context saved in every thread, shared by the entry code
 * (which stores straight into it) and C. The layout is the kernel's own;
 * seL4_UserContext is converted to and from it by the TCB invocations.
 */
#pragma once

#include <util_ul.h>

#define CTX_X(n) ((n) * UL(8))
#define CTX_SP_EL0 (UL(31) * 8)
#define CTX_PC (UL(32) * 8)
#define CTX_SPSR (UL(33) * 8)
#define CTX_TPIDR_EL0 (UL(34) * 8)
#define CTX_TPIDRRO_EL0 (UL(35) * 8)
#define CTX_SIZE (UL(36) * 8)

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef struct user_context {
    uint64_t x[31];
    uint64_t sp_el0;
    uint64_t pc;
    uint64_t spsr;
    uint64_t tpidr_el0;
    uint64_t tpidrro_el0;
} user_context_t;

_Static_assert(sizeof(user_context_t) == CTX_SIZE, "context layout");
_Static_assert(__builtin_offsetof(user_context_t, pc) == CTX_PC, "context layout");
_Static_assert(__builtin_offsetof(user_context_t, spsr) == CTX_SPSR, "context layout");
_Static_assert(CTX_SIZE % 16 == 0, "the context is used as a stack: 16-byte aligned");
#endif
