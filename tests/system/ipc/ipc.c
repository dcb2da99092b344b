// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPC0001-0021: endpoint IPC between the root task and helper threads (seL4
 * manual, "IPC"): Call, Recv, Reply and ReplyRecv with messages in registers
 * and through IPC buffers, badges, the non-blocking forms, who blocks and
 * who runs first by priority, the FIFO order of endpoint queues, the Read
 * and Write rights (sel4test IPCRIGHTS), and a caller whose CSpace has two
 * levels.
 */
#include "../lib/test.h"
#include "../lib/caps.h"
#include "thread_util.h"

#define STOP_LABEL 0x5709UL

/* An echo server: answers each message with label + 1 and every word
 * complemented, at the length it received, until STOP_LABEL. */
typedef struct server {
    seL4_CPtr ep;
    bool reply_recv; /* answer with ReplyRecv (else Reply, then Recv) */
    seL4_IPCBuffer *ipc;
    volatile seL4_Word last_length;
    volatile seL4_Word last_badge;
} server_t;

static test_thread_t threads[3];
static server_t server;

static seL4_Word echo(seL4_Word arg)
{
    server_t *s = (server_t *)arg;
    seL4_Word badge = 0;
    seL4_Word m[4] = { 0, 0, 0, 0 };
    seL4_MessageInfo_t info = seL4_RecvWithMRs(s->ep, &badge, &m[0], &m[1], &m[2], &m[3]);
    for (;;) {
        seL4_Word label = seL4_MessageInfo_get_label(info);
        seL4_Word length = seL4_MessageInfo_get_length(info);
        s->last_length = length;
        s->last_badge = badge;
        for (unsigned i = 0; i < 4; i++) {
            m[i] = ~m[i];
        }
        for (seL4_Word i = 4; s->ipc != seL4_Null && i < length; i++) {
            s->ipc->msg[i] = ~s->ipc->msg[i];
        }
        seL4_MessageInfo_t reply = seL4_MessageInfo_new(label + 1, 0, 0, length);
        if (label == STOP_LABEL) {
            seL4_ReplyWithMRs(reply, &m[0], &m[1], &m[2], &m[3]);
            return 0;
        }
        if (s->reply_recv) {
            info = seL4_ReplyRecvWithMRs(s->ep, reply, &badge, &m[0], &m[1], &m[2], &m[3]);
        } else {
            seL4_ReplyWithMRs(reply, &m[0], &m[1], &m[2], &m[3]);
            info = seL4_RecvWithMRs(s->ep, &badge, &m[0], &m[1], &m[2], &m[3]);
        }
    }
}

/* Starts the echo server on a fresh endpoint; returns the endpoint. */
static seL4_CPtr start_server(seL4_Word prio, bool reply_recv, bool ipc_buffer)
{
    server = (server_t){ .ep = threads_object(seL4_EndpointObject), .reply_recv = reply_recv };
    TEST_CHECK(server.ep != 0);
    TEST_CHECK(thread_create(&threads[0], echo, (seL4_Word)(uintptr_t)&server, prio,
                             seL4_CapNull, ipc_buffer));
    server.ipc = threads[0].ipc;
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    return server.ep;
}

static void stop_server(seL4_CPtr ep)
{
    seL4_MessageInfo_t info = seL4_CallWithMRs(ep, seL4_MessageInfo_new(STOP_LABEL, 0, 0, 0),
                                               seL4_Null, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == STOP_LABEL + 1);
    TEST_CHECK(thread_join(&threads[0]));
    thread_destroy(&threads[0]);
}

static seL4_Word pattern(seL4_Word length, seL4_Word i)
{
    return 0x0123456789ABCDEFUL * (length + 1) + i * 0x1111;
}

