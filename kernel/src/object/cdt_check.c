// SPDX-License-Identifier: BSD-2-Clause
/*
 * The derivation tree's invariants, checked on demand (debug system call
 * cairn_DebugCheckInvariants). A fuzzer sees only what user level sees; a
 * cap outside the tree, or a tree link into freed memory, is invisible until
 * it is exploited. This walk finds both:
 *
 *   1. the list from cdt_head is well formed: every entry holds a cap, and
 *      its neighbours point back at it;
 *   2. every entry lives in memory that is still an object: a slot of a
 *      CNode or TCB whose cap (or zombie) is itself in the list, or one of
 *      the kernel's IRQ notification slots;
 *   3. every cap inside such a CNode or TCB is in the list: walking back
 *      from it reaches cdt_head, or a TCB's reply master (the reply trees
 *      are the one kind of list that starts elsewhere, cdt.h).
 *
 * It costs a walk of the list per entry, so it is for tests, not for the
 * paths of a running system.
 */
#include <object/cdt.h>

#include <kernel/interrupt.h>
#include <kernel/printk.h>
#include <kernel/thread.h>

#define LIST_LIMIT (1UL << 24) /* longer than any list RAM can hold: a cycle */
#define REPORT_LIMIT 16        /* violations printed; all are counted */

typedef struct checker {
    word_t violations;
} checker_t;

static void violation(checker_t *c, const char *what, const cte_t *slot)
{
    if (c->violations < REPORT_LIMIT) {
        printk("cairn: invariant: %s: slot %p, cap type %u\n", what, (const void *)slot,
               (unsigned)cap_get_type(slot->cap));
    }
    c->violations++;
}

/* The slots a CNode, TCB or zombie cap names, as [*first, *first + *count). */
static bool container_slots(cap_t cap, cte_t **first, word_t *count)
{
    switch (cap_get_type(cap)) {
    case CAP_CNODE:
        *first = cap_get_ptr(cap);
        *count = 1UL << cap_cnode_get_radix(cap);
        return true;
    case CAP_THREAD:
        *first = ((tcb_t *)cap_get_ptr(cap))->slots;
        *count = TCB_SLOT_COUNT;
        return true;
    case CAP_ZOMBIE:
        *first = cap_get_ptr(cap);
        *count = cap_zombie_get_type(cap) == ZOMBIE_TCB ? TCB_SLOT_COUNT
                                                        : 1UL << cap_zombie_get_type(cap);
        return true;
    default:
        return false;
    }
}

/* The slot lies inside a CNode or TCB that a cap in the list names. */
static bool has_live_home(const cte_t *slot)
{
    if (interrupt_is_notification_slot(slot)) {
        return true;
    }
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        cte_t *first;
        word_t count;
        if (container_slots(s->cap, &first, &count) && slot >= first && slot < first + count) {
            return true;
        }
    }
    return false;
}

static bool is_reply_master(const cte_t *slot)
{
    return cap_get_type(slot->cap) == CAP_REPLY && cap_reply_get_master(slot->cap);
}

/* Walking back from slot ends at cdt_head or at a reply master. */
static bool reaches_a_head(const cte_t *slot)
{
    const cte_t *s = slot;
    for (word_t steps = 0; steps < LIST_LIMIT; steps++) {
        const cte_t *prev = mdb_prev(s);
        if (prev == NULL) {
            return s == &cdt_head || is_reply_master(s);
        }
        s = prev;
    }
    return false;
}

static void check_list(checker_t *c)
{
    word_t length = 0;
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (++length > LIST_LIMIT) {
            violation(c, "the list does not end (a cycle)", s);
            return;
        }
        if (cap_get_type(s->cap) == CAP_NULL) {
            violation(c, "an empty slot in the list", s);
        }
        const cte_t *next = mdb_next(s);
        if (next != NULL && mdb_prev(next) != s) {
            violation(c, "the next entry does not point back", s);
        }
        if (!has_live_home(s)) {
            violation(c, "a cap in memory that is no CNode or TCB any more", s);
        }
    }
}

/* Every cap inside the containers the list names is in the list. */
static void check_contents(checker_t *c)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        cte_t *first;
        word_t count;
        if (!container_slots(s->cap, &first, &count)) {
            continue;
        }
        for (word_t i = 0; i < count; i++) {
            const cte_t *inner = &first[i];
            if (cap_get_type(inner->cap) != CAP_NULL && !reaches_a_head(inner)) {
                violation(c, "a cap outside the derivation tree", inner);
            }
        }
    }
}

word_t cdt_check_invariants(void)
{
    checker_t c = { 0 };
    check_list(&c);
    if (c.violations == 0) {
        check_contents(&c); /* needs a list that ends */
    }
    if (c.violations > REPORT_LIMIT) {
        printk("cairn: invariant: %lu violations in all\n", c.violations);
    }
    return c.violations;
}
