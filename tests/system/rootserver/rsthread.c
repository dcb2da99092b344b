// SPDX-License-Identifier: BSD-2-Clause
/*
 * RSTHREAD: threads in the root task's VSpace made by the root-server
 * library (rootserver/thread.h). Each has a stack, a TLS block and an IPC
 * buffer of its own, mapped from frames of its own arena: four of them Call
 * a fifth at once with long messages and a cap each, their __thread
 * variables, errno and printf are their own, a fault goes to their fault
 * endpoint, and a failed create or a destroy leaves the untyped allocator's
 * free total and the free slots exactly as they were.
 */
#include <cairn/tls.h>
#include <errno.h>
#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */
#include <rootserver/env.h>
#include <rootserver/thread.h>
#include <sel4/sel4.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/test.h"

#define PRIO 100
#define PAGE 4096UL
#define CLIENTS 4
#define LONG_WORDS 100
#define SERVER_LABEL 0x5E
#define CLIENT_LABEL 0x10
#define NTFN_BADGE 0x100 /* + client index: the cap each client sends */
#define FAULT_BADGE 0xFA
#define HOARD_MAX 256

static rs_env_t env;
static rs_arena_t objects; /* each case's endpoints, notifications and copies */
static rs_thread_t threads[CLIENTS + 1];

static __thread seL4_Word tls_word = 0x1A17; /* .tdata */
static __thread seL4_Word tls_zeroed[2];     /* .tbss */

static seL4_CPtr object(seL4_Word type)
{
    seL4_CPtr cap = 0;
    TEST_CHECK(rs_arena_object(&objects, type, 0, &cap) == seL4_NoError);
    return cap;
}

static seL4_CPtr mint(seL4_CPtr src, seL4_Word badge)
{
    seL4_CPtr slot = rs_arena_slot(&objects);
    TEST_CHECK(slot != 0 && seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                                            seL4_CapInitThreadCNode, src, seL4_WordBits,
                                            seL4_AllRights, badge) == seL4_NoError);
    return slot;
}

static void objects_begin(void)
{
    TEST_CHECK(rs_arena_init(&objects, &env.ut, 14, 32) == seL4_NoError);
}

static void objects_end(void)
{
    TEST_CHECK(rs_arena_release(&objects) == seL4_NoError);
}

static bool create(rs_thread_t *t, rs_thread_fn_t fn, seL4_Word arg, seL4_CPtr notify)
{
    rs_thread_config_t config = { .fn = fn, .arg = arg, .priority = PRIO, .notify = notify };
    seL4_Error err = rs_thread_create(t, &env, &config);
    if (err != seL4_NoError) {
        printf("    rs_thread_create failed at %s: error %d\n", t->failed, (int)err);
    }
    return err == seL4_NoError;
}

/* What a thread sees of itself. */
typedef struct self_view {
    seL4_Word ipc_buffer;
    seL4_Word tls_base;
    seL4_Word local;
} self_view_t;

static seL4_Word look_at_self(seL4_Word arg)
{
    self_view_t *view = (self_view_t *)arg;
    volatile seL4_Word local = 0;
    view->ipc_buffer = (seL4_Word)seL4_GetIPCBuffer();
    view->tls_base = cairn_tls_get_base();
    view->local = (seL4_Word)&local;
    return 0x600D + local;
}

