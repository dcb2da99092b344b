// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPC0101-0109 and REPLY0001-0008: capabilities in messages and reply
 * capabilities (seL4 manual, "IPC": capability transfer, "Badged endpoint
 * caps" unwrapping, reply caps and SaveCaller). A helper receives caps into
 * the slot its IPC buffer names; the root task checks what arrived with
 * seL4_DebugCapIdentify.
 */
#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */

#include "../lib/caps.h"
#include "../lib/test.h"
#include "thread_util.h"

static test_thread_t threads[2];

/* A helper that receives one message and keeps what the kernel gave it. */
typedef struct catcher {
    seL4_CPtr ep;
    seL4_IPCBuffer *ipc;
    volatile seL4_Word info;
    volatile seL4_Word mr0;
    volatile seL4_Word badges[seL4_MsgMaxExtraCaps];
} catcher_t;

static catcher_t catcher;

static seL4_Word catch_one(seL4_Word arg)
{
    catcher_t *c = (catcher_t *)arg;
    seL4_Word badge = 0;
    seL4_Word w = 0;
    seL4_MessageInfo_t info = seL4_RecvWithMRs(c->ep, &badge, &w, seL4_Null, seL4_Null, seL4_Null);
    c->info = info.words[0];
    c->mr0 = w;
    for (unsigned i = 0; i < seL4_MsgMaxExtraCaps; i++) {
        c->badges[i] = c->ipc->caps_or_badges[i];
    }
    return 0;
}

/* Starts the catcher on ep, receiving caps into a fresh slot (returned). */
static seL4_CPtr start_catcher(seL4_CPtr ep)
{
    seL4_CPtr slot = test_slot();
    catcher = (catcher_t){ .ep = ep };
    TEST_CHECK(thread_create(&threads[0], catch_one, (seL4_Word)(uintptr_t)&catcher, THREAD_PRIO,
                             seL4_CapNull, true));
    catcher.ipc = threads[0].ipc;
    catcher.ipc->receiveCNode = seL4_CapInitThreadCNode;
    catcher.ipc->receiveIndex = slot;
    catcher.ipc->receiveDepth = seL4_WordBits;
    for (unsigned i = 0; i < seL4_MsgMaxExtraCaps; i++) {
        catcher.ipc->caps_or_badges[i] = ~0UL;
    }
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    return slot;
}

/* Sends MR0 = 0x77 and the given caps through `through`; waits for the
 * catcher; returns the message info it got. */
static seL4_MessageInfo_t send_caps(seL4_CPtr through, const seL4_CPtr *caps, unsigned count)
{
    seL4_SetMR(0, 0x77);
    for (unsigned i = 0; i < count; i++) {
        seL4_SetCap((int)i, caps[i]);
    }
    seL4_Send(through, seL4_MessageInfo_new(0x33, 0, count, 1));
    TEST_CHECK(thread_join(&threads[0]));
    thread_destroy(&threads[0]);
    seL4_MessageInfo_t info = { { catcher.info } };
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x33);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == 1);
    TEST_CHECK(catcher.mr0 == 0x77);
    return info;
}

static void test_grant(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_CPtr badged = threads_mint(ntfn, seL4_AllRights, 0x40);
    seL4_CPtr slot = start_catcher(ep);
    seL4_MessageInfo_t info = send_caps(ep, &badged, 1);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 1);
    TEST_CHECK(seL4_MessageInfo_get_capsUnwrapped(info) == 0);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NOTIFICATION);
    TEST_CHECK(seL4_DebugCapIdentify(badged) == CAP_NOTIFICATION); /* copied, not moved */
    /* The new cap is the badged one. */
    seL4_Signal(slot);
    seL4_Word badge = 0;
    (void)seL4_Poll(ntfn, &badge);
    TEST_CHECK(badge == 0x40);
}

static void test_no_grant(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr no_grant = threads_mint(ep, seL4_CapRights_new(1, 0, 1, 1), 0);
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_CPtr slot = start_catcher(ep);
    seL4_MessageInfo_t info = send_caps(no_grant, &ntfn, 1);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 0);
    TEST_CHECK(seL4_MessageInfo_get_capsUnwrapped(info) == 0);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
}

static void test_unwrap(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr badged = threads_mint(ep, seL4_AllRights, 0x99);
    seL4_CPtr slot = start_catcher(ep);
    seL4_MessageInfo_t info = send_caps(ep, &badged, 1);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 1);
    TEST_CHECK(seL4_MessageInfo_get_capsUnwrapped(info) == 1);
    TEST_CHECK(catcher.badges[0] == 0x99);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
}

static void test_unwrap_unbadged(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr slot = start_catcher(ep);
    seL4_MessageInfo_t info = send_caps(ep, &ep, 1);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 1);
    TEST_CHECK(seL4_MessageInfo_get_capsUnwrapped(info) == 1);
    TEST_CHECK(catcher.badges[0] == 0);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
}

