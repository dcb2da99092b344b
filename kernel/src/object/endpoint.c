// SPDX-License-Identifier: BSD-2-Clause
/*
 * Endpoint IPC (seL4 manual, "IPC"): a send meets a waiting receiver or
 * queues; a receive meets a waiting sender or queues. A Call also leaves
 * the receiver a reply cap in its caller slot and blocks the caller until
 * the reply, which is the only way the caller can be resumed with a message.
 */
#include <object/endpoint.h>

#include <kernel/preemption.h>

#include <kernel/faults.h>
#include <kernel/sched.h>
#include <object/cdt.h>
#include <object/tcb_queue.h>

static tcb_t *first_waiter(endpoint_t *ep)
{
    return queue_head(ep->head);
}

static void take_waiter(endpoint_t *ep, tcb_t *t)
{
    queue_remove(&ep->head, &ep->tail_state, t);
    if (ep->head == 0) {
        queue_set_state(&ep->tail_state, EP_IDLE);
    }
}

/* The caller waits for the reply; the receiver holds a reply cap for it,
 * derived from the caller's master reply cap. */
static void setup_caller_cap(tcb_t *caller, tcb_t *receiver, bool can_grant)
{
    cte_t *master = &caller->slots[TCB_REPLY];
    if (cap_get_type(master->cap) != CAP_REPLY) {
        /* The master is an original with no parent, made on first use. */
        cap_t cap = cap_reply_set_master(cap_new(CAP_REPLY, caller), 1);
        master->cap = cap_reply_set_can_grant(cap, 1);
        master->mdb_prev = MDB_REVOCABLE | MDB_FIRST_BADGED;
        master->mdb_next = 0;
    }
    thread_set_state(caller, THREAD_BLOCKED_ON_REPLY);
    cte_t *slot = &receiver->slots[TCB_CALLER];
    cdt_empty_slot(slot);
    cap_t reply = cap_reply_set_can_grant(cap_new(CAP_REPLY, caller), can_grant);
    cdt_insert_new(master, slot, reply, false);
}

/* A Call through a cap with neither Grant nor GrantReply: the message went,
 * but nobody can reply. As on seL4 the caller stops where it stood before
 * the call, so that a Resume makes the call again. */
static void stop_ungranted_caller(tcb_t *caller)
{
    thread_rewind_syscall(caller);
    thread_set_state(caller, THREAD_INACTIVE);
}

void endpoint_send(endpoint_t *ep, tcb_t *sender, word_t badge, bool can_grant,
                   bool can_grant_reply, bool blocking, bool is_call)
{
    if (queue_state(ep->tail_state) != EP_RECV) {
        if (blocking) {
            sender->blocked_on = ep;
            sender->ipc_badge = badge;
            sender->ipc_can_grant = can_grant;
            sender->ipc_can_grant_reply = can_grant_reply;
            sender->ipc_is_call = is_call;
            thread_set_state(sender, THREAD_BLOCKED_ON_SEND);
            queue_append(&ep->head, &ep->tail_state, sender);
            queue_set_state(&ep->tail_state, EP_SEND);
        }
        return;
    }
    tcb_t *receiver = first_waiter(ep);
    take_waiter(ep, receiver);
    ipc_transfer(sender, ep, badge, can_grant, receiver);
    bool reply_grant = receiver->ipc_can_grant;
    thread_set_state(receiver, THREAD_RUNNING);
    sched_possible_switch_to(receiver);
    if (is_call) {
        if (can_grant || can_grant_reply) {
            setup_caller_cap(sender, receiver, reply_grant);
        } else {
            stop_ungranted_caller(sender);
        }
    }
}

