// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPCXAS1001-1006: sel4test's IPC1001-1004 behaviours between address
 * spaces. The root task and a child process in its own VSpace (own ASID)
 * exchange messages of 0 to seL4_MsgMaxLength words with Send/Recv and
 * Call/Reply in both directions, through badged caps, with the child below,
 * at and above the root task's priority. Every word, the length, the label
 * and the badge must arrive exactly.
 */
#include "harness.h"

#define LOOP_ROOT_PRIO 200
#define BADGES 4
#define REPLY_LABEL 0x3CUL

static const seL4_Word badges[BADGES] = { 0, 1, 0xABCDEUL, 0x8000000000001234UL };
static const seL4_Word child_prios[] = { LOOP_ROOT_PRIO - 100, LOOP_ROOT_PRIO,
                                         LOOP_ROOT_PRIO + 50 };

static process_t child;
static bool child_ok;
static seL4_CPtr root_caps[BADGES]; /* badged caps to the child's command endpoint */

static void set_words(seL4_Word n, seL4_Word seed, bool inverted)
{
    for (seL4_Word i = 0; i < n; i++) {
        seL4_SetMR((int)i, inverted ? ~(seed + i) : seed + i);
    }
}

static seL4_Word count_bad(seL4_Word n, seL4_Word seed, bool inverted)
{
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < n; i++) {
        bad += seL4_GetMR((int)i) != (inverted ? ~(seed + i) : seed + i);
    }
    return bad;
}

/* Root to child: Send on a badged cap, the child Recvs and reports. */
static bool send_to_child(seL4_Word n, unsigned b)
{
    seL4_Word seed = 0x1000 * n + b;
    command(&child, CMD_RECV, seed, 0, 0);
    set_words(n, seed, false);
    seL4_Send(root_caps[b], seL4_MessageInfo_new(LABEL_DATA, 0, 0, n));
    seL4_Word out[4];
    return report(&child, out) && out[0] == LABEL_DATA && out[1] == n && out[2] == badges[b] &&
           out[3] == 0;
}

/* Child to root: the child Sends on a badged cap of its own, the root Recvs. */
static bool send_to_root(seL4_Word n, unsigned b)
{
    seL4_Word seed = 0x2000 * n + b;
    command(&child, CMD_SEND, n, seed, CHILD_SLOT_EXTRA + b);
    seL4_Word badge = ~0UL;
    seL4_MessageInfo_t info = threads_recv(report_ep, &badge);
    return seL4_MessageInfo_get_label(info) == LABEL_DATA &&
           seL4_MessageInfo_get_length(info) == n && badge == badges[b] &&
           count_bad(n, seed, false) == 0;
}

/* Root calls the child: the reply carries the badge in its label. */
static bool call_child(seL4_Word n, unsigned b)
{
    seL4_Word seed = 0x3000 * n + b;
    set_words(n, seed, false);
    seL4_MessageInfo_t info = seL4_Call(root_caps[b], seL4_MessageInfo_new(CMD_ECHO, 0, 0, n));
    return seL4_MessageInfo_get_label(info) == (badges[b] & ECHO_LABEL_MASK) &&
           seL4_MessageInfo_get_length(info) == n && count_bad(n, seed, true) == 0;
}

/* The child calls the root, which replies with n inverted words. */
static bool call_root(seL4_Word n, unsigned b)
{
    seL4_Word seed = 0x4000 * n + b;
    command(&child, CMD_CALL, n, seed, CHILD_SLOT_EXTRA + b);
    seL4_Word badge = ~0UL;
    seL4_MessageInfo_t info = threads_recv(report_ep, &badge);
    bool ok = seL4_MessageInfo_get_label(info) == LABEL_DATA &&
              seL4_MessageInfo_get_length(info) == n && badge == badges[b] &&
              count_bad(n, seed, false) == 0;
    set_words(n, seed, true);
    seL4_Reply(seL4_MessageInfo_new(REPLY_LABEL, 0, 0, n));
    seL4_Word out[4];
    return report(&child, out) && ok && out[0] == REPLY_LABEL && out[1] == n && out[2] == 0;
}