static void test_layout(void)
{
    objects_begin();
    seL4_CPtr done = object(seL4_NotificationObject);
    rs_thread_t *t = &threads[0];
    self_view_t view = { 0, 0, 0 };
    TEST_CHECK(create(t, look_at_self, (seL4_Word)&view, done));
    seL4_Word window = rs_thread_window(t->window);
    TEST_CHECK(window >= RS_THREAD_WINDOWS && (seL4_Word)t->ipc_buffer == window);
    TEST_CHECK(t->stack_low == window + 2 * PAGE); /* a guard page between */
    TEST_CHECK(t->tls_base >= t->stack_top && t->tls_base < t->stack_low + 4 * PAGE);
    TEST_CHECK(t->stack_top % 16 == 0 && t->stack_top > t->stack_low);
    TEST_CHECK(seL4_DebugCapIdentify(t->tcb) == CAP_THREAD && !rs_thread_finished(t));
    TEST_CHECK(rs_thread_start(t) == seL4_NoError);
    TEST_CHECK(rs_thread_join(t) == seL4_NoError);
    TEST_CHECK(rs_thread_finished(t) && t->result == 0x600D);
    TEST_CHECK(view.ipc_buffer == window && view.tls_base == t->tls_base);
    TEST_CHECK(view.local > t->stack_low && view.local < t->stack_top);
    printf("    window %#lx: stack [%#lx, %#lx), TLS at %#lx\n", window, t->stack_low,
           t->stack_top, t->tls_base);
    TEST_CHECK(rs_thread_destroy(t) == seL4_NoError);
    TEST_CHECK(seL4_DebugCapIdentify(t->tcb) == CAP_NULL && t->tcb == 0);
    objects_end();
}

static seL4_CPtr service_ep;
static seL4_CPtr server_slot; /* where the server receives each client's cap */
static seL4_CPtr client_eps[CLIENTS];  /* service_ep with badge i + 1 */
static seL4_CPtr client_ntfns[CLIENTS];
static seL4_CPtr client_caps[CLIENTS]; /* client_ntfns[i] with badge NTFN_BADGE + i */

static seL4_Word pattern(seL4_Word client, unsigned i)
{
    return (client << 32) | (0xC0DE0000UL + i);
}

/* Replies to each request with its words plus one, the received cap's
 * type and the badge it came with; signals the received cap, so that the
 * client can tell it was its own, and deletes it. */
static seL4_Word serve(seL4_Word requests)
{
    seL4_SetCapReceivePath(seL4_CapInitThreadCNode, server_slot, seL4_WordBits);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(service_ep, &badge);
    for (seL4_Word n = 1;; n++) {
        seL4_Word length = seL4_MessageInfo_get_length(info);
        seL4_Word cap_type = 0;
        if (seL4_MessageInfo_get_extraCaps(info) == 1 &&
            seL4_MessageInfo_get_capsUnwrapped(info) == 0) {
            cap_type = seL4_DebugCapIdentify(server_slot);
            seL4_Signal(server_slot);
            (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, server_slot, seL4_WordBits);
        }
        for (seL4_Word i = 0; i < length; i++) {
            seL4_SetMR((int)i, seL4_GetMR((int)i) + 1);
        }
        seL4_SetMR((int)length, cap_type);
        seL4_SetMR((int)length + 1, badge);
        info = seL4_MessageInfo_new(SERVER_LABEL, 0, 0, length + 2);
        if (n == requests) {
            seL4_Reply(info);
            return n;
        }
        info = seL4_ReplyRecv(service_ep, info, &badge);
    }
}

/* Fills its own buffer, lets the others fill theirs (a shared buffer would
 * be overwritten), then calls with its badged notification cap. */
static seL4_Word call_server(seL4_Word index)
{
    for (unsigned i = 0; i < LONG_WORDS; i++) {
        seL4_SetMR((int)i, pattern(index, i));
    }
    seL4_SetCap(0, client_caps[index]);
    seL4_Yield();
    seL4_MessageInfo_t reply =
        seL4_Call(client_eps[index], seL4_MessageInfo_new(CLIENT_LABEL, 0, 1, LONG_WORDS));
    bool ok = seL4_MessageInfo_get_label(reply) == SERVER_LABEL &&
              seL4_MessageInfo_get_length(reply) == LONG_WORDS + 2;
    for (unsigned i = 0; i < LONG_WORDS; i++) {
        ok = ok && seL4_GetMR((int)i) == pattern(index, i) + 1;
    }
    ok = ok && seL4_GetMR(LONG_WORDS) == CAP_NOTIFICATION;
    ok = ok && seL4_GetMR(LONG_WORDS + 1) == index + 1;
    /* The server signalled the cap it received: it was this client's. */
    seL4_Word signalled = 0;
    (void)seL4_Poll(client_ntfns[index], &signalled);
    return ok && signalled == NTFN_BADGE + index;
}

