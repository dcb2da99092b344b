// SPDX-License-Identifier: BSD-2-Clause
/*
 * TLS0001-0005: thread-local storage and one IPC buffer per thread
 * (cairn/tls.h). The root task's runtime sets up its TLS from the ELF TLS
 * segment; helpers get their own blocks; __sel4_ipc_buffer is one of those
 * variables, so threads sharing an address space use seL4_SetMR, seL4_Call
 * and the generated stubs freely, each through its own buffer.
 */
#include "../lib/caps.h"
#include "../lib/test.h"
#include "thread_util.h"

#include <cairn/tls.h>
#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */

#define CLIENTS 4
#define LONG_WORDS 100
#define SERVER_LABEL 0x5E

static __thread seL4_Word initialised_word = 0x1A17; /* .tdata */
static __thread seL4_Word zeroed_words[4];           /* .tbss */

static test_thread_t clients[CLIENTS];
static test_thread_t server;
static seL4_CPtr service_ep;
static seL4_CPtr client_ntfns[CLIENTS];
static seL4_CPtr client_eps[CLIENTS]; /* service_ep with badge i + 1 */
static seL4_CPtr server_slot; /* where the server receives the clients' caps */

static void test_root_tls(void)
{
    TEST_CHECK(cairn_tls_get_base() != 0);
    TEST_CHECK(seL4_GetIPCBuffer() == (seL4_IPCBuffer *)seL4_GetBootInfo()->ipcBuffer);
    TEST_CHECK(initialised_word == 0x1A17);
    TEST_CHECK(zeroed_words[0] == 0 && zeroed_words[3] == 0);
    /* The variables live in the block at the thread pointer. */
    uintptr_t tp = cairn_tls_get_base();
    uintptr_t var = (uintptr_t)&__sel4_ipc_buffer;
    TEST_CHECK(var > tp && var < tp + cairn_tls_area_size());
}

/* Each thread starts with the template's values and keeps its own. */
static seL4_Word touch_tls(seL4_Word arg)
{
    seL4_Word seen = initialised_word + zeroed_words[1];
    initialised_word = arg;
    zeroed_words[1] = arg;
    seL4_Yield(); /* the others write theirs meanwhile */
    return seen == 0x1A17 && initialised_word == arg && zeroed_words[1] == arg;
}

static void test_thread_tls(void)
{
    initialised_word = 0xBEEF; /* the root's own copy: helpers start from the template */
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(thread_start(&clients[i], touch_tls, 0x100 + i, THREAD_PRIO, seL4_CapNull,
                                false));
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(thread_join(&clients[i]) && clients[i].result == 1);
        thread_destroy(&clients[i]);
    }
    TEST_CHECK(initialised_word == 0xBEEF);
    initialised_word = 0x1A17;
}

static seL4_Word pattern(seL4_Word client, unsigned i)
{
    return (client << 32) | (0xC0DE0000UL + i);
}

/* The server: each request carries a long message and a cap; the reply
 * echoes the words, each plus one, and says what the cap was. */
static seL4_Word serve(seL4_Word requests)
{
    seL4_SetCapReceivePath(seL4_CapInitThreadCNode, server_slot, seL4_WordBits);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(service_ep, &badge);
    for (seL4_Word n = 0;; n++) {
        seL4_Word length = seL4_MessageInfo_get_length(info);
        seL4_Word cap_type = seL4_MessageInfo_get_extraCaps(info) == 1 &&
                                     seL4_MessageInfo_get_capsUnwrapped(info) == 0
                                 ? seL4_DebugCapIdentify(server_slot)
                                 : 0;
        (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, server_slot, seL4_WordBits);
        for (seL4_Word i = 0; i < length; i++) {
            seL4_SetMR((int)i, seL4_GetMR((int)i) + 1);
        }
        seL4_SetMR((int)length, cap_type);
        seL4_SetMR((int)length + 1, badge);
        if (n + 1 == requests) {
            seL4_Reply(seL4_MessageInfo_new(SERVER_LABEL, 0, 0, length + 2));
            return n + 1;
        }
        info = seL4_ReplyRecv(service_ep, seL4_MessageInfo_new(SERVER_LABEL, 0, 0, length + 2),
                              &badge);
    }
}

/* A client: fills its own buffer, lets the others run (so that a shared
 * buffer would be overwritten), then calls with its notification cap. */
static seL4_Word call_server(seL4_Word index)
{
    for (unsigned i = 0; i < LONG_WORDS; i++) {
        seL4_SetMR((int)i, pattern(index, i));
    }
    seL4_SetCap(0, client_ntfns[index]);
    seL4_Yield();
    seL4_MessageInfo_t reply =
        seL4_Call(client_eps[index], seL4_MessageInfo_new(0x10, 0, 1, LONG_WORDS));
    bool ok = seL4_MessageInfo_get_label(reply) == SERVER_LABEL &&
              seL4_MessageInfo_get_length(reply) == LONG_WORDS + 2;
    for (unsigned i = 0; i < LONG_WORDS; i++) {
        ok = ok && seL4_GetMR((int)i) == pattern(index, i) + 1;
    }
    ok = ok && seL4_GetMR(LONG_WORDS) == CAP_NOTIFICATION;
    ok = ok && seL4_GetMR(LONG_WORDS + 1) == index + 1; /* the badge it called with */
    return ok;
}

static void test_concurrent_calls(void)
{
    server_slot = test_slot();
    service_ep = threads_object(seL4_EndpointObject);
    for (unsigned i = 0; i < CLIENTS; i++) {
        client_ntfns[i] = threads_object(seL4_NotificationObject);
        client_eps[i] = threads_mint(service_ep, seL4_AllRights, i + 1);
        TEST_CHECK(client_ntfns[i] != 0 && client_eps[i] != 0);
    }
    TEST_CHECK(thread_start(&server, serve, CLIENTS, THREAD_PRIO, seL4_CapNull, true));
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(thread_start(&clients[i], call_server, i, THREAD_PRIO, seL4_CapNull, true));
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(thread_join(&clients[i]));
        if (clients[i].result != 1) {
            printf("    client %u saw a wrong reply\n", i);
        }
        TEST_CHECK(clients[i].result == 1);
    }
    TEST_CHECK(thread_join(&server) && server.result == CLIENTS);
    for (unsigned i = 0; i < CLIENTS; i++) {
        thread_destroy(&clients[i]);
    }
    thread_destroy(&server);
}

static const test_case_t cases[] = {
    { "TLS0001", "the root task's TLS: its IPC buffer, initialised and zeroed variables", test_root_tls },
    { "TLS0002", "each thread starts from the TLS template and keeps its own values", test_thread_tls },
    { "TLS0003", "four threads in one VSpace Call at once with 100 words and a cap, each through its own buffer", test_concurrent_calls },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