static void test_mixed(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_CPtr caps[3] = { threads_mint(ep, seL4_AllRights, 0x99), ntfn,
                          threads_mint(ep, seL4_AllRights, 0x55) };
    seL4_CPtr slot = start_catcher(ep);
    seL4_MessageInfo_t info = send_caps(ep, caps, 3);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 3);
    TEST_CHECK(seL4_MessageInfo_get_capsUnwrapped(info) == 5);
    TEST_CHECK(catcher.badges[0] == 0x99 && catcher.badges[2] == 0x55);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NOTIFICATION);
}

static void test_one_slot(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr caps[2] = { threads_object(seL4_NotificationObject),
                          threads_object(seL4_EndpointObject) };
    seL4_CPtr slot = start_catcher(ep);
    seL4_MessageInfo_t info = send_caps(ep, caps, 2);
    /* The second cap needs a slot too: the transfer stops there. */
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 1);
    TEST_CHECK(seL4_MessageInfo_get_capsUnwrapped(info) == 0);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NOTIFICATION);
}

static void test_slot_occupied(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_CPtr slot = start_catcher(ep);
    TEST_CHECK(seL4_CNode_Copy(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                               seL4_CapInitThreadCNode, ep, seL4_WordBits,
                               seL4_AllRights) == seL4_NoError);
    seL4_MessageInfo_t info = send_caps(ep, &ntfn, 1);
    TEST_CHECK(seL4_MessageInfo_get_extraCaps(info) == 0);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_ENDPOINT);
}

/* A server that answers one Call with a cap (MR0 = 0x88). */
typedef struct cap_server {
    seL4_CPtr ep;
    seL4_CPtr cap;
    seL4_IPCBuffer *ipc;
} cap_server_t;

static cap_server_t cap_server;

static seL4_Word reply_with_cap(seL4_Word arg)
{
    cap_server_t *s = (cap_server_t *)arg;
    seL4_Word badge;
    seL4_Word w = 0;
    (void)seL4_RecvWithMRs(s->ep, &badge, &w, seL4_Null, seL4_Null, seL4_Null);
    s->ipc->caps_or_badges[0] = s->cap;
    w = 0x88;
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 1, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    return 0;
}

/* The root task calls a server that receives through server_ep_rights;
 * returns the reply's extraCaps. */
static seL4_Word reply_cap_case(seL4_CapRights_t server_ep_rights)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    cap_server = (cap_server_t){ .ep = threads_mint(ep, server_ep_rights, 0),
                                 .cap = threads_object(seL4_NotificationObject) };
    TEST_CHECK(thread_create(&threads[0], reply_with_cap, (seL4_Word)(uintptr_t)&cap_server,
                             THREAD_PRIO, seL4_CapNull, true));
    cap_server.ipc = threads[0].ipc;
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    seL4_CPtr slot = test_slot();
    seL4_SetCapReceivePath(seL4_CapInitThreadCNode, slot, seL4_WordBits);
    seL4_Word w = 1;
    seL4_MessageInfo_t info = seL4_CallWithMRs(ep, seL4_MessageInfo_new(0, 0, 0, 1), &w,
                                               seL4_Null, seL4_Null, seL4_Null);
    seL4_SetCapReceivePath(0, 0, 0);
    TEST_CHECK(w == 0x88);
    TEST_CHECK(thread_join(&threads[0]));
    thread_destroy(&threads[0]);
    seL4_Word extra = seL4_MessageInfo_get_extraCaps(info);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == (extra != 0 ? CAP_NOTIFICATION : CAP_NULL));
    return extra;
}

static void test_reply_grant(void)
{
    TEST_CHECK(reply_cap_case(seL4_AllRights) == 1);
}

static void test_reply_no_grant(void)
{
    TEST_CHECK(reply_cap_case(seL4_CapRights_new(1, 0, 1, 1)) == 0);
}

/* A client that makes `calls` Calls with MR0 = word + i. */
typedef struct client {
    seL4_CPtr ep;
    seL4_Word word;
    unsigned calls;
    volatile unsigned done;
    volatile seL4_Word reply_word;
} client_t;

static client_t client;

static seL4_Word call_n(seL4_Word arg)
{
    client_t *c = (client_t *)arg;
    for (unsigned i = 0; i < c->calls; i++) {
        seL4_Word w = c->word + i;
        (void)seL4_CallWithMRs(c->ep, seL4_MessageInfo_new(0x10, 0, 0, 1), &w, seL4_Null,
                               seL4_Null, seL4_Null);
        c->reply_word = w;
        c->done = i + 1;
    }
    return 0;
}

static void start_client(seL4_CPtr ep, unsigned calls)
{
    client = (client_t){ .ep = ep, .word = 1, .calls = calls };
    TEST_CHECK(thread_start(&threads[1], call_n, (seL4_Word)(uintptr_t)&client, THREAD_PRIO,
                            seL4_CapNull, false));
}

static void reply_word(seL4_Word w)
{
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
}

