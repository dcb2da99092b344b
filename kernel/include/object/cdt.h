/* SPDX-License-Identifier: BSD-2-Clause */
/* The capability derivation tree (see object/cte.h for its representation). */
#pragma once

#include <object/cte.h>
#include <util.h>

/* The head of the one list that holds every cap but the reply trees (a
 * TCB's reply master and the one reply cap derived from it, which start
 * their own short list). It holds no cap; boot caps are inserted after it,
 * and everything else after its parent, so the list never breaks. */
extern cte_t cdt_head;

/* Puts an original cap (revocable, no parent) into empty slot: boot only. */
void cdt_insert_original(cte_t *slot, cap_t cap);

/* Checks the tree's invariants (cdt_check.c); prints each violation and
 * returns how many there were. */
word_t cdt_check_invariants(void);

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

/* Puts cap into empty dest as the next entry after parent. (Inline, as is
 * cdt_empty_slot: the IPC fast path inserts and removes a reply cap on every
 * round trip.) */
static ALWAYS_INLINE void cdt_insert_new(cte_t *parent, cte_t *dest, cap_t cap, bool revocable)
{
    cte_t *next = mdb_next(parent);
    dest->cap = cap;
    dest->mdb_prev = 0;
    mdb_set_prev(dest, parent);
    mdb_set_next(dest, next);
    mdb_set_flag(dest, MDB_REVOCABLE, revocable);
    mdb_set_flag(dest, MDB_FIRST_BADGED, revocable);
    if (next != NULL) {
        mdb_set_prev(next, dest);
    }
    mdb_set_next(parent, dest);
}

/* Removes the slot from the tree and clears it. */
static ALWAYS_INLINE void cdt_empty_slot(cte_t *slot)
{
    if (cte_is_empty(slot)) {
        return;
    }
    cte_t *prev = mdb_prev(slot);
    cte_t *next = mdb_next(slot);
    if (prev != NULL) {
        mdb_set_next(prev, next);
    }
    if (next != NULL) {
        mdb_set_prev(next, prev);
        /* Keep the badge boundary: the next cap inherits "first badged". */
        mdb_set_flag(next, MDB_FIRST_BADGED,
                     mdb_get_flag(next, MDB_FIRST_BADGED) || mdb_get_flag(slot, MDB_FIRST_BADGED));
    }
    slot->cap = cap_null();
    slot->mdb_prev = 0;
    slot->mdb_next = 0;
}

