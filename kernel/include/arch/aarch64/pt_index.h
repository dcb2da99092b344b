/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Translation-table arithmetic for a 48-bit address space with a 4 KiB
 * granule (Arm ARM D8.2): four levels, 9 bits of the address each, level 0
 * using bits [47:39] down to level 3 using bits [20:12].
 */
#pragma once

#include <stdint.h>

#define PT_LEVELS 4
#define PT_ENTRIES 512
#define PT_INDEX_BITS 9

/* Address bits below the part level `level` indexes (39, 30, 21, 12). */
static inline unsigned pt_level_shift(unsigned level)
{
    return 12 + PT_INDEX_BITS * (3 - level);
}

static inline unsigned pt_index(uint64_t vaddr, unsigned level)
{
    return (unsigned)(vaddr >> pt_level_shift(level)) & (PT_ENTRIES - 1);
}

/* Bytes one entry maps at this level: 512 GiB, 1 GiB, 2 MiB, 4 KiB. */
static inline uint64_t pt_entry_span(unsigned level)
{
    return (uint64_t)1 << pt_level_shift(level);
}