/* Calls with 0 to 4 words, all in registers. */
static void register_round_trips(seL4_CPtr ep)
{
    for (seL4_Word length = 0; length <= seL4_FastMessageRegisters; length++) {
        seL4_Word m[4];
        for (seL4_Word i = 0; i < 4; i++) {
            m[i] = pattern(length, i);
        }
        seL4_MessageInfo_t info = seL4_CallWithMRs(
            ep, seL4_MessageInfo_new(0x100 + length, 0, 0, length), &m[0], &m[1], &m[2], &m[3]);
        TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x101 + length);
        TEST_CHECK(seL4_MessageInfo_get_length(info) == length);
        TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 0);
        TEST_CHECK(server.last_length == length);
        for (seL4_Word i = 0; i < length; i++) {
            TEST_CHECK(m[i] == ~pattern(length, i));
        }
    }
}

static void test_call_reply(void)
{
    seL4_CPtr ep = start_server(THREAD_PRIO, false, false);
    register_round_trips(ep);
    stop_server(ep);
}

static void test_call_reply_recv(void)
{
    seL4_CPtr ep = start_server(THREAD_PRIO, true, false);
    register_round_trips(ep);
    stop_server(ep);
}

static void test_call_same_priority(void)
{
    seL4_CPtr ep = start_server(ROOT_PRIO, true, false);
    register_round_trips(ep);
    /* The badge comes through the fast path too. */
    seL4_CPtr badged = threads_mint(ep, seL4_AllRights, 0xFA57);
    seL4_Word w = 1;
    (void)seL4_CallWithMRs(badged, seL4_MessageInfo_new(1, 0, 0, 1), &w, seL4_Null, seL4_Null,
                           seL4_Null);
    TEST_CHECK(server.last_badge == 0xFA57 && w == ~1UL);
    stop_server(ep);
}

static void test_max_label(void)
{
    seL4_CPtr ep = start_server(THREAD_PRIO, true, false);
    seL4_Word w = 0;
    seL4_MessageInfo_t info = seL4_CallWithMRs(
        ep, seL4_MessageInfo_new(seL4_MsgMaxLabel - 1, 0, 0, 1), &w, seL4_Null, seL4_Null,
        seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_MsgMaxLabel);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == 1 && w == ~0UL);
    stop_server(ep);
}

/* A Call of `length` words through the IPC buffers; checks the echo. */
static void long_round_trip(seL4_CPtr ep, seL4_Word length, seL4_Word expected)
{
    for (seL4_Word i = 0; i < seL4_MsgMaxLength; i++) {
        seL4_SetMR((int)i, pattern(length, i));
    }
    seL4_MessageInfo_t info = seL4_Call(ep, seL4_MessageInfo_new(0x200, 0, 0, length));
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x201);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == expected);
    TEST_CHECK(server.last_length == expected);
    for (seL4_Word i = 0; i < expected; i++) {
        TEST_CHECK(seL4_GetMR((int)i) == ~pattern(length, i));
    }
}

static void test_long_messages(void)
{
    static const seL4_Word lengths[] = { 5, 17, 64, seL4_MsgMaxLength - 1, seL4_MsgMaxLength };
    seL4_CPtr ep = start_server(THREAD_PRIO, true, true);
    for (unsigned i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        long_round_trip(ep, lengths[i], lengths[i]);
    }
    stop_server(ep);
}

static void test_length_clamped(void)
{
    seL4_CPtr ep = start_server(THREAD_PRIO, true, true);
    long_round_trip(ep, (1UL << seL4_MsgLengthBits) - 1, seL4_MsgMaxLength);
    stop_server(ep);
}

static void test_receiver_without_buffer(void)
{
    seL4_CPtr ep = start_server(THREAD_PRIO, true, false);
    long_round_trip(ep, 10, seL4_FastMessageRegisters);
    stop_server(ep);
}

/* A client that sends one word through each of its caps in turn. */
typedef struct client {
    seL4_CPtr caps[4];
    unsigned count;
    seL4_Word length;
} client_t;

static client_t client;

static seL4_Word send_each(seL4_Word arg)
{
    const client_t *c = (const client_t *)arg;
    for (unsigned i = 0; i < c->count; i++) {
        seL4_Word w = 0x50 + i;
        seL4_SendWithMRs(c->caps[i], seL4_MessageInfo_new(0x7, 0, 0, c->length), &w, &w, &w,
                         &w);
    }
    return 0;
}

