// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the root-server library's pure parts: the untyped
 * allocator's arithmetic (rootserver/lib/ut_plan.c) and the CSpace slot
 * allocator (rootserver/lib/slots.c). A small simulation splits and merges
 * nodes the way untyped.c does, without system calls, and checks that the
 * free totals return exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <rootserver/slots.h>
#include <rootserver/ut_plan.h>
#include <sel4/constants.h>
#include <sel4/objecttype.h>

#define CAP 64

static rs_ut_node_t nodes[CAP];
static size_t count;

static void reset(void)
{
    for (size_t i = 0; i < CAP; i++) {
        nodes[i] = (rs_ut_node_t){ .state = RS_UT_UNUSED };
    }
    /* RAM: 1 MiB at 0x4010_0000, 64 KiB at 0x4000_0000; device: 16 MiB at 0x900_0000 */
    nodes[0] = (rs_ut_node_t){ 0x40100000, 10, -1, 20, 0, RS_UT_FREE };
    nodes[1] = (rs_ut_node_t){ 0x40000000, 11, -1, 16, 0, RS_UT_FREE };
    nodes[2] = (rs_ut_node_t){ 0x9000000, 12, -1, 24, 1, RS_UT_FREE };
    count = 3;
}

/* What untyped.c's split() does to the table. */
static int split(int i, int *second)
{
    int a = rs_ut_plan_unused(nodes, CAP);
    nodes[a].state = RS_UT_SPLIT;
    int b = rs_ut_plan_unused(nodes, CAP);
    assert_true(a >= 0 && b >= 0);
    unsigned bits = nodes[i].size_bits - 1u;
    nodes[i].state = RS_UT_SPLIT;
    for (int h = 0; h < 2; h++) {
        nodes[h == 0 ? a : b] = (rs_ut_node_t){ nodes[i].paddr + ((uint64_t)h << bits), 100,
                                                i, (uint8_t)bits, nodes[i].is_device,
                                                RS_UT_FREE };
    }
    size_t top = (size_t)(a > b ? a : b) + 1;
    count = top > count ? top : count;
    *second = b;
    return a;
}

static int alloc(unsigned bits, int device)
{
    int i = rs_ut_plan_best_fit(nodes, count, bits, device);
    while (i >= 0 && nodes[i].size_bits > bits) {
        int second;
        i = split(i, &second);
    }
    if (i >= 0) {
        nodes[i].state = RS_UT_USED;
    }
    return i;
}

static int alloc_at(uint64_t paddr, unsigned bits)
{
    int i = rs_ut_plan_containing(nodes, count, paddr, bits);
    while (i >= 0 && nodes[i].size_bits > bits) {
        unsigned half = rs_ut_plan_half(nodes[i].paddr, nodes[i].size_bits, paddr);
        int second;
        int first = split(i, &second);
        i = half == 0 ? first : second;
    }
    if (i >= 0) {
        nodes[i].state = RS_UT_USED;
    }
    return i;
}

static void release(int i)
{
    nodes[i].state = RS_UT_FREE;
    int parent;
    while (rs_ut_plan_mergeable(nodes, count, i, &parent)) {
        int sibling = rs_ut_plan_sibling(nodes, count, i);
        nodes[i].state = RS_UT_UNUSED;
        nodes[sibling].state = RS_UT_UNUSED;
        nodes[parent].state = RS_UT_FREE;
        i = parent;
    }
}

static void test_best_fit(void **state)
{
    (void)state;
    reset();
    assert_int_equal(rs_ut_plan_best_fit(nodes, count, 12, false), 1); /* the smaller RAM */
    assert_int_equal(rs_ut_plan_best_fit(nodes, count, 17, false), 0);
    assert_int_equal(rs_ut_plan_best_fit(nodes, count, 21, false), -1);
    assert_int_equal(rs_ut_plan_best_fit(nodes, count, 12, true), 2);
    nodes[1].state = RS_UT_USED;
    assert_int_equal(rs_ut_plan_best_fit(nodes, count, 12, false), 0);
    /* Equal sizes: the lower address. */
    reset();
    nodes[0].size_bits = 16;
    assert_int_equal(rs_ut_plan_best_fit(nodes, count, 16, false), 1);
}

