// SPDX-License-Identifier: BSD-2-Clause
/*
 * FRAMEDIPC0001-0004: one frame mapped in the root task and in a child
 * (through two caps to it): what one writes the other reads, a word or a
 * whole page at a time, with an IPC to say when. Unmapping or deleting the
 * child's cap takes the page out of the child's VSpace at once (no stale
 * TLB entry) and leaves the root task's mapping alone.
 */
#include "harness.h"

#define WORDS (PAGE_SIZE / sizeof(seL4_Word))
#define ROOT_VA ROOT_SHARED_VA

static process_t child;
static bool child_ok;
static seL4_CPtr frame;      /* mapped at ROOT_VA in the root task */
static seL4_CPtr child_copy; /* mapped at CHILD_SHARED_VA in the child */
static volatile seL4_Word *const shared = (volatile seL4_Word *)ROOT_VA;

static void fill(seL4_Word seed)
{
    for (seL4_Word i = 0; i < WORDS; i++) {
        shared[i] = seed + i;
    }
}

static seL4_Word mismatches(seL4_Word seed)
{
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < WORDS; i++) {
        bad += shared[i] != seed + i;
    }
    return bad;
}

static void test_both_ways(void)
{
    seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(frame);
    seL4_ARM_Page_GetAddress_t b = seL4_ARM_Page_GetAddress(child_copy);
    TEST_CHECK(a.error == seL4_NoError && b.error == seL4_NoError && a.paddr == b.paddr);
    fill(0x1111000);
    TEST_CHECK(ask(&child, CMD_SUM, CHILD_SHARED_VA, WORDS, 0x1111000) == 0);
    TEST_CHECK(ask(&child, CMD_FILL, CHILD_SHARED_VA, WORDS, 0x2222000) == 0);
    TEST_CHECK(mismatches(0x2222000) == 0);
}

static void test_words(void)
{
    /* Single words at both ends of the page, each way, many times. */
    unsigned bad = 0;
    for (seL4_Word i = 0; i < 64; i++) {
        seL4_Word off = (i & 1) ? PAGE_SIZE - 8 : 0;
        shared[off / 8] = 0xAA00 + i;
        bad += ask(&child, CMD_LOAD, CHILD_SHARED_VA + off, 0, 0) != 0xAA00 + i;
        bad += ask(&child, CMD_STORE, CHILD_SHARED_VA + off, 0xBB00 + i, 0) != 0;
        bad += shared[off / 8] != 0xBB00 + i;
    }
    TEST_CHECK(bad == 0);
}

static void expect_child_fault(seL4_Word va)
{
    seL4_Word info[4];
    TEST_CHECK(child_info(&child, info));
    command(&child, CMD_LOAD, va, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_IP] == info[0] && mrs[seL4_VMFault_Addr] == va);
    TEST_CHECK(data_abort_fsr_is(mrs[seL4_VMFault_FSR], DFSC_TRANSLATION(3), false));
    skip_fault(&child, 0xF00);
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0xF00);
}

static void test_unmap(void)
{
    fill(0x3333000);
    TEST_CHECK(ask(&child, CMD_LOAD, CHILD_SHARED_VA + 8, 0, 0) == 0x3333001); /* in its TLB now */
    TEST_CHECK(seL4_ARM_Page_Unmap(child_copy) == seL4_NoError);
    expect_child_fault(CHILD_SHARED_VA + 8);
    TEST_CHECK(mismatches(0x3333000) == 0);
    /* Mapped again, the child sees the same data. */
    TEST_CHECK(seL4_ARM_Page_Map(child_copy, child.vspace, CHILD_SHARED_VA, seL4_ReadWrite,
                                 seL4_ARM_Default_VMAttributes) == seL4_NoError);
    TEST_CHECK(ask(&child, CMD_SUM, CHILD_SHARED_VA, WORDS, 0x3333000) == 0);
}

static void test_delete(void)
{
    fill(0x4444000);
    TEST_CHECK(ask(&child, CMD_SUM, CHILD_SHARED_VA, WORDS, 0x4444000) == 0);
    TEST_CHECK(seL4_CNode_Delete(seL4_CapInitThreadCNode, child_copy, seL4_WordBits) ==
               seL4_NoError);
    expect_child_fault(CHILD_SHARED_VA + PAGE_SIZE - 8);
    TEST_CHECK(mismatches(0x4444000) == 0);
}

GUARDED(test_both_ways)
GUARDED(test_words)
GUARDED(test_unmap)
GUARDED(test_delete)

static const test_case_t cases[] = {
    { "FRAMEDIPC0001", "a page written by the root is read by the child, and back", test_both_ways_case },
    { "FRAMEDIPC0002", "single words at both ends of the page, each way, 64 times", test_words_case },
    { "FRAMEDIPC0003", "the child's copy unmapped: its next access faults; mapped again, same data",
      test_unmap_case },
    { "FRAMEDIPC0004", "the child's copy deleted: its next access faults; the root's stays",
      test_delete_case },
};

static bool setup(void)
{
    if (!spawn(&child, 0x41, CHILD_PRIO)) {
        return false;
    }
    frame = vm_root_page(&harness_env, ROOT_VA);
    child_copy = env_copy(&harness_env, frame);
    return frame != 0 && child_copy != 0 &&
           vm_map(&harness_env, child.vspace, child_copy, CHILD_SHARED_VA, seL4_ReadWrite,
                  seL4_ARM_Default_VMAttributes) == seL4_NoError;
}

int main(void)
{
    harness_init(22);
    child_ok = setup();
    return test_run(cases, TEST_COUNT(cases));
}
