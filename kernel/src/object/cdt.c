// SPDX-License-Identifier: BSD-2-Clause
/*
 * Derivation-tree relations and the two primitive edits (insert after a
 * parent, remove). The list order is depth first, so "children of a" is the
 * run of entries right after a for which cdt_is_parent_of(a, .) holds.
 */
#include <object/cdt.h>

#include <object/objecttype.h>

cte_t cdt_head;

void cdt_insert_original(cte_t *slot, cap_t cap)
{
    cdt_insert_new(&cdt_head, slot, cap, true);
}

static bool badged_child(uint64_t parent_badge, const cte_t *b, uint64_t child_badge)
{
    if (parent_badge == 0) {
        return true; /* an unbadged original is the parent of every badge */
    }
    return parent_badge == child_badge && !mdb_get_flag(b, MDB_FIRST_BADGED);
}

bool cdt_is_parent_of(const cte_t *a, const cte_t *b)
{
    if (!mdb_get_flag(a, MDB_REVOCABLE) || !cap_same_region_as(a->cap, b->cap)) {
        return false;
    }
    switch (cap_get_type(a->cap)) {
    case CAP_ENDPOINT:
        return badged_child(cap_endpoint_get_badge(a->cap), b, cap_endpoint_get_badge(b->cap));
    case CAP_NOTIFICATION:
        return badged_child(cap_notification_get_badge(a->cap), b,
                            cap_notification_get_badge(b->cap));
    default:
        return true;
    }
}

bool cdt_is_final(const cte_t *slot)
{
    const cte_t *prev = mdb_prev(slot);
    const cte_t *next = mdb_next(slot);
    if (prev != NULL && cap_same_object_as(prev->cap, slot->cap)) {
        return false;
    }
    return next == NULL || !cap_same_object_as(slot->cap, next->cap);
}

