// SPDX-License-Identifier: BSD-2-Clause
/*
 * Chapter 1's root task: runs the student's functions (exercise.c, or
 * solution.c) one case each and checks what they did through the kernel,
 * never by trusting their return values alone. The snapshot after the last
 * case is the chapter's picture.
 */
#include "../lib/tutorial.h"
#include "chapter.h"

/* A pool for the objects the checks make; the first big enough untyped. */
static seL4_CPtr pool;

static void check_first_empty_slot(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_CPtr slot = ch01_first_empty_slot(bi);
    TEST_CHECK(slot == bi->empty.start);
    /* Empty indeed: the kernel says it holds the null cap. */
    TEST_CHECK(tut_cap_type(slot) == TUT_NULL);
}

static void check_copy_own_tcb(void)
{
    seL4_CPtr dest = test_slot();
    TEST_CHECK(ch01_copy_own_tcb(dest) == seL4_NoError);
    if (tut_expect_type(dest, TUT_THREAD)) {
        /* A copy, not a move: the original is still in its slot. */
        TEST_CHECK(tut_cap_type(seL4_CapInitThreadTCB) == TUT_THREAD);
    }
}

static void check_copy_into_small_cnode(void)
{
    seL4_CPtr small = test_create(pool, seL4_CapTableObject, CH01_SMALL_RADIX, seL4_Null);
    seL4_CPtr ep = test_create(pool, seL4_EndpointObject, 0, seL4_Null);
    TEST_CHECK(small != 0 && ep != 0);
    TEST_CHECK(ch01_copy_into_small_cnode(small, ep) == seL4_NoError);
    /* Look inside the small CNode by copying its slot 7 back out: this
     * fails (without a fault) if slot 7 is empty. */
    seL4_CPtr back = test_slot();
    TEST_CHECK(seL4_CNode_Copy(seL4_CapInitThreadCNode, back, seL4_WordBits, small,
                               CH01_TARGET_INDEX, CH01_SMALL_RADIX, seL4_AllRights) ==
               seL4_NoError);
    tut_expect_type(back, TUT_ENDPOINT);
}

static const test_case_t cases[] = {
    { "1.1", "the first empty slot of the root CNode", check_first_empty_slot },
    { "1.2", "a copy of the root task's TCB cap in a slot of its own", check_copy_own_tcb },
    { "1.3", "an endpoint copied into slot 7 of a 16-slot CNode", check_copy_into_small_cnode },
};

int main(void)
{
    pool = test_untyped(16, seL4_Null);
    tut_begin("chapter 1: capabilities and CSpace addressing");
    int failed = test_run(cases, TEST_COUNT(cases));
    tut_snapshot("after chapter 1: the root CNode and the small CNode");
    return tut_end(failed);
}