static void test_sender_without_buffer(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    client = (client_t){ .caps = { ep }, .count = 1, .length = 10 };
    TEST_CHECK(thread_start(&threads[1], send_each, (seL4_Word)(uintptr_t)&client, THREAD_PRIO,
                            seL4_CapNull, false));
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x7);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == seL4_FastMessageRegisters);
    TEST_CHECK(seL4_GetMR(0) == 0x50 && seL4_GetMR(3) == 0x50);
    TEST_CHECK(badge == 0);
    TEST_CHECK(thread_join(&threads[1]));
    thread_destroy(&threads[1]);
}

static void test_badges(void)
{
    static const seL4_Word badges[] = { 0x1234, (1UL << 63) | 5, 0 };
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    client = (client_t){ .caps = { threads_mint(ep, seL4_AllRights, badges[0]),
                                   threads_mint(ep, seL4_AllRights, badges[1]), ep },
                         .count = 3,
                         .length = 1 };
    TEST_CHECK(client.caps[0] != 0 && client.caps[1] != 0);
    TEST_CHECK(thread_start(&threads[1], send_each, (seL4_Word)(uintptr_t)&client, THREAD_PRIO,
                            seL4_CapNull, false));
    for (unsigned i = 0; i < 3; i++) {
        seL4_Word badge = ~0UL;
        seL4_MessageInfo_t info = threads_recv(ep, &badge);
        TEST_CHECK(seL4_MessageInfo_get_length(info) == 1);
        TEST_CHECK(seL4_GetMR(0) == 0x50 + i);
        TEST_CHECK(badge == badges[i]);
    }
    TEST_CHECK(thread_join(&threads[1]));
    thread_destroy(&threads[1]);
}

static void test_badge_seen_by_server(void)
{
    seL4_CPtr ep = start_server(THREAD_PRIO, true, false);
    seL4_CPtr badged = threads_mint(ep, seL4_AllRights, 0xBADCAFE);
    seL4_Word w = 1;
    seL4_MessageInfo_t info = seL4_CallWithMRs(badged, seL4_MessageInfo_new(1, 0, 0, 1), &w,
                                               seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 2);
    TEST_CHECK(server.last_badge == 0xBADCAFE);
    (void)seL4_CallWithMRs(ep, seL4_MessageInfo_new(1, 0, 0, 1), &w, seL4_Null, seL4_Null,
                           seL4_Null);
    TEST_CHECK(server.last_badge == 0);
    stop_server(ep);
}

/* One-shot receivers and senders that log before and after. */
typedef struct party {
    seL4_CPtr ep;
    seL4_Word before;
    seL4_Word after;
    seL4_Word word;
    volatile seL4_Word got;
    volatile seL4_Word badge;
} party_t;

static party_t parties[2];

static seL4_Word receive_one(seL4_Word arg)
{
    party_t *p = (party_t *)arg;
    seL4_Word badge = 0;
    seL4_Word w = 0;
    trace(p->before);
    (void)seL4_RecvWithMRs(p->ep, &badge, &w, seL4_Null, seL4_Null, seL4_Null);
    p->got = w;
    p->badge = badge;
    trace(p->after);
    return 0;
}

static seL4_Word send_one(seL4_Word arg)
{
    party_t *p = (party_t *)arg;
    seL4_Word w = p->word;
    trace(p->before);
    seL4_SendWithMRs(p->ep, seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null,
                     seL4_Null);
    trace(p->after);
    return 0;
}

