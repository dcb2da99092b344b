/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CSpace slot allocator: hands out the empty slots of the root CNode
 * that the boot info lists (seL4_BootInfo.empty, [start, end)), one at a
 * time or as a contiguous range (Untyped_Retype of several objects wants
 * consecutive slots), and takes them back. It only does the bookkeeping, a
 * bitmap with one bit per slot: it makes no system calls, and a slot given
 * back must already be empty (deleted or revoked by whoever used it).
 *
 * Slot numbers are CPtrs in the root CNode, which resolves all 64 bits at
 * depth seL4_WordBits, as seL4's root CNode does.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define RS_SLOTS_MAX 16384 /* slots one allocator can track */

typedef struct rs_slots {
    uint64_t start; /* first slot managed */
    uint64_t end;   /* one past the last */
    uint64_t free;  /* how many are free */
    uint64_t used[RS_SLOTS_MAX / 64];
} rs_slots_t;

/* Manages [start, end) (clipped to RS_SLOTS_MAX slots), all free. */
void rs_slots_init(rs_slots_t *s, uint64_t start, uint64_t end);

/* One free slot, or 0 (slot 0 is seL4_CapNull, never in the empty range). */
uint64_t rs_slots_alloc(rs_slots_t *s);

/* The first of `count` consecutive free slots, or 0. */
uint64_t rs_slots_alloc_range(rs_slots_t *s, uint64_t count);

/* Gives back slots; false (and nothing changes) if any of them is outside
 * the range or not allocated. */
bool rs_slots_free(rs_slots_t *s, uint64_t slot);
bool rs_slots_free_range(rs_slots_t *s, uint64_t first, uint64_t count);
