/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * index_nospec(i, n): i if i < n, else 0, computed with a conditional select
 * followed by CSDB so that a mispredicted bounds check cannot feed an
 * out-of-range index to later loads (Arm's guidance on CSDB, "Cache
 * Speculation Side-channels").
 */
#pragma once

#include <stdint.h>

static inline uint64_t index_nospec(uint64_t i, uint64_t n)
{
    uint64_t safe;
    __asm__ volatile("cmp %1, %2\n\tcsel %0, %1, xzr, lo\n\tcsdb"
                     : "=r"(safe)
                     : "r"(i), "r"(n)
                     : "cc");
    return safe;
}
