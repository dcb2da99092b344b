// SPDX-License-Identifier: BSD-2-Clause
/*
 * The invariants of threads and the queues they wait in, on the live state
 * (kernel/invariants.h). Threads, endpoints and notifications are found
 * through their caps in the derivation tree, which the tree check has just
 * found sound:
 *
 *   - a thread blocked on an endpoint or a notification points at it, is in
 *     its queue, and the queue's state says so (senders, receivers,
 *     waiters);
 *   - every queue is a well-linked list of threads whose state and
 *     blocked_on match it; an empty queue is idle (or an active
 *     notification), a non-empty one is not;
 *   - a runnable thread other than the running one is in a ready queue;
 *   - a bound notification and its thread point at each other.
 */
#include <kernel/invariants.h>

#include <object/cdt.h>
#include <object/endpoint.h>
#include <object/tcb_queue.h>

#define QUEUE_LIMIT (1UL << 24) /* longer than RAM holds: a cycle */

static bool queue_holds(uint64_t head, const tcb_t *thread)
{
    word_t steps = 0;
    for (const tcb_t *t = queue_head(head); t != NULL && steps < QUEUE_LIMIT;
         t = t->queue_next, steps++) {
        if (t == thread) {
            return true;
        }
    }
    return false;
}

/* A queue of threads each in `state` and blocked on `object`. */
static void check_queue(uint64_t head, uint64_t tail_state, thread_state_t state,
                        const void *object)
{
    const tcb_t *prev = NULL;
    const tcb_t *t = queue_head(head);
    word_t steps = 0;
    for (; t != NULL; prev = t, t = t->queue_next) {
        if (++steps > QUEUE_LIMIT) {
            invariant_report("a wait queue does not end (a cycle)", object);
            return;
        }
        if (t->queue_prev != prev) {
            invariant_report("a thread in a wait queue does not point back", t);
        }
        if (t->state != state) {
            invariant_report("a thread in a wait queue is in another state", t);
        }
        if (t->blocked_on != object) {
            invariant_report("a thread in a wait queue is blocked on something else", t);
        }
    }
    if ((uint64_t)(uintptr_t)prev != (tail_state & ~QUEUE_STATE_MASK)) {
        invariant_report("a wait queue's tail is not its last thread", object);
    }
}

static void check_endpoint(const endpoint_t *ep)
{
    unsigned state = queue_state(ep->tail_state);
    if ((state == EP_IDLE) != (ep->head == 0) || state > EP_RECV) {
        invariant_report("an endpoint's state does not match its queue", ep);
    }
    check_queue(ep->head, ep->tail_state,
                state == EP_SEND ? THREAD_BLOCKED_ON_SEND : THREAD_BLOCKED_ON_RECEIVE, ep);
}

static void check_notification(const notification_t *ntfn)
{
    unsigned state = queue_state(ntfn->tail_state);
    if ((state == NTFN_WAITING) != (ntfn->head != 0) || state > NTFN_ACTIVE) {
        invariant_report("a notification's state does not match its queue", ntfn);
    }
    check_queue(ntfn->head, ntfn->tail_state, THREAD_BLOCKED_ON_NOTIFICATION, ntfn);
    const tcb_t *bound = (const tcb_t *)(uintptr_t)ntfn->bound;
    if (bound != NULL && bound->bound_notification != ntfn) {
        invariant_report("a notification's bound thread is bound elsewhere", ntfn);
    }
}

static void check_thread(const tcb_t *t)
{
    switch (t->state) {
    case THREAD_BLOCKED_ON_SEND:
    case THREAD_BLOCKED_ON_RECEIVE: {
        const endpoint_t *ep = t->blocked_on;
        unsigned want = t->state == THREAD_BLOCKED_ON_SEND ? EP_SEND : EP_RECV;
        if (ep == NULL || queue_state(ep->tail_state) != want || !queue_holds(ep->head, t)) {
            invariant_report("a thread blocked on an endpoint is not in its queue", t);
        }
        break;
    }
    case THREAD_BLOCKED_ON_NOTIFICATION: {
        const notification_t *ntfn = t->blocked_on;
        if (ntfn == NULL || queue_state(ntfn->tail_state) != NTFN_WAITING ||
            !queue_holds(ntfn->head, t)) {
            invariant_report("a thread blocked on a notification is not in its queue", t);
        }
        break;
    }
    case THREAD_INACTIVE:
    case THREAD_RUNNING:
    case THREAD_BLOCKED_ON_REPLY:
        break; /* blocked_on means nothing in these states */
    default:
        invariant_report("a thread in no known state", t);
        break;
    }
    if (t->state == THREAD_RUNNING && t != ks_current_thread && !t->in_ready_queue) {
        invariant_report("a runnable thread is in no ready queue", t);
    }
    if (t->bound_notification != NULL &&
        (const tcb_t *)(uintptr_t)t->bound_notification->bound != t) {
        invariant_report("a thread's bound notification is bound to another", t);
    }
}

void thread_check_invariants(void)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        switch (cap_get_type(s->cap)) {
        case CAP_THREAD:
            check_thread(cap_get_ptr(s->cap));
            break;
        case CAP_ENDPOINT:
            check_endpoint(cap_get_ptr(s->cap));
            break;
        case CAP_NOTIFICATION:
            check_notification(cap_get_ptr(s->cap));
            break;
        default:
            break;
        }
    }
}
