// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reply caps and their callers (kernel/invariants.h). A reply cap is the
 * right to wake one particular caller once; these make sure it cannot
 * outlive the call or be duplicated:
 *
 *   - a TCB's reply slot is empty or holds that TCB's master, which starts
 *     a list of its own (the main list never holds reply caps);
 *   - a master has at most one reply cap after it, naming the same thread,
 *     and then that thread is waiting for a reply;
 *   - every other reply cap, in a caller slot or a CNode, follows the master
 *     of a live thread it names, and no master is found anywhere else.
 */
#include <kernel/invariants.h>

#include <object/cdt.h>
#include <kernel/thread.h>

static bool is_master(cap_t cap)
{
    return cap_get_type(cap) == CAP_REPLY && cap_reply_get_master(cap);
}

static bool thread_is_live(const tcb_t *thread)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        cap_type_t type = cap_get_type(s->cap);
        if (type == CAP_THREAD && cap_get_ptr(s->cap) == thread) {
            return true;
        }
        if (type == CAP_ZOMBIE && cap_zombie_get_type(s->cap) == ZOMBIE_TCB &&
            cap_get_ptr(s->cap) == thread->slots) {
            return true;
        }
    }
    return false;
}

/* A reply cap found in a caller slot or a CNode. */
static void check_reply_cap(const cte_t *slot)
{
    if (cap_get_type(slot->cap) != CAP_REPLY) {
        return;
    }
    if (is_master(slot->cap)) {
        invariant_report("a reply master outside its thread's reply slot", slot);
        return;
    }
    const tcb_t *caller = cap_get_ptr(slot->cap);
    if (!thread_is_live(caller)) {
        invariant_report("a reply cap to a thread that is gone", slot);
    } else if (mdb_prev(slot) != &caller->slots[TCB_REPLY]) {
        invariant_report("a reply cap that does not follow its caller's master", slot);
    }
}

static void check_master(const tcb_t *t)
{
    const cte_t *master = &t->slots[TCB_REPLY];
    if (cte_is_empty(master)) {
        if (mdb_next(master) != NULL) {
            invariant_report("an empty reply slot leads to a reply cap", t);
        }
        return;
    }
    if (!is_master(master->cap) || cap_get_ptr(master->cap) != t || mdb_prev(master) != NULL) {
        invariant_report("a reply slot holds something other than its thread's master", t);
        return;
    }
    const cte_t *reply = mdb_next(master);
    if (reply == NULL) {
        return;
    }
    if (cap_get_type(reply->cap) != CAP_REPLY || is_master(reply->cap) ||
        cap_get_ptr(reply->cap) != t || mdb_prev(reply) != master || mdb_next(reply) != NULL) {
        invariant_report("a reply master leads to something other than one reply cap", t);
    } else if (t->state != THREAD_BLOCKED_ON_REPLY) {
        invariant_report("a reply cap to a thread that is not waiting for a reply", t);
    }
}

static void check_cnode(cap_t cap)
{
    const cte_t *slots = cap_get_ptr(cap);
    word_t count = BIT(cap_cnode_get_radix(cap));
    for (word_t i = 0; i < count; i++) {
        check_reply_cap(&slots[i]);
    }
}

/* No cap before s in the list names the same object (copies of a cap are
 * usually side by side, but nothing forces it). */
static bool first_cap_to_object(const cte_t *s)
{
    for (const cte_t *t = mdb_next(&cdt_head); t != s; t = mdb_next(t)) {
        if (cap_get_type(t->cap) == cap_get_type(s->cap) &&
            cap_get_ptr(t->cap) == cap_get_ptr(s->cap)) {
            return false;
        }
    }
    return true;
}

static void check_thread(const tcb_t *t)
{
    const cte_t *caller = &t->slots[TCB_CALLER];
    check_master(t);
    if (!cte_is_empty(caller) && cap_get_type(caller->cap) != CAP_REPLY) {
        invariant_report("a caller slot holds something other than a reply cap", t);
    }
    check_reply_cap(caller);
}

void reply_check_invariants(void)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        switch (cap_get_type(s->cap)) {
        case CAP_REPLY:
            invariant_report("a reply cap in the main list", s);
            break;
        case CAP_THREAD:
            if (first_cap_to_object(s)) {
                check_thread(cap_get_ptr(s->cap));
            }
            break;
        case CAP_CNODE:
            if (first_cap_to_object(s)) {
                check_cnode(s->cap);
            }
            break;
        default:
            break;
        }
    }
}
