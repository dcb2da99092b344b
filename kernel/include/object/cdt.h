/* SPDX-License-Identifier: BSD-2-Clause */
/* The capability derivation tree (see object/cte.h for its representation). */
#pragma once

#include <object/cte.h>

/* b is a descendant of a in the tree's sense (a revocable, same region, and
 * for badged endpoints/notifications the badge rules). */
bool cdt_is_parent_of(const cte_t *a, const cte_t *b);

static inline bool cdt_has_children(const cte_t *slot)
{
    const cte_t *next = mdb_next(slot);
    return next != NULL && cdt_is_parent_of(slot, next);
}

/* No other slot refers to the same object as this one. */
bool cdt_is_final(const cte_t *slot);

/* Puts cap into empty dest as the next entry after parent. */
void cdt_insert_new(cte_t *parent, cte_t *dest, cap_t cap, bool revocable);

/* Removes the slot from the tree and clears it. */
void cdt_empty_slot(cte_t *slot);
