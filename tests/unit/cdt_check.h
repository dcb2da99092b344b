/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Whole-CDT consistency checks for the capability tests (cdt_check.c). A
 * test registers every slot array that may hold caps (its root slots, the
 * CNodes and TCBs it creates); the checker then walks the derivation list
 * and reports the first broken invariant:
 *   - an empty slot has no links and no flags;
 *   - a full slot's next points back at it through prev, and its prev
 *     forward at it, and both neighbours are tracked, full slots;
 *   - following next from the heads (prev == NULL) visits every full slot
 *     exactly once: no cycles, no orphaned pieces.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <object/cte.h>

#define CDT_TRACK_MAX_REGIONS 256
#define CDT_TRACK_MAX_SLOTS 32768

void cdt_track_reset(void);
void cdt_track(cte_t *base, size_t count);
size_t cdt_tracked_slots(void);
size_t cdt_full_slots(void);

/* NULL when consistent, else a description of the first problem. */
const char *cdt_consistency_error(void);

#define assert_cdt_consistent()                                      \
    do {                                                             \
        const char *cdt_error_ = cdt_consistency_error();            \
        if (cdt_error_ != NULL) {                                    \
            fail_msg("derivation tree inconsistent: %s", cdt_error_); \
        }                                                            \
    } while (0)

/* The list order from slot on (slot included), as at most max slots. */
size_t cdt_list_from(const cte_t *slot, const cte_t **out, size_t max);

/* A copy of every tracked slot, to compare two runs over the same memory. */
typedef struct cdt_snapshot {
    size_t count;
    cte_t slots[CDT_TRACK_MAX_SLOTS];
} cdt_snapshot_t;

void cdt_snapshot_take(cdt_snapshot_t *snapshot);
/* NULL when equal, else which slot differs. */
const char *cdt_snapshot_difference(const cdt_snapshot_t *a, const cdt_snapshot_t *b);
