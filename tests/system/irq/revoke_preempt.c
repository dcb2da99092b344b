// SPDX-License-Identifier: BSD-2-Clause
/*
 * PREEMPT_REVOKE0001-0002: the kernel timer preempts long operations; no
 * test hook (unlike tests/system/retype/preempt.c), only the real timer.
 *
 * The root task builds a wide derivation tree, tens of thousands of badged
 * copies of one endpoint minted into a large CNode, then revokes the
 * endpoint (or deletes the CNode). An observer thread of the root task's
 * own priority is runnable throughout; it can run only when the kernel
 * stops the operation at a preemption point to take a timer interrupt and
 * the root task's time slice has run out (SCHED_TIME_SLICE_TICKS ticks of
 * SCHED_TICK_US). Each time it runs it counts once and yields back, so
 * its count is a lower bound on how often the operation was preempted.
 * The operation must still finish with every copy gone.
 */
#include "irq_util.h"

#include <object/cap.h>

#define RADIX 18 /* 262,144 copies, in an 8 MiB CNode */
#define COPIES BIT(RADIX)

static seL4_CPtr ep;
static seL4_CPtr big;
static volatile bool in_progress;
static volatile unsigned observed;
static test_thread_t observer_thread;

static seL4_Word observer(seL4_Word arg)
{
    (void)arg;
    for (;;) {
        if (in_progress) {
            observed++;
        }
        seL4_Yield();
    }
    return 0;
}

static bool build_tree(void)
{
    static seL4_CPtr memory;
    if (memory == 0) {
        memory = test_untyped(seL4_SlotBits + RADIX + 1, seL4_Null);
    } else {
        CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, memory, seL4_WordBits));
    }
    big = test_slot();
    if (memory == 0 || retype(memory, seL4_CapTableObject, RADIX, big, 1) != seL4_NoError) {
        return false;
    }
    for (seL4_Word i = 0; i < COPIES; i++) {
        seL4_Error err = seL4_CNode_Mint(big, i, RADIX, ROOT_CNODE, ep, seL4_WordBits,
                                         seL4_AllRights, i + 1);
        if (err != seL4_NoError) {
            printf("    mint %lu: error %d\n", i, (int)err);
            return false;
        }
    }
    return true;
}

/* Runs op with the observer at the root task's priority; returns how often
 * the observer ran meanwhile. */
static unsigned observe(seL4_Error (*op)(void), seL4_Error *err)
{
    observed = 0;
    in_progress = true;
    TEST_CHECK(thread_start(&observer_thread, observer, 0, ROOT_PRIO, seL4_CapNull, false));
    uint64_t start = threads_now_ms();
    *err = op();
    in_progress = false;
    uint64_t took = threads_now_ms() - start;
    unsigned count = observed;
    thread_destroy(&observer_thread);
    printf("    took %lu ms; the observer ran %u times meanwhile\n", (unsigned long)took, count);
    return count;
}

static seL4_Error revoke_ep(void)
{
    return seL4_CNode_Revoke(ROOT_CNODE, ep, seL4_WordBits);
}

static seL4_Error delete_big(void)
{
    return seL4_CNode_Delete(ROOT_CNODE, big, seL4_WordBits);
}

static void revoke_wide_tree(void)
{
    TEST_CHECK(build_tree());
    TEST_CHECK(cnode_slot_type(big, RADIX, COPIES - 1) == CAP_ENDPOINT);
    seL4_Error err;
    TEST_CHECK(observe(revoke_ep, &err) >= 2);
    CHECK_OK(err);
    TEST_CHECK(cnode_slot_type(big, RADIX, 0) == CAP_NULL);
    TEST_CHECK(cnode_slot_type(big, RADIX, COPIES / 2) == CAP_NULL);
    TEST_CHECK(cnode_slot_type(big, RADIX, COPIES - 1) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(ep) == CAP_ENDPOINT);
    /* The endpoint has no children left: a revoke finds nothing to do. */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ep, seL4_WordBits));
}

static void delete_full_cnode(void)
{
    TEST_CHECK(build_tree());
    seL4_Error err;
    TEST_CHECK(observe(delete_big, &err) >= 2);
    CHECK_OK(err);
    TEST_CHECK(seL4_DebugCapIdentify(big) == CAP_NULL);
    /* Every copy went with the CNode: minting one more and revoking it is
     * quick and leaves the endpoint alone. */
    seL4_CPtr copy = threads_mint(ep, seL4_AllRights, 7);
    TEST_CHECK(copy != 0);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ep, seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(copy) == CAP_NULL && seL4_DebugCapIdentify(ep) == CAP_ENDPOINT);
}

static const test_case_t cases[] = {
    { "PREEMPT_REVOKE0001", "revoking 262,144 badged copies is preempted by the timer, all go", revoke_wide_tree },
    { "PREEMPT_REVOKE0002", "deleting a CNode of 262,144 copies is preempted by the timer", delete_full_cnode },
};

int main(void)
{
    threads_init();
    ep = threads_object(seL4_EndpointObject);
    return test_run(cases, TEST_COUNT(cases));
}
