// SPDX-License-Identifier: BSD-2-Clause
/*
 * CANCEL0001-0009 and CANCEL_BADGED_SENDS0001-0005: what happens to threads
 * queued on an endpoint or notification when it is deleted, and
 * CNode_CancelBadgedSends (seL4 manual, "Object Deletion", "Badged
 * Endpoints"). seL4 restarts cancelled threads: each runs its system call
 * again and finds whatever the cap slot now holds.
 */
#include "../lib/test.h"
#include "thread_util.h"

static test_thread_t threads[3];
static op_thread_t ops[3];

/* refault_load(address): a load that faults at refault_insn. The add just
 * before it is never reached by a correct restart of the load: it would
 * move the address by 0x10. */
seL4_Word refault_load(seL4_Word address);
void refault_insn(void);

__asm__("    .text\n"
        "    .global refault_load\n"
        "    .global refault_insn\n"
        "    .type refault_load, %function\n"
        "refault_load:\n"
        "    b refault_insn\n"
        "    add x0, x0, #0x10\n"
        "refault_insn:\n"
        "    ldr x0, [x0]\n"
        "    ret\n"
        "    .size refault_load, . - refault_load\n");

#define REFAULT_ADDRESS 0x50UL

static seL4_Word do_refault(seL4_Word address)
{
    return refault_load(address);
}

/* A thread faulting at refault_insn whose fault message waits, unreceived,
 * on fault_ep through a cap with badge `badge` (returned). */
static seL4_CPtr start_faulting_sender(seL4_CPtr fault_ep, seL4_Word badge)
{
    seL4_CPtr send = threads_mint(fault_ep, seL4_CapRights_new(1, 0, 0, 1), badge);
    TEST_CHECK(send != 0);
    TEST_CHECK(thread_start(&threads[0], do_refault, REFAULT_ADDRESS, THREAD_PRIO, send, false));
    threads_settle();
    return send;
}

/* Starts helper i doing op on cap, with fault endpoint fault_ep, and lets it
 * block. */
static void start_op(unsigned i, enum thread_op op, seL4_CPtr cap, seL4_CPtr fault_ep)
{
    ops[i] = (op_thread_t){ .op = op, .cap = cap, .word = 0xC0 + i };
    TEST_CHECK(thread_start(&threads[i], op_run, (seL4_Word)(uintptr_t)&ops[i], THREAD_PRIO,
                            fault_ep, false));
    threads_settle();
    TEST_CHECK(!ops[i].returned);
}

static void destroy_all(void)
{
    for (unsigned i = 0; i < 3; i++) {
        thread_destroy(&threads[i]);
    }
}

static void test_delete_with_caller(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_CALL, ep, seL4_CapNull);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
    /* The Call runs again on the now empty slot: an error reply. */
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].label == seL4_InvalidCapability);
    destroy_all();
}

static void test_delete_with_sender(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_SEND, ep, seL4_CapNull);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
    /* A Send on an empty slot fails silently: the thread goes on. */
    TEST_CHECK(thread_join(&threads[0]));
    destroy_all();
}

static void test_delete_with_receiver(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_RECV, ep, fault_ep);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
    /* The Recv runs again on the empty slot: a cap fault in the receive phase. */
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == ep);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 1);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_LookupFailureType) == seL4_MissingCapability);
    TEST_CHECK(!ops[0].returned);
    destroy_all();
}

static void test_delete_no_handler(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_RECV, ep, seL4_CapNull);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
    /* No fault handler: the kernel reports the fault and stops the thread
     * (CMakeLists.txt checks the report). */
    threads_settle();
    TEST_CHECK(!ops[0].returned);
    destroy_all();
}

static void test_delete_notification(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    start_op(0, OP_WAIT, ntfn, fault_ep);
    TEST_CHECK(threads_delete(ntfn) == seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == ntfn);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 1);
    TEST_CHECK(!ops[0].returned);
    destroy_all();
}

