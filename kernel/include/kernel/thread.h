/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads. A TCB holds the saved user registers (first, so the entry code can
 * treat a TCB pointer as a context pointer), its five capability slots (CSpace
 * and VSpace roots, IPC buffer frame, reply caps), what it is blocked on,
 * its queue links and scheduling parameters, and its FP/SIMD registers.
 * Its methods are in object/tcb.c; the scheduler in kernel/sched.c.
 */
#pragma once

#include <arch/aarch64/context.h>
#include <arch/aarch64/fpu.h>
#include <object/cte.h>
#include <types.h>
#include <util.h>

typedef enum thread_state {
    THREAD_INACTIVE = 0,            /* never started, suspended or stopped */
    THREAD_RUNNING,                 /* runnable */
    THREAD_BLOCKED_ON_RECEIVE,      /* in an endpoint's queue, receiving */
    THREAD_BLOCKED_ON_SEND,         /* in an endpoint's queue, sending (or faulting) */
    THREAD_BLOCKED_ON_REPLY,        /* made a Call; waits for the reply */
    THREAD_BLOCKED_ON_NOTIFICATION, /* in a notification's queue */
} thread_state_t;

/* A fault being delivered or waiting for its reply (seL4_Fault_* labels). */
typedef struct fault {
    word_t type; /* seL4_Fault_NullFault when none */
    word_t words[6];
} fault_t;

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

struct endpoint;
struct notification;

typedef struct tcb {
    user_context_t context;
    /* TTBR0 for the VTable slot, valid while ttbr0_epoch == arch_cpu.vspace_epoch. */
    uint64_t ttbr0;
    uint64_t ttbr0_epoch;
    cte_t slots[TCB_SLOT_COUNT];
    union {
        struct {
            thread_state_t state;
            /* WriteRegisters/CopyRegisters gave this blocked thread a new
             * pc: taken out of its system call, it starts there rather
             * than at the svc. Cleared by every state change. */
            bool pc_written_while_blocked;
        };
        /* Both at once, for the fast path's wake-up: one store. */
        uint64_t state_word;
    };
    /* What it is blocked on and the send it is making (seL4's thread state). */
    void *blocked_on;
    word_t ipc_badge;
    bool ipc_can_grant;
    bool ipc_can_grant_reply;
    bool ipc_is_call;
    fault_t fault;
    /* Queues: the ready queue, or an endpoint's or notification's. */
    struct tcb *sched_prev;
    struct tcb *sched_next;
    bool in_ready_queue;
    struct tcb *queue_prev;
    struct tcb *queue_next;
    uint8_t priority;
    uint8_t mcp;
    uint8_t domain;
    word_t time_slice; /* timer ticks left */
    word_t fault_handler; /* cptr of the fault endpoint, in its own CSpace */
    struct notification *bound_notification;
    word_t flags; /* seL4_TCBFlag_* */
    vaddr_t ipc_buffer; /* user address of the IPC buffer */
    char name[THREAD_NAME_MAX];
    word_t fpu_eager; /* switches left with FP/SIMD moved eagerly */
    fpu_state_t fpu;
} tcb_t;

_Static_assert(__builtin_offsetof(tcb_t, context) == 0, "entry code relies on it");
_Static_assert(__builtin_offsetof(tcb_t, slots) % 16 == 0, "zombies point at the slots");
_Static_assert(sizeof(thread_state_t) == 4 &&
                   __builtin_offsetof(tcb_t, pc_written_while_blocked) ==
                       __builtin_offsetof(tcb_t, state) + 4,
               "state_word: state in the low half, the flag in the byte above it");

/* The thread's IPC buffer as the kernel sees it, or NULL if it has none. */
struct seL4_IPCBuffer_ *thread_ipc_buffer(const tcb_t *thread);

/* A thread taken out of a system call it was blocked in makes it again
 * (unless it was given a new pc meanwhile: then it starts there). */
void thread_rewind_syscall(tcb_t *thread);

/* Waiting in a system call or on a fault's reply (not running, not stopped). */
bool thread_is_blocked(const tcb_t *thread);

/* The thread that runs (or last ran) at EL0. */
extern tcb_t *ks_current_thread;

static inline bool thread_is_runnable(const tcb_t *thread)
{
    return thread->state == THREAD_RUNNING;
}

/* Stops a thread for good (until something restarts it); reason is printed. */
void thread_stop(tcb_t *thread, const char *reason);

/* Makes a thread runnable (and a candidate to run next) or stops it. */
void thread_set_state(tcb_t *thread, thread_state_t state);

/* Takes a thread out of whatever IPC it is blocked in (suspend, delete). */
void thread_cancel_ipc(tcb_t *thread);

/* Stops a thread (seL4 Suspend) / starts it from its current registers. */
void thread_suspend(tcb_t *thread);
void thread_resume(tcb_t *thread);

/* Leaves the kernel: picks who runs (scheduler) and returns to it at EL0,
 * or idles until an interrupt makes someone runnable. */
NORETURN void schedule_and_return(void);
