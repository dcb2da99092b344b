/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel diagnostics on the debug console, and the one way to stop on a bug. */
#pragma once

#include <util.h>

void printk(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Prints "cairn: PANIC: ..." and halts the system with a failure status. */
NORETURN void kernel_panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* A check of something the kernel's own logic guarantees: a debug kernel
 * panics with the message when it fails; a release kernel (no
 * CAIRN_DEBUG_BUILD) compiles it out, condition and all. */
#ifdef CAIRN_DEBUG_BUILD
#define kernel_assert(condition, message)                                          \
    do {                                                                           \
        if (!(condition)) {                                                        \
            kernel_panic("assertion failed: %s", message);                         \
        }                                                                          \
    } while (0)
#else
#define kernel_assert(condition, message) ((void)sizeof(condition))
#endif
