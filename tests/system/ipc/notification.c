// SPDX-License-Identifier: BSD-2-Clause
/*
 * NTFN0001-0009, BIND0001-0011 and NBWAIT0001: notifications and binding
 * (seL4 manual, "Notifications"): Signal, Wait and Poll, badges OR-ed
 * together while nobody waits, FIFO waiters, rights; a bound notification
 * waking its thread out of an endpoint Recv, the BindNotification and
 * UnbindNotification errors, and NBRecv of a bound thread.
 */
#include "../lib/test.h"
#include "thread_util.h"

static test_thread_t threads[3];
static op_thread_t ops[3];

static void start_op(unsigned i, enum thread_op op, seL4_CPtr cap, seL4_CPtr fault_ep)
{
    ops[i] = (op_thread_t){ .op = op, .cap = cap, .word = 0xC0 + i };
    TEST_CHECK(thread_start(&threads[i], op_run, (seL4_Word)(uintptr_t)&ops[i], THREAD_PRIO,
                            fault_ep, false));
}

/* Like start_op, but bound to ntfn before it runs. */
static void start_bound_op(unsigned i, enum thread_op op, seL4_CPtr cap, seL4_CPtr ntfn)
{
    ops[i] = (op_thread_t){ .op = op, .cap = cap, .word = 0xC0 + i };
    TEST_CHECK(thread_create(&threads[i], op_run, (seL4_Word)(uintptr_t)&ops[i], THREAD_PRIO,
                             seL4_CapNull, false));
    TEST_CHECK(seL4_TCB_BindNotification(threads[i].tcb, ntfn) == seL4_NoError);
    TEST_CHECK(thread_resume(&threads[i]) == seL4_NoError);
}

static void destroy_all(void)
{
    for (unsigned i = 0; i < 3; i++) {
        thread_destroy(&threads[i]);
    }
}

static seL4_CPtr new_ntfn(void)
{
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    TEST_CHECK(ntfn != 0);
    return ntfn;
}

static seL4_CPtr badged(seL4_CPtr ntfn, seL4_Word badge)
{
    seL4_CPtr cap = threads_mint(ntfn, seL4_AllRights, badge);
    TEST_CHECK(cap != 0);
    return cap;
}

static void test_signal_wait(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_Signal(badged(ntfn, 1));
    seL4_Word badge = 0;
    seL4_Wait(ntfn, &badge); /* pending: does not block */
    TEST_CHECK(badge == 1);
}

static void test_wait_blocks(void)
{
    seL4_CPtr ntfn = new_ntfn();
    start_op(0, OP_WAIT, ntfn, seL4_CapNull);
    threads_settle();
    TEST_CHECK(!ops[0].returned);
    seL4_Signal(badged(ntfn, 2));
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].badge == 2);
    destroy_all();
}

static void test_badges_ored(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_Signal(badged(ntfn, 0x1));
    seL4_Signal(badged(ntfn, 0x4));
    seL4_Signal(badged(ntfn, 0x10));
    seL4_Signal(badged(ntfn, 0x4));
    seL4_Word badge = 0;
    seL4_Wait(ntfn, &badge);
    TEST_CHECK(badge == 0x15);
    (void)seL4_Poll(ntfn, &badge); /* the wait took them all */
    TEST_CHECK(badge == 0);
}

static void test_poll(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_Word badge = 1;
    (void)seL4_Poll(ntfn, &badge);
    TEST_CHECK(badge == 0);
    seL4_Signal(badged(ntfn, 0x300));
    (void)seL4_Poll(ntfn, &badge);
    TEST_CHECK(badge == 0x300);
    (void)seL4_Poll(ntfn, &badge);
    TEST_CHECK(badge == 0);
}

static void test_waiters_fifo(void)
{
    seL4_CPtr ntfn = new_ntfn();
    start_op(0, OP_WAIT, ntfn, seL4_CapNull);
    threads_settle();
    start_op(1, OP_WAIT, ntfn, seL4_CapNull);
    threads_settle();
    seL4_Signal(badged(ntfn, 1));
    threads_settle();
    TEST_CHECK(ops[0].returned && ops[0].badge == 1);
    TEST_CHECK(!ops[1].returned);
    seL4_Signal(badged(ntfn, 2));
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(ops[1].badge == 2);
    destroy_all();
}

static void test_unbadged_signal(void)
{
    seL4_CPtr ntfn = new_ntfn();
    start_op(0, OP_WAIT, ntfn, seL4_CapNull);
    threads_settle();
    ops[0].badge = ~0UL;
    seL4_Signal(ntfn);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].badge == 0);
    destroy_all();
}

static void test_signal_needs_write(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_Signal(threads_mint(ntfn, seL4_CanRead, 8));
    seL4_Word badge = 1;
    (void)seL4_Poll(ntfn, &badge);
    TEST_CHECK(badge == 0);
}