static void test_nbsend_dropped(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr badged = threads_mint(ep, seL4_AllRights, 7);
    seL4_Word w = 0x99;
    seL4_NBSendWithMRs(badged, seL4_MessageInfo_new(9, 0, 0, 1), &w, seL4_Null, seL4_Null,
                       seL4_Null);
    /* Nothing was queued: a poll finds nothing, a receiver keeps waiting. */
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0 && seL4_MessageInfo_get_length(info) == 0);
    parties[0] = (party_t){ .ep = ep, .before = 1, .after = 2 };
    trace_reset();
    TEST_CHECK(thread_start(&threads[1], receive_one, (seL4_Word)(uintptr_t)&parties[0],
                            THREAD_PRIO, seL4_CapNull, false));
    threads_settle();
    TEST_CHECK(!threads[1].finished);
    /* Now there is a receiver, so NBSend delivers. */
    w = 0x77;
    seL4_NBSendWithMRs(badged, seL4_MessageInfo_new(9, 0, 0, 1), &w, seL4_Null, seL4_Null,
                       seL4_Null);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(parties[0].got == 0x77 && parties[0].badge == 7);
    thread_destroy(&threads[1]);
}

static void test_nbrecv(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == 0);
    /* A waiting sender is taken at once. */
    client = (client_t){ .caps = { threads_mint(ep, seL4_AllRights, 0x42) }, .count = 1,
                         .length = 1 };
    TEST_CHECK(thread_start(&threads[1], send_each, (seL4_Word)(uintptr_t)&client, THREAD_PRIO,
                            seL4_CapNull, false));
    threads_settle();
    info = seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0x42);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x7 && seL4_MessageInfo_get_length(info) == 1);
    TEST_CHECK(seL4_GetMR(0) == 0x50);
    TEST_CHECK(thread_join(&threads[1]));
    thread_destroy(&threads[1]);
}

static void test_send_blocks(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    parties[0] = (party_t){ .ep = ep, .before = 1, .after = 2 };
    trace_reset();
    TEST_CHECK(thread_start(&threads[1], receive_one, (seL4_Word)(uintptr_t)&parties[0],
                            THREAD_PRIO, seL4_CapNull, false));
    seL4_Word w = 0xAB;
    seL4_SendWithMRs(ep, seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    /* The send could only end once the lower-priority receiver ran. */
    TEST_CHECK(trace_count() == 1 && trace_at(0) == 1);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(parties[0].got == 0xAB);
    thread_destroy(&threads[1]);
}

/* Starts a receiver and a sender at the given priorities, receiver first;
 * the trace must be `expected`. */
static void order_case(seL4_Word recv_prio, seL4_Word send_prio, const seL4_Word *expected)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    parties[0] = (party_t){ .ep = ep, .before = 'r', .after = 'R' };
    parties[1] = (party_t){ .ep = ep, .before = 's', .after = 'S', .word = 0x5E };
    trace_reset();
    TEST_CHECK(thread_start(&threads[1], receive_one, (seL4_Word)(uintptr_t)&parties[0],
                            recv_prio, seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[2], send_one, (seL4_Word)(uintptr_t)&parties[1], send_prio,
                            seL4_CapNull, false));
    TEST_CHECK(thread_join(&threads[1]) && thread_join(&threads[2]));
    TEST_CHECK(trace_is(expected, 4));
    TEST_CHECK(parties[0].got == 0x5E);
    thread_destroy(&threads[1]);
    thread_destroy(&threads[2]);
}

static void test_receiver_higher(void)
{
    /* The receiver waits first; the send wakes it and it runs at once. */
    static const seL4_Word expected[] = { 'r', 's', 'R', 'S' };
    order_case(200, 100, expected);
}

static void test_sender_higher(void)
{
    /* The sender blocks first; the receive unblocks it and it runs at once. */
    static const seL4_Word expected[] = { 's', 'r', 'S', 'R' };
    order_case(100, 200, expected);
}

