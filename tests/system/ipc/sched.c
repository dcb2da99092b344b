// SPDX-License-Identifier: BSD-2-Clause
/*
 * SCHED0001-0011: the scheduler and the TCB scheduling methods (seL4 manual,
 * "Scheduling", "Thread Priorities"): the highest priority runs, equal
 * priorities share by Yield and by time slices, priorities and MCPs are
 * bounded by the authority's MCP, and Suspend/Resume stop and restart a
 * thread; a thread suspended inside a system call makes it again on Resume.
 */
#include "../lib/test.h"
#include "thread_util.h"

static test_thread_t threads[4];
static op_thread_t ops[2];

static void destroy_all(void)
{
    for (unsigned i = 0; i < 4; i++) {
        thread_destroy(&threads[i]);
    }
}

static seL4_Word trace_arg(seL4_Word arg)
{
    trace(arg);
    return 0;
}

static void test_highest_first(void)
{
    static const seL4_Word prios[] = { 50, 150, 100 };
    static const seL4_Word expected[] = { 150, 100, 50 };
    trace_reset();
    for (unsigned i = 0; i < 3; i++) {
        TEST_CHECK(thread_start(&threads[i], trace_arg, prios[i], prios[i], seL4_CapNull, false));
    }
    for (unsigned i = 0; i < 3; i++) {
        TEST_CHECK(thread_join(&threads[i]));
    }
    TEST_CHECK(trace_is(expected, 3));
    destroy_all();
}

static void set_own_priority(seL4_Word prio)
{
    TEST_CHECK(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, prio) ==
               seL4_NoError);
}

static void test_preemption(void)
{
    trace_reset();
    set_own_priority(100);
    TEST_CHECK(thread_start(&threads[0], trace_arg, 'H', 200, seL4_CapNull, false));
    /* The higher thread ran to its end before Resume returned. */
    TEST_CHECK(trace_count() == 1 && trace_at(0) == 'H');
    TEST_CHECK(thread_start(&threads[1], trace_arg, 'E', 100, seL4_CapNull, false));
    /* An equal one waits for its turn ... */
    TEST_CHECK(trace_count() == 1);
    seL4_Yield();
    /* ... which Yield gives it. */
    TEST_CHECK(trace_count() == 2 && trace_at(1) == 'E');
    set_own_priority(ROOT_PRIO);
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    destroy_all();
}

#define YIELD_ROUNDS 4

static seL4_Word yield_loop(seL4_Word arg)
{
    for (unsigned i = 0; i < YIELD_ROUNDS; i++) {
        trace(arg);
        seL4_Yield();
    }
    return 0;
}

