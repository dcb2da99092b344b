/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads. A TCB holds the saved user registers (first, so the entry code can
 * treat a TCB pointer as a context pointer), the address space the thread
 * runs in and its scheduling state. The TCB object proper, with its
 * invocations and the scheduler, grows from here in the threads issue.
 */
#pragma once

#include <arch/aarch64/context.h>
#include <types.h>
#include <util.h>

typedef enum thread_state {
    THREAD_INACTIVE = 0, /* never started, or stopped */
    THREAD_RUNNING,
} thread_state_t;

#define THREAD_NAME_MAX 16

typedef struct tcb {
    user_context_t context;
    thread_state_t state;
    paddr_t vspace_root; /* physical address of the level-0 table */
    uint16_t asid;
    char name[THREAD_NAME_MAX];
} tcb_t;

_Static_assert(__builtin_offsetof(tcb_t, context) == 0, "entry code relies on it");

/* The thread that runs (or last ran) at EL0. */
extern tcb_t *ks_current_thread;

/* Stops a thread for good (until something restarts it); reason is printed. */
void thread_stop(tcb_t *thread, const char *reason);

/* Leaves the kernel: to the current thread if it can run, else to idle. */
NORETURN void schedule_and_return(void);