static void test_receivers_fifo(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    parties[0] = (party_t){ .ep = ep, .before = 1, .after = 2 };
    parties[1] = (party_t){ .ep = ep, .before = 3, .after = 4 };
    trace_reset();
    TEST_CHECK(thread_start(&threads[1], receive_one, (seL4_Word)(uintptr_t)&parties[0],
                            THREAD_PRIO, seL4_CapNull, false));
    threads_settle();
    TEST_CHECK(thread_start(&threads[2], receive_one, (seL4_Word)(uintptr_t)&parties[1],
                            THREAD_PRIO, seL4_CapNull, false));
    threads_settle();
    for (seL4_Word w = 0xA1; w <= 0xA2; w++) {
        seL4_Word word = w;
        seL4_SendWithMRs(ep, seL4_MessageInfo_new(0, 0, 0, 1), &word, seL4_Null, seL4_Null,
                         seL4_Null);
    }
    TEST_CHECK(thread_join(&threads[1]) && thread_join(&threads[2]));
    TEST_CHECK(parties[0].got == 0xA1 && parties[1].got == 0xA2);
    thread_destroy(&threads[1]);
    thread_destroy(&threads[2]);
}

static void test_senders_fifo(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    parties[0] = (party_t){ .ep = ep, .before = 1, .after = 2, .word = 0xB1 };
    parties[1] = (party_t){ .ep = ep, .before = 3, .after = 4, .word = 0xB2 };
    TEST_CHECK(thread_start(&threads[1], send_one, (seL4_Word)(uintptr_t)&parties[0],
                            THREAD_PRIO, seL4_CapNull, false));
    threads_settle();
    TEST_CHECK(thread_start(&threads[2], send_one, (seL4_Word)(uintptr_t)&parties[1],
                            THREAD_PRIO, seL4_CapNull, false));
    threads_settle();
    seL4_Word badge;
    (void)seL4_Recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 0xB1);
    (void)seL4_Recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 0xB2);
    TEST_CHECK(thread_join(&threads[1]) && thread_join(&threads[2]));
    thread_destroy(&threads[1]);
    thread_destroy(&threads[2]);
}

static void test_no_write_right(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr read_only = threads_mint(ep, seL4_CanRead, 0);
    TEST_CHECK(read_only != 0);
    seL4_MessageInfo_t info = seL4_CallWithMRs(read_only, seL4_MessageInfo_new(0, 0, 0, 0),
                                               seL4_Null, seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_InvalidCapability);
}

static op_thread_t rights_op;

static void test_recv_needs_read(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr write_only = threads_mint(threads_object(seL4_EndpointObject), seL4_CanWrite, 0);
    TEST_CHECK(fault_ep != 0 && write_only != 0);
    rights_op = (op_thread_t){ .op = OP_RECV, .cap = write_only };
    TEST_CHECK(thread_start(&threads[0], op_run, (seL4_Word)(uintptr_t)&rights_op, THREAD_PRIO,
                            fault_ep, false));
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == write_only);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 1);
    thread_destroy(&threads[0]);
}

static void test_send_needs_write(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr read_only = threads_mint(ep, seL4_CanRead, 0);
    TEST_CHECK(read_only != 0);
    rights_op = (op_thread_t){ .op = OP_RECV, .cap = ep };
    TEST_CHECK(thread_start(&threads[0], op_run, (seL4_Word)(uintptr_t)&rights_op, THREAD_PRIO,
                            seL4_CapNull, false));
    threads_settle(); /* the receiver waits */
    /* Neither form reports the error; neither sends nor blocks. */
    seL4_NBSend(read_only, seL4_MessageInfo_new(0x21, 0, 0, 0));
    seL4_Send(read_only, seL4_MessageInfo_new(0x22, 0, 0, 0));
    threads_settle();
    TEST_CHECK(!rights_op.returned);
    seL4_Send(ep, seL4_MessageInfo_new(0x23, 0, 0, 0));
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(rights_op.label == 0x23);
    thread_destroy(&threads[0]);
}

/* A Call through a cap with neither Grant nor GrantReply delivers the
 * message but leaves no way to reply: seL4 makes the caller inactive, as
 * if it had not made the call yet, so that a Resume makes it again. */
