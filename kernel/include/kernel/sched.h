/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scheduler: 256 priorities, each a FIFO ready queue, found through a
 * two-level bitmap (one bit per non-empty queue, one word per 64 queues);
 * round-robin within a priority by time slices of the kernel timer. The
 * running thread is never in a ready queue. Domains: one, as seL4's default
 * configuration (seL4_NumDomains).
 */
#pragma once

#include <kernel/thread.h>

#define SCHED_PRIORITIES 256
#define SCHED_TIME_SLICE_TICKS 5
#define SCHED_TICK_US 2000

/* Ready queues. */
void sched_enqueue(tcb_t *thread);      /* at the head of its priority */
void sched_append(tcb_t *thread);       /* at the tail */
void sched_dequeue(tcb_t *thread);
tcb_t *sched_highest(void);             /* NULL when nothing is ready */

/* A thread just became runnable: run it now if it outranks the current
 * thread, otherwise queue it. */
void sched_possible_switch_to(tcb_t *thread);

/* The current thread should give way (yield, time slice, priority change,
 * it blocked): choose again before returning to user level. */
void sched_reschedule(void);

/* One timer tick for the current thread. */
void sched_tick(void);

/* Decides who runs next; afterwards ks_current_thread is that thread, or
 * NULL to idle. */
void sched_choose(void);
