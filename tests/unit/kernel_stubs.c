// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel functions the capability core (cspace.c, cdt.c, cte_ops.c,
 * objecttype.c, untyped.c, cnode.c, api/invocation.c, errors.c,
 * preemption.c) calls outside those files, for the host: the console goes
 * to a buffer the tests can read, preemption is under the tests' control,
 * memory is zeroed with memset (and logged), the thread and IPC operations
 * that deleting an object triggers are only logged, invocations meant for
 * other objects fail the test, and a kernel panic fails the running cmocka
 * test instead of halting.
 */
#include "kernel_stubs.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch.h>
#include <kernel/preemption.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <kernel/thread.h>
#include <lib/format.h>
#include <object/endpoint.h>
#include <arch/aarch64/vspace.h>
#include <object/invocation.h>
#include <plat.h>

/* --- Console ----------------------------------------------------------------- */

static char console[16384];
static size_t console_length;

void plat_console_putc(char c)
{
    if (console_length + 1 < sizeof(console)) {
        console[console_length++] = c;
        console[console_length] = '\0';
    }
    if (getenv("CAIRN_UNIT_CONSOLE") != NULL) {
        fputc(c, stderr);
    }
}

void stub_console_clear(void)
{
    console_length = 0;
    console[0] = '\0';
}

const char *stub_console_text(void)
{
    return console;
}

bool stub_console_contains(const char *text)
{
    return strstr(console, text) != NULL;
}

static void console_putc(char c, void *context)
{
    (void)context;
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
    char message[256];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    fail_msg("kernel_panic: %s", message);
    abort(); /* fail_msg does not return; this tells the compiler so */
}

/* --- Threads, IPC and system calls ------------------------------------------- */

tcb_t *ks_current_thread;

#define CALL_LOG_MAX 1024
static struct call {
    const char *function;
    const void *object;
} call_log[CALL_LOG_MAX];
static size_t call_count;

static void log_call(const char *function, const void *object)
{
    if (call_count < CALL_LOG_MAX) {
        call_log[call_count++] = (struct call){ function, object };
    }
}

void stub_calls_clear(void)
{
    call_count = 0;
}

unsigned stub_calls(const char *function, const void *object)
{
    unsigned n = 0;
    for (size_t i = 0; i < call_count; i++) {
        n += strcmp(call_log[i].function, function) == 0 &&
             (object == NULL || call_log[i].object == object);
    }
    return n;
}

void thread_suspend(tcb_t *thread)
{
    log_call("thread_suspend", thread);
}

void notification_unbind(tcb_t *thread)
{
    log_call("notification_unbind", thread);
}

exception_t endpoint_cancel_all(endpoint_t *ep)
{
    log_call("endpoint_cancel_all", ep);
    return EXCEPTION_NONE;
}

exception_t notification_cancel_all(notification_t *ntfn)
{
    log_call("notification_cancel_all", ntfn);
    return EXCEPTION_NONE;
}

exception_t endpoint_cancel_badged_sends(endpoint_t *ep, word_t badge)
{
    (void)badge;
    log_call("endpoint_cancel_badged_sends", ep);
    return EXCEPTION_NONE;
}

void arch_fpu_forget(const struct tcb *thread)
{
    log_call("arch_fpu_forget", thread);
}

/* Sending through an endpoint or notification cap, and the TCB and domain
 * decoders, are outside what these tests exercise. */
void endpoint_send(endpoint_t *ep, tcb_t *sender, word_t badge, bool can_grant,
                   bool can_grant_reply, bool blocking, bool is_call)
{
    (void)sender, (void)badge, (void)can_grant, (void)can_grant_reply, (void)blocking;
    (void)is_call;
    fail_msg("unexpected endpoint_send(%p)", (void *)ep);
}

void notification_signal(notification_t *ntfn, word_t badge)
{
    (void)badge;
    fail_msg("unexpected notification_signal(%p)", (void *)ntfn);
}

unsigned sched_current_domain(void)
{
    return 0;
}

