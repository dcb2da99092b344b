/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel diagnostics on the debug console, and the one way to stop on a bug. */
#pragma once

#include <util.h>

void printk(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Prints "cairn: PANIC: ..." and halts the system with a failure status. */
NORETURN void kernel_panic(const char *fmt, ...) PRINTF_LIKE(1, 2);
