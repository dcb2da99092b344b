// SPDX-License-Identifier: BSD-2-Clause
/* printf over seL4_DebugPutChar, one system call per character. */
#include <rootserver/debug_print.h>

#include <lib/format.h>
#include <sel4/sel4.h>

static void putc_debug(char c, void *context)
{
    (void)context;
    seL4_DebugPutChar(c);
}

int vprintf(const char *fmt, va_list args)
{
    return (int)format_vprint(putc_debug, NULL, fmt, args);
}

int printf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vprintf(fmt, args);
    va_end(args);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s);
}