static void test_call_without_grant(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr no_grant = threads_mint(ep, seL4_CapRights_new(0, 0, 1, 1), 0);
    TEST_CHECK(no_grant != 0);
    rights_op = (op_thread_t){ .op = OP_CALL, .cap = no_grant, .word = 0x77 };
    TEST_CHECK(thread_start(&threads[0], op_run, (seL4_Word)(uintptr_t)&rights_op, THREAD_PRIO,
                            seL4_CapNull, false));
    threads_settle(); /* it waits to send */
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x10 && seL4_GetMR(0) == 0x77);
    /* No reply cap: Reply has nobody to answer. */
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    threads_settle();
    TEST_CHECK(!rights_op.returned);
    /* Resumed, it makes the Call again. */
    TEST_CHECK(seL4_TCB_Resume(threads[0].tcb) == seL4_NoError);
    threads_settle();
    info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x10 && seL4_GetMR(0) == 0x77);
    TEST_CHECK(!rights_op.returned);
    thread_destroy(&threads[0]);
}

/* A CSpace of two levels: the root CNode takes 56 bits (52 of guard), the
 * second 8 (4 of guard), so a Call goes through the general lookup, not
 * the one-level one the root task's CSpace uses. */
#define L2_SLOT 1        /* where the second level sits in the first */
#define EP_INDEX 3       /* the endpoint, in the second level */
#define FAULT_EP_INDEX 5 /* the fault endpoint, likewise */
#define L2_CPTR(guard, index) (((seL4_Word)L2_SLOT << 8) | ((seL4_Word)(guard) << 4) | (index))

/* Two Calls: a thread's first Call makes its master reply cap (slow path),
 * so only the second can take the fast path. Answers both reply labels. */
static seL4_Word two_calls(seL4_Word cptr)
{
    seL4_Word w = 0x2C;
    seL4_MessageInfo_t first = seL4_CallWithMRs(cptr, seL4_MessageInfo_new(0x10, 0, 0, 1), &w,
                                                seL4_Null, seL4_Null, seL4_Null);
    w = 0x2D;
    seL4_MessageInfo_t second = seL4_CallWithMRs(cptr, seL4_MessageInfo_new(0x10, 0, 0, 1), &w,
                                                 seL4_Null, seL4_Null, seL4_Null);
    return (seL4_MessageInfo_get_label(first) << 16) | seL4_MessageInfo_get_label(second);
}

