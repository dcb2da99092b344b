/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host stand-ins for the kernel functions the capability-core sources call
 * (kernel_stubs.c), and the knobs the tests turn on them: the console is
 * captured, preemption points can be made to fire every nth time,
 * arch_zero_memory() clears with memset and logs each call, and the calls
 * into the thread and IPC code (not compiled into these tests) are logged.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Everything printk() and user_error() wrote since the last clear. */
void stub_console_clear(void);
const char *stub_console_text(void);
bool stub_console_contains(const char *text);

/* From now on preemption_point() sees a pending interrupt on every nth
 * call (n = 0: never). Resets both counters below. */
void stub_preempt_every(unsigned n);
unsigned stub_preemption_points(void); /* calls since stub_preempt_every() */
unsigned stub_preemptions(void);       /* those that reported an interrupt */

/* Makes preemption_test_hook() (the kernel's test seam) return on. */
void stub_preemption_hook(bool on);

/* arch_zero_memory() calls since the last clear. */
typedef struct stub_zero_call {
    void *p;
    size_t bytes;
} stub_zero_call_t;
#define STUB_ZERO_LOG_MAX 64
void stub_zero_log_clear(void);
size_t stub_zero_calls(void); /* may exceed STUB_ZERO_LOG_MAX; only the first are kept */
stub_zero_call_t stub_zero_call(size_t i);


/* Calls made into the thread, IPC and FPU code: thread_suspend,
 * notification_unbind, endpoint_cancel_all, notification_cancel_all,
 * endpoint_cancel_badged_sends, arch_fpu_forget. Counted by function name
 * and the object passed (NULL: any object). */
void stub_calls_clear(void);
unsigned stub_calls(const char *function, const void *object);