static void test_wait_needs_read(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr write_only = threads_mint(new_ntfn(), seL4_CanWrite, 0);
    start_op(0, OP_WAIT, write_only, fault_ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == write_only);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 1);
    destroy_all();
}

static void test_signal_wakes_higher(void)
{
    seL4_CPtr ntfn = new_ntfn();
    ops[0] = (op_thread_t){ .op = OP_WAIT, .cap = ntfn, .before = 'w', .after = 'W' };
    ops[1] = (op_thread_t){ .op = OP_SIGNAL, .cap = badged(ntfn, 1), .before = 's', .after = 'S' };
    trace_reset();
    TEST_CHECK(thread_start(&threads[0], op_run, (seL4_Word)(uintptr_t)&ops[0], 200,
                            seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[1], op_run, (seL4_Word)(uintptr_t)&ops[1], 100,
                            seL4_CapNull, false));
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    static const seL4_Word expected[] = { 'w', 's', 'W', 'S' };
    TEST_CHECK(trace_is(expected, 4));
    destroy_all();
}

static void test_bound_wakes_recv(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_bound_op(0, OP_RECV, ep, ntfn);
    threads_settle();
    TEST_CHECK(!ops[0].returned);
    seL4_Signal(badged(ntfn, 0x8));
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].badge == 0x8);
    destroy_all();
}

static void test_bound_gets_messages(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_bound_op(0, OP_RECV, ep, ntfn);
    seL4_Word w = 0x5A;
    seL4_SendWithMRs(threads_mint(ep, seL4_AllRights, 0x100), seL4_MessageInfo_new(0, 0, 0, 1),
                     &w, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].badge == 0x100 && ops[0].got == 0x5A);
    destroy_all();
}

static void test_bound_pending(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_Signal(badged(ntfn, 0x20));
    start_bound_op(0, OP_RECV, ep, ntfn);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].badge == 0x20);
    seL4_Word badge = 1;
    (void)seL4_Poll(ep, &badge); /* the endpoint saw nothing */
    TEST_CHECK(badge == 0);
    destroy_all();
}

static void test_bound_wait(void)
{
    seL4_CPtr ntfn = new_ntfn();
    start_bound_op(0, OP_WAIT, ntfn, ntfn);
    threads_settle();
    seL4_Signal(badged(ntfn, 0x40));
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].badge == 0x40);
    destroy_all();
}

static void test_bound_other_waiter(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    start_bound_op(0, OP_RECV, ep, ntfn);
    /* Only the bound thread may wait on a bound notification. */
    start_op(1, OP_WAIT, ntfn, fault_ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == ntfn);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 1);
    destroy_all();
}

static void test_bind_twice(void)
{
    seL4_CPtr tcb = threads_object(seL4_TCBObject);
    TEST_CHECK(seL4_TCB_BindNotification(tcb, new_ntfn()) == seL4_NoError);
    TEST_CHECK(seL4_TCB_BindNotification(tcb, new_ntfn()) == seL4_IllegalOperation);
}

static void test_bind_taken(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr a = threads_object(seL4_TCBObject);
    seL4_CPtr b = threads_object(seL4_TCBObject);
    TEST_CHECK(seL4_TCB_BindNotification(a, ntfn) == seL4_NoError);
    TEST_CHECK(seL4_TCB_BindNotification(b, ntfn) == seL4_IllegalOperation);
}

static void test_unbind(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr tcb = threads_object(seL4_TCBObject);
    TEST_CHECK(seL4_TCB_UnbindNotification(tcb) == seL4_IllegalOperation);
    start_bound_op(0, OP_RECV, ep, ntfn);
    threads_settle();
    TEST_CHECK(seL4_TCB_UnbindNotification(threads[0].tcb) == seL4_NoError);
    TEST_CHECK(seL4_TCB_UnbindNotification(threads[0].tcb) == seL4_IllegalOperation);
    /* No longer bound: the signal waits in the notification. */
    seL4_Signal(badged(ntfn, 0x2));
    threads_settle();
    TEST_CHECK(!ops[0].returned);
    seL4_Word badge = 0;
    (void)seL4_Poll(ntfn, &badge);
    TEST_CHECK(badge == 0x2);
    /* And both can be bound again. */
    TEST_CHECK(seL4_TCB_BindNotification(tcb, ntfn) == seL4_NoError);
    destroy_all();
}

static void test_bind_wrong_cap(void)
{
    seL4_CPtr tcb = threads_object(seL4_TCBObject);
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(seL4_TCB_BindNotification(tcb, ep) == seL4_IllegalOperation);
    seL4_CPtr write_only = threads_mint(new_ntfn(), seL4_CanWrite, 0);
    TEST_CHECK(seL4_TCB_BindNotification(tcb, write_only) == seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_UnbindNotification(tcb) == seL4_IllegalOperation); /* nothing bound */
}

