/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf for root tasks, through seL4_DebugPutChar (debug kernels). Formats
 * with the same small formatter the kernel uses: %d %i %u %x %p %s %c, the
 * l/ll/z modifiers, widths and the 0 and - flags.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list args);
int puts(const char *s);