/* Every length, every badge, every priority; prints the first failure. */
static void all_lengths(bool (*exchange)(seL4_Word n, unsigned b))
{
    if (!child_ok) {
        TEST_CHECK(child_ok);
        return;
    }
    TEST_CHECK(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    LOOP_ROOT_PRIO) == seL4_NoError);
    for (unsigned pr = 0; pr < sizeof(child_prios) / sizeof(child_prios[0]); pr++) {
        TEST_CHECK(seL4_TCB_SetPriority(child.tcb, seL4_CapInitThreadTCB, child_prios[pr]) ==
                   seL4_NoError);
        for (seL4_Word n = 0; n <= seL4_MsgMaxLength; n++) {
            if (!exchange(n, (unsigned)(n % BADGES))) {
                printf("    %lu words, badge 0x%lx, child priority %lu\n", n,
                       badges[n % BADGES], child_prios[pr]);
                TEST_CHECK(!"exchange");
                pr = sizeof(child_prios); /* stop at the first failure */
                break;
            }
        }
    }
    TEST_CHECK(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, ROOT_PRIO) ==
               seL4_NoError);
}

static void test_send_to_child(void)
{
    all_lengths(send_to_child);
}

static void test_send_to_root(void)
{
    all_lengths(send_to_root);
}

static void test_call_child(void)
{
    all_lengths(call_child);
}

static void test_call_root(void)
{
    all_lengths(call_root);
}

static void test_nbsend(void)
{
    /* NBSend to a child that is not waiting is dropped; to one waiting, delivered. */
    if (!child_ok) {
        TEST_CHECK(child_ok);
        return;
    }
    TEST_CHECK(seL4_TCB_Suspend(child.tcb) == seL4_NoError);
    set_words(3, 0x77, false);
    seL4_NBSend(root_caps[1], seL4_MessageInfo_new(CMD_ECHO, 0, 0, 3));
    TEST_CHECK(seL4_TCB_Resume(child.tcb) == seL4_NoError);
    threads_settle();
    command(&child, CMD_RECV, 0x99, 0, 0);
    threads_settle(); /* the child is in Recv now */
    set_words(2, 0x99, false);
    seL4_NBSend(root_caps[2], seL4_MessageInfo_new(LABEL_DATA, 0, 0, 2));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == LABEL_DATA && out[1] == 2 &&
               out[2] == badges[2] && out[3] == 0);
}

static void test_server(void)
{
    /* The child serves Calls with ReplyRecv (0 words: the fast path). */
    if (!child_ok) {
        TEST_CHECK(child_ok);
        return;
    }
    TEST_CHECK(seL4_TCB_SetPriority(child.tcb, seL4_CapInitThreadTCB, ROOT_PRIO) == seL4_NoError);
    command(&child, CMD_SERVE, 0, 0, 0);
    unsigned good = 0;
    for (unsigned i = 0; i < 1000; i++) {
        seL4_MessageInfo_t info = seL4_Call(child.cmd_ep, seL4_MessageInfo_new(0, 0, 0, 0));
        good += seL4_MessageInfo_get_label(info) == 0 && seL4_MessageInfo_get_length(info) == 0;
    }
    TEST_CHECK(good == 1000);
}

static void setup(void)
{
    child_ok = spawn(&child, 0x21, CHILD_PRIO);
    for (unsigned b = 0; child_ok && b < BADGES; b++) {
        root_caps[b] = threads_mint(child.cmd_ep, seL4_AllRights, badges[b]);
        child_ok = root_caps[b] != 0 &&
                   process_give(&child, report_ep, CHILD_SLOT_EXTRA + b,
                                seL4_CapRights_new(1, 0, 0, 1), badges[b]) == seL4_NoError;
    }
}

static const test_case_t cases[] = {
    { "IPCXAS1001", "Send/Recv root to child: 0-120 words, badges, three priorities",
      test_send_to_child },
    { "IPCXAS1002", "Send/Recv child to root: 0-120 words, badges, three priorities",
      test_send_to_root },
    { "IPCXAS1003", "Call/Reply root to child: 0-120 words each way, badges, three priorities",
      test_call_child },
    { "IPCXAS1004", "Call/Reply child to root: 0-120 words each way, badges, three priorities",
      test_call_root },
    { "IPCXAS1005", "NBSend across: dropped while the child is not waiting, delivered when it is",
      test_nbsend },
    { "IPCXAS1006", "the child serves 1000 Calls with ReplyRecv at the root's priority",
      test_server },
};

int main(void)
{
    harness_init(22);
    setup();
    if (!child_ok) {
        printf("    the child process could not be built\n");
    }
    return test_run(cases, TEST_COUNT(cases));
}
