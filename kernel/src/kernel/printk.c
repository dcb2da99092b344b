// SPDX-License-Identifier: BSD-2-Clause
/* printk: formatted output to the debug console, "\n" sent as CR LF. */
#include <kernel/printk.h>

#include <arch.h>
#include <lib/format.h>
#include <plat.h>
#include <stdarg.h>

static void console_putc(char c, void *context)
{
    (void)context;
    if (c == '\n') {
        plat_console_putc('\r');
    }
    plat_console_putc(c);
}

void printk(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    format_vprint(console_putc, NULL, fmt, args);
    va_end(args);
}

void kernel_panic(const char *fmt, ...)
{
    va_list args;
    printk("cairn: PANIC: ");
    va_start(args, fmt);
    format_vprint(console_putc, NULL, fmt, args);
    va_end(args);
    printk("\n");
    arch_system_exit(1);
}
