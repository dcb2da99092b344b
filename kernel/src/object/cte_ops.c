// SPDX-License-Identifier: BSD-2-Clause
/*
 * Slot operations. Deletion is the subtle one: deleting the last cap to a
 * CNode (or TCB) must delete every cap inside it, which may hold the last
 * cap to another CNode, and so on. Recursing would let user level pick the
 * kernel stack depth, so instead the object's cap is turned into a zombie
 * (first slot, number of slots left) and each step walks the chain of
 * zombies from the top slot to the deepest one, deleting one cap there.
 * All progress lives in the zombies, so a preempted delete restarts cleanly.
 */
#include <object/cte_ops.h>

#include <kernel/preemption.h>
#include <object/cdt.h>
#include <object/objecttype.h>

void cte_insert(cap_t new_cap, cte_t *src, cte_t *dest)
{
    /* A copy of an untyped cap shares its memory: from now on only the copy
     * may retype it, so the original is marked full (seL4 does the same). */
    cap_t src_cap = src->cap;
    if (cap_get_type(src_cap) == CAP_UNTYPED && cap_get_type(new_cap) == CAP_UNTYPED &&
        cap_get_ptr(src_cap) == cap_get_ptr(new_cap) &&
        cap_untyped_get_size_bits(src_cap) == cap_untyped_get_size_bits(new_cap)) {
        src->cap = cap_untyped_set_free_index(src_cap, 1UL << cap_untyped_get_size_bits(src_cap));
    }
    cdt_insert_new(src, dest, new_cap, cap_is_revocable(new_cap, src_cap));
}

void cte_move(cap_t new_cap, cte_t *src, cte_t *dest)
{
    dest->cap = new_cap;
    dest->mdb_prev = src->mdb_prev;
    dest->mdb_next = src->mdb_next;
    cte_t *prev = mdb_prev(dest);
    cte_t *next = mdb_next(dest);
    if (prev != NULL) {
        mdb_set_next(prev, dest);
    }
    if (next != NULL) {
        mdb_set_prev(next, dest);
    }
    src->cap = cap_null();
    src->mdb_prev = 0;
    src->mdb_next = 0;
}

void cte_swap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2)
{
    /* Point slot1's neighbours at slot2, then swap the links, then point
     * slot2's old neighbours at slot1; this order also handles adjacency. */
    slot1->cap = cap2;
    slot2->cap = cap1;
    cte_t *prev = mdb_prev(slot1);
    cte_t *next = mdb_next(slot1);
    if (prev != NULL) {
        mdb_set_next(prev, slot2);
    }
    if (next != NULL) {
        mdb_set_prev(next, slot2);
    }
    uint64_t prev1 = slot1->mdb_prev;
    uint64_t next1 = slot1->mdb_next;
    slot1->mdb_prev = slot2->mdb_prev;
    slot1->mdb_next = slot2->mdb_next;
    slot2->mdb_prev = prev1;
    slot2->mdb_next = next1;
    prev = mdb_prev(slot1);
    next = mdb_next(slot1);
    if (prev != NULL) {
        mdb_set_next(prev, slot1);
    }
    if (next != NULL) {
        mdb_set_prev(next, slot1);
    }
}

exception_t cte_ensure_empty(const cte_t *slot)
{
    if (!cte_is_empty(slot)) {
        user_error("destination slot is not empty");
        return syscall_error(seL4_DeleteFirst);
    }
    return EXCEPTION_NONE;
}

bool cte_still_holds(const cte_t *slot, cap_t cap)
{
    return slot != NULL && (cap_same_object_as(cap, slot->cap) || cap_same_object_as(slot->cap, cap));
}

typedef enum finalised { EMPTIED, ZOMBIE_LEFT, INTERRUPTED } finalised_t;

/* Finalises the cap in slot: emptied, left as a zombie still to be
 * reduced, or unchanged because a preemption point stopped the work. */
static finalised_t finalise_or_zombify(cte_t *slot)
{
    cap_t cap = slot->cap;
    cap_t remainder = cap_finalise(cap, cdt_is_final(slot));
    if (cap_get_type(remainder) == CAP_NULL) {
        cdt_empty_slot(slot);
        return EMPTIED;
    }
    if (cap_get_type(remainder) != CAP_ZOMBIE) {
        return INTERRUPTED;
    }
    slot->cap = remainder;
    return ZOMBIE_LEFT;
}

static void zombie_count_down(cte_t *zombie)
{
    zombie->cap = cap_zombie_set_number(zombie->cap, cap_zombie_get_number(zombie->cap) - 1);
}

/* One unit of work on the zombie in top: follow the chain of zombies
 * through each one's last slot and delete one cap at the end of it. */
static void zombie_step(cte_t *top)
{
    cte_t *parent = NULL;
    cte_t *zombie = top;
    /* Each step walks the whole chain: its length is the nesting depth of
     * CNodes whose only caps sit inside each other (docs/capabilities.md). */
    for (;;) {
        uint64_t n = cap_zombie_get_number(zombie->cap);
        if (n == 0) {
            cdt_empty_slot(zombie); /* fully reduced: the object is gone */
            if (parent != NULL) {
                zombie_count_down(parent);
            }
            return;
        }
        cte_t *last = (cte_t *)cap_get_ptr(zombie->cap) + (n - 1);
        if (last == top && zombie != top) {
            /* top lies inside this zombie's object (a TCB whose CSpace is
             * being deleted held its own last cap). Were the object to go
             * first, top would be a live slot in freed memory, and a
             * preemption now would leave it there. Swap: top takes this
             * zombie (a cycle, reduced next), and the zombie top held is
             * parked inside its own chain, where revoking its untyped
             * finishes it. */
            cte_swap(top->cap, top, zombie->cap, zombie);
            return;
        }
        if (last == top || cte_is_empty(last)) {
            /* Nothing to do there (a zombie's own slot is emptied when it
             * reaches zero). */
            zombie_count_down(zombie);
            return;
        }
        if (cap_get_type(last->cap) != CAP_ZOMBIE) {
            finalised_t done = finalise_or_zombify(last);
            if (done == EMPTIED) {
                zombie_count_down(zombie);
            }
            if (done != ZOMBIE_LEFT) {
                return; /* interrupted: the caller's preemption point stops */
            }
        }
        parent = zombie;
        zombie = last;
    }
}

exception_t cte_delete(cte_t *slot)
{
    while (!cte_is_empty(slot)) {
        if (cap_get_type(slot->cap) != CAP_ZOMBIE) {
            finalised_t done = finalise_or_zombify(slot);
            if (done == EMPTIED) {
                return EXCEPTION_NONE;
            }
            if (done == INTERRUPTED) {
                return EXCEPTION_PREEMPTED;
            }
        }
        zombie_step(slot);
        if (!cte_is_empty(slot) && preemption_point() != EXCEPTION_NONE) {
            return EXCEPTION_PREEMPTED;
        }
    }
    return EXCEPTION_NONE;
}

exception_t cte_revoke(cte_t *slot)
{
    for (cte_t *child = mdb_next(slot); child != NULL && cdt_is_parent_of(slot, child);
         child = mdb_next(slot)) {
        exception_t status = cte_delete(child);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        if (preemption_point() != EXCEPTION_NONE) {
            return EXCEPTION_PREEMPTED;
        }
    }
    return EXCEPTION_NONE;
}
