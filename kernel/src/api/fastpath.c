// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fast path. The vector enters each function with the thread's registers
 * saved in its TCB. Each is a straight line: check every condition under
 * which the slow path could do something different (any failure hands the
 * call to the slow path), then move at most four message words, fix the two
 * threads' states, the endpoint and the reply cap, and return to the other
 * thread. Conditions, for both: no caps, at most seL4_FastMessageRegisters
 * words, the other thread at least as important as this one and in the same
 * domain, no fault message involved.
 *
 * Every instruction here is paid twice per round trip, so the code tests
 * whole fields where it can (see docs/performance.md for the counts).
 */
#include <kernel/fastpath.h>

#include <arch/aarch64/user_return.h>
#include <kernel/cspace.h>
#include <object/cdt.h>
#include <object/endpoint.h>
#include <object/tcb_queue.h>
#include <sel4/faults.h>
#include <sel4/message_info.h>

/* The low nine bits of seL4_MessageInfo: extraCaps [8:7] and length [6:0].
 * No caps and a short message is one unsigned comparison. */
#define INFO_CAPS_AND_LENGTH 0x1ffUL
#define INFO_LENGTH ((1UL << seL4_MsgLengthBits) - 1)
/* What the receiver's info keeps: the label and the length (no caps, none
 * unwrapped). */
#define INFO_LABEL_AND_LENGTH (~0xf80UL)

_Static_assert(seL4_MsgExtraCapBits == 2 && seL4_MsgLengthBits == 7, "info layout");
_Static_assert(seL4_FastMessageRegisters == 4, "copy_message moves four at most");
_Static_assert(EP_SEND == 1 && EP_IDLE == 0 && EP_RECV == 2, "tail_state bit 0 means senders");

static ALWAYS_INLINE bool register_message(word_t info)
{
    return (info & INFO_CAPS_AND_LENGTH) <= seL4_FastMessageRegisters;
}

static ALWAYS_INLINE bool same_domain(const tcb_t *a, const tcb_t *b)
{
#if CAIRN_NUM_DOMAINS > 1
    return a->domain == b->domain;
#else
    (void)a;
    (void)b;
    return true;
#endif
}

/* The message words x2..x5, then badge and info. A cascade rather than a
 * loop: the empty message, the common case, costs one test. */
static ALWAYS_INLINE void copy_message(const tcb_t *from, tcb_t *to, word_t info, word_t badge)
{
    word_t length = info & INFO_LENGTH;
    const word_t *src = &from->context.x[2];
    word_t *dst = &to->context.x[2];
    if (length != 0) {
        dst[0] = src[0];
        if (length > 1) {
            dst[1] = src[1];
            if (length > 2) {
                dst[2] = src[2];
                if (length > 3) {
                    dst[3] = src[3];
                }
            }
        }
    }
    to->context.x[0] = badge;
    to->context.x[1] = info & INFO_LABEL_AND_LENGTH;
}

/* The reply cap leaves the caller slot. It is the only child of the
 * caller's reply master, so there is normally nothing after it in the CDT,
 * and then unlinking it is all cdt_empty_slot would do. */
static ALWAYS_INLINE void remove_reply_cap(cte_t *slot)
{
    cte_t *prev = mdb_prev(slot);
    if (unlikely(prev == NULL || mdb_next(slot) != NULL)) {
        cdt_empty_slot(slot);
        return;
    }
    prev->mdb_next = 0;
    slot->cap = cap_null();
    slot->mdb_prev = 0;
    slot->mdb_next = 0;
}

static ALWAYS_INLINE NORETURN void switch_to(tcb_t *next)
{
    next->state_word = THREAD_RUNNING; /* and pc_written_while_blocked = false */
    ks_current_thread = next;
    arch_return_to_user(next);
}

typedef NORETURN void (*slow_path_t)(tcb_t *thread);

/* The slot the thread's x0 names, or the slow path when the lookup fails or
 * the message is not a register message. The one-level case is spelt out
 * so that it needs no NULL test. */
static ALWAYS_INLINE const cte_t *lookup_or_decline(tcb_t *thread, word_t info, slow_path_t decline)
{
    cap_t root = thread->slots[TCB_CTABLE].cap;
    word_t cptr = thread->context.x[0];
    if (likely(cspace_is_one_level(root))) {
        if (unlikely(!register_message(info) || !cspace_one_level_guard_ok(root, cptr))) {
            decline(thread);
        }
        return cspace_one_level_slot(root, cptr);
    }
    const cte_t *slot = cspace_walk(root, cptr);
    if (!register_message(info) || slot == NULL) {
        decline(thread);
    }
    return slot;
}

