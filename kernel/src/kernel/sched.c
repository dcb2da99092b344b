// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ready queues and the choice of the next thread (seL4 manual, "Scheduling").
 * Finding the highest ready priority costs two count-leading-zeros: the top
 * word says which 64-priority group has a ready thread, the group's word
 * says which priority.
 */
#include <kernel/sched.h>

static tcb_t *queue_head[SCHED_PRIORITIES];
static tcb_t *queue_tail[SCHED_PRIORITIES];
static uint64_t bitmap_top;
static uint64_t bitmap_group[SCHED_PRIORITIES / 64];

/* What the next exit from the kernel must do. */
static enum { RESUME_CURRENT, CHOOSE_NEW, SWITCH_TO } sched_action;
static tcb_t *sched_target;

static void mark_ready(unsigned prio)
{
    bitmap_group[prio / 64] |= 1UL << (prio % 64);
    bitmap_top |= 1UL << (prio / 64);
}

static void mark_empty(unsigned prio)
{
    bitmap_group[prio / 64] &= ~(1UL << (prio % 64));
    if (bitmap_group[prio / 64] == 0) {
        bitmap_top &= ~(1UL << (prio / 64));
    }
}

void sched_enqueue(tcb_t *t)
{
    if (t->in_ready_queue) {
        return;
    }
    unsigned p = t->priority;
    t->sched_prev = NULL;
    t->sched_next = queue_head[p];
    if (queue_head[p] != NULL) {
        queue_head[p]->sched_prev = t;
    } else {
        queue_tail[p] = t;
    }
    queue_head[p] = t;
    t->in_ready_queue = true;
    mark_ready(p);
}

void sched_append(tcb_t *t)
{
    if (t->in_ready_queue) {
        return;
    }
    unsigned p = t->priority;
    t->sched_next = NULL;
    t->sched_prev = queue_tail[p];
    if (queue_tail[p] != NULL) {
        queue_tail[p]->sched_next = t;
    } else {
        queue_head[p] = t;
    }
    queue_tail[p] = t;
    t->in_ready_queue = true;
    mark_ready(p);
}

void sched_dequeue(tcb_t *t)
{
    if (!t->in_ready_queue) {
        return;
    }
    unsigned p = t->priority;
    if (t->sched_prev != NULL) {
        t->sched_prev->sched_next = t->sched_next;
    } else {
        queue_head[p] = t->sched_next;
    }
    if (t->sched_next != NULL) {
        t->sched_next->sched_prev = t->sched_prev;
    } else {
        queue_tail[p] = t->sched_prev;
    }
    t->sched_prev = t->sched_next = NULL;
    t->in_ready_queue = false;
    if (queue_head[p] == NULL) {
        mark_empty(p);
    }
}

tcb_t *sched_highest(void)
{
    if (bitmap_top == 0) {
        return NULL;
    }
    unsigned group = 63 - (unsigned)__builtin_clzl(bitmap_top);
    unsigned prio = group * 64 + 63 - (unsigned)__builtin_clzl(bitmap_group[group]);
    return queue_head[prio];
}

void sched_reschedule(void)
{
    if (sched_action == SWITCH_TO && sched_target != NULL && thread_is_runnable(sched_target)) {
        sched_enqueue(sched_target); /* it loses the direct switch, not its turn */
    }
    sched_action = CHOOSE_NEW;
    sched_target = NULL;
}

void sched_possible_switch_to(tcb_t *t)
{
    tcb_t *cur = ks_current_thread;
    bool outranks = cur == NULL || !thread_is_runnable(cur) || t->priority > cur->priority;
    if (sched_action == RESUME_CURRENT && outranks) {
        sched_action = SWITCH_TO;
        sched_target = t;
    } else if (sched_action == SWITCH_TO && outranks && sched_target != NULL &&
               t->priority > sched_target->priority) {
        sched_enqueue(sched_target);
        sched_target = t;
    } else {
        sched_enqueue(t);
        if (outranks) {
            sched_reschedule();
        }
    }
}

void sched_tick(void)
{
    tcb_t *cur = ks_current_thread;
    if (cur == NULL || !thread_is_runnable(cur)) {
        return;
    }
    if (cur->time_slice > 1) {
        cur->time_slice--;
        return;
    }
    cur->time_slice = SCHED_TIME_SLICE_TICKS;
    sched_append(cur); /* round robin: to the back of its priority */
    sched_reschedule();
}

void sched_choose(void)
{
    tcb_t *cur = ks_current_thread;
    if (sched_action == RESUME_CURRENT && cur != NULL && thread_is_runnable(cur)) {
        return;
    }
    if (cur != NULL && thread_is_runnable(cur)) {
        sched_enqueue(cur); /* keeps its place at the head of its priority */
    }
    tcb_t *next = sched_highest();
    tcb_t *target = sched_target;
    if (sched_action == SWITCH_TO && target != NULL && thread_is_runnable(target)) {
        if (next == NULL || target->priority >= next->priority) {
            next = target;
        } else {
            sched_enqueue(target);
        }
    }
    if (next != NULL) {
        sched_dequeue(next);
    }
    ks_current_thread = next;
    sched_action = RESUME_CURRENT;
    sched_target = NULL;
}
