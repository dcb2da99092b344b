/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's invariants, checked on the live state on demand (the debug
 * system call cairn_DebugCheckInvariants; docs/robustness.md §2). Each
 * check reports what it finds through invariant_report(); the total is the
 * call's result. For tests: every check walks whole structures.
 */
#pragma once

#include <types.h>

/* Every check below, in order; returns how many violations were found. */
word_t kernel_check_invariants(void);

/* One broken invariant: printed (up to a limit) and counted. */
void invariant_report(const char *what, const void *where);

/* Threads, endpoint and notification queues, bound notifications
 * (object/thread_check.c). */
void thread_check_invariants(void);

/* Reply masters, reply caps and their callers (object/reply_check.c). */
void reply_check_invariants(void);

/* The ready queues and their bitmaps (kernel/sched.c). */
void sched_check_invariants(void);

/* Objects aligned, inside their untypeds, below the watermark, disjoint
 * (object/untyped_check.c). */
void untyped_check_invariants(void);

/* The ASID table, and every entry of every user page table accounted for
 * by a cap (arch/aarch64/vspace_check.c). */
void vspace_check_invariants(void);