static void test_bind_with_waiters(void)
{
    seL4_CPtr ntfn = new_ntfn();
    start_op(0, OP_WAIT, ntfn, seL4_CapNull);
    threads_settle();
    seL4_CPtr tcb = threads_object(seL4_TCBObject);
    TEST_CHECK(seL4_TCB_BindNotification(tcb, ntfn) == seL4_IllegalOperation);
    seL4_Signal(ntfn);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(seL4_TCB_BindNotification(tcb, ntfn) == seL4_NoError);
    destroy_all();
}

static void test_delete_unbinds(void)
{
    seL4_CPtr tcb = threads_object(seL4_TCBObject);
    seL4_CPtr ntfn = new_ntfn();
    TEST_CHECK(seL4_TCB_BindNotification(tcb, ntfn) == seL4_NoError);
    TEST_CHECK(threads_delete(ntfn) == seL4_NoError);
    TEST_CHECK(seL4_TCB_UnbindNotification(tcb) == seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_BindNotification(tcb, new_ntfn()) == seL4_NoError);
    /* Deleting the thread frees its notification for another one. */
    seL4_CPtr other = new_ntfn();
    seL4_CPtr tcb2 = threads_object(seL4_TCBObject);
    seL4_CPtr tcb3 = threads_object(seL4_TCBObject);
    TEST_CHECK(seL4_TCB_BindNotification(tcb2, other) == seL4_NoError);
    TEST_CHECK(threads_delete(tcb2) == seL4_NoError);
    TEST_CHECK(seL4_TCB_BindNotification(tcb3, other) == seL4_NoError);
}

static void test_nbrecv_bound(void)
{
    seL4_CPtr ntfn = new_ntfn();
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr ep_badged = threads_mint(ep, seL4_AllRights, 0x33);
    TEST_CHECK(ep_badged != 0);
    TEST_CHECK(seL4_TCB_BindNotification(seL4_CapInitThreadTCB, ntfn) == seL4_NoError);
    start_op(0, OP_SEND, ep_badged, seL4_CapNull);
    threads_settle(); /* the sender waits in the endpoint's queue */
    seL4_Signal(badged(ntfn, 0x11));
    seL4_Word badge = 0;
    (void)seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0x11); /* the pending signal comes first */
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0x33 && seL4_MessageInfo_get_label(info) == 0x10);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == 1 && seL4_GetMR(0) == 0xC0);
    badge = 1;
    (void)seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0); /* nothing left */
    TEST_CHECK(seL4_TCB_UnbindNotification(seL4_CapInitThreadTCB) == seL4_NoError);
    TEST_CHECK(thread_join(&threads[0]));
    destroy_all();
}

static const test_case_t cases[] = {
    { "NTFN0001", "a pending Signal is collected by Wait without blocking", test_signal_wait },
    { "NTFN0002", "Wait blocks until a Signal, which delivers the badge", test_wait_blocks },
    { "NTFN0003", "badges of signals before a Wait are OR-ed, then cleared", test_badges_ored },
    { "NTFN0004", "Poll: badge 0 when idle, else the badges, then cleared", test_poll },
    { "NTFN0005", "one Signal wakes one waiter, in the order they waited", test_waiters_fifo },
    { "NTFN0006", "a Signal through an unbadged cap wakes with badge 0", test_unbadged_signal },
    { "NTFN0007", "Signal through a cap without Write does nothing", test_signal_needs_write },
    { "NTFN0008", "Wait through a cap without Read is a cap fault", test_wait_needs_read },
    { "NTFN0009", "a higher-priority waiter runs at once when signalled", test_signal_wakes_higher },
    { "BIND0001", "a bound notification wakes its thread out of an endpoint Recv", test_bound_wakes_recv },
    { "BIND0002", "a bound thread in Recv still gets endpoint messages", test_bound_gets_messages },
    { "BIND0003", "a pending signal ends the bound thread's Recv at once", test_bound_pending },
    { "BIND0004", "the bound thread may Wait on its notification", test_bound_wait },
    { "BIND0005", "another thread's Wait on a bound notification is a cap fault", test_bound_other_waiter },
    { "BIND0006", "BindNotification on a bound thread: IllegalOperation", test_bind_twice },
    { "BIND0007", "binding a notification bound elsewhere: IllegalOperation", test_bind_taken },
    { "BIND0008", "UnbindNotification; unbinding an unbound thread: IllegalOperation", test_unbind },
    { "BIND0009", "binding a non-notification or a cap without Read: IllegalOperation", test_bind_wrong_cap },
    { "BIND0010", "binding a notification with waiters: IllegalOperation", test_bind_with_waiters },
    { "BIND0011", "deleting the notification or the thread ends the binding", test_delete_unbinds },
    { "NBWAIT0001", "NBRecv of a bound thread: the signal, then the sender, then nothing", test_nbrecv_bound },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