void reply_through(tcb_t *replier, cte_t *slot, bool can_grant_reply)
{
    (void)replier, (void)can_grant_reply;
    fail_msg("unexpected reply_through(%p)", (void *)slot);
}

exception_t tcb_decode_invocation(invocation_t *inv)
{
    fail_msg("unexpected TCB invocation, label %lu", (unsigned long)inv->label);
    return EXCEPTION_NONE;
}

exception_t domain_decode_invocation(invocation_t *inv)
{
    fail_msg("unexpected DomainSet invocation, label %lu", (unsigned long)inv->label);
    return EXCEPTION_NONE;
}

void handle_cap_fault(tcb_t *thread, word_t cptr, bool in_receive)
{
    (void)thread;
    (void)in_receive;
    fail_msg("unexpected capability fault on cptr %#lx", (unsigned long)cptr);
}

/* --- Preemption -------------------------------------------------------------- */

static unsigned preempt_every;
static unsigned preemption_points;
static unsigned preemptions;
static bool hook_on;

void stub_preempt_every(unsigned n)
{
    preempt_every = n;
    preemption_points = 0;
    preemptions = 0;
}

unsigned stub_preemption_points(void)
{
    return preemption_points;
}

unsigned stub_preemptions(void)
{
    return preemptions;
}

void stub_preemption_hook(bool on)
{
    hook_on = on;
}

/* preemption_point() asks this first, so it counts every preemption point. */
bool arch_interrupt_pending(void)
{
    preemption_points++;
    bool pending = preempt_every != 0 && preemption_points % preempt_every == 0;
    if (pending) {
        preemptions++;
    }
    return pending;
}

/* Overrides the weak default in preemption.c. */
bool preemption_test_hook(void)
{
    return hook_on;
}

/* --- Memory ------------------------------------------------------------------ */

static stub_zero_call_t zero_log[STUB_ZERO_LOG_MAX];
static size_t zero_calls;

void arch_zero_memory(void *p, size_t bytes)
{
    /* The kernel's contract (arch.h): multiples of 8 bytes, 8-byte aligned. */
    if (((uintptr_t)p | bytes) % 8 != 0) {
        fail_msg("arch_zero_memory(%p, %zu): not a multiple of 8", p, bytes);
    }
    memset(p, 0, bytes);
    if (zero_calls < STUB_ZERO_LOG_MAX) {
        zero_log[zero_calls] = (stub_zero_call_t){ p, bytes };
    }
    zero_calls++;
}

void stub_zero_log_clear(void)
{
    zero_calls = 0;
}

size_t stub_zero_calls(void)
{
    return zero_calls;
}

stub_zero_call_t stub_zero_call(size_t i)
{
    assert_true(i < zero_calls && i < STUB_ZERO_LOG_MAX);
    return zero_log[i];
}

/* Address spaces and interrupts: the cap tests create VM objects but never
 * map them, so the unmapping side effects of deletion have nothing to do,
 * and the VM and IRQ methods (tested in QEMU) are refused. */
arch_cpu_state_t arch_cpu;

void vspace_unmap_frame(cap_t frame)
{
    assert_false(cap_frame_get_mapped(frame));
}

void vspace_unmap_page_table(cap_t table)
{
    assert_false(cap_page_table_get_mapped(table));
}

void vspace_delete_asid(word_t asid, const pte_t *vspace)
{
    (void)asid, (void)vspace;
}

void vspace_delete_asid_pool(word_t asid_base, const asid_pool_t *pool)
{
    (void)asid_base, (void)pool;
}

static exception_t method_tested_in_qemu(invocation_t *inv)
{
    (void)inv;
    return syscall_error(seL4_IllegalOperation);
}

exception_t frame_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

exception_t page_table_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

exception_t vspace_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

exception_t asid_control_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

exception_t asid_pool_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

exception_t irq_control_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

exception_t irq_handler_decode_invocation(invocation_t *inv)
{
    return method_tested_in_qemu(inv);
}

void irq_handler_deleted(word_t irq)
{
    (void)irq;
}
