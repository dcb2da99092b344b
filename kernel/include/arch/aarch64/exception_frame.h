/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the vector code saves on the kernel stack when the kernel itself takes
 * an exception (it never should): enough to print a full report.
 */
#pragma once

#include <util_ul.h>

#define KFRAME_X(n) ((n) * UL(8))
#define KFRAME_SP (UL(31) * 8)
#define KFRAME_ELR (UL(32) * 8)
#define KFRAME_SPSR (UL(33) * 8)
#define KFRAME_ESR (UL(34) * 8)
#define KFRAME_FAR (UL(35) * 8)
#define KFRAME_SIZE (UL(36) * 8)

/* Vector slot numbers passed to C (the 0x80-byte slot index, 0..15). */
#define VECTOR_CUR_SP0_SYNC 0
#define VECTOR_CUR_SPX_SYNC 4
#define VECTOR_LOWER64_SYNC 8
#define VECTOR_LOWER64_IRQ 9
#define VECTOR_LOWER64_FIQ 10
#define VECTOR_LOWER64_SERROR 11
#define VECTOR_LOWER32_SYNC 12

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef struct kernel_frame {
    uint64_t x[31];
    uint64_t sp;
    uint64_t elr;
    uint64_t spsr;
    uint64_t esr;
    uint64_t far;
} kernel_frame_t;

_Static_assert(sizeof(kernel_frame_t) == KFRAME_SIZE, "frame layout");
#endif
