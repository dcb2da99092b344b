/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads in the root task's own address space and CSpace: rs_thread_create()
 * builds one, rs_thread_start() lets it run fn(arg), rs_thread_destroy()
 * stops it and gives its memory back.
 *
 * Each thread gets what the root task's runtime gives the root task, but its
 * own: a TCB, a stack, a TLS block (cairn/tls.h) and an IPC buffer, so that
 * errno, every __thread variable and every libsel4 call (seL4_SetMR, the
 * stubs, through the thread-local __sel4_ipc_buffer) are the thread's own.
 * They live in a window of the root task's VSpace that belongs to the thread
 * alone, one top-level (512 GiB) entry per thread:
 *
 *   window + 0                 IPC buffer, one page
 *   window + 4 KiB             guard page, never mapped
 *   window + 8 KiB             stack_pages pages of stack; the TLS block
 *                              sits at their top and sp starts just below it
 *
 * The windows start at RS_THREAD_WINDOWS, far from the image (0x40_0000),
 * the loader's scratch page (RS_ENV_SCRATCH_VADDR) and anything else the
 * library maps in the root task's VSpace. As the window's page tables are
 * the thread's alone, everything of a thread (TCB, frames, page tables)
 * comes from an arena of its own (untyped.h): destroying it is one revoke,
 * and rs_ut_free_bytes() reads as before it was created.
 *
 * The thread starts in a trampoline that calls fn(arg), stores the result,
 * marks the thread finished, signals config->notify (if given) and suspends
 * itself. The rs_thread_t must stay where it is while the thread exists:
 * the thread reads and writes it. Like the rest of the library, call these
 * functions from one thread at a time (the root task's).
 */
#pragma once

#include <rootserver/env.h>

#define RS_THREAD_WINDOWS 0x400000000000UL  /* the first thread window */
#define RS_THREAD_WINDOW_BITS 39            /* 512 GiB: one top-level entry each */
#define RS_THREAD_MAX 64                    /* windows, so threads at a time */
#define RS_THREAD_MAX_STACK_PAGES 256       /* 1 MiB: the window's mapped part stays in 2 MiB */

typedef seL4_Word (*rs_thread_fn_t)(seL4_Word arg);

typedef struct rs_thread_config {
    rs_thread_fn_t fn;
    seL4_Word arg;
    seL4_Word priority;    /* must be <= the root task's MCP */
    seL4_CPtr fault_ep;    /* root-CNode CPtr, 0 for none */
    seL4_CPtr notify;      /* notification signalled when fn returns, 0 for none */
    seL4_Word stack_pages; /* 0: 4 */
} rs_thread_config_t;

typedef struct rs_thread {
    rs_env_t *env;
    rs_arena_t arena;        /* every object of the thread */
    rs_vspace_t mapper;      /* the root VSpace, for the window's tables */
    seL4_CPtr tcb;           /* root-CNode caps */
    seL4_CPtr ipc_frame;
    seL4_IPCBuffer *ipc_buffer; /* its addresses, in the root task's VSpace */
    seL4_Word stack_low;
    seL4_Word stack_top;     /* sp at entry */
    seL4_Word tls_base;      /* its thread pointer (TPIDR_EL0) */
    rs_thread_fn_t fn;
    seL4_Word arg;
    seL4_CPtr notify;
    volatile seL4_Word result; /* fn's result, once finished */
    const char *failed;      /* which step failed, NULL if none */
    seL4_Error error;        /* and its error */
    unsigned window;         /* index of its window */
    volatile bool finished;
} rs_thread_t;

/* The window of thread window `index`: its IPC buffer's address. */
static inline seL4_Word rs_thread_window(unsigned index)
{
    return RS_THREAD_WINDOWS + ((seL4_Word)index << RS_THREAD_WINDOW_BITS);
}

/* Builds a thread from config (nothing runs until rs_thread_start). On
 * failure t->failed names the step, everything made so far is destroyed,
 * and the error is the kernel's (seL4_RangeError for a priority above the
 * root task's MCP), seL4_NotEnoughMemory when memory, slots or windows ran
 * out, or seL4_InvalidArgument / seL4_RangeError for a missing fn or too
 * many stack pages. */
seL4_Error rs_thread_create(rs_thread_t *t, rs_env_t *env, const rs_thread_config_t *config);

/* Resumes the thread. */
seL4_Error rs_thread_start(rs_thread_t *t);

/* Whether fn has returned (t->result then holds what it returned). */
bool rs_thread_finished(const rs_thread_t *t);

/* Waits on config->notify until fn has returned; seL4_InvalidArgument if
 * the thread has no notification. */
seL4_Error rs_thread_join(rs_thread_t *t);

/* Stops the thread (finished or not), destroys its objects, which unmaps
 * its window, and gives its untypeds, slots and window back. */
seL4_Error rs_thread_destroy(rs_thread_t *t);
