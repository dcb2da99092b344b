/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A capability slot: the cap and its links in the capability derivation tree
 * (CDT). The tree is kept, as in seL4, as one doubly-linked list in
 * depth-first order: a cap's descendants follow it, and whether the next
 * entry is a child is decided by cdt_is_parent_of(). Two flag bits ride in
 * the low bits of the prev pointer (slots are 32-byte aligned):
 *   revocable    the cap may have children (it is an original: fresh from
 *                retype, or a newly badged endpoint/notification cap);
 *   first_badged the first cap with this badge: revoking it reaches the rest.
 */
#pragma once

#include <object/cap.h>
#include <sel4/constants.h>

typedef struct cte {
    cap_t cap;
    uint64_t mdb_prev; /* struct cte * | flags */
    uint64_t mdb_next; /* struct cte * */
} cte_t;

_Static_assert(sizeof(cte_t) == (1 << seL4_SlotBits), "a slot is 2^seL4_SlotBits bytes");

#define MDB_REVOCABLE 1UL
#define MDB_FIRST_BADGED 2UL
#define MDB_FLAGS (MDB_REVOCABLE | MDB_FIRST_BADGED)

static inline cte_t *mdb_prev(const cte_t *slot)
{
    return (cte_t *)(uintptr_t)(slot->mdb_prev & ~MDB_FLAGS);
}

static inline cte_t *mdb_next(const cte_t *slot)
{
    return (cte_t *)(uintptr_t)slot->mdb_next;
}

static inline void mdb_set_prev(cte_t *slot, const cte_t *prev)
{
    slot->mdb_prev = (uint64_t)(uintptr_t)prev | (slot->mdb_prev & MDB_FLAGS);
}

static inline void mdb_set_next(cte_t *slot, const cte_t *next)
{
    slot->mdb_next = (uint64_t)(uintptr_t)next;
}

static inline bool mdb_get_flag(const cte_t *slot, uint64_t flag)
{
    return (slot->mdb_prev & flag) != 0;
}

static inline void mdb_set_flag(cte_t *slot, uint64_t flag, bool on)
{
    slot->mdb_prev = on ? (slot->mdb_prev | flag) : (slot->mdb_prev & ~flag);
}

static inline bool cte_is_empty(const cte_t *slot)
{
    return cap_get_type(slot->cap) == CAP_NULL;
}