static void test_reply_no_caller(void)
{
    reply_word(0x999); /* nobody to reply to: nothing happens */
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_client(ep, 2);
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 1);
    reply_word(0x101);
    reply_word(0x999); /* the reply cap was used up */
    threads_settle();
    TEST_CHECK(client.done == 1 && client.reply_word == 0x101);
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 2);
    reply_word(0x102);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(client.done == 2 && client.reply_word == 0x102);
    thread_destroy(&threads[1]);
}

/* The client's first Call has been received; returns the slot SaveCaller
 * moved its reply cap to. */
static seL4_CPtr receive_and_save(seL4_CPtr ep)
{
    start_client(ep, 1);
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_GetMR(0) == 1);
    seL4_CPtr slot = test_slot();
    TEST_CHECK(seL4_CNode_SaveCaller(seL4_CapInitThreadCNode, slot, seL4_WordBits) ==
               seL4_NoError);
    return slot;
}

static void test_save_caller(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr slot = receive_and_save(ep);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_REPLY);
    reply_word(0x55); /* the caller slot is empty now */
    threads_settle();
    TEST_CHECK(client.done == 0);
    thread_destroy(&threads[1]);
    TEST_CHECK(threads_delete(slot) == seL4_NoError);
}

static void test_send_on_saved_reply(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr slot = receive_and_save(ep);
    seL4_Word w = 0x55;
    seL4_SendWithMRs(slot, seL4_MessageInfo_new(0, 0, 0, 1), &w, seL4_Null, seL4_Null, seL4_Null);
    threads_settle();
    TEST_CHECK(client.done == 1 && client.reply_word == 0x55);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL); /* a reply cap is used once */
    thread_destroy(&threads[1]);
    (void)threads_delete(slot);
}

static void test_save_caller_none(void)
{
    seL4_CPtr slot = test_slot();
    TEST_CHECK(seL4_CNode_SaveCaller(seL4_CapInitThreadCNode, slot, seL4_WordBits) ==
               seL4_NoError);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
}

static void test_save_caller_occupied(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_client(ep, 1);
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    TEST_CHECK(seL4_CNode_SaveCaller(seL4_CapInitThreadCNode, ep, seL4_WordBits) ==
               seL4_DeleteFirst);
    /* The reply cap stayed where it was. */
    reply_word(0x66);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(client.reply_word == 0x66);
    thread_destroy(&threads[1]);
}

/* The client calls through a cap with `rights`; the root task receives and
 * replies; returns whether the client got the reply. */
static bool call_rights_case(seL4_CapRights_t rights)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_client(threads_mint(ep, rights, 0), 1);
    seL4_Word badge;
    seL4_MessageInfo_t info = threads_recv(ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == 0x10 && seL4_GetMR(0) == 1);
    reply_word(0x77);
    threads_settle();
    bool replied = client.done == 1 && client.reply_word == 0x77;
    thread_destroy(&threads[1]);
    return replied;
}

static void test_call_without_grant(void)
{
    TEST_CHECK(!call_rights_case(seL4_CapRights_new(0, 0, 1, 1)));
}

static void test_call_grant_reply(void)
{
    TEST_CHECK(call_rights_case(seL4_CapRights_new(1, 0, 0, 1)));
}

static void test_recv_drops_reply(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_client(ep, 1);
    seL4_Word badge;
    (void)threads_recv(ep, &badge);
    (void)seL4_NBRecv(ep, &badge); /* a new receive discards the unused reply cap */
    reply_word(0x77);
    threads_settle();
    TEST_CHECK(client.done == 0);
    thread_destroy(&threads[1]);
}

static const test_case_t cases[] = {
    { "IPC0101", "with Grant, a cap arrives in the receive slot", test_grant },
    { "IPC0102", "without Grant, no cap is transferred (extraCaps 0)", test_no_grant },
    { "IPC0103", "a badged cap to the same endpoint is unwrapped to its badge", test_unwrap },
    { "IPC0104", "an unbadged cap to the same endpoint unwraps to badge 0", test_unwrap_unbadged },
    { "IPC0105", "unwrapped and transferred caps in one message", test_mixed },
    { "IPC0106", "only one cap is transferred: there is one receive slot", test_one_slot },
    { "IPC0107", "an occupied receive slot takes no cap", test_slot_occupied },
    { "IPC0108", "a reply carries a cap when the server's cap has Grant", test_reply_grant },
    { "IPC0109", "a reply carries no cap when the server's cap lacks Grant", test_reply_no_grant },
    { "REPLY0001", "Reply with no caller does nothing", test_reply_no_caller },
    { "REPLY0002", "SaveCaller moves the reply cap out of the caller slot", test_save_caller },
    { "REPLY0003", "Send on a saved reply cap replies and uses the cap up", test_send_on_saved_reply },
    { "REPLY0004", "SaveCaller with no caller succeeds and saves nothing", test_save_caller_none },
    { "REPLY0005", "SaveCaller into an occupied slot: DeleteFirst", test_save_caller_occupied },
    { "REPLY0006", "Call without Grant or GrantReply is never replied to", test_call_without_grant },
    { "REPLY0007", "Call with GrantReply alone gets its reply", test_call_grant_reply },
    { "REPLY0008", "a new receive discards an unused reply cap", test_recv_drops_reply },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
