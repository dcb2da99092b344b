// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fast path. Each function is a straight line: check every condition
 * under which the slow path could do something different (any failure
 * returns to it), then move at most four message words, fix the two
 * threads' states, the endpoint and the reply cap, and switch directly.
 * Conditions, for both: no caps, at most seL4_FastMessageRegisters words,
 * the other thread at least as important as this one and with a valid
 * VSpace, no fault message involved.
 */
#include <kernel/fastpath.h>

#include <arch.h>
#include <kernel/cspace.h>
#include <kernel/sched.h>
#include <object/cdt.h>
#include <object/endpoint.h>
#include <object/tcb_queue.h>
#include <sel4/faults.h>
#include <sel4/message_info.h>

static bool vspace_valid(const tcb_t *t)
{
    cap_t vspace = t->slots[TCB_VTABLE].cap;
    return cap_get_type(vspace) == CAP_VSPACE && cap_vspace_get_mapped(vspace);
}

static bool register_message(seL4_MessageInfo_t info)
{
    return seL4_MessageInfo_get_extraCaps(info) == 0 &&
           seL4_MessageInfo_get_length(info) <= seL4_FastMessageRegisters;
}

/* The endpoint cap at cptr, if the lookup succeeds and it is one. */
static inline __attribute__((always_inline)) bool endpoint_at(const tcb_t *t, word_t cptr, cap_t *cap)
{
    const cte_t *slot = cspace_lookup_fast(t->slots[TCB_CTABLE].cap, cptr);
    if (slot == NULL) {
        return false;
    }
    *cap = slot->cap;
    return cap_get_type(*cap) == CAP_ENDPOINT;
}

static void copy_message(const tcb_t *from, tcb_t *to, seL4_MessageInfo_t info, word_t badge)
{
    word_t length = seL4_MessageInfo_get_length(info);
    for (word_t i = 0; i < length; i++) {
        to->context.x[2 + i] = from->context.x[2 + i];
    }
    to->context.x[0] = badge;
    to->context.x[1] = seL4_MessageInfo_new(seL4_MessageInfo_get_label(info), 0, 0, length).words[0];
}

static NORETURN void switch_to(tcb_t *next)
{
    next->state = THREAD_RUNNING;
    ks_current_thread = next;
    arch_enter_user(next);
}

void fastpath_call(tcb_t *caller)
{
    seL4_MessageInfo_t info = { { caller->context.x[1] } };
    cap_t ep_cap;
    if (!register_message(info) || !endpoint_at(caller, caller->context.x[0], &ep_cap) ||
        !cap_endpoint_get_can_send(ep_cap) ||
        !(cap_endpoint_get_can_grant(ep_cap) || cap_endpoint_get_can_grant_reply(ep_cap))) {
        return;
    }
    endpoint_t *ep = cap_get_ptr(ep_cap);
    tcb_t *dest = queue_head(ep->head);
    if (queue_state(ep->tail_state) != EP_RECV || dest->priority < caller->priority ||
        dest->domain != caller->domain || !vspace_valid(dest) ||
        cap_get_type(caller->slots[TCB_REPLY].cap) != CAP_REPLY ||
        !cte_is_empty(&dest->slots[TCB_CALLER])) {
        return;
    }
    /* Commit: dest leaves the endpoint, caller waits for the reply. */
    queue_remove(&ep->head, &ep->tail_state, dest);
    if (ep->head == 0) {
        queue_set_state(&ep->tail_state, EP_IDLE);
    }
    caller->state = THREAD_BLOCKED_ON_REPLY;
    cap_t reply = cap_reply_set_can_grant(cap_new(CAP_REPLY, caller), dest->ipc_can_grant);
    cdt_insert_new(&caller->slots[TCB_REPLY], &dest->slots[TCB_CALLER], reply, false);
    copy_message(caller, dest, info, cap_endpoint_get_badge(ep_cap));
    switch_to(dest);
}

void fastpath_reply_recv(tcb_t *thread)
{
    seL4_MessageInfo_t info = { { thread->context.x[1] } };
    cap_t ep_cap;
    cte_t *caller_slot = &thread->slots[TCB_CALLER];
    if (!register_message(info) || !endpoint_at(thread, thread->context.x[0], &ep_cap) ||
        !cap_endpoint_get_can_receive(ep_cap) || cap_get_type(caller_slot->cap) != CAP_REPLY) {
        return;
    }
    endpoint_t *ep = cap_get_ptr(ep_cap);
    tcb_t *caller = cap_get_ptr(caller_slot->cap);
    const notification_t *bound = thread->bound_notification;
    if (queue_state(ep->tail_state) == EP_SEND ||
        (bound != NULL && queue_state(bound->tail_state) == NTFN_ACTIVE) ||
        caller->state != THREAD_BLOCKED_ON_REPLY || caller->fault.type != seL4_Fault_NullFault ||
        caller->priority < thread->priority || caller->domain != thread->domain ||
        !vspace_valid(caller)) {
        return;
    }
    /* Commit: this thread waits on the endpoint, the caller gets the reply. */
    thread->blocked_on = ep;
    thread->ipc_can_grant = cap_endpoint_get_can_grant(ep_cap);
    thread->state = THREAD_BLOCKED_ON_RECEIVE;
    queue_append(&ep->head, &ep->tail_state, thread);
    queue_set_state(&ep->tail_state, EP_RECV);
    cdt_empty_slot(caller_slot);
    copy_message(thread, caller, info, 0);
    switch_to(caller);
}
