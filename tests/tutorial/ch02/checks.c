// SPDX-License-Identifier: BSD-2-Clause
/*
 * Chapter 2's root task: runs the student's functions (exercise.c, or
 * solution.c) one case each and checks through the kernel what they made.
 * A case whose input came from an earlier, failed case gets a stand-in made
 * by the checks, so every case is judged on its own.
 */
#include "../lib/tutorial.h"
#include "chapter.h"

#define MIN_BITS 16

static seL4_CPtr parent;
static seL4_CPtr child;
static bool endpoints_made;

static void check_find_untyped(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_CPtr found = ch02_find_untyped(bi, MIN_BITS);
    bool in_list = found >= bi->untyped.start && found < bi->untyped.end;
    TEST_CHECK(in_list);
    if (in_list) {
        const seL4_UntypedDesc *d = &bi->untypedList[found - bi->untyped.start];
        TEST_CHECK(!d->isDevice);
        TEST_CHECK(d->sizeBits >= MIN_BITS);
        if (!d->isDevice && d->sizeBits >= MIN_BITS && tut_expect_type(found, TUT_UNTYPED)) {
            parent = found;
        }
    }
    if (parent == seL4_CapNull) {
        parent = test_untyped(MIN_BITS, seL4_Null);
    }
}

static void check_make_child(void)
{
    seL4_CPtr dest = test_slot();
    TEST_CHECK(ch02_make_child(parent, dest) == seL4_NoError);
    if (tut_expect_type(dest, TUT_UNTYPED)) {
        /* Its size: an object of twice 2^CH02_CHILD_BITS does not fit (a
         * failed retype changes nothing). */
        TEST_CHECK(seL4_Untyped_Retype(dest, seL4_UntypedObject, CH02_CHILD_BITS + 1,
                                       seL4_CapInitThreadCNode, 0, 0, test_slot(), 1) !=
                   seL4_NoError);
        child = dest;
    }
}

static void check_make_endpoints(void)
{
    if (child == seL4_CapNull) {
        child = test_create(parent, seL4_UntypedObject, CH02_CHILD_BITS, seL4_Null);
    }
    seL4_CPtr first = tut_slots(CH02_ENDPOINTS);
    TEST_CHECK(ch02_make_endpoints(child, first) == seL4_NoError);
    endpoints_made = true;
    for (seL4_Word i = 0; i < CH02_ENDPOINTS; i++) {
        endpoints_made = tut_expect_type(first + i, TUT_ENDPOINT) && endpoints_made;
    }
}

static void check_fill_with_frames(void)
{
    /* 16 KiB; the endpoints took 64 bytes at the start, and a frame must
     * start on a 4 KiB boundary: 3 fit after them, 4 without them. */
    seL4_Word expected = endpoints_made ? 3 : 4;
    seL4_CPtr first = tut_slots(4);
    seL4_Word made = ch02_fill_with_frames(child, first);
    TEST_CHECK(made == expected);
    for (seL4_Word i = 0; i < made && i < 4; i++) {
        tut_expect_type(first + i, TUT_FRAME);
    }
    /* Full: the kernel refuses one more. */
    TEST_CHECK(seL4_Untyped_Retype(child, seL4_ARM_SmallPageObject, 0, seL4_CapInitThreadCNode,
                                   0, 0, test_slot(), 1) == seL4_NotEnoughMemory);
}

static const test_case_t cases[] = {
    { "2.1", "a RAM untyped of at least 64 KiB, found in the boot info", check_find_untyped },
    { "2.2", "a 16 KiB untyped retyped out of it", check_make_child },
    { "2.3", "four endpoints from the 16 KiB untyped, in one call", check_make_endpoints },
    { "2.4", "the rest of the 16 KiB filled with 4 KiB frames", check_fill_with_frames },
};

int main(void)
{
    tut_begin("chapter 2: untyped memory and retype");
    int failed = test_run(cases, TEST_COUNT(cases));
    tut_snapshot("after chapter 2: the 16 KiB untyped, full");
    return tut_end(failed);
}
