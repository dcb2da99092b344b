/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helper threads for the thread, IPC and fault tests. Every helper lives in
 * the root task's address space and CSpace, with a stack, its own TLS block
 * (cairn/tls.h) and optionally its own IPC buffer, from a small static pool.
 * The root task runs at priority 255, so a helper (THREAD_PRIO unless told
 * otherwise) runs only while the root is blocked; threads_settle() lets
 * every helper run until it blocks.
 *
 * A helper created with an IPC buffer uses libsel4 as any thread does:
 * seL4_GetMR/SetMR, seL4_Call and the stubs reach its own buffer through
 * its own __sel4_ipc_buffer. A helper without one has the kernel pass only
 * the four register words; its __sel4_ipc_buffer names the root task's
 * buffer, so it must stay with the ...WithMRs calls.
 *
 * A watchdog thread at priority 1 ends every wait of the root task that
 * goes through thread_join() or threads_recv() after WATCHDOG_MS, so a
 * missing wake-up fails one case instead of hanging the image.
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>
#include <stdint.h>

#define THREAD_MAX 8
#define THREAD_STACK_BYTES 8192
#define THREAD_TLS_BYTES 512   /* a helper's TLS area (cairn_tls_area_size() or more) */
#define THREAD_PRIO 100        /* the helpers' usual priority */
#define ROOT_PRIO 255
#define SETTLE_PRIO 2          /* the root task's priority while it settles */
#define WATCHDOG_PRIO 1
#define WATCHDOG_MS 10000
#define TIMEOUT_LABEL 0xDEADUL /* label of the watchdog's message */

typedef seL4_Word (*thread_fn_t)(seL4_Word arg);

typedef struct test_thread {
    seL4_CPtr tcb;
    seL4_IPCBuffer *ipc; /* the thread's own IPC buffer, or NULL */
    void *stack_top;
    thread_fn_t fn;
    seL4_Word arg;
    volatile seL4_Word result;
    volatile bool finished;
    int slot; /* in the stack pool; -1 when not in use */
} test_thread_t;

/* Picks an untyped, creates the join notification and the watchdog. */
void threads_init(void);

/* A new kernel object of a fixed-size type in a fresh slot (0 on failure). */
seL4_CPtr threads_object(seL4_Word type);

/* A copy of src with the given rights and badge in a fresh slot (0 on failure). */
seL4_CPtr threads_mint(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge);

/* Copy or delete a root-CNode slot. */
seL4_CPtr threads_copy(seL4_CPtr src);
seL4_Error threads_delete(seL4_CPtr slot);

/* The frame cap (from bootinfo->userImageFrames) of the image page holding
 * addr; 0 if there is none. */
seL4_CPtr threads_frame_cap(const void *addr);

/* Creates a thread that will run fn(arg) at prio, with fault endpoint cptr
 * fault_ep (seL4_CapNull: none) and its own IPC buffer if ipc_buffer. It
 * does not run until thread_resume(). */
bool thread_create(test_thread_t *t, thread_fn_t fn, seL4_Word arg, seL4_Word prio,
                   seL4_CPtr fault_ep, bool ipc_buffer);
seL4_Error thread_resume(test_thread_t *t);
bool thread_start(test_thread_t *t, thread_fn_t fn, seL4_Word arg, seL4_Word prio,
                  seL4_CPtr fault_ep, bool ipc_buffer);

/* Waits until fn has returned; false when the watchdog fired first. */
bool thread_join(test_thread_t *t);

/* Deletes the thread (its TCB cap) and gives its stack back. */
void thread_destroy(test_thread_t *t);

/* Lets every helper above SETTLE_PRIO run until it blocks or ends. */
void threads_settle(void);

/* Receive on ep with the watchdog armed: the label is TIMEOUT_LABEL when it
 * fired. MR0-MR3 are in the root task's IPC buffer, as with seL4_Recv. */
seL4_MessageInfo_t threads_recv(seL4_CPtr ep, seL4_Word *badge);

/* The generic timer, readable at EL0. */
uint64_t threads_now_ms(void);

/* A helper that makes one system call on cap (MR0 = word, label 0x10) and
 * records what came back; with non-zero before/after it also traces those
 * events around the call. Run it with thread_start(t, op_run, &op, ...). */
enum thread_op { OP_CALL, OP_SEND, OP_RECV, OP_WAIT, OP_SIGNAL };

typedef struct op_thread {
    enum thread_op op;
    seL4_CPtr cap;
    seL4_Word word;
    seL4_Word before;
    seL4_Word after;
    volatile seL4_Word label;
    volatile seL4_Word badge;
    volatile seL4_Word got;
    volatile bool returned;
} op_thread_t;

seL4_Word op_run(seL4_Word arg);

/* A log of events written by threads in the order they happen. */
#define TRACE_MAX 64
void trace_reset(void);
void trace(seL4_Word event);
unsigned trace_count(void);
seL4_Word trace_at(unsigned i);
/* True if the log is exactly the given events. */
bool trace_is(const seL4_Word *events, unsigned count);

/* A pair of threads of one priority that spin, each counting how often it
 * sees the other make progress, until both have seen SPIN_SWITCHES switches
 * (or SPIN_MS passed, bounding a failing case: QEMU may deliver timer ticks
 * late on a busy host). Neither yields, so only preemption switches them.
 * Start thread i with spinner_main and argument i after spinners_prepare(). */
#define SPIN_SWITCHES 4
#define SPIN_MS 8000
void spinners_prepare(void);
seL4_Word spinner_main(seL4_Word index);
bool spinners_both_switched(void);
