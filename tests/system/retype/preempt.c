// SPDX-License-Identifier: BSD-2-Clause
/*
 * PREEMPT0001-0006: long operations stopped and restarted (DESIGN §0: each
 * step leaves the kernel consistent, the call restarts where it stopped).
 * This image's kernel preempts at every third preemption point
 * (preempt_hook.c) and counts the restarts in the IPC buffer's userData
 * word. Each case checks that a retype that clears a large untyped, a revoke
 * of hundreds of children, and the deletion of CNodes full of caps (alone,
 * nested, or as the children of a revoked untyped) restart as often as
 * expected and still end with exactly the right result.
 */
#include "helpers.h"

#define PREEMPT_EVERY 3 /* as in preempt_hook.c */
#define CHUNK_BITS 16   /* the kernel clears memory 64 KiB between preemption points */

/* A RAM untyped of at least 64 MiB: ~1000 chunks to clear. */
static seL4_CPtr big;
static unsigned big_bits;

static void restarts_reset(void)
{
    seL4_SetUserData(0);
}

static seL4_Word restarts(void)
{
    return seL4_GetUserData();
}

/* `points` preemption points were passed: the hook preempted at every
 * third one it was asked about. A timer interrupt preempts too, without
 * asking the hook (nor counting), so the count may fall short of a third,
 * but never by much: at least half of it is asked for. */
static bool about(seL4_Word got, seL4_Word points)
{
    seL4_Word want = points / PREEMPT_EVERY;
    printf("    %lu forced restarts (%lu preemption points)\n", got, points);
    return got >= want / 2 && got <= want + 1;
}

static void clear_large_untyped(void)
{
    seL4_Word index;
    big = boot_untyped(26, false, &index);
    TEST_CHECK(big != 0);
    big_bits = seL4_GetBootInfo()->untypedList[index].sizeBits;
    seL4_CPtr eps = fresh_slots(9);
    restarts_reset();
    CHECK_OK(retype(big, seL4_EndpointObject, 0, eps, 8));
    /* A point after every chunk but the last. */
    TEST_CHECK(about(restarts(), BIT(big_bits - CHUNK_BITS) - 1));
    TEST_CHECK(slots_have_type(eps, 8, CAP_ENDPOINT));
    TEST_CHECK(seL4_DebugCapIdentify(eps + 8) == CAP_NULL);
    TEST_CHECK(untyped_free(big) == BIT(big_bits) - 8 * BIT(seL4_EndpointBits));
}

static void revoke_many_children(void)
{
    const seL4_Word calls = 3;
    seL4_CPtr first = fresh_slots(calls * seL4_MaxRetypeFanOut);
    for (seL4_Word i = 0; i < calls; i++) {
        CHECK_OK(retype(big, seL4_NotificationObject, 0, first + i * seL4_MaxRetypeFanOut,
                        seL4_MaxRetypeFanOut));
    }
    /* 8 endpoints from the case before, and 768 notifications. */
    restarts_reset();
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, big, seL4_WordBits));
    TEST_CHECK(about(restarts(), 8 + calls * seL4_MaxRetypeFanOut));
    TEST_CHECK(slots_have_type(first, calls * seL4_MaxRetypeFanOut, CAP_NULL));
    TEST_CHECK(untyped_free(big) == BIT(big_bits));
}

static void clear_again_after_revoke(void)
{
    seL4_CPtr child = test_slot();
    CHECK_OK(retype(big, seL4_UntypedObject, big_bits, child, 1));
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, big, seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(child) == CAP_NULL);
    /* The whole untyped was handed out, so all of it is cleared again. */
    seL4_CPtr slots = fresh_slots(4);
    restarts_reset();
    CHECK_OK(retype(big, seL4_TCBObject, 0, slots, 4));
    TEST_CHECK(about(restarts(), BIT(big_bits - CHUNK_BITS) - 1));
    TEST_CHECK(slots_have_type(slots, 4, CAP_THREAD));
    TEST_CHECK(untyped_free(big) == BIT(big_bits) - 4 * BIT(seL4_TCBBits));
}

static void delete_full_cnode(void)
{
    const unsigned radix = 8;
    seL4_CPtr objects = fresh_untyped(seL4_NotificationBits + radix);
    seL4_CPtr memory = fresh_untyped(seL4_SlotBits + radix);
    seL4_CPtr cnode = test_slot();
    CHECK_OK(retype(memory, seL4_CapTableObject, radix, cnode, 1));
    CHECK_OK(seL4_Untyped_Retype(objects, seL4_NotificationObject, 0, ROOT_CNODE, cnode,
                                 seL4_WordBits, 0, BIT(radix)));
    TEST_CHECK(untyped_free(objects) == 0);
    TEST_CHECK(cnode_slot_type(cnode, radix, BIT(radix) - 1) == CAP_NOTIFICATION);
    restarts_reset();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, cnode, seL4_WordBits));
    /* A point after each slot's deletion. */
    TEST_CHECK(about(restarts(), BIT(radix)));
    TEST_CHECK(seL4_DebugCapIdentify(cnode) == CAP_NULL);
    /* Neither untyped has a child left: every notification is gone. */
    TEST_CHECK(untyped_free(objects) == BIT(seL4_NotificationBits + radix));
    TEST_CHECK(untyped_free(memory) == BIT(seL4_SlotBits + radix));
}