static void test_delete_not_last(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr copy = threads_copy(ep);
    TEST_CHECK(copy != 0);
    start_op(0, OP_RECV, copy, seL4_CapNull);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
    /* The endpoint lives on in the copy: the receiver is still waiting. */
    threads_settle();
    TEST_CHECK(!ops[0].returned);
    seL4_Word w = 0x4D;
    seL4_SendWithMRs(copy, seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(ops[0].got == 0x4D);
    destroy_all();
}

static void test_delete_with_fault_sender(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr send = start_faulting_sender(fault_ep, 0);
    TEST_CHECK(threads_delete(send) == seL4_NoError);
    TEST_CHECK(threads_delete(fault_ep) == seL4_NoError); /* the last cap */
    /* It runs the load again, faults again and, with no fault endpoint
     * left, is stopped there: still at the load, x0 still the address. */
    threads_settle();
    seL4_UserContext c;
    TEST_CHECK(seL4_TCB_ReadRegisters(threads[0].tcb, false, 0, 4, &c) == seL4_NoError);
    TEST_CHECK(c.pc == (seL4_Word)(uintptr_t)refault_insn);
    TEST_CHECK(c.x0 == REFAULT_ADDRESS);
    destroy_all();
}

static void test_delete_queued_thread(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_SEND, ep, seL4_CapNull);
    start_op(1, OP_SEND, ep, seL4_CapNull);
    thread_destroy(&threads[0]); /* its last TCB cap: it leaves the queue */
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 0xC1);
    TEST_CHECK(thread_join(&threads[1]));
    (void)seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0); /* nobody else queued */
    destroy_all();
}

static void test_delete_caller(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(0, OP_CALL, ep, seL4_CapNull);
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    thread_destroy(&threads[0]); /* the caller goes while its reply is due */
    seL4_Word w = 1;
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    /* The root task goes on serving. */
    start_op(1, OP_CALL, ep, seL4_CapNull);
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 0xC1);
    w = 2;
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(ops[1].got == 2);
    destroy_all();
}

/* Badged caps b[1], b[2] to one endpoint b[0] (minted, all rights). */
static void badged_endpoint(seL4_CPtr b[3])
{
    b[0] = threads_object(seL4_EndpointObject);
    b[1] = threads_mint(b[0], seL4_AllRights, 1);
    b[2] = threads_mint(b[0], seL4_AllRights, 2);
    TEST_CHECK(b[1] != 0 && b[2] != 0);
}

static void test_cancel_matching(void)
{
    seL4_CPtr b[3];
    badged_endpoint(b);
    seL4_CPtr c1 = threads_copy(b[1]);
    seL4_CPtr c2 = threads_copy(b[2]);
    start_op(0, OP_CALL, c1, seL4_CapNull);
    start_op(1, OP_CALL, c2, seL4_CapNull);
    start_op(2, OP_CALL, c1, seL4_CapNull);
    /* Take badge 1 away (revoke its copies), then cancel its sends. */
    TEST_CHECK(seL4_CNode_Revoke(seL4_CapInitThreadCNode, b[1], seL4_WordBits) == seL4_NoError);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, b[1], seL4_WordBits) ==
               seL4_NoError);
    threads_settle();
    TEST_CHECK(ops[0].returned && ops[0].label == seL4_InvalidCapability);
    TEST_CHECK(ops[2].returned && ops[2].label == seL4_InvalidCapability);
    TEST_CHECK(!ops[1].returned);
    /* The badge-2 sender is still queued. */
    seL4_Word badge = 0;
    (void)threads_recv(b[0], &badge);
    TEST_CHECK(badge == 2 && seL4_GetMR(0) == 0xC1);
    seL4_Word w = 0xD1;
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(ops[1].label == 0 && ops[1].got == 0xD1);
    destroy_all();
}

/* Two senders, badge 1 then badge 2, queued on b[0]; after cancelling
 * through `cancel`, the root task receives badges `first` then `second`. */
