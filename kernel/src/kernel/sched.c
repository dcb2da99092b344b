// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ready queues and the choice of the next thread (seL4 manual, "Scheduling").
 * Finding the highest ready priority costs two count-leading-zeros: the top
 * word says which 64-priority group has a ready thread, the group's word
 * says which priority.
 */
#include <kernel/sched.h>
#include <kernel/gen_config.h>
#include <kernel/invariants.h>

/* What <kernel/gen_config.h> tells user level must stay true. */
_Static_assert(SCHED_TICK_US == CONFIG_TIMER_TICK_MS * 1000, "CONFIG_TIMER_TICK_MS");
_Static_assert(SCHED_TIME_SLICE_TICKS == CONFIG_TIME_SLICE, "CONFIG_TIME_SLICE");
_Static_assert(seL4_NumDomains == CONFIG_NUM_DOMAINS, "CONFIG_NUM_DOMAINS");

typedef struct ready_queues {
    tcb_t *head[SCHED_PRIORITIES];
    tcb_t *tail[SCHED_PRIORITIES];
    uint64_t bitmap_top;
    uint64_t bitmap_group[SCHED_PRIORITIES / 64];
} ready_queues_t;

static ready_queues_t ready[seL4_NumDomains];
static unsigned current_domain;
static unsigned domain_ticks_left = SCHED_DOMAIN_TICKS;

/* Whether a thread belongs to the domain whose turn it is (always, with one). */
static inline bool in_current_domain(const tcb_t *t)
{
    return seL4_NumDomains == 1 || t->domain == current_domain;
}

/* What the next exit from the kernel must do. */
static enum { RESUME_CURRENT, CHOOSE_NEW, SWITCH_TO } sched_action;
static tcb_t *sched_target;

static void mark_ready(ready_queues_t *q, unsigned prio)
{
    q->bitmap_group[prio / 64] |= 1UL << (prio % 64);
    q->bitmap_top |= 1UL << (prio / 64);
}

static void mark_empty(ready_queues_t *q, unsigned prio)
{
    q->bitmap_group[prio / 64] &= ~(1UL << (prio % 64));
    if (q->bitmap_group[prio / 64] == 0) {
        q->bitmap_top &= ~(1UL << (prio / 64));
    }
}

void sched_enqueue(tcb_t *t)
{
    if (t->in_ready_queue) {
        return;
    }
    ready_queues_t *q = &ready[seL4_NumDomains == 1 ? 0 : t->domain];
    unsigned p = t->priority;
    t->sched_prev = NULL;
    t->sched_next = q->head[p];
    if (q->head[p] != NULL) {
        q->head[p]->sched_prev = t;
    } else {
        q->tail[p] = t;
    }
    q->head[p] = t;
    t->in_ready_queue = true;
    mark_ready(q, p);
}

void sched_append(tcb_t *t)
{
    if (t->in_ready_queue) {
        return;
    }
    ready_queues_t *q = &ready[seL4_NumDomains == 1 ? 0 : t->domain];
    unsigned p = t->priority;
    t->sched_next = NULL;
    t->sched_prev = q->tail[p];
    if (q->tail[p] != NULL) {
        q->tail[p]->sched_next = t;
    } else {
        q->head[p] = t;
    }
    q->tail[p] = t;
    t->in_ready_queue = true;
    mark_ready(q, p);
}

void sched_dequeue(tcb_t *t)
{
    if (!t->in_ready_queue) {
        return;
    }
    ready_queues_t *q = &ready[seL4_NumDomains == 1 ? 0 : t->domain];
    unsigned p = t->priority;
    if (t->sched_prev != NULL) {
        t->sched_prev->sched_next = t->sched_next;
    } else {
        q->head[p] = t->sched_next;
    }
    if (t->sched_next != NULL) {
        t->sched_next->sched_prev = t->sched_prev;
    } else {
        q->tail[p] = t->sched_prev;
    }
    t->sched_prev = t->sched_next = NULL;
    t->in_ready_queue = false;
    if (q->head[p] == NULL) {
        mark_empty(q, p);
    }
}

/* The first thread of the highest ready priority in the current domain. */
static tcb_t *highest_ready(void)
{
    const ready_queues_t *q = &ready[seL4_NumDomains == 1 ? 0 : current_domain];
    if (q->bitmap_top == 0) {
        return NULL;
    }
    unsigned group = 63 - (unsigned)__builtin_clzl(q->bitmap_top);
    unsigned prio = group * 64 + 63 - (unsigned)__builtin_clzl(q->bitmap_group[group]);
    return q->head[prio];
}

unsigned sched_current_domain(void)
{
    return current_domain;
}

