// SPDX-License-Identifier: BSD-2-Clause
/*
 * Notifications (seL4 manual, "Notifications"): a word of badges OR-ed
 * together by Signal and collected (and cleared) by Wait or Poll. A thread
 * bound to a notification also receives its signals while it waits on an
 * endpoint.
 */
#include <object/endpoint.h>

#include <kernel/preemption.h>

#include <kernel/sched.h>
#include <object/tcb_queue.h>

static void wake(tcb_t *t, word_t badge)
{
    t->context.x[0] = badge;
    t->context.x[1] = 0;
    thread_set_state(t, THREAD_RUNNING);
    sched_possible_switch_to(t);
}

void notification_signal(notification_t *ntfn, word_t badge)
{
    switch (queue_state(ntfn->tail_state)) {
    case NTFN_IDLE: {
        tcb_t *bound = (tcb_t *)(uintptr_t)ntfn->bound;
        if (bound != NULL && bound->state == THREAD_BLOCKED_ON_RECEIVE) {
            thread_cancel_ipc(bound); /* its endpoint receive ends with the signal */
            wake(bound, badge);
        } else {
            ntfn->badges = badge;
            queue_set_state(&ntfn->tail_state, NTFN_ACTIVE);
        }
        break;
    }
    case NTFN_WAITING: {
        tcb_t *t = queue_head(ntfn->head);
        notification_remove_thread(ntfn, t);
        wake(t, badge);
        break;
    }
    default: /* active: accumulate */
        ntfn->badges |= badge;
        break;
    }
}

void notification_wait(notification_t *ntfn, tcb_t *thread, bool blocking)
{
    if (queue_state(ntfn->tail_state) == NTFN_ACTIVE) {
        thread->context.x[0] = ntfn->badges;
        thread->context.x[1] = 0;
        ntfn->badges = 0;
        queue_set_state(&ntfn->tail_state, NTFN_IDLE);
        return;
    }
    if (!blocking) {
        thread->context.x[0] = 0; /* Poll of an idle notification: badge 0 */
        thread->context.x[1] = 0;
        return;
    }
    thread->blocked_on = ntfn;
    thread_set_state(thread, THREAD_BLOCKED_ON_NOTIFICATION);
    queue_append(&ntfn->head, &ntfn->tail_state, thread);
    queue_set_state(&ntfn->tail_state, NTFN_WAITING);
}

void notification_remove_thread(notification_t *ntfn, tcb_t *thread)
{
    queue_remove(&ntfn->head, &ntfn->tail_state, thread);
    if (ntfn->head == 0) {
        queue_set_state(&ntfn->tail_state, NTFN_IDLE);
    }
}

exception_t notification_cancel_all(notification_t *ntfn)
{
    tcb_t *t;
    while ((t = queue_head(ntfn->head)) != NULL) {
        notification_remove_thread(ntfn, t);
        thread_rewind_syscall(t); /* retry the wait, and find the cap gone */
        thread_set_state(t, THREAD_RUNNING);
        sched_enqueue(t);
        if (ntfn->head != 0 && preemption_point() != EXCEPTION_NONE) {
            sched_reschedule();
            return EXCEPTION_PREEMPTED;
        }
    }
    tcb_t *bound = (tcb_t *)(uintptr_t)ntfn->bound;
    if (bound != NULL) {
        notification_unbind(bound);
    }
    sched_reschedule();
    return EXCEPTION_NONE;
}

void notification_bind(notification_t *ntfn, tcb_t *thread)
{
    ntfn->bound = (uint64_t)(uintptr_t)thread;
    thread->bound_notification = ntfn;
}

void notification_unbind(tcb_t *thread)
{
    notification_t *ntfn = thread->bound_notification;
    if (ntfn != NULL) {
        ntfn->bound = 0;
        thread->bound_notification = NULL;
    }
}

bool notification_take_bound(tcb_t *thread)
{
    notification_t *ntfn = thread->bound_notification;
    if (ntfn == NULL || queue_state(ntfn->tail_state) != NTFN_ACTIVE) {
        return false;
    }
    notification_wait(ntfn, thread, false);
    return true;
}