void fastpath_call(tcb_t *caller)
{
    word_t info = caller->context.x[1];
    const cte_t *slot = lookup_or_decline(caller, info, slowpath_call);
    cap_t ep_cap = slot->cap;
    if (unlikely(cap_get_type(ep_cap) != CAP_ENDPOINT || !cap_endpoint_get_can_send(ep_cap) ||
                 !(cap_endpoint_get_can_grant(ep_cap) || cap_endpoint_get_can_grant_reply(ep_cap)))) {
        slowpath_call(caller);
    }
    endpoint_t *ep = cap_get_ptr(ep_cap);
    tcb_t *dest = queue_head(ep->head);
    if (unlikely(queue_state(ep->tail_state) != EP_RECV || dest->priority < caller->priority ||
                 !same_domain(dest, caller) ||
                 cap_get_type(caller->slots[TCB_REPLY].cap) != CAP_REPLY ||
                 !cte_is_empty(&dest->slots[TCB_CALLER]))) {
        slowpath_call(caller);
    }
    /* Commit: dest leaves the head of the endpoint's queue... */
    tcb_t *second = dest->queue_next;
    ep->head = (uint64_t)(uintptr_t)second;
    if (unlikely(second != NULL)) {
        second->queue_prev = NULL;
    } else {
        ep->tail_state = EP_IDLE; /* no tail */
    }
    dest->queue_next = NULL;
    /* ...the caller waits for the reply, through a reply cap that dest
     * holds as the only child of the caller's reply master. */
    caller->state = THREAD_BLOCKED_ON_REPLY;
    cap_t reply = cap_reply_set_can_grant(cap_new(CAP_REPLY, caller), dest->ipc_can_grant);
    cdt_insert_new(&caller->slots[TCB_REPLY], &dest->slots[TCB_CALLER], reply, false);
    copy_message(caller, dest, info, cap_endpoint_get_badge(ep_cap));
    switch_to(dest);
}

void fastpath_reply_recv(tcb_t *thread)
{
    word_t info = thread->context.x[1];
    const cte_t *slot = lookup_or_decline(thread, info, slowpath_reply_recv);
    cte_t *caller_slot = &thread->slots[TCB_CALLER];
    cap_t ep_cap = slot->cap;
    if (unlikely(cap_get_type(ep_cap) != CAP_ENDPOINT || !cap_endpoint_get_can_receive(ep_cap) ||
                 cap_get_type(caller_slot->cap) != CAP_REPLY)) {
        slowpath_reply_recv(thread);
    }
    endpoint_t *ep = cap_get_ptr(ep_cap);
    tcb_t *caller = cap_get_ptr(caller_slot->cap);
    const notification_t *bound = thread->bound_notification;
    if (unlikely((ep->tail_state & EP_SEND) != 0 ||
                 (bound != NULL && queue_state(bound->tail_state) == NTFN_ACTIVE) ||
                 caller->state != THREAD_BLOCKED_ON_REPLY ||
                 caller->fault.type != seL4_Fault_NullFault ||
                 caller->priority < thread->priority || !same_domain(caller, thread))) {
        slowpath_reply_recv(thread);
    }
    /* Commit: this thread waits on the endpoint, the caller gets the reply. */
    thread->blocked_on = ep;
    thread->ipc_can_grant = cap_endpoint_get_can_grant(ep_cap);
    thread->state = THREAD_BLOCKED_ON_RECEIVE;
    /* The queue is empty or has receivers: append, state EP_RECV. */
    tcb_t *tail = (tcb_t *)(uintptr_t)(ep->tail_state & ~QUEUE_STATE_MASK);
    thread->queue_prev = tail;
    thread->queue_next = NULL;
    if (unlikely(tail != NULL)) {
        tail->queue_next = thread;
    } else {
        ep->head = (uint64_t)(uintptr_t)thread;
    }
    ep->tail_state = (uint64_t)(uintptr_t)thread | EP_RECV;
    remove_reply_cap(caller_slot);
    copy_message(thread, caller, info, 0);
    switch_to(caller);
}
