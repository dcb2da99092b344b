// SPDX-License-Identifier: BSD-2-Clause
/*
 * A client of the server (arg: its badge, which also names it). Both
 * clients ask the server to add two amounts. client-b then waits for a cap
 * from the root (a "pass", received into SLOT_PASS through its receive
 * path), uses it, tells the root, and tries again once the root has
 * revoked it: the slot is empty now, so the kernel refuses the call.
 */
#include "program.h"

static const char *name;

static seL4_MessageInfo_t add(seL4_CPtr ep, seL4_Word amount)
{
    seL4_SetMR(0, amount);
    return seL4_Call(ep, seL4_MessageInfo_new(LABEL_ADD, 0, 0, 1));
}

static void ask(seL4_Word amount)
{
    seL4_MessageInfo_t reply = add(SLOT_SERVER, amount);
    if (seL4_MessageInfo_get_label(reply) == 0) {
        printf("[%s] add %lu -> the server says my total is %lu\n", name, amount, seL4_GetMR(0));
    }
}

static void report(seL4_Word label)
{
    seL4_Call(SLOT_REPORT, seL4_MessageInfo_new(label, 0, 0, 0));
}

static void use_pass(void)
{
    seL4_SetCapReceivePath(SLOT_SELF_CNODE, SLOT_PASS, seL4_WordBits);
    seL4_MessageInfo_t info = seL4_Recv(SLOT_GIFT, seL4_Null);
    if (seL4_MessageInfo_get_extraCaps(info) != 1) {
        printf("[%s] FAIL: expected one cap from the root\n", name);
        return;
    }
    printf("[%s] received a cap from the root into slot %d; calling the server with it\n", name,
           SLOT_PASS);
    seL4_MessageInfo_t reply = add(SLOT_PASS, 1);
    printf("[%s] add 1 through the pass -> total %lu (a total of its own)\n", name,
           seL4_GetMR(0));
    (void)reply;
    report(LABEL_USED); /* the root revokes the pass before it answers */
    reply = add(SLOT_PASS, 1);
    seL4_Word error = seL4_MessageInfo_get_label(reply);
    if (error == seL4_InvalidCapability) {
        printf("[%s] the pass was revoked: calling slot %d fails with seL4_InvalidCapability\n",
               name, SLOT_PASS);
    } else {
        printf("[%s] FAIL: the revoked pass still answers (label %lu)\n", name, error);
    }
}

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg)
{
    seL4_SetIPCBuffer(ipc);
    name = arg == BADGE_CLIENT_A ? "client-a" : "client-b";
    printf("[%s] up; my cap to the server is in slot %d\n", name, SLOT_SERVER);
    ask(arg == BADGE_CLIENT_A ? 5 : 100);
    ask(arg == BADGE_CLIENT_A ? 10 : 200);
    if (arg == BADGE_CLIENT_B) {
        report(LABEL_DONE); /* done asking: the root sends the pass next */
        use_pass();
    }
    program_done(0);
}
