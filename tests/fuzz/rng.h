/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzzer's random numbers: xorshift64*, so that one seed always gives
 * the same sequence of calls on every board and compiler.
 */
#pragma once

#include <stdint.h>

typedef struct fuzz_rng {
    uint64_t state; /* never 0 */
} fuzz_rng_t;

static inline void fuzz_rng_seed(fuzz_rng_t *r, uint64_t seed)
{
    r->state = seed ? seed : 0x9e3779b97f4a7c15UL;
}

static inline uint64_t fuzz_rng_next(fuzz_rng_t *r)
{
    uint64_t x = r->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->state = x;
    return x * 0x2545f4914f6cdd1dUL;
}

/* Uniform in [0, n), n > 0 (the bias is far below what matters here). */
static inline uint64_t fuzz_rng_below(fuzz_rng_t *r, uint64_t n)
{
    return fuzz_rng_next(r) % n;
}