void endpoint_receive(endpoint_t *ep, tcb_t *receiver, bool can_grant, bool blocking)
{
    if (notification_take_bound(receiver)) {
        return;
    }
    if (queue_state(ep->tail_state) != EP_SEND) {
        if (blocking) {
            receiver->blocked_on = ep;
            receiver->ipc_can_grant = can_grant;
            thread_set_state(receiver, THREAD_BLOCKED_ON_RECEIVE);
            queue_append(&ep->head, &ep->tail_state, receiver);
            queue_set_state(&ep->tail_state, EP_RECV);
        } else {
            receiver->context.x[0] = 0; /* seL4: no badge, no message */
            receiver->context.x[1] = 0;
        }
        return;
    }
    tcb_t *sender = first_waiter(ep);
    take_waiter(ep, sender);
    ipc_transfer(sender, ep, sender->ipc_badge, sender->ipc_can_grant, receiver);
    if (sender->ipc_is_call) {
        if (sender->ipc_can_grant || sender->ipc_can_grant_reply) {
            setup_caller_cap(sender, receiver, can_grant);
        } else {
            stop_ungranted_caller(sender);
        }
    } else {
        thread_set_state(sender, THREAD_RUNNING);
        sched_possible_switch_to(sender);
    }
}

void endpoint_remove_thread(endpoint_t *ep, tcb_t *thread)
{
    take_waiter(ep, thread);
}

/* Deleting an endpoint: everyone queued retries its system call (and finds
 * the cap gone), as seL4 restarts them. */
exception_t endpoint_cancel_all(endpoint_t *ep)
{
    tcb_t *t;
    while ((t = first_waiter(ep)) != NULL) {
        take_waiter(ep, t);
        thread_rewind_syscall(t);
        t->fault.type = seL4_Fault_NullFault; /* it faults again if it was faulting */
        thread_set_state(t, THREAD_RUNNING);
        sched_enqueue(t);
        if (first_waiter(ep) != NULL && preemption_point() != EXCEPTION_NONE) {
            sched_reschedule();
            return EXCEPTION_PREEMPTED;
        }
    }
    sched_reschedule();
    return EXCEPTION_NONE;
}

exception_t endpoint_cancel_badged_sends(endpoint_t *ep, word_t badge)
{
    if (queue_state(ep->tail_state) != EP_SEND) {
        return EXCEPTION_NONE;
    }
    tcb_t *t = first_waiter(ep);
    while (t != NULL) {
        tcb_t *next = t->queue_next;
        if (t->ipc_badge == badge) {
            take_waiter(ep, t);
            thread_rewind_syscall(t);
            t->fault.type = seL4_Fault_NullFault;
            thread_set_state(t, THREAD_RUNNING);
            sched_enqueue(t);
            /* One thread per step: a restart rescans from the head, where
             * only senders with other badges are left before the rest. */
            if (next != NULL && preemption_point() != EXCEPTION_NONE) {
                sched_reschedule();
                return EXCEPTION_PREEMPTED;
            }
        }
        t = next;
    }
    sched_reschedule();
    return EXCEPTION_NONE;
}

void reply_delete_caller_cap(tcb_t *thread)
{
    cdt_empty_slot(&thread->slots[TCB_CALLER]);
}

void reply_from(tcb_t *replier, bool can_grant_reply)
{
    reply_through(replier, &replier->slots[TCB_CALLER], can_grant_reply);
}

void reply_through(tcb_t *replier, cte_t *slot, bool can_grant_reply)
{
    if (cap_get_type(slot->cap) != CAP_REPLY) {
        return; /* nobody to reply to: seL4 ignores the reply */
    }
    tcb_t *caller = cap_get_ptr(slot->cap);
    bool can_grant = cap_reply_get_can_grant(slot->cap) && can_grant_reply;
    cdt_empty_slot(slot);
    if (caller->state != THREAD_BLOCKED_ON_REPLY) {
        return;
    }
    if (caller->fault.type != seL4_Fault_NullFault) {
        fault_reply(caller, replier);
        return;
    }
    ipc_transfer(replier, NULL, 0, can_grant, caller);
    thread_set_state(caller, THREAD_RUNNING);
    sched_possible_switch_to(caller);
}