/* The root reads each client's buffer through the client's window. */
static bool reply_in_buffer(const rs_thread_t *t, seL4_Word index)
{
    bool ok = true;
    for (unsigned i = 0; i < LONG_WORDS; i++) {
        ok = ok && t->ipc_buffer->msg[i] == pattern(index, i) + 1;
    }
    return ok && t->ipc_buffer->msg[LONG_WORDS] == CAP_NOTIFICATION;
}

static void test_concurrent_calls(void)
{
    objects_begin();
    seL4_CPtr done = object(seL4_NotificationObject);
    service_ep = object(seL4_EndpointObject);
    server_slot = rs_arena_slot(&objects);
    for (unsigned i = 0; i < CLIENTS; i++) {
        client_ntfns[i] = object(seL4_NotificationObject);
        client_eps[i] = mint(service_ep, i + 1);
        client_caps[i] = mint(client_ntfns[i], NTFN_BADGE + i);
    }
    rs_thread_t *server = &threads[CLIENTS];
    TEST_CHECK(create(server, serve, CLIENTS, done) && rs_thread_start(server) == seL4_NoError);
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(create(&threads[i], call_server, i, done));
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(rs_thread_start(&threads[i]) == seL4_NoError);
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(rs_thread_join(&threads[i]) == seL4_NoError);
        if (threads[i].result != 1 || !reply_in_buffer(&threads[i], i)) {
            printf("    client %u saw a wrong reply\n", i);
        }
        TEST_CHECK(threads[i].result == 1 && reply_in_buffer(&threads[i], i));
    }
    TEST_CHECK(rs_thread_join(server) == seL4_NoError && server->result == CLIENTS);
    for (unsigned i = 0; i <= CLIENTS; i++) {
        TEST_CHECK(rs_thread_destroy(&threads[i]) == seL4_NoError);
    }
    objects_end();
}

static seL4_CPtr print_lock; /* a notification used as a mutex around printf */

/* Starts from the template's values, writes its own, then checks, after
 * the others wrote theirs, that it still sees its own; errno too. */
static seL4_Word own_tls(seL4_Word arg)
{
    seL4_Word seen = tls_word + tls_zeroed[1];
    tls_word = arg;
    tls_zeroed[1] = arg;
    errno = 0;
    unsigned long big = strtoul("99999999999999999999999", NULL, 10);
    bool overflowed = errno == ERANGE && big == ~0UL;
    errno = (int)arg;
    seL4_Yield();
    bool mine = seen == 0x1A17 && tls_word == arg && tls_zeroed[1] == arg && errno == (int)arg;
    seL4_Wait(print_lock, NULL);
    int printed = printf("    thread %#lx: strtoul overflowed: %s, errno still mine: %s\n", arg,
                         overflowed ? "yes" : "no", mine ? "yes" : "no");
    seL4_Signal(print_lock);
    return overflowed && mine && printed > 0;
}

static void test_tls(void)
{
    objects_begin();
    seL4_CPtr done = object(seL4_NotificationObject);
    print_lock = object(seL4_NotificationObject);
    seL4_Signal(print_lock);
    tls_word = 0xBEEF; /* the root's own copy: threads start from the template */
    errno = 0;
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(create(&threads[i], own_tls, 0x100 + i, done));
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(rs_thread_start(&threads[i]) == seL4_NoError);
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        TEST_CHECK(rs_thread_join(&threads[i]) == seL4_NoError && threads[i].result == 1);
        TEST_CHECK(rs_thread_destroy(&threads[i]) == seL4_NoError);
    }
    TEST_CHECK(tls_word == 0xBEEF && tls_zeroed[1] == 0 && errno == 0);
    tls_word = 0x1A17;
    objects_end();
}

