// SPDX-License-Identifier: BSD-2-Clause
/*
 * Chapter 3's root task: runs the student's functions (exercise.c, or
 * solution.c) one case each. A badge is observed the way a receiver sees
 * it: signal through the badged cap, then poll the notification through
 * the original. Where a case needs what a failed case should have made,
 * the checks make a stand-in, so every case is judged on its own.
 */
#include "../lib/tutorial.h"
#include "chapter.h"

static seL4_CPtr ntfn;    /* the original, from retype */
static seL4_CPtr badged;  /* the badged child (3.1, then moved by 3.2) */
static seL4_CPtr copy;    /* a plain child, made by the checks */
static seL4_CPtr grandchild; /* a copy of the badged cap */

/* The badge a signal through `sender` delivers, polled via the original
 * (0 when nothing arrived). */
static seL4_Word badge_through(seL4_CPtr sender)
{
    seL4_Word badge = 0;
    seL4_Signal(sender);
    (void)seL4_Poll(ntfn, &badge);
    return badge;
}

static seL4_Error root_mint(seL4_CPtr dest, seL4_CPtr src, seL4_Word badge)
{
    return seL4_CNode_Mint(seL4_CapInitThreadCNode, dest, seL4_WordBits,
                           seL4_CapInitThreadCNode, src, seL4_WordBits, seL4_AllRights, badge);
}

static seL4_Error root_copy(seL4_CPtr dest, seL4_CPtr src)
{
    return seL4_CNode_Copy(seL4_CapInitThreadCNode, dest, seL4_WordBits,
                           seL4_CapInitThreadCNode, src, seL4_WordBits, seL4_AllRights);
}

static void check_mint_badged(void)
{
    seL4_CPtr dest = test_slot();
    TEST_CHECK(ch03_mint_badged(ntfn, dest) == seL4_NoError);
    if (tut_expect_type(dest, TUT_NOTIFICATION)) {
        TEST_CHECK(badge_through(dest) == CH03_BADGE);
        badged = dest;
    } else {
        badged = test_slot();
        (void)root_mint(badged, ntfn, CH03_BADGE);
    }
}

static void check_move(void)
{
    seL4_CPtr dest = test_slot();
    TEST_CHECK(ch03_move(badged, dest) == seL4_NoError);
    TEST_CHECK(tut_cap_type(badged) == TUT_NULL);
    if (tut_expect_type(dest, TUT_NOTIFICATION)) {
        /* Same cap, new slot: the badge came along. */
        TEST_CHECK(badge_through(dest) == CH03_BADGE);
        badged = dest;
    }
}

static void check_revoke(void)
{
    copy = test_slot();
    grandchild = test_slot();
    /* Copy, not Mint: a cap that has a badge cannot be given another. */
    TEST_CHECK(root_copy(copy, ntfn) == seL4_NoError);
    TEST_CHECK(root_copy(grandchild, badged) == seL4_NoError);
    tut_snapshot("before exercise 3.3: one notification, four caps to it");
    TEST_CHECK(ch03_revoke(ntfn) == seL4_NoError);
    /* Every descendant is gone, however deep; the original stays. */
    TEST_CHECK(tut_cap_type(badged) == TUT_NULL);
    TEST_CHECK(tut_cap_type(copy) == TUT_NULL);
    TEST_CHECK(tut_cap_type(grandchild) == TUT_NULL);
    TEST_CHECK(tut_cap_type(ntfn) == TUT_NOTIFICATION);
}

static void check_delete(void)
{
    TEST_CHECK(ch03_delete(ntfn) == seL4_NoError);
    TEST_CHECK(tut_cap_type(ntfn) == TUT_NULL);
    /* The slot is free again: a fresh object can go there. */
    seL4_CPtr pool = test_untyped(12, seL4_Null);
    TEST_CHECK(seL4_Untyped_Retype(pool, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                   ntfn, 1) == seL4_NoError);
}

static const test_case_t cases[] = {
    { "3.1", "a badged, signal-only copy of a notification cap", check_mint_badged },
    { "3.2", "the badged cap moved to another slot, badge and all", check_move },
    { "3.3", "revoke: every cap derived from the original is gone", check_revoke },
    { "3.4", "delete: the original's slot is empty and usable", check_delete },
};

int main(void)
{
    ntfn = test_create(test_untyped(12, seL4_Null), seL4_NotificationObject, 0, seL4_Null);
    tut_begin("chapter 3: CNode operations, the derivation tree and revoke");
    return tut_end(test_run(cases, TEST_COUNT(cases)));
}
