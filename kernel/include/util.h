/* SPDX-License-Identifier: BSD-2-Clause */
/* Small arithmetic and attribute helpers used throughout the kernel. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <util_ul.h>

#define BIT(n) (UL(1) << (n))
#define MASK(n) (BIT(n) - UL(1))
#define IS_ALIGNED(x, bits) (((x) & MASK(bits)) == 0)
#define ROUND_DOWN(x, bits) ((x) & ~MASK(bits))
#define ROUND_UP(x, bits) ROUND_DOWN((x) + MASK(bits), bits)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define NORETURN __attribute__((noreturn))
/* For the few helpers the IPC fast path must have inline whatever GCC's
 * heuristics say (noreturn paths look cold to them). */
#define ALWAYS_INLINE inline __attribute__((always_inline))
/* Branch hints, for the fast path's block layout: every taken branch or
 * jump over an out-of-line block is an instruction. */
#define likely(c) __builtin_expect(!!(c), 1)
#define unlikely(c) __builtin_expect(!!(c), 0)
#define UNUSED __attribute__((unused))
#define PACKED __attribute__((packed))
#define ALIGNED(n) __attribute__((aligned(n)))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

#define PAGE_BITS 12
#define PAGE_SIZE BIT(PAGE_BITS)

/* Bytes between two linker-script symbols. Compared as integers: in C they
 * are distinct objects, so subtracting the pointers would be undefined. */
#define SYMBOL_SPAN(start, end) ((size_t)((uintptr_t)(end) - (uintptr_t)(start)))