static seL4_Word write_at(seL4_Word addr)
{
    *(volatile seL4_Word *)addr = 1;
    return 0;
}

static void test_fault(void)
{
    objects_begin();
    seL4_CPtr ep = object(seL4_EndpointObject);
    seL4_CPtr fault_ep = mint(ep, FAULT_BADGE);
    rs_thread_t *t = &threads[0];
    rs_thread_config_t config = { .fn = write_at, .priority = PRIO, .fault_ep = fault_ep };
    TEST_CHECK(rs_thread_create(t, &env, &config) == seL4_NoError);
    /* The word just below the stack is in the guard page. The window is
     * known only now; the thread reads its argument when it starts. */
    seL4_Word guard = t->stack_low - sizeof(seL4_Word);
    t->arg = guard;
    TEST_CHECK(rs_thread_start(t) == seL4_NoError);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    TEST_CHECK(badge == FAULT_BADGE && seL4_MessageInfo_get_label(info) == seL4_Fault_VMFault);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_Addr) == guard);
    printf("    VM fault at %#lx, the guard page under the stack\n", seL4_GetMR(seL4_VMFault_Addr));
    TEST_CHECK(!rs_thread_finished(t));
    TEST_CHECK(rs_thread_destroy(t) == seL4_NoError);
    objects_end();
}

static seL4_Word never_called(seL4_Word arg)
{
    return arg;
}

/* A create that must fail at `step` with `want`, leaving nothing behind. */
static void expect_failure(const rs_thread_config_t *config, seL4_Error want, const char *step)
{
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    seL4_Word slots = env.slots.free;
    rs_thread_t *t = &threads[0];
    seL4_Error err = rs_thread_create(t, &env, config);
    printf("    failed at %s: error %d\n", t->failed != NULL ? t->failed : "(none)", (int)err);
    TEST_CHECK(err == want && t->error == want && t->failed != NULL);
    TEST_CHECK(t->failed != NULL && strcmp(t->failed, step) == 0);
    TEST_CHECK(t->tcb == 0 && rs_thread_destroy(t) == seL4_NoError);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram && env.slots.free == slots);
}

static void test_bad_priority(void)
{
    rs_thread_config_t config = { .fn = never_called, .priority = seL4_MaxPrio + 1 };
    expect_failure(&config, seL4_RangeError, "TCB_SetPriority");
    /* The window came back too: the next thread gets the first one. */
    TEST_CHECK(create(&threads[0], never_called, 0, 0) && threads[0].window == 0);
    TEST_CHECK(rs_thread_destroy(&threads[0]) == seL4_NoError);
}

static void test_bad_config(void)
{
    rs_thread_config_t config = { .fn = NULL, .priority = PRIO };
    expect_failure(&config, seL4_InvalidArgument, "fn");
    config.fn = never_called;
    config.stack_pages = RS_THREAD_MAX_STACK_PAGES + 1;
    expect_failure(&config, seL4_RangeError, "stack size");
}

/* Takes every free RAM untyped of 2^min_bits bytes or more, biggest first
 * (so none is split), into hoard; returns how many. */
static unsigned hoard_memory(seL4_CPtr *hoard, unsigned min_bits)
{
    unsigned count = 0;
    for (unsigned bits = 40; bits >= min_bits; bits--) {
        while (count < HOARD_MAX &&
               rs_ut_alloc(&env.ut, bits, false, &hoard[count], NULL) == seL4_NoError) {
            count++;
        }
    }
    return count;
}

static void test_out_of_memory(void)
{
    static seL4_CPtr hoard[HOARD_MAX];
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    /* A default thread's objects fit in 64 KiB: leave only smaller untypeds. */
    unsigned count = hoard_memory(hoard, 16);
    TEST_CHECK(count > 0 && count < HOARD_MAX);
    printf("    took %u untypeds, %lu bytes left in smaller ones\n", count,
           rs_ut_free_bytes(&env.ut, false));
    rs_thread_config_t config = { .fn = never_called, .priority = PRIO };
    expect_failure(&config, seL4_NotEnoughMemory, "TCB");
    for (unsigned i = 0; i < count; i++) {
        TEST_CHECK(rs_ut_free(&env.ut, hoard[i]) == seL4_NoError);
    }
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram);
}