static void test_two_level_cspace(void)
{
    seL4_CPtr untyped = test_untyped(16, seL4_Null);
    seL4_CPtr l1 = test_create(untyped, seL4_CapTableObject, 4, seL4_Null);
    seL4_CPtr l2 = test_create(untyped, seL4_CapTableObject, 4, seL4_Null);
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(l1 != 0 && l2 != 0 && ep != 0 && fault_ep != 0);
    TEST_CHECK(seL4_CNode_Mint(l1, L2_SLOT, 4, seL4_CapInitThreadCNode, l2, seL4_WordBits,
                               seL4_AllRights, seL4_CNode_CapData_new(0, 4).words[0]) == seL4_NoError);
    TEST_CHECK(seL4_CNode_Copy(l2, EP_INDEX, 4, seL4_CapInitThreadCNode, ep, seL4_WordBits,
                               seL4_AllRights) == seL4_NoError);
    TEST_CHECK(seL4_CNode_Mint(l2, FAULT_EP_INDEX, 4, seL4_CapInitThreadCNode, fault_ep,
                               seL4_WordBits, seL4_AllRights, 0xFE) == seL4_NoError);
    seL4_Word root_data = seL4_CNode_CapData_new(0, 52).words[0];

    /* Through the right path both Calls arrive and get their replies. */
    TEST_CHECK(thread_create(&threads[0], two_calls, L2_CPTR(0, EP_INDEX), THREAD_PRIO,
                             seL4_CapNull, false));
    TEST_CHECK(seL4_TCB_SetSpace(threads[0].tcb, L2_CPTR(0, FAULT_EP_INDEX), l1, root_data,
                                 seL4_CapInitThreadVSpace, 0) == seL4_NoError);
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x10 && badge == 0 && seL4_GetMR(0) == 0x2C);
    seL4_Reply(seL4_MessageInfo_new(0x55, 0, 0, 0));
    info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x10 && badge == 0 && seL4_GetMR(0) == 0x2D);
    /* Back to the root task's CSpace before the last reply: the helper's
     * own code names its notification and TCB there once it returns. */
    TEST_CHECK(seL4_TCB_SetSpace(threads[0].tcb, seL4_CapNull, seL4_CapInitThreadCNode, 0,
                                 seL4_CapInitThreadVSpace, 0) == seL4_NoError);
    seL4_Reply(seL4_MessageInfo_new(0x56, 0, 0, 0));
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(threads[0].result == ((0x55UL << 16) | 0x56));
    thread_destroy(&threads[0]);

    /* A wrong second-level guard is a capability fault, not a message (the
     * helper stays stopped at its fault until it is destroyed). */
    rights_op = (op_thread_t){ .op = OP_CALL, .cap = L2_CPTR(1, EP_INDEX), .word = 0x2D };
    TEST_CHECK(thread_create(&threads[0], op_run, (seL4_Word)(uintptr_t)&rights_op, THREAD_PRIO,
                             seL4_CapNull, false));
    TEST_CHECK(seL4_TCB_SetSpace(threads[0].tcb, L2_CPTR(0, FAULT_EP_INDEX), l1, root_data,
                                 seL4_CapInitThreadVSpace, 0) == seL4_NoError);
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault && badge == 0xFE);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == L2_CPTR(1, EP_INDEX));
    badge = 1;
    (void)seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0); /* nothing reached the endpoint */
    thread_destroy(&threads[0]);
}

static const test_case_t cases[] = {
    { "IPC0001", "Call/Recv/Reply with 0..4 words in registers", test_call_reply },
    { "IPC0002", "Call/ReplyRecv with 0..4 words in registers", test_call_reply_recv },
    { "IPC0003", "Call/ReplyRecv with a server at the caller's priority", test_call_same_priority },
    { "IPC0004", "messages of 5..seL4_MsgMaxLength words through IPC buffers", test_long_messages },
    { "IPC0005", "a length above seL4_MsgMaxLength is cut to it", test_length_clamped },
    { "IPC0006", "a receiver without an IPC buffer gets the register words", test_receiver_without_buffer },
    { "IPC0007", "a sender without an IPC buffer sends the register words", test_sender_without_buffer },
    { "IPC0008", "the receiver sees each minted badge, 0 for an unbadged cap", test_badges },
    { "IPC0009", "a server sees the badge of the cap a Call came through", test_badge_seen_by_server },
    { "IPC0010", "NBSend with no receiver waiting is dropped", test_nbsend_dropped },
    { "IPC0011", "NBRecv: nothing waiting gives badge 0; a waiting sender is taken", test_nbrecv },
    { "IPC0012", "Send blocks until a lower-priority receiver arrives", test_send_blocks },
    { "IPC0013", "a higher-priority waiting receiver runs at once on a Send", test_receiver_higher },
    { "IPC0014", "a higher-priority blocked sender runs at once on the Recv", test_sender_higher },
    { "IPC0015", "receivers are served in the order they queued", test_receivers_fifo },
    { "IPC0016", "senders are received in the order they queued", test_senders_fifo },
    { "IPC0017", "Call through an endpoint cap without Write: InvalidCapability", test_no_write_right },
    { "IPC0018", "a label of all 52 bits travels both ways", test_max_label },
    { "IPC0019", "Recv through an endpoint cap without Read is a cap fault", test_recv_needs_read },
    { "IPC0020", "Send and NBSend without Write send nothing and do not block", test_send_needs_write },
    { "IPC0021", "Call through a two-level CSpace; a wrong guard is a cap fault", test_two_level_cspace },
    { "IPC0022", "Call without Grant or GrantReply: the caller goes inactive and a Resume calls again", test_call_without_grant },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
