/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scheduler: 256 priorities, each a FIFO ready queue, found through a
 * two-level bitmap (one bit per non-empty queue, one word per 64 queues);
 * round-robin within a priority by time slices of the kernel timer. The
 * running thread is never in a ready queue.
 *
 * Domains (seL4 manual, "Domains"): with seL4_NumDomains > 1 each domain has
 * its own ready queues and the domains take turns on a static schedule,
 * SCHED_DOMAIN_TICKS each, in order; only threads of the current domain run.
 */
#pragma once

#include <kernel/thread.h>
#include <sel4/constants.h>

#define SCHED_PRIORITIES 256
#define SCHED_TIME_SLICE_TICKS 5
#define SCHED_TICK_US 2000
#define SCHED_DOMAIN_TICKS 5

/* Ready queues (of the thread's own domain). */
void sched_enqueue(tcb_t *thread);      /* at the head of its priority */
void sched_append(tcb_t *thread);       /* at the tail */
void sched_dequeue(tcb_t *thread);

/* A thread just became runnable: run it now if it outranks the current
 * thread (and belongs to the current domain), otherwise queue it. */
void sched_possible_switch_to(tcb_t *thread);

/* The current thread should give way (yield, time slice, priority change,
 * it blocked): choose again before returning to user level. */
void sched_reschedule(void);

/* One timer tick: the current thread's slice and the domain's turn. */
void sched_tick(void);

/* Decides who runs next; afterwards ks_current_thread is that thread, or
 * NULL to idle. */
void sched_choose(void);

/* Moves a thread to another domain (seL4_DomainSet_Set) or priority. */
void sched_set_domain(tcb_t *thread, unsigned domain);
void sched_set_priority(tcb_t *thread, unsigned priority);

/* The domain whose turn it is (new threads start in it, as in seL4). */
unsigned sched_current_domain(void);

/* Some thread, in any domain, is ready to run. */
bool sched_anything_ready(void);
