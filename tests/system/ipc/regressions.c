// SPDX-License-Identifier: BSD-2-Clause
/*
 * REGRESSIONS0001-0004: state that must not cross from one thread to
 * another (sel4test REGRESSIONS). First the exclusive monitor: a thread's
 * load-exclusive / store-exclusive pair must never succeed across a switch
 * to another thread, even when that thread opened the monitor on the same
 * address: the store could otherwise complete an update whose load came
 * before the other thread's. The kernel relies on the eret
 * clearing the local monitor (ARMv8-A); these cases check that it holds on
 * the fast path (Call to a server at the caller's priority) and on the slow
 * path (Yield to a thread of the same priority), with a control case that
 * shows the pair succeeds when nothing comes between. And the EL0 state a
 * thread sets without the kernel's help, TPIDR_EL0 and the condition
 * flags, which the kernel must save on every entry.
 */
#include "../lib/test.h"
#include "thread_util.h"

static volatile seL4_Word shared_word;
static test_thread_t helper;

static inline void open_monitor(void)
{
    seL4_Word value;
    __asm__ volatile("ldxr %0, [%1]" : "=r"(value) : "r"(&shared_word) : "memory");
}

/* Server at the root task's priority: each message opens the monitor on
 * shared_word, then the reply goes back by ReplyRecv. */
static seL4_Word monitor_server(seL4_Word ep)
{
    cairn_regs_t r = { ep, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    for (;;) {
        open_monitor();
        r.x0 = ep;
        r.x1 = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
        cairn_syscall(seL4_SysReplyRecv, &r);
    }
    return 0;
}

/* Opens the monitor on shared_word, makes the system call `number` with x0
 * and x1 as given, then tries the store-exclusive: 0 if it succeeded. */
static unsigned exclusive_across(seL4_Word number, seL4_Word arg0, seL4_Word arg1)
{
    register seL4_Word x0 __asm__("x0") = arg0;
    register seL4_Word x1 __asm__("x1") = arg1;
    register seL4_Word x7 __asm__("x7") = number;
    seL4_Word loaded;
    unsigned status;
    __asm__ volatile("ldxr %[loaded], [%[addr]]\n\t"
                     "svc #0\n\t"
                     "stxr %w[status], %[value], [%[addr]]"
                     : [loaded] "=&r"(loaded), [status] "=&r"(status), "+r"(x0), "+r"(x1)
                     : [addr] "r"(&shared_word), [value] "r"(0x5A5AUL), "r"(x7)
                     : "x2", "x3", "x4", "x5", "memory");
    return status;
}

static void test_fast_path_round_trip(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(ep != 0);
    TEST_CHECK(thread_start(&helper, monitor_server, ep, ROOT_PRIO, seL4_CapNull, false));
    seL4_Yield(); /* the server reaches its Recv */
    seL4_Word info = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    shared_word = 1;
    TEST_CHECK(exclusive_across(seL4_SysCall, ep, info) != 0);
    TEST_CHECK(shared_word == 1);
    thread_destroy(&helper);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
}

static seL4_CPtr park;

/* Opens the monitor, then blocks for good on a notification. */
static seL4_Word monitor_then_wait(seL4_Word unused)
{
    (void)unused;
    open_monitor();
    seL4_Wait(park, seL4_Null);
    return 0;
}

static void test_yield_switch(void)
{
    park = threads_object(seL4_NotificationObject);
    TEST_CHECK(park != 0);
    TEST_CHECK(thread_create(&helper, monitor_then_wait, 0, ROOT_PRIO, seL4_CapNull, false));
    TEST_CHECK(thread_resume(&helper) == seL4_NoError);
    shared_word = 2;
    /* Yield runs the helper (same priority, queued behind this thread),
     * which opens the monitor and blocks; then this thread resumes. */
    TEST_CHECK(exclusive_across(seL4_SysYield, 0, 0) != 0);
    TEST_CHECK(shared_word == 2);
    thread_destroy(&helper);
    TEST_CHECK(threads_delete(park) == seL4_NoError);
}

static void test_pair_without_switch(void)
{
    seL4_Word loaded;
    unsigned status;
    shared_word = 3;
    __asm__ volatile("ldxr %[loaded], [%[addr]]\n\t"
                     "stxr %w[status], %[value], [%[addr]]"
                     : [loaded] "=&r"(loaded), [status] "=&r"(status)
                     : [addr] "r"(&shared_word), [value] "r"(4UL)
                     : "memory");
    TEST_CHECK(status == 0);
    TEST_CHECK(loaded == 3 && shared_word == 4);
}

/* Sets TPIDR_EL0 and the condition flags, yields, and answers whether both
 * came back as they were. */
static bool own_state_across_yield(seL4_Word tls, seL4_Word flags)
{
    register seL4_Word x7 __asm__("x7") = seL4_SysYield;
    seL4_Word tls_after, flags_after;
    __asm__ volatile("msr tpidr_el0, %[tls]\n\t"
                     "msr nzcv, %[flags]\n\t"
                     "svc #0\n\t"
                     "mrs %[tls_after], tpidr_el0\n\t"
                     "mrs %[flags_after], nzcv"
                     : [tls_after] "=&r"(tls_after), [flags_after] "=&r"(flags_after), "+r"(x7)
                     : [tls] "r"(tls), [flags] "r"(flags)
                     : "x0", "x1", "x2", "x3", "x4", "x5", "cc", "memory");
    return tls_after == tls && flags_after == flags;
}

#define STATE_ROUNDS 50

static seL4_Word state_yielder(seL4_Word unused)
{
    (void)unused;
    seL4_Word errors = 0;
    for (seL4_Word i = 0; i < STATE_ROUNDS; i++) {
        errors += !own_state_across_yield(0x7E11000000UL + i, 0x50000000UL); /* Z, V */
    }
    return errors;
}

static void test_el0_registers_stay(void)
{
    TEST_CHECK(thread_start(&helper, state_yielder, 0, ROOT_PRIO, seL4_CapNull, false));
    unsigned errors = 0;
    for (seL4_Word i = 0; i < STATE_ROUNDS; i++) {
        errors += !own_state_across_yield(0x2007000000UL + i, 0xA0000000UL); /* N, C */
    }
    TEST_CHECK(errors == 0);
    TEST_CHECK(thread_join(&helper));
    TEST_CHECK(helper.result == 0);
    thread_destroy(&helper);
}

static const test_case_t cases[] = {
    { "REGRESSIONS0001", "a store-exclusive fails after a fast-path round trip", test_fast_path_round_trip },
    { "REGRESSIONS0002", "a store-exclusive fails after Yield ran another thread", test_yield_switch },
    { "REGRESSIONS0003", "with nothing in between, the same pair succeeds", test_pair_without_switch },
    { "REGRESSIONS0004", "TPIDR_EL0 written at EL0 and the flags stay with their thread", test_el0_registers_stay },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