static void test_yield_round_robin(void)
{
    trace_reset();
    TEST_CHECK(thread_start(&threads[0], yield_loop, 'A', THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[1], yield_loop, 'B', THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    TEST_CHECK(trace_count() == 2 * YIELD_ROUNDS);
    for (unsigned i = 1; i < trace_count(); i++) {
        TEST_CHECK(trace_at(i) != trace_at(i - 1));
    }
    destroy_all();
}

static void test_time_slices(void)
{
    spinners_prepare();
    for (unsigned i = 0; i < 2; i++) {
        TEST_CHECK(thread_start(&threads[i], spinner_main, i,
                                THREAD_PRIO, seL4_CapNull, false));
    }
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    /* Neither yields: only the timer can have switched between them. */
    TEST_CHECK(spinners_both_switched());
    destroy_all();
}

/* The error's message registers, as the generated stubs leave them. */
static void check_range(seL4_Error err, seL4_Word min, seL4_Word max)
{
    TEST_CHECK(err == seL4_RangeError);
    TEST_CHECK(seL4_GetMR(0) == min && seL4_GetMR(1) == max);
}

static void test_priority_above_mcp(void)
{
    seL4_CPtr target = threads_object(seL4_TCBObject);
    seL4_CPtr authority = threads_object(seL4_TCBObject);
    check_range(seL4_TCB_SetPriority(target, seL4_CapInitThreadTCB, seL4_MaxPrio + 1), 0,
                seL4_MaxPrio);
    TEST_CHECK(seL4_TCB_SetMCPriority(authority, seL4_CapInitThreadTCB, 100) == seL4_NoError);
    check_range(seL4_TCB_SetPriority(target, authority, 101), 0, 100);
    TEST_CHECK(seL4_TCB_SetPriority(target, authority, 100) == seL4_NoError);
    TEST_CHECK(seL4_TCB_SetPriority(target, authority, 0) == seL4_NoError);
    /* The authority must be a TCB. */
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(seL4_TCB_SetPriority(target, ep, 1) == seL4_InvalidCapability);
}

static void test_set_mcp(void)
{
    seL4_CPtr a = threads_object(seL4_TCBObject);
    seL4_CPtr b = threads_object(seL4_TCBObject);
    check_range(seL4_TCB_SetMCPriority(a, seL4_CapInitThreadTCB, seL4_MaxPrio + 1), 0,
                seL4_MaxPrio);
    TEST_CHECK(seL4_TCB_SetMCPriority(a, seL4_CapInitThreadTCB, 50) == seL4_NoError);
    check_range(seL4_TCB_SetMCPriority(b, a, 51), 0, 50);
    TEST_CHECK(seL4_TCB_SetMCPriority(b, a, 50) == seL4_NoError);
    TEST_CHECK(seL4_TCB_SetPriority(b, a, 50) == seL4_NoError);
    check_range(seL4_TCB_SetPriority(b, a, 51), 0, 50);
    /* b's own MCP is 50 now, so b may grant no more either. */
    check_range(seL4_TCB_SetPriority(a, b, 51), 0, 50);
}

static void test_set_sched_params(void)
{
    seL4_CPtr b = threads_object(seL4_TCBObject);
    trace_reset();
    TEST_CHECK(thread_create(&threads[0], trace_arg, 'A', THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(seL4_TCB_SetSchedParams(threads[0].tcb, seL4_CapInitThreadTCB, 80, 60) ==
               seL4_NoError);
    /* The MCP is 80 ... */
    TEST_CHECK(seL4_TCB_SetPriority(b, threads[0].tcb, 80) == seL4_NoError);
    check_range(seL4_TCB_SetPriority(b, threads[0].tcb, 81), 0, 80);
    check_range(seL4_TCB_SetSchedParams(b, threads[0].tcb, 81, 10), 0, 80);
    check_range(seL4_TCB_SetSchedParams(b, threads[0].tcb, 10, 81), 0, 80);
    /* ... and the priority 60: it runs after a thread at 70. */
    TEST_CHECK(thread_start(&threads[1], trace_arg, 'B', 70, seL4_CapNull, false));
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    static const seL4_Word expected[] = { 'B', 'A' };
    TEST_CHECK(trace_is(expected, 2));
    destroy_all();
}

static void test_reprioritise_ready(void)
{
    trace_reset();
    TEST_CHECK(thread_start(&threads[0], trace_arg, 'A', 100, seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[1], trace_arg, 'B', 100, seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[2], trace_arg, 'C', 120, seL4_CapNull, false));
    /* All ready, none has run: move B up and C down. */
    TEST_CHECK(seL4_TCB_SetPriority(threads[1].tcb, seL4_CapInitThreadTCB, 150) == seL4_NoError);
    TEST_CHECK(seL4_TCB_SetPriority(threads[2].tcb, seL4_CapInitThreadTCB, 50) == seL4_NoError);
    for (unsigned i = 0; i < 3; i++) {
        TEST_CHECK(thread_join(&threads[i]));
    }
    static const seL4_Word expected[] = { 'B', 'A', 'C' };
    TEST_CHECK(trace_is(expected, 3));
    destroy_all();
}

/* Counts and signals the root task, forever. */
typedef struct ticker {
    seL4_CPtr ntfn;
    volatile uint64_t count;
} ticker_t;

static ticker_t ticker;

static seL4_Word tick(seL4_Word arg)
{
    ticker_t *t = (ticker_t *)arg;
    for (;;) {
        t->count++;
        seL4_Signal(t->ntfn);
    }
    return 0;
}

static void test_suspend_resume(void)
{
    ticker = (ticker_t){ .ntfn = threads_object(seL4_NotificationObject) };
    TEST_CHECK(thread_start(&threads[0], tick, (seL4_Word)(uintptr_t)&ticker, THREAD_PRIO,
                            seL4_CapNull, false));
    seL4_Word badge;
    TEST_CHECK(seL4_MessageInfo_get_label(threads_recv(ticker.ntfn, &badge)) != TIMEOUT_LABEL);
    TEST_CHECK(seL4_TCB_Suspend(threads[0].tcb) == seL4_NoError);
    uint64_t stopped_at = ticker.count;
    TEST_CHECK(stopped_at > 0);
    threads_settle();
    TEST_CHECK(ticker.count == stopped_at);
    TEST_CHECK(seL4_TCB_Suspend(threads[0].tcb) == seL4_NoError); /* again: no change */
    (void)seL4_Poll(ticker.ntfn, &badge);
    TEST_CHECK(seL4_TCB_Resume(threads[0].tcb) == seL4_NoError);
    TEST_CHECK(seL4_MessageInfo_get_label(threads_recv(ticker.ntfn, &badge)) != TIMEOUT_LABEL);
    TEST_CHECK(ticker.count > stopped_at);
    TEST_CHECK(seL4_TCB_Resume(threads[0].tcb) == seL4_NoError); /* running: no change */
    TEST_CHECK(seL4_TCB_Suspend(threads[0].tcb) == seL4_NoError);
    destroy_all();
}

static void start_op(unsigned i, enum thread_op op, seL4_CPtr cap)
{
    ops[i] = (op_thread_t){ .op = op, .cap = cap, .word = 0xC0 + i };
    TEST_CHECK(thread_start(&threads[i], op_run, (seL4_Word)(uintptr_t)&ops[i], THREAD_PRIO,
                            seL4_CapNull, false));
    threads_settle();
    TEST_CHECK(!ops[i].returned);
}

static void test_suspend_in_recv(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_RECV, ep);
    TEST_CHECK(seL4_TCB_Suspend(threads[0].tcb) == seL4_NoError);
    TEST_CHECK(seL4_TCB_Resume(threads[0].tcb) == seL4_NoError);
    /* The receive starts over: the thread waits for a message again. */
    threads_settle();
    TEST_CHECK(!ops[0].returned);
    seL4_Word w = 0x3C;
    seL4_NBSendWithMRs(ep, seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    threads_settle();
    TEST_CHECK(ops[0].returned && ops[0].got == 0x3C);
    destroy_all();
}

static void test_suspend_in_call(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_CALL, ep);
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 0xC0);
    TEST_CHECK(seL4_TCB_Suspend(threads[0].tcb) == seL4_NoError);
    /* Suspending the caller took the reply cap away: this reply goes nowhere. */
    seL4_Word w = 0x11;
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(seL4_TCB_Resume(threads[0].tcb) == seL4_NoError);
    /* On Resume the Call is made again from the start. */
    seL4_MessageInfo_t info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x10 && seL4_GetMR(0) == 0xC0);
    w = 0x22;
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    threads_settle();
    TEST_CHECK(ops[0].returned && ops[0].got == 0x22);
    destroy_all();
}

static const test_case_t cases[] = {
    { "SCHED0001", "the highest-priority ready thread runs first", test_highest_first },
    { "SCHED0002", "a higher thread preempts at once; an equal one waits for Yield", test_preemption },
    { "SCHED0003", "Yield takes turns between threads of equal priority", test_yield_round_robin },
    { "SCHED0004", "time slices take turns between spinning threads of equal priority", test_time_slices },
    { "SCHED0005", "SetPriority above the authority's MCP: RangeError", test_priority_above_mcp },
    { "SCHED0006", "SetMCPriority bounds what a thread may grant", test_set_mcp },
    { "SCHED0007", "SetSchedParams sets MCP and priority", test_set_sched_params },
    { "SCHED0008", "SetPriority moves a ready thread to its new priority", test_reprioritise_ready },
    { "SCHED0009", "Suspend stops a running thread, Resume lets it go on", test_suspend_resume },
    { "SCHED0010", "a thread suspended in Recv waits again after Resume", test_suspend_in_recv },
    { "SCHED0011", "a caller suspended awaiting its reply makes the Call again", test_suspend_in_call },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
