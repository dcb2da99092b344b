// SPDX-License-Identifier: BSD-2-Clause
/* The pending system-call error and lookup fault, and their setters. */
#include <kernel/errors.h>

#include <kernel/printk.h>
#include <kernel/thread.h>
#include <lib/format.h>
#include <plat.h>
#include <stdarg.h>

syscall_error_t ks_syscall_error;
lookup_fault_t ks_lookup_fault;

/* Field by field: a struct literal would clear all seven words, through a
 * call to memset. Each type's reply reads only the fields its setter writes
 * (invocation.c), so only the argument and cap numbers need zeros here, for
 * seL4_InvalidArgument and seL4_InvalidCapability recorded without one. */
exception_t syscall_error(seL4_Error type)
{
    ks_syscall_error.type = type;
    ks_syscall_error.invalid_argument = 0;
    ks_syscall_error.invalid_cap = 0;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t syscall_error_argument(seL4_Error type, word_t argument)
{
    (void)syscall_error(type);
    ks_syscall_error.invalid_argument = argument;
    ks_syscall_error.invalid_cap = argument;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t syscall_error_range(word_t min, word_t max)
{
    (void)syscall_error(seL4_RangeError);
    ks_syscall_error.range_min = min;
    ks_syscall_error.range_max = max;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t syscall_error_memory(word_t bytes_left)
{
    (void)syscall_error(seL4_NotEnoughMemory);
    ks_syscall_error.memory_left = bytes_left;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t syscall_error_lookup(bool was_source)
{
    (void)syscall_error(seL4_FailedLookup);
    ks_syscall_error.lookup_was_source = was_source;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t lookup_fault(seL4_LookupFailureType type, word_t bits_left, word_t bits_found,
                         word_t guard_found)
{
    ks_lookup_fault.type = type;
    ks_lookup_fault.bits_left = bits_left;
    ks_lookup_fault.bits_found = bits_found;
    ks_lookup_fault.guard_found = guard_found;
    return EXCEPTION_LOOKUP_FAULT;
}

#ifdef CAIRN_USER_ERRORS
static void console_putc(char c, void *context)
{
    (void)context;
    if (c == '\n') {
        plat_console_putc('\r');
    }
    plat_console_putc(c);
}

void user_error(const char *fmt, ...)
{
    va_list args;
    printk("cairn: '%s': ", ks_current_thread != NULL ? ks_current_thread->name : "kernel");
    va_start(args, fmt);
    format_vprint(console_putc, NULL, fmt, args);
    va_end(args);
    printk("\n");
}
#endif
