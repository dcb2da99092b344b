/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Endpoints and notifications (seL4 manual, "IPC" and "Notifications").
 * An endpoint is a queue of threads all sending or all receiving; 16 bytes:
 * head and tail pointers, the state in the tail word's low bits (TCBs are
 * 2 KiB aligned). A notification is a word of badges plus a queue of
 * waiters and the TCB bound to it; 32 bytes.
 */
#pragma once

#include <kernel/errors.h>
#include <kernel/thread.h>
#include <sel4/constants.h>

typedef enum { EP_IDLE = 0, EP_SEND = 1, EP_RECV = 2 } endpoint_state_t;

typedef struct endpoint {
    uint64_t head;       /* tcb_t * */
    uint64_t tail_state; /* tcb_t * | endpoint_state_t */
} endpoint_t;

_Static_assert(sizeof(endpoint_t) == (1 << seL4_EndpointBits), "endpoint size");

typedef enum { NTFN_IDLE = 0, NTFN_WAITING = 1, NTFN_ACTIVE = 2 } notification_state_t;

typedef struct notification {
    uint64_t head;       /* tcb_t * */
    uint64_t tail_state; /* tcb_t * | notification_state_t */
    uint64_t badges;     /* signals not yet received, OR-ed */
    uint64_t bound;      /* tcb_t * bound to it, or 0 */
} notification_t;

_Static_assert(sizeof(notification_t) == (1 << seL4_NotificationBits), "notification size");

/* IPC (kernel/src/object/endpoint.c). */
void endpoint_send(endpoint_t *ep, tcb_t *sender, word_t badge, bool can_grant,
                   bool can_grant_reply, bool blocking, bool is_call);
void endpoint_receive(endpoint_t *ep, tcb_t *receiver, bool can_grant, bool blocking);
/* Deleting the object: every queued thread is restarted (and finds the cap
 * gone), one per preemption step: EXCEPTION_PREEMPTED means call again. */
exception_t endpoint_cancel_all(endpoint_t *ep);
/* Restarts the senders blocked with this badge; preemptible between them
 * (EXCEPTION_PREEMPTED: the system call restarts and goes on). */
exception_t endpoint_cancel_badged_sends(endpoint_t *ep, word_t badge);
void endpoint_remove_thread(endpoint_t *ep, tcb_t *thread);

/* Replies: the Reply half of Call (kernel/src/object/endpoint.c). */
void reply_from(tcb_t *replier, bool can_grant_reply);
/* The reply through a reply cap in any slot (a saved caller). */
void reply_through(tcb_t *replier, cte_t *slot, bool can_grant_reply);
void reply_delete_caller_cap(tcb_t *thread);

/* Notifications (kernel/src/object/notification.c). */
void notification_signal(notification_t *ntfn, word_t badge);
void notification_wait(notification_t *ntfn, tcb_t *thread, bool blocking);
exception_t notification_cancel_all(notification_t *ntfn); /* likewise */
void notification_remove_thread(notification_t *ntfn, tcb_t *thread);
void notification_bind(notification_t *ntfn, tcb_t *thread);
void notification_unbind(tcb_t *thread);
/* A bound notification's pending signal, delivered to a receiving thread;
 * false when there is none. */
bool notification_take_bound(tcb_t *thread);

/* The message transfer between two threads (kernel/src/kernel/ipc.c). */
void ipc_transfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool can_grant, tcb_t *receiver);