static void test_split_and_merge_by_size(void **state)
{
    (void)state;
    reset();
    uint64_t ram = rs_ut_plan_free_bytes(nodes, count, false);
    assert_int_equal(ram, (1u << 20) + (1u << 16));
    int a = alloc(12, false); /* from the 64 KiB one: 4 splits */
    assert_true(a >= 0);
    assert_int_equal(nodes[a].size_bits, 12);
    assert_int_equal(nodes[a].paddr, 0x40000000);
    assert_int_equal(rs_ut_plan_free_bytes(nodes, count, false), ram - 4096);
    int b = alloc(12, false); /* its buddy */
    assert_int_equal(nodes[b].paddr, 0x40001000);
    int c = alloc(16, false); /* the 64 KiB one is split: a 64 KiB half of the 1 MiB */
    assert_int_equal(nodes[c].paddr, 0x40100000);
    assert_int_equal(rs_ut_plan_free_bytes(nodes, count, false), ram - 8192 - 65536);
    release(a);
    assert_int_equal(nodes[1].state, RS_UT_SPLIT); /* b still holds its buddy */
    release(c);
    release(b);
    assert_int_equal(rs_ut_plan_free_bytes(nodes, count, false), ram);
    assert_int_equal(nodes[0].state, RS_UT_FREE); /* merged all the way up */
    assert_int_equal(nodes[1].state, RS_UT_FREE);
    for (size_t i = 3; i < count; i++) {
        assert_int_equal(nodes[i].state, RS_UT_UNUSED);
    }
}

static void test_by_address(void **state)
{
    (void)state;
    reset();
    uint64_t dev = rs_ut_plan_free_bytes(nodes, count, true);
    int i = alloc_at(0x9000000 + 0x5000, 12);
    assert_true(i >= 0);
    assert_int_equal(nodes[i].paddr, 0x9005000);
    assert_int_equal(nodes[i].size_bits, 12);
    assert_int_equal(nodes[i].is_device, 1);
    assert_int_equal(rs_ut_plan_free_bytes(nodes, count, true), dev - 4096);
    /* Taken: no free node holds it any more; its neighbours are free. */
    assert_int_equal(rs_ut_plan_containing(nodes, count, 0x9005000, 12), -1);
    assert_true(alloc_at(0x9004000, 12) >= 0);
    assert_true(alloc_at(0x9ff0000, 16) >= 0);
    /* Not in any untyped, or straddling the end of one. */
    assert_int_equal(rs_ut_plan_containing(nodes, count, 0x80000000, 12), -1);
    assert_int_equal(rs_ut_plan_containing(nodes, count, 0x4000f000, 13), -1);
    assert_int_equal(rs_ut_plan_containing(nodes, count, UINT64_MAX - 0xfff, 12), -1);
    assert_int_equal(rs_ut_plan_half(0x9000000, 24, 0x9800000), 1);
    assert_int_equal(rs_ut_plan_half(0x9000000, 24, 0x97fffff), 0);
}

