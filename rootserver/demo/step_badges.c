// SPDX-License-Identifier: BSD-2-Clause
/*
 * Steps 1 and 2. A server and two clients (two processes from the same ELF
 * file), each in its own VSpace and CSpace. The root mints one badged copy
 * of the server's endpoint per client, and the server tells them apart by
 * the badge alone. Then the root lends client-b a third badged copy, a
 * "pass", by sending it in a message (the Grant right on the root's cap
 * lets the message carry it; client-b's receive path says where it lands),
 * and revokes it: revoking the root's copy deletes every copy derived from
 * it, so client-b's next call through the pass fails.
 */
#include "demo.h"

static rs_process_t server, client_a, client_b;
static demo_object_t service; /* the server's endpoint */
static demo_object_t gift;    /* the root hands client-b the pass over this one */

static bool spawn_all(void)
{
    /* Write to call, GrantReply so that the call leaves a reply cap (seL4 manual, "Endpoints"). */
    const seL4_CapRights_t call_only = seL4_CapRights_new(1, 0, 0, 1);
    return demo_object_new(&service, seL4_EndpointObject, "the service endpoint") &&
           demo_object_new(&gift, seL4_EndpointObject, "the gift endpoint") &&
           demo_spawn(&server, "server", "server", PRIO_SERVER, 0, REPORT_SERVER) &&
           demo_give(&server, SLOT_SERVICE, service.cap, seL4_AllRights, 0) &&
           demo_spawn(&client_a, "client", "client-a", PRIO_CLIENT, BADGE_CLIENT_A, REPORT_CLIENT_A) &&
           demo_give(&client_a, SLOT_SERVER, service.cap, call_only, BADGE_CLIENT_A) &&
           demo_spawn(&client_b, "client", "client-b", PRIO_CLIENT, BADGE_CLIENT_B, REPORT_CLIENT_B) &&
           demo_give(&client_b, SLOT_SERVER, service.cap, call_only, BADGE_CLIENT_B) &&
           demo_give(&client_b, SLOT_GIFT, gift.cap, seL4_CanRead, 0) &&
           demo_give(&client_b, SLOT_SELF_CNODE, client_b.cnode, seL4_AllRights,
                     seL4_CNode_CapData_new(0, seL4_WordBits - client_b.cnode_bits).words[0]);
}

bool demo_badges_run(void)
{
    printf("\n[root] step 1: one server, two clients; the server tells them apart by badge\n");
    if (!spawn_all()) {
        return false;
    }
    printf("[root] spawned server, client-a and client-b from the archive; client-a's cap to\n"
           "[root]   the server carries badge %d, client-b's badge %d\n",
           BADGE_CLIENT_A, BADGE_CLIENT_B);
    if (!demo_start(&server) || !demo_start(&client_a) ||
        !demo_expect(LABEL_DONE, REPORT_CLIENT_A) || !demo_start(&client_b)) {
        return false;
    }
    return demo_expect(LABEL_DONE, REPORT_CLIENT_B);
}

/* Sends client-b a pass (a copy of pass_cap) and waits until it used it. */
static bool lend(seL4_CPtr pass_cap)
{
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0)); /* client-b goes on to wait for the gift */
    seL4_SetCap(0, pass_cap);
    seL4_Send(gift.cap, seL4_MessageInfo_new(LABEL_GIFT, 0, 1, 0));
    printf("[root] sent client-b a pass: a copy of the server's endpoint with badge %d\n",
           BADGE_PASS);
    return demo_expect(LABEL_USED, REPORT_CLIENT_B);
}

bool demo_pass_run(void)
{
    printf("\n[root] step 2: a cap passed over IPC, then revoked\n");
    seL4_CPtr pass = rs_slots_alloc(&demo_env.slots);
    seL4_Error err = seL4_CNode_Mint(seL4_CapInitThreadCNode, pass, seL4_WordBits,
                                     seL4_CapInitThreadCNode, service.cap, seL4_WordBits,
                                     seL4_AllRights, BADGE_PASS);
    if (pass == 0 || err != seL4_NoError) {
        printf("[root] FAIL: minting the pass: error %d\n", (int)err);
        return false;
    }
    bool ok = lend(pass);
    err = seL4_CNode_Revoke(seL4_CapInitThreadCNode, pass, seL4_WordBits);
    if (err == seL4_NoError) {
        err = seL4_CNode_Delete(seL4_CapInitThreadCNode, pass, seL4_WordBits);
    }
    printf("[root] revoked the pass: the copy in client-b's slot %d is gone (error %d)\n",
           SLOT_PASS, (int)err);
    rs_slots_free(&demo_env.slots, pass);
    if (!ok || err != seL4_NoError) {
        return false;
    }
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0)); /* client-b tries the pass again */
    return demo_expect(LABEL_DONE, REPORT_CLIENT_B);
}

void demo_badges_end(void)
{
    demo_teardown(&client_b);
    demo_teardown(&client_a);
    demo_teardown(&server);
    demo_object_free(&gift);
    demo_object_free(&service);
}
