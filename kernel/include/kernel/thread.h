/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads. A TCB holds the saved user registers (first, so the entry code can
 * treat a TCB pointer as a context pointer), the address space the thread
 * runs in and its scheduling state. The TCB object proper, with its
 * invocations and the scheduler, grows from here in the threads issue.
 */
#pragma once

#include <arch/aarch64/context.h>
#include <object/cte.h>
#include <types.h>
#include <util.h>

typedef enum thread_state {
    THREAD_INACTIVE = 0, /* never started, or stopped */
    THREAD_RUNNING,
} thread_state_t;

#define THREAD_NAME_MAX 16

/* The capability slots every TCB owns (seL4's TCB CNode). */
enum tcb_slot {
    TCB_CTABLE = 0,   /* root of the thread's CSpace */
    TCB_VTABLE,       /* its VSpace */
    TCB_IPC_BUFFER,   /* the frame holding its IPC buffer */
    TCB_REPLY,        /* reply cap (non-MCS) */
    TCB_CALLER,       /* caller's reply cap while serving a Call */
    TCB_SLOT_COUNT
};

typedef struct tcb {
    user_context_t context;
    cte_t slots[TCB_SLOT_COUNT];
    thread_state_t state;
    paddr_t vspace_root; /* physical address of the level-0 table */
    uint16_t asid;
    vaddr_t ipc_buffer;  /* user address of the IPC buffer */
    char name[THREAD_NAME_MAX];
} tcb_t;

_Static_assert(__builtin_offsetof(tcb_t, context) == 0, "entry code relies on it");
_Static_assert(__builtin_offsetof(tcb_t, slots) % 16 == 0, "zombies point at the slots");

/* The thread's IPC buffer as the kernel sees it, or NULL if it has none. */
struct seL4_IPCBuffer_ *thread_ipc_buffer(const tcb_t *thread);

/* The thread that runs (or last ran) at EL0. */
extern tcb_t *ks_current_thread;

/* Stops a thread for good (until something restarts it); reason is printed. */
void thread_stop(tcb_t *thread, const char *reason);

/* Leaves the kernel: to the current thread if it can run, else to idle. */
NORETURN void schedule_and_return(void);