static void test_fit(void **state)
{
    (void)state;
    uint64_t offset, used;
    assert_true(rs_ut_plan_fit(0, 16, 12, 16, &offset, &used));
    assert_int_equal(offset, 0);
    assert_int_equal(used, 1u << 16);
    assert_false(rs_ut_plan_fit(0, 16, 12, 17, &offset, &used));
    /* A TCB (2 KiB) after an endpoint (16 bytes) is aligned up. */
    assert_true(rs_ut_plan_fit(16, 16, 11, 1, &offset, &used));
    assert_int_equal(offset, 2048);
    assert_int_equal(used, 4096);
    /* The alignment can leave no room at all. */
    assert_false(rs_ut_plan_fit(0x8001, 16, 15, 1, &offset, &used));
    assert_true(rs_ut_plan_fit(0x8000, 16, 15, 1, &offset, &used));
    assert_false(rs_ut_plan_fit(0, 12, 13, 1, &offset, &used)); /* object bigger than untyped */
    assert_false(rs_ut_plan_fit(0, 12, 4, 0, &offset, &used));
    assert_false(rs_ut_plan_fit(0x2000, 12, 4, 1, &offset, &used)); /* watermark past the end */
}

static void test_object_bits(void **state)
{
    (void)state;
    assert_int_equal(rs_ut_plan_object_bits(seL4_TCBObject, 0), seL4_TCBBits);
    assert_int_equal(rs_ut_plan_object_bits(seL4_EndpointObject, 0), seL4_EndpointBits);
    assert_int_equal(rs_ut_plan_object_bits(seL4_CapTableObject, 8), 8 + seL4_SlotBits);
    assert_int_equal(rs_ut_plan_object_bits(seL4_CapTableObject, 0), -1);
    assert_int_equal(rs_ut_plan_object_bits(seL4_UntypedObject, 20), 20);
    assert_int_equal(rs_ut_plan_object_bits(seL4_UntypedObject, 3), -1);
    assert_int_equal(rs_ut_plan_object_bits(seL4_ARM_LargePageObject, 0), seL4_LargePageBits);
    assert_int_equal(rs_ut_plan_object_bits(seL4_ARM_PageTableObject, 0), seL4_PageTableBits);
    assert_int_equal(rs_ut_plan_object_bits(seL4_ObjectTypeCount, 0), -1);
}

static rs_slots_t slots;

static void test_slots(void **state)
{
    (void)state;
    rs_slots_init(&slots, 100, 116);
    assert_int_equal(slots.free, 16);
    assert_int_equal(rs_slots_alloc(&slots), 100);
    assert_int_equal(rs_slots_alloc_range(&slots, 4), 101);
    assert_int_equal(rs_slots_alloc(&slots), 105);
    assert_true(rs_slots_free_range(&slots, 101, 4));
    assert_int_equal(rs_slots_alloc_range(&slots, 5), 106); /* the hole is too small */
    assert_int_equal(rs_slots_alloc_range(&slots, 4), 101); /* but fits four */
    assert_int_equal(slots.free, 16 - 1 - 4 - 1 - 5);
    assert_int_equal(rs_slots_alloc_range(&slots, 6), 0);
    assert_int_equal(rs_slots_alloc_range(&slots, 5), 111);
    assert_int_equal(rs_slots_alloc(&slots), 0);
    assert_int_equal(rs_slots_alloc_range(&slots, 0), 0);
    /* Freeing what is not allocated, or outside, changes nothing. */
    assert_true(rs_slots_free(&slots, 100));
    assert_false(rs_slots_free(&slots, 100));
    assert_false(rs_slots_free(&slots, 99));
    assert_false(rs_slots_free(&slots, 116));
    assert_false(rs_slots_free_range(&slots, 114, 3));
    assert_false(rs_slots_free_range(&slots, 100, 2)); /* 100 is free now */
    assert_int_equal(slots.free, 1);
    /* Clipped to what one allocator tracks. */
    rs_slots_init(&slots, 10, 10 + RS_SLOTS_MAX + 100);
    assert_int_equal(slots.free, RS_SLOTS_MAX);
    rs_slots_init(&slots, 10, 5);
    assert_int_equal(slots.free, 0);
    assert_int_equal(rs_slots_alloc(&slots), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_best_fit), cmocka_unit_test(test_split_and_merge_by_size),
        cmocka_unit_test(test_by_address), cmocka_unit_test(test_fit),
        cmocka_unit_test(test_object_bits), cmocka_unit_test(test_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
