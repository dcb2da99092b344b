/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small printf-style formatter with no libc: it writes through a callback,
 * so the kernel (to the UART) and user programs (through seL4_DebugPutChar)
 * share one implementation. Supports %d %i %u %x %X %p %s %c %%, the length
 * modifiers l, ll and z, a field width and the '0' and '-' flags.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_putc_fn)(char c, void *context);

/* Returns the number of characters written. */
size_t format_vprint(format_putc_fn putc, void *context, const char *fmt, va_list args);

/* Formats into buf (always NUL-terminated when size > 0); returns the length
 * the full output would have had. */
size_t format_snprint(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