static seL4_CPtr blocking_ep;
static seL4_CPtr ready_cap; /* a badged copy of ready_ntfn */

static seL4_Word block_forever(seL4_Word arg)
{
    seL4_Signal(ready_cap);
    seL4_Word badge;
    (void)seL4_Recv(blocking_ep, &badge);
    return arg;
}

/* Lets every thread above priority 2 run until it blocks (the root may
 * raise itself back: its MCP is seL4_MaxPrio). */
static void settle(void)
{
    (void)seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 2);
    (void)seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
}

static void test_destroy(void)
{
    objects_begin();
    blocking_ep = object(seL4_EndpointObject);
    seL4_CPtr ready_ntfn = object(seL4_NotificationObject);
    ready_cap = mint(ready_ntfn, 1);
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    seL4_Word slots = env.slots.free;
    rs_thread_t *t = &threads[0];
    rs_thread_config_t config = { .fn = block_forever, .priority = PRIO, .stack_pages = 16 };
    TEST_CHECK(rs_thread_create(t, &env, &config) == seL4_NoError);
    unsigned window = t->window;
    seL4_CPtr tcb = t->tcb;
    printf("    free RAM %lu before, %lu with the thread\n", ram, rs_ut_free_bytes(&env.ut, false));
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) < ram);
    TEST_CHECK(rs_thread_start(t) == seL4_NoError);
    settle();
    seL4_Word ready = 0;
    (void)seL4_Poll(ready_ntfn, &ready);
    TEST_CHECK(ready == 1 && !rs_thread_finished(t)); /* it is in Recv */
    TEST_CHECK(rs_thread_destroy(t) == seL4_NoError);
    TEST_CHECK(seL4_DebugCapIdentify(tcb) == CAP_NULL);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram && env.slots.free == slots);
    /* The window's tables went with the thread: a frame mapped there now
     * finds no level-1 table (bitsLeft 39). */
    seL4_CPtr frame = object(seL4_ARM_SmallPageObject);
    TEST_CHECK(seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, rs_thread_window(window),
                                 seL4_ReadWrite, seL4_ARM_Default_VMAttributes) ==
               seL4_FailedLookup);
    TEST_CHECK(seL4_GetMR(RS_LOOKUP_BITS_LEFT_MR) == 39);
    objects_end();
}

static const test_case_t cases[] = {
    { "RSTHREAD0001",
      "a thread's window: IPC buffer, guard page, stack and TLS where thread.h says",
      test_layout },
    { "RSTHREAD0002",
      "four threads Call a fifth at once, 100 words and a cap each, each through its own buffer",
      test_concurrent_calls },
    { "RSTHREAD0003",
      "__thread variables, errno and printf are each thread's own",
      test_tls },
    { "RSTHREAD0004",
      "a fault goes to the thread's fault endpoint; below its stack is the guard page",
      test_fault },
    { "RSTHREAD0005",
      "a priority above the root's MCP: seL4_RangeError at TCB_SetPriority, nothing leaked",
      test_bad_priority },
    { "RSTHREAD0006",
      "no fn or too big a stack: refused before anything is made",
      test_bad_config },
    { "RSTHREAD0007",
      "out of memory: seL4_NotEnoughMemory at the TCB, nothing leaked",
      test_out_of_memory },
    { "RSTHREAD0008",
      "destroy of a thread blocked in Recv gives back every byte, slot and table",
      test_destroy },
};

int main(void)
{
    seL4_Error err = rs_env_init(&env, seL4_GetBootInfo());
    printf("RSTHREAD: rs_env_init: %d; free RAM %lu bytes\n", (int)err,
           rs_ut_free_bytes(&env.ut, false));
    if (err != seL4_NoError) {
        return 1;
    }
    return test_run(cases, TEST_COUNT(cases));
}
