// SPDX-License-Identifier: BSD-2-Clause
/*
 * QUIET0001-0005: ordinary IPC that a debug kernel must not report as a user
 * error (seL4 prints "user error" lines for refused invocations only). A cap
 * sent to a receiver that has no usable receive slot is dropped, as in seL4's
 * getReceiveSlots, and the message arrives with extraCaps 0; a Poll or an
 * NBRecv that finds nothing returns at once. The test rejects any
 * "cairn: '<thread>': " line in the log.
 */
#include "../lib/caps.h"
#include "../lib/test.h"
#include "thread_util.h"

static test_thread_t server_thread;

/* A server that answers one Call and keeps the message info it received. */
typedef struct server {
    seL4_CPtr ep;
    volatile seL4_Word info;
} server_t;

static server_t server;

static seL4_Word answer_one(seL4_Word arg)
{
    server_t *s = (server_t *)arg;
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(s->ep, &badge);
    s->info = info.words[0];
    seL4_Reply(seL4_MessageInfo_new(0x55, 0, 0, 0));
    return 0;
}

/* Calls a server whose buffer names (cnode, index, depth) as its receive
 * slot, carrying one cap; the cap must be dropped and the call answered. */
static void call_with_cap(seL4_CPtr cnode, seL4_Word index, seL4_Word depth)
{
    server = (server_t){ .ep = threads_object(seL4_EndpointObject) };
    seL4_CPtr carried = threads_object(seL4_NotificationObject);
    TEST_CHECK(thread_create(&server_thread, answer_one, (seL4_Word)(uintptr_t)&server,
                             THREAD_PRIO, seL4_CapNull, true));
    server_thread.ipc->receiveCNode = cnode;
    server_thread.ipc->receiveIndex = index;
    server_thread.ipc->receiveDepth = depth;
    TEST_CHECK(thread_resume(&server_thread) == seL4_NoError);
    threads_settle();
    seL4_SetCap(0, carried);
    seL4_MessageInfo_t reply = seL4_Call(server.ep, seL4_MessageInfo_new(0x33, 0, 1, 0));
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == 0x55);
    TEST_CHECK(thread_join(&server_thread));
    thread_destroy(&server_thread);
    seL4_MessageInfo_t got = { { server.info } };
    TEST_CHECK(seL4_MessageInfo_get_label(got) == 0x33);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(got) == 0);
}

/* Receive fields all 0: slot 0 of the root CNode is the null cap, no CNode. */
static void test_no_receive_slot(void)
{
    call_with_cap(0, 0, 0);
}

static void test_receive_slot_full(void)
{
    call_with_cap(seL4_CapInitThreadCNode, seL4_CapInitThreadTCB, seL4_WordBits);
}

static void test_receive_depth_zero(void)
{
    call_with_cap(seL4_CapInitThreadCNode, test_slot(), 0);
}

static void test_receive_root_not_cnode(void)
{
    call_with_cap(seL4_CapInitThreadTCB, 0, seL4_WordBits);
}

static void test_nothing_pending(void)
{
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_Word badge = 1;
    for (int i = 0; i < 3; i++) {
        seL4_Poll(ntfn, &badge);
        TEST_CHECK(badge == 0);
        badge = 1;
        seL4_NBRecv(ep, &badge);
        TEST_CHECK(badge == 0);
    }
}

static const test_case_t cases[] = {
    { "QUIET0001", "a cap to a receiver with no receive slot is dropped", test_no_receive_slot },
    { "QUIET0002", "a cap to an occupied receive slot is dropped", test_receive_slot_full },
    { "QUIET0003", "a cap to a receive slot of depth 0 is dropped", test_receive_depth_zero },
    { "QUIET0004", "a cap to a receive root that is no CNode is dropped",
      test_receive_root_not_cnode },
    { "QUIET0005", "Poll and NBRecv with nothing pending return at once", test_nothing_pending },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