static void requeue_case(seL4_CPtr b[3], seL4_CPtr cancel, seL4_Word first, seL4_Word second)
{
    start_op(0, OP_SEND, b[1], seL4_CapNull);
    start_op(1, OP_SEND, b[2], seL4_CapNull);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, cancel, seL4_WordBits) ==
               seL4_NoError);
    threads_settle();
    seL4_Word badge = 0;
    (void)threads_recv(b[0], &badge);
    TEST_CHECK(badge == first);
    (void)threads_recv(b[0], &badge);
    TEST_CHECK(badge == second);
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    destroy_all();
}

static void test_cancel_requeues(void)
{
    seL4_CPtr b[3];
    badged_endpoint(b);
    /* The cancelled sender still has its cap: it sends again, now last. */
    requeue_case(b, b[1], 2, 1);
}

static void test_cancel_unbadged(void)
{
    seL4_CPtr b[3];
    badged_endpoint(b);
    /* An unbadged cap cancels nothing: the queue keeps its order. */
    requeue_case(b, b[0], 1, 2);
}

static void test_cancel_rights(void)
{
    seL4_CPtr b[3];
    badged_endpoint(b);
    seL4_CPtr no_grant = threads_mint(b[0], seL4_CapRights_new(1, 0, 1, 1), 3);
    seL4_CPtr no_read = threads_mint(b[0], seL4_CapRights_new(1, 1, 0, 1), 4);
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_CPtr badged_ntfn = threads_mint(ntfn, seL4_AllRights, 5);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, no_grant, seL4_WordBits) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, no_read, seL4_WordBits) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, badged_ntfn,
                                            seL4_WordBits) == seL4_IllegalOperation);
}

static void test_cancel_fault_sender(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr all = threads_mint(fault_ep, seL4_AllRights, 0xF1);
    (void)start_faulting_sender(fault_ep, 0xF1);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, all, seL4_WordBits) ==
               seL4_NoError);
    /* Restarted, it makes the same fault again, from the same load. */
    threads_settle();
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_VMFault);
    TEST_CHECK(badge == 0xF1);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_IP) == (seL4_Word)(uintptr_t)refault_insn);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_Addr) == REFAULT_ADDRESS);
    destroy_all();
}

static const test_case_t cases[] = {
    { "CANCEL0001", "deleting an endpoint restarts a queued Call: InvalidCapability", test_delete_with_caller },
    { "CANCEL0002", "deleting an endpoint restarts a queued Send, which then fails", test_delete_with_sender },
    { "CANCEL0003", "deleting an endpoint restarts a queued Recv: cap fault", test_delete_with_receiver },
    { "CANCEL0004", "the same without a fault handler: reported, thread stopped", test_delete_no_handler },
    { "CANCEL0005", "deleting a notification restarts a waiting thread: cap fault", test_delete_notification },
    { "CANCEL0006", "deleting a cap that is not the last one cancels nothing", test_delete_not_last },
    { "CANCEL0007", "deleting a fault endpoint restarts a queued faulting thread at its fault", test_delete_with_fault_sender },
    { "CANCEL0008", "deleting a queued thread takes it out of the queue", test_delete_queued_thread },
    { "CANCEL0009", "deleting a caller whose reply is due: the Reply does nothing", test_delete_caller },
    { "CANCEL_BADGED_SENDS0001", "only senders with the badge are cancelled", test_cancel_matching },
    { "CANCEL_BADGED_SENDS0002", "a cancelled sender retries and queues last", test_cancel_requeues },
    { "CANCEL_BADGED_SENDS0003", "an unbadged cap cancels nothing", test_cancel_unbadged },
    { "CANCEL_BADGED_SENDS0004", "without all rights, or on a notification: IllegalOperation", test_cancel_rights },
    { "CANCEL_BADGED_SENDS0005", "a cancelled faulting sender faults again at the same place", test_cancel_fault_sender },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