/* `count` CNodes of 2^radix slots, each filled with endpoints from objects:
 * in root slots first.. (top == 0) or in the slots of CNode top. */
static void make_full_cnodes(seL4_CPtr memory, seL4_CPtr objects, seL4_CPtr top,
                             seL4_CPtr first, unsigned count, unsigned radix)
{
    for (unsigned j = 0; j < count; j++) {
        if (top == 0) {
            CHECK_OK(retype(memory, seL4_CapTableObject, radix, first + j, 1));
            CHECK_OK(seL4_Untyped_Retype(objects, seL4_EndpointObject, 0, ROOT_CNODE, first + j,
                                         seL4_WordBits, 0, BIT(radix)));
        } else {
            CHECK_OK(seL4_Untyped_Retype(memory, seL4_CapTableObject, radix, top, 0, 0, j, 1));
            CHECK_OK(seL4_Untyped_Retype(objects, seL4_EndpointObject, 0, top, j, 2, 0,
                                         BIT(radix)));
        }
    }
}

static void delete_nested_cnodes(void)
{
    const unsigned radix = 6;
    seL4_CPtr objects = fresh_untyped(seL4_EndpointBits + radix + 2);
    seL4_CPtr memory = fresh_untyped(seL4_SlotBits + radix + 3);
    seL4_CPtr top = test_slot();
    CHECK_OK(retype(memory, seL4_CapTableObject, 2, top, 1));
    make_full_cnodes(memory, objects, top, 0, 4, radix);
    TEST_CHECK(untyped_free(objects) == 0);
    TEST_CHECK(cnode_slot_type(top, 2, 3) == CAP_CNODE);
    restarts_reset();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, top, seL4_WordBits));
    TEST_CHECK(about(restarts(), 4 * BIT(radix) + 4));
    TEST_CHECK(seL4_DebugCapIdentify(top) == CAP_NULL);
    TEST_CHECK(untyped_free(objects) == BIT(seL4_EndpointBits + radix + 2));
    TEST_CHECK(untyped_free(memory) == BIT(seL4_SlotBits + radix + 3));
}

static void revoke_cnode_children(void)
{
    const unsigned radix = 6;
    seL4_CPtr objects = fresh_untyped(seL4_EndpointBits + radix + 2);
    seL4_CPtr memory = fresh_untyped(seL4_SlotBits + radix + 2);
    seL4_CPtr cnodes = fresh_slots(4);
    make_full_cnodes(memory, objects, 0, cnodes, 4, radix);
    TEST_CHECK(untyped_free(objects) == 0);
    TEST_CHECK(untyped_free(memory) == 0);
    restarts_reset();
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, memory, seL4_WordBits));
    TEST_CHECK(about(restarts(), 4 * BIT(radix) + 4));
    printf("    after the revoke the CNode slots hold cap types %u %u %u %u\n",
           seL4_DebugCapIdentify(cnodes), seL4_DebugCapIdentify(cnodes + 1),
           seL4_DebugCapIdentify(cnodes + 2), seL4_DebugCapIdentify(cnodes + 3));
    TEST_CHECK(slots_have_type(cnodes, 4, CAP_NULL));
    TEST_CHECK(untyped_free(objects) == BIT(seL4_EndpointBits + radix + 2));
    TEST_CHECK(untyped_free(memory) == BIT(seL4_SlotBits + radix + 2));
}

static const test_case_t cases[] = {
    { "PREEMPT0001", "retype clearing a 64+ MiB untyped: restarted, objects made once", clear_large_untyped },
    { "PREEMPT0002", "revoke of an untyped with 776 children: restarted, all deleted", revoke_many_children },
    { "PREEMPT0003", "retype after revoking a full untyped clears it all again, restarted", clear_again_after_revoke },
    { "PREEMPT0004", "deleting a CNode full of caps: restarted, every cap gone", delete_full_cnode },
    { "PREEMPT0005", "deleting a CNode of full CNodes: restarted, everything gone", delete_nested_cnodes },
    { "PREEMPT0006", "revoking an untyped whose children are full CNodes: restarted, all gone", revoke_cnode_children },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