bool sched_anything_ready(void)
{
    for (unsigned d = 0; d < seL4_NumDomains; d++) {
        if (ready[d].bitmap_top != 0) {
            return true;
        }
    }
    return false;
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
    if (!in_current_domain(t)) {
        sched_enqueue(t); /* it runs in its domain's turn */
        return;
    }
    bool outranks = cur == NULL || !thread_is_runnable(cur) || t->priority > cur->priority;
    if (sched_action == RESUME_CURRENT && outranks) {
        sched_action = SWITCH_TO;
        sched_target = t;
    } else if (sched_action == SWITCH_TO && outranks && sched_target != NULL &&
               t->priority > sched_target->priority) {
        sched_enqueue(sched_target);
        sched_target = t;
    } else {
        /* Not switching to it: a peer of the running thread queues behind
         * the threads already waiting; anything else keeps its turn. */
        if (cur != NULL && thread_is_runnable(cur) && t->priority == cur->priority) {
            sched_append(t);
        } else {
            sched_enqueue(t);
        }
        if (outranks) {
            sched_reschedule();
        }
    }
}

void sched_tick(void)
{
    if (seL4_NumDomains > 1 && --domain_ticks_left == 0) {
        domain_ticks_left = SCHED_DOMAIN_TICKS;
        current_domain = current_domain + 1 < seL4_NumDomains ? current_domain + 1 : 0;
        sched_reschedule();
    }
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
    if (sched_action == RESUME_CURRENT && cur != NULL && thread_is_runnable(cur) &&
        in_current_domain(cur)) {
        return;
    }
    if (cur != NULL && thread_is_runnable(cur)) {
        sched_enqueue(cur); /* keeps its place at the head of its priority */
    }
    tcb_t *next = highest_ready();
    tcb_t *target = sched_target;
    if (sched_action == SWITCH_TO && target != NULL && thread_is_runnable(target) &&
        in_current_domain(target)) {
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

/* Moves a thread to another ready queue, then lets the scheduler choose. */
static void requeue(tcb_t *t, unsigned priority, unsigned domain)
{
    bool queued = t->in_ready_queue;
    sched_dequeue(t);
    t->priority = (uint8_t)priority;
    t->domain = (uint8_t)domain;
    if (queued) {
        sched_enqueue(t);
    }
    sched_reschedule();
}

void sched_set_domain(tcb_t *t, unsigned domain)
{
    requeue(t, t->priority, domain);
}

void sched_set_priority(tcb_t *t, unsigned priority)
{
    requeue(t, priority, t->domain);
}

#ifdef CAIRN_DEBUG_BUILD
/* The ready queues' invariants (kernel/invariants.h): a priority's bit is
 * set exactly when its queue has threads, a group's bit exactly when one of
 * its priorities' bits is; each queue is well linked and holds runnable
 * threads of its priority and domain, marked as queued; the running thread
 * is in none. Checked from a system call, so no switch is pending. */
void sched_check_invariants(void)
{
    for (unsigned d = 0; d < seL4_NumDomains; d++) {
        const ready_queues_t *q = &ready[d];
        for (unsigned p = 0; p < SCHED_PRIORITIES; p++) {
            bool bit = (q->bitmap_group[p / 64] >> (p % 64)) & 1;
            if (bit != (q->head[p] != NULL)) {
                invariant_report("a ready-queue bit does not match its queue", &q->head[p]);
            }
            const tcb_t *prev = NULL;
            word_t steps = 0;
            for (const tcb_t *t = q->head[p]; t != NULL; prev = t, t = t->sched_next) {
                if (++steps > (1UL << 24)) {
                    invariant_report("a ready queue does not end (a cycle)", &q->head[p]);
                    break;
                }
                if (t->sched_prev != prev || !t->in_ready_queue) {
                    invariant_report("a ready thread is badly linked", t);
                }
                if (t->priority != p || (seL4_NumDomains > 1 && t->domain != d)) {
                    invariant_report("a ready thread is in another priority's queue", t);
                }
                if (!thread_is_runnable(t)) {
                    invariant_report("a thread in a ready queue cannot run", t);
                }
                if (t == ks_current_thread) {
                    invariant_report("the running thread is in a ready queue", t);
                }
            }
            if (q->tail[p] != prev) {
                invariant_report("a ready queue's tail is not its last thread", &q->tail[p]);
            }
        }
        for (unsigned g = 0; g < SCHED_PRIORITIES / 64; g++) {
            if (((q->bitmap_top >> g) & 1) != (q->bitmap_group[g] != 0)) {
                invariant_report("a ready-queue group bit does not match its group", &q->bitmap_top);
            }
        }
    }
    if (sched_action != RESUME_CURRENT) {
        invariant_report("a switch is pending inside a system call", &sched_action);
    }
}
#endif
