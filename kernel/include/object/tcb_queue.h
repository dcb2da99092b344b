/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The FIFO of threads an endpoint or notification keeps: a head word and a
 * tail word whose low two bits hold the object's state (TCBs are 2 KiB
 * aligned, so those bits of a TCB pointer are always zero).
 */
#pragma once

#include <kernel/thread.h>

#define QUEUE_STATE_MASK 3UL

static inline tcb_t *queue_head(uint64_t head)
{
    return (tcb_t *)(uintptr_t)head;
}

static inline unsigned queue_state(uint64_t tail_state)
{
    return (unsigned)(tail_state & QUEUE_STATE_MASK);
}

static inline void queue_set_state(uint64_t *tail_state, unsigned state)
{
    *tail_state = (*tail_state & ~QUEUE_STATE_MASK) | state;
}

static ALWAYS_INLINE void queue_append(uint64_t *head, uint64_t *tail_state, tcb_t *t)
{
    tcb_t *tail = (tcb_t *)(uintptr_t)(*tail_state & ~QUEUE_STATE_MASK);
    t->queue_next = NULL;
    t->queue_prev = tail;
    if (tail != NULL) {
        tail->queue_next = t;
    } else {
        *head = (uint64_t)(uintptr_t)t;
    }
    *tail_state = (uint64_t)(uintptr_t)t | (*tail_state & QUEUE_STATE_MASK);
}

static inline void queue_remove(uint64_t *head, uint64_t *tail_state, tcb_t *t)
{
    if (t->queue_prev != NULL) {
        t->queue_prev->queue_next = t->queue_next;
    } else {
        *head = (uint64_t)(uintptr_t)t->queue_next;
    }
    if (t->queue_next != NULL) {
        t->queue_next->queue_prev = t->queue_prev;
    } else {
        *tail_state = (uint64_t)(uintptr_t)t->queue_prev | (*tail_state & QUEUE_STATE_MASK);
    }
    t->queue_prev = t->queue_next = NULL;
}
