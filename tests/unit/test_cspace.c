// SPDX-License-Identifier: BSD-2-Clause
/*
 * CSpace addressing (kernel/src/kernel/cspace.c) against the seL4 manual's
 * rules: each CNode level checks its guard against the next guard_size bits
 * of the cptr, most significant first, then indexes its 2^radix slots with
 * the next radix bits; the walk stops when the depth is used up or the slot
 * reached holds something other than a CNode cap.
 *
 * CNodes are arrays of cte_t in host memory: caps keep pointers >> 4 in 44
 * bits, sign-extended back, so 16-byte-aligned host pointers work directly.
 * Besides hand-built cases (every lookup fault and its fields, depth
 * handling, guard/radix edge cases, a chain of 64 one-bit CNodes with every
 * single-bit flip of the cptr), random CSpaces are checked against an
 * independent bit-at-a-time reference resolver written here from the manual.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/cspace.h>
#include <kernel/errors.h>

#include "kernel_stubs.h"

/* Objects the caps in these tests name; never dereferenced through a cap. */
static uint64_t endpoint_object[2] __attribute__((aligned(16)));

static cap_t endpoint_cap(void)
{
    return cap_endpoint_new(endpoint_object, 0);
}

/* Poison the error records so each test sees what the call wrote. */
static void poison_errors(void)
{
    memset(&ks_lookup_fault, 0xA5, sizeof(ks_lookup_fault));
    memset(&ks_syscall_error, 0xA5, sizeof(ks_syscall_error));
}

static void assert_fault(seL4_LookupFailureType type, word_t bits_left, word_t bits_found,
                         word_t guard_found)
{
    assert_int_equal(ks_lookup_fault.type, type);
    assert_int_equal(ks_lookup_fault.bits_left, bits_left);
    assert_int_equal(ks_lookup_fault.bits_found, bits_found);
    assert_int_equal(ks_lookup_fault.guard_found, guard_found);
}

static exception_t resolve(cap_t root, word_t cptr, unsigned depth, resolve_result_t *r)
{
    poison_errors();
    r->slot = NULL;
    r->bits_remaining = 999;
    return cspace_resolve(root, cptr, depth, r);
}

/* --- cptr_bits --------------------------------------------------------------- */

static void test_cptr_bits(void **state)
{
    (void)state;
    assert_int_equal(cptr_bits(~0UL, 0, 0), 0);
    assert_int_equal(cptr_bits(~0UL, 63, 0), 0);
    assert_true(cptr_bits(0x123456789ABCDEF0UL, 0, 64) == 0x123456789ABCDEF0UL);
    assert_true(cptr_bits(0x123456789ABCDEF0UL, 4, 60) == 0x123456789ABCDEFUL);
    assert_int_equal(cptr_bits(0x123456789ABCDEF0UL, 60, 4), 0x1);
    assert_int_equal(cptr_bits(0x123456789ABCDEF0UL, 8, 8), 0xDE);
    assert_int_equal(cptr_bits(0x8000000000000000UL, 63, 1), 1);
    assert_int_equal(cptr_bits(0x8000000000000000UL, 62, 1), 0);
    assert_true(cptr_bits(~0UL, 1, 63) == 0x7FFFFFFFFFFFFFFFUL);
    assert_true(cptr_bits(~0UL, 0, 63) == 0x7FFFFFFFFFFFFFFFUL);
    assert_true(cptr_bits(~0UL, 0, 1) == 1);
}

/* --- One level --------------------------------------------------------------- */

static void test_single_level_radix_and_guard(void **state)
{
    (void)state;
    static cte_t node[16] __attribute__((aligned(512)));
    memset(node, 0, sizeof(node));
    /* Guard 60 bits of zero, then a radix of 4: the usual 64-bit root. */
    cap_t root = cap_cnode_new(node, 4, 60, 0);
    for (word_t i = 0; i < 16; i++) {
        cte_t *slot = NULL;
        assert_int_equal(cspace_lookup_slot(root, i, &slot), EXCEPTION_NONE);
        assert_ptr_equal(slot, &node[i]);
    }
    /* A non-zero guard: the guard sits right above the index bits. */
    root = cap_cnode_new(node, 4, 60, 0xABCDEF);
    resolve_result_t r;
    assert_int_equal(resolve(root, (0xABCDEFUL << 4) | 7, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[7]);
    assert_int_equal(r.bits_remaining, 0);

    /* Depth counts from the top of the used bits: depth 8 with guard 4
     * and radix 4 reads bits 7..0 as guard 7..4, index 3..0. */
    root = cap_cnode_new(node, 4, 4, 0x9);
    assert_int_equal(resolve(root, 0x9C, 8, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[0xC]);
    /* Bits above the depth are ignored. */
    assert_int_equal(resolve(root, 0xFFFFFFFFFFFFFF9CUL, 8, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[0xC]);
    /* A guard of size 0 with value 0 always matches. */
    root = cap_cnode_new(node, 4, 0, 0);
    assert_int_equal(resolve(root, 0x3, 4, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[3]);
}

static void test_invalid_root(void **state)
{
    (void)state;
    resolve_result_t r;
    cap_t roots[] = { cap_null(), endpoint_cap(), cap_untyped_new(endpoint_object, 4, false, 0),
                      cap_zombie_new(endpoint_object, 0, 1) };
    for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
        assert_int_equal(resolve(roots[i], 0, 64, &r), EXCEPTION_LOOKUP_FAULT);
        assert_fault(seL4_InvalidRoot, 0, 0, 0);
        assert_null(r.slot);
        cte_t *slot = NULL;
        assert_int_equal(cspace_lookup_slot(roots[i], 0, &slot), EXCEPTION_LOOKUP_FAULT);
        assert_null(slot);
        /* A CNode operation checks the root first (as seL4 does): even
         * with a depth out of range the error is the invalid root. */
        const word_t depths[] = { 64, 1, 0, 65 };
        for (size_t d = 0; d < sizeof(depths) / sizeof(depths[0]); d++) {
            poison_errors();
            assert_int_equal(cspace_lookup_for_op(d % 2, roots[i], 0, depths[d], &slot),
                             EXCEPTION_SYSCALL_ERROR);
            assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
            assert_int_equal(ks_syscall_error.lookup_was_source, d % 2);
            assert_fault(seL4_InvalidRoot, 0, 0, 0);
        }
    }
}

static void test_guard_mismatch_fields(void **state)
{
    (void)state;
    static cte_t node[16] __attribute__((aligned(512)));
    memset(node, 0, sizeof(node));
    resolve_result_t r;
    cap_t root = cap_cnode_new(node, 4, 8, 0xA5);
    /* Guard bits 11..4 are 0xA4, not 0xA5. */
    assert_int_equal(resolve(root, 0xA43, 12, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 12, 8, 0xA5);
    /* The same at full depth: bits_left is 64. */
    assert_int_equal(resolve(root, 0xA4UL << 56, 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 64, 8, 0xA5);
    /* A guard longer than the depth left is a guard mismatch, not a depth
     * mismatch, even if the bits there would match. */
    assert_int_equal(resolve(root, 0xA, 4, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 4, 8, 0xA5);
    /* A guard value wider than its size can never match. */
    root = cap_cnode_new(node, 4, 4, 0x15);
    assert_int_equal(resolve(root, 0x53, 8, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 8, 4, 0x15);
    assert_null(r.slot);
}

static void test_depth_mismatch_fields(void **state)
{
    (void)state;
    static cte_t top[16] __attribute__((aligned(512)));
    static cte_t second[16] __attribute__((aligned(512)));
    memset(top, 0, sizeof(top));
    memset(second, 0, sizeof(second));
    resolve_result_t r;
    /* The level needs guard + radix = 2 + 8 bits; only 6 are left. */
    cap_t root = cap_cnode_new(top, 8, 2, 0x3);
    assert_int_equal(resolve(root, 0x3F, 6, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_DepthMismatch, 6, 10, 0);

    /* At the second level: top consumes 4, second needs 1 + 4, 3 left. */
    root = cap_cnode_new(top, 4, 0, 0);
    top[5].cap = cap_cnode_new(second, 4, 1, 1);
    assert_int_equal(resolve(root, 0x5 << 3 | 0x7, 7, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_DepthMismatch, 3, 5, 0);
    /* The second level's guard is checked first. */
    assert_int_equal(resolve(root, 0x5 << 3 | 0x3, 7, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 3, 1, 1);
    /* Depth 0: nothing to consume at all. */
    assert_int_equal(resolve(root, 0, 0, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_DepthMismatch, 0, 4, 0);
}

/* --- Several levels ---------------------------------------------------------- */

/* A three-level CSpace used by the next tests:
 *   root: guard 0b101 (3), radix 2     -> l1
 *   l1[2]: CNode cap to l2, guard 0 (size 4), radix 3
 *   l2[6]: CNode cap to l3, no guard, radix 5
 *   l2[1]: an endpoint cap
 *   l3[17]: endpoint cap
 * A full path is 3 + 2 + 4 + 3 + 5 = 17 bits. */
static cte_t l1[4] __attribute__((aligned(128)));
static cte_t l2[8] __attribute__((aligned(256)));
static cte_t l3[32] __attribute__((aligned(1024)));

static cap_t three_levels(void)
{
    memset(l1, 0, sizeof(l1));
    memset(l2, 0, sizeof(l2));
    memset(l3, 0, sizeof(l3));
    l1[2].cap = cap_cnode_new(l2, 3, 4, 0);
    l2[6].cap = cap_cnode_new(l3, 5, 0, 0);
    l2[1].cap = endpoint_cap();
    l3[17].cap = endpoint_cap();
    return cap_cnode_new(l1, 2, 3, 0x5);
}

static word_t path(word_t guard1, word_t index1, word_t guard2, word_t index2, word_t index3)
{
    return (((((guard1 << 2 | index1) << 4 | guard2) << 3) | index2) << 5) | index3;
}

static void test_multi_level(void **state)
{
    (void)state;
    cap_t root = three_levels();
    resolve_result_t r;
    word_t cptr = path(0x5, 2, 0, 6, 17);
    assert_int_equal(resolve(root, cptr, 17, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &l3[17]);
    assert_int_equal(r.bits_remaining, 0);
    /* The same address placed at the top of a 64-bit cptr is a different
     * story: the root's guard then reads the top 3 bits. */
    assert_int_equal(resolve(root, cptr << 47, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &l3[17]);
    assert_int_equal(r.bits_remaining, 47);

    /* Exactly consumed at a slot holding a CNode cap: the lookup stops
     * there and names the slot, it does not descend. */
    assert_int_equal(resolve(root, cptr >> 5, 12, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &l2[6]);
    assert_int_equal(r.bits_remaining, 0);
    assert_int_equal(resolve(root, cptr >> 12, 5, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &l1[2]);
    assert_int_equal(r.bits_remaining, 0);

    /* Reaching a non-CNode cap early leaves the rest of the depth. */
    word_t to_endpoint = path(0x5, 2, 0, 1, 0) >> 5;
    assert_int_equal(resolve(root, to_endpoint << 2, 14, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &l2[1]);
    assert_int_equal(r.bits_remaining, 2);
    /* An empty slot too. */
    assert_int_equal(resolve(root, path(0x5, 3, 0, 0, 0), 17, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &l1[3]);
    assert_int_equal(r.bits_remaining, 12);

    /* A mismatch in the second level's guard. */
    assert_int_equal(resolve(root, path(0x5, 2, 0x8, 6, 17), 17, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 12, 4, 0);
    /* A depth mismatch in the third level: with one bit less (the same top
     * 16 bits) only 4 of the 5 bits it needs are left. */
    assert_int_equal(resolve(root, cptr >> 1, 16, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_DepthMismatch, 4, 5, 0);
}

static void test_lookup_slot_full_depth(void **state)
{
    (void)state;
    cap_t root = three_levels();
    /* cspace_lookup_slot resolves 64 bits and accepts leftover bits. */
    cte_t *slot = NULL;
    assert_int_equal(cspace_lookup_slot(root, path(0x5, 2, 0, 6, 17) << 47, &slot),
                     EXCEPTION_NONE);
    assert_ptr_equal(slot, &l3[17]);
    slot = NULL;
    poison_errors();
    assert_int_equal(cspace_lookup_slot(root, 0, &slot), EXCEPTION_LOOKUP_FAULT);
    assert_null(slot);
    assert_fault(seL4_GuardMismatch, 64, 3, 0x5);
}

/* --- cspace_lookup_for_op ---------------------------------------------------- */

static void test_lookup_for_op_depth_range(void **state)
{
    (void)state;
    cap_t root = three_levels();
    word_t depths[] = { 0, 65, 66, 128, 1UL << 32, ~0UL };
    for (size_t i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
        for (int source = 0; source <= 1; source++) {
            cte_t *slot = &l1[0];
            poison_errors();
            assert_int_equal(cspace_lookup_for_op(source, root, 0, depths[i], &slot),
                             EXCEPTION_SYSCALL_ERROR);
            assert_int_equal(ks_syscall_error.type, seL4_RangeError);
            assert_int_equal(ks_syscall_error.range_min, 1);
            assert_int_equal(ks_syscall_error.range_max, 64);
            assert_ptr_equal(slot, &l1[0]); /* untouched */
        }
    }
    /* 1 and 64 are inside the range: they fail for other reasons here. */
    cte_t *slot;
    poison_errors();
    assert_int_equal(cspace_lookup_for_op(false, root, 0, 1, &slot), EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
    assert_fault(seL4_GuardMismatch, 1, 3, 0x5);
    assert_int_equal(cspace_lookup_for_op(false, root, path(0x5, 2, 0, 6, 17) << 47, 64, &slot),
                     EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
    assert_fault(seL4_DepthMismatch, 47, 0, 0);
}

static void test_lookup_for_op_results(void **state)
{
    (void)state;
    cap_t root = three_levels();
    cte_t *slot = NULL;
    word_t cptr = path(0x5, 2, 0, 6, 17);
    assert_int_equal(cspace_lookup_for_op(true, root, cptr, 17, &slot), EXCEPTION_NONE);
    assert_ptr_equal(slot, &l3[17]);
    /* Exactly at a CNode-cap slot: fine, that slot is the target. */
    assert_int_equal(cspace_lookup_for_op(false, root, cptr >> 5, 12, &slot), EXCEPTION_NONE);
    assert_ptr_equal(slot, &l2[6]);

    for (int source = 0; source <= 1; source++) {
        /* Bits remaining: FailedLookup carrying a depth mismatch with the
         * bits left and nothing found. */
        slot = &l1[0];
        poison_errors();
        assert_int_equal(cspace_lookup_for_op(source, root, cptr << 3, 20, &slot),
                         EXCEPTION_SYSCALL_ERROR);
        assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
        assert_int_equal(ks_syscall_error.lookup_was_source, source);
        assert_fault(seL4_DepthMismatch, 3, 0, 0);
        assert_ptr_equal(slot, &l1[0]);
        /* Remaining bits after an empty slot. */
        poison_errors();
        assert_int_equal(cspace_lookup_for_op(source, root, path(0x5, 0, 0, 0, 0), 17, &slot),
                         EXCEPTION_SYSCALL_ERROR);
        assert_int_equal(ks_syscall_error.lookup_was_source, source);
        assert_fault(seL4_DepthMismatch, 12, 0, 0);
        /* A resolve failure keeps its own lookup fault. */
        poison_errors();
        assert_int_equal(cspace_lookup_for_op(source, root, path(0x4, 2, 0, 6, 17), 17, &slot),
                         EXCEPTION_SYSCALL_ERROR);
        assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
        assert_int_equal(ks_syscall_error.lookup_was_source, source);
        assert_fault(seL4_GuardMismatch, 17, 3, 0x5);
        poison_errors();
        assert_int_equal(cspace_lookup_for_op(source, root, cptr >> 1, 16, &slot),
                         EXCEPTION_SYSCALL_ERROR);
        assert_int_equal(ks_syscall_error.lookup_was_source, source);
        assert_fault(seL4_DepthMismatch, 4, 5, 0);
    }
}

/* --- Edge cases of guard_size and radix -------------------------------------- */

static void test_guard_size_64(void **state)
{
    (void)state;
    static cte_t node[2] __attribute__((aligned(64)));
    memset(node, 0, sizeof(node));
    resolve_result_t r;
    word_t guard = 0xFEDCBA9876543210UL;
    /* Guard 64 + radix 1 never fits in 64 bits: a matching guard goes on to
     * a depth mismatch, a different one is a guard mismatch. */
    cap_t root = cap_cnode_new(node, 1, 64, guard);
    assert_int_equal(resolve(root, guard, 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_DepthMismatch, 64, 65, 0);
    assert_int_equal(resolve(root, guard ^ 1, 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 64, 64, guard);
    assert_int_equal(resolve(root, guard, 63, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 63, 64, guard);
    /* Guard sizes past 64 (the field holds up to 127) never match. */
    root = cap_cnode_new(node, 1, 65, 0);
    assert_int_equal(resolve(root, 0, 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 64, 65, 0);
    root = cap_cnode_new(node, 1, 127, 0);
    assert_int_equal(cap_cnode_get_guard_size(root), 127);
    assert_int_equal(resolve(root, 0, 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 64, 127, 0);

    /* Guard 63 + radix 1 = exactly 64 bits. */
    root = cap_cnode_new(node, 1, 63, guard >> 1);
    assert_int_equal(resolve(root, guard | 1, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[1]);
    assert_int_equal(resolve(root, guard & ~1UL, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[0]);
    assert_int_equal(resolve(root, guard ^ (1UL << 63), 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 64, 63, guard >> 1);
}

static void test_radix_edges(void **state)
{
    (void)state;
    static cte_t node[4] __attribute__((aligned(128)));
    memset(node, 0, sizeof(node));
    resolve_result_t r;
    /* Radix 63 and a one-bit guard: the whole word is used. The index is
     * kept small so the slot is inside node; it is not dereferenced, since
     * the depth is used up there. */
    cap_t root = cap_cnode_new(node, 63, 1, 1);
    assert_int_equal(cap_cnode_get_radix(root), 63);
    assert_int_equal(resolve(root, (1UL << 63) | 3, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[3]);
    assert_int_equal(r.bits_remaining, 0);
    assert_int_equal(resolve(root, 3, 64, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_GuardMismatch, 64, 1, 1);
    /* Radix 63 without a guard: 64 bits leave 1 bit over at node[idx]. */
    root = cap_cnode_new(node, 63, 0, 0);
    assert_int_equal(resolve(root, 2 << 1 | 1, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[2]);
    assert_int_equal(r.bits_remaining, 1);
    /* Radix 63 with a depth of 62: depth mismatch. */
    assert_int_equal(resolve(root, 0, 62, &r), EXCEPTION_LOOKUP_FAULT);
    assert_fault(seL4_DepthMismatch, 62, 63, 0);
    /* Radix 1, depth 1. */
    root = cap_cnode_new(node, 1, 0, 0);
    assert_int_equal(resolve(root, 1, 1, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[1]);
    assert_int_equal(resolve(root, ~0UL - 1, 1, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &node[0]);
}

/* A pointer with bit 47 set (the kernel window) and a host pointer both
 * survive the 44-bit compression. */
static void test_pointer_compression(void **state)
{
    (void)state;
    void *kernel = (void *)0xFFFF800012345670UL;
    cap_t cap = cap_cnode_new(kernel, 3, 5, 0x11);
    assert_ptr_equal(cap_get_ptr(cap), kernel);
    void *image = (void *)0xFFFFFFFF80080000UL;
    assert_ptr_equal(cap_get_ptr(cap_new(CAP_ENDPOINT, image)), image);
    void *host = malloc(64);
    assert_non_null(host);
    void *aligned = (void *)(((uintptr_t)host + 15) & ~(uintptr_t)15);
    assert_ptr_equal(cap_get_ptr(cap_new(CAP_CNODE, aligned)), aligned);
    free(host);
    assert_int_equal(cap_cnode_get_radix(cap), 3);
    assert_int_equal(cap_cnode_get_guard_size(cap), 5);
    assert_int_equal(cap_cnode_get_guard(cap), 0x11);
    assert_int_equal(cap_get_type(cap), CAP_CNODE);
}

/* --- 64 one-bit CNodes ------------------------------------------------------- */

/* chain[i] has radix 1 and no guard; chain[i][1] holds a cap to chain[i+1]
 * (chain[63][1] an endpoint), so the all-ones cptr walks all 64 levels.
 * chain[i][0] holds, by i mod 4: nothing; an endpoint; a cap back to
 * chain[0] (radix 1, no guard); a cap to chain[0] with a 1-bit guard of 0. */
static cte_t chain[64][2] __attribute__((aligned(64)));

static cap_t build_chain(void)
{
    memset(chain, 0, sizeof(chain));
    for (unsigned i = 0; i < 64; i++) {
        chain[i][1].cap = i < 63 ? cap_cnode_new(chain[i + 1], 1, 0, 0) : endpoint_cap();
        switch (i % 4) {
        case 0: break;
        case 1: chain[i][0].cap = endpoint_cap(); break;
        case 2: chain[i][0].cap = cap_cnode_new(chain[0], 1, 0, 0); break;
        default: chain[i][0].cap = cap_cnode_new(chain[0], 1, 1, 0); break;
        }
    }
    return cap_cnode_new(chain[0], 1, 0, 0);
}

static void test_chain_all_ones(void **state)
{
    (void)state;
    cap_t root = build_chain();
    resolve_result_t r;
    assert_int_equal(resolve(root, ~0UL, 64, &r), EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &chain[63][1]);
    assert_int_equal(r.bits_remaining, 0);
    /* Each shorter depth d stops at the slot holding the cap to level d. */
    for (unsigned d = 1; d <= 64; d++) {
        cte_t *slot = NULL;
        assert_int_equal(cspace_lookup_for_op(true, root, ~0UL, d, &slot), EXCEPTION_NONE);
        assert_ptr_equal(slot, &chain[d - 1][1]);
    }
}

static void test_chain_single_bit_flips(void **state)
{
    (void)state;
    cap_t root = build_chain();
    for (unsigned b = 0; b < 64; b++) {
        /* Bit b is read by level i = 63 - b, which then indexes slot 0;
         * b bits remain, all ones. */
        unsigned i = 63 - b;
        word_t cptr = ~0UL ^ (1UL << b);
        resolve_result_t r;
        exception_t status = resolve(root, cptr, 64, &r);
        cte_t *expect_slot = NULL;
        unsigned expect_left = 0;
        bool fault = false;
        if (b == 0) {
            expect_slot = &chain[i][0]; /* depth used up exactly there */
        } else {
            switch (i % 4) {
            case 0: /* empty slot */
            case 1: /* endpoint */
                expect_slot = &chain[i][0];
                expect_left = b;
                break;
            case 2: /* back to chain[0]: b more ones walk b levels */
                expect_slot = &chain[b - 1][1];
                break;
            default: /* guard 0 against a 1 bit */
                fault = true;
                break;
            }
        }
        if (fault) {
            assert_int_equal(status, EXCEPTION_LOOKUP_FAULT);
            assert_fault(seL4_GuardMismatch, b, 1, 0);
        } else {
            assert_int_equal(status, EXCEPTION_NONE);
            assert_ptr_equal(r.slot, expect_slot);
            assert_int_equal(r.bits_remaining, expect_left);
        }
        /* The full-depth lookup used for invoking agrees; a CNode op at
         * depth 64 fails wherever bits remain. */
        cte_t *slot = NULL;
        assert_int_equal(cspace_lookup_slot(root, cptr, &slot),
                         fault ? EXCEPTION_LOOKUP_FAULT : EXCEPTION_NONE);
        if (!fault) {
            assert_ptr_equal(slot, expect_slot);
        }
        poison_errors();
        slot = NULL;
        exception_t op = cspace_lookup_for_op(false, root, cptr, 64, &slot);
        if (fault || expect_left != 0) {
            assert_int_equal(op, EXCEPTION_SYSCALL_ERROR);
            assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
            assert_false(ks_syscall_error.lookup_was_source);
            if (fault) {
                assert_fault(seL4_GuardMismatch, b, 1, 0);
            } else {
                assert_fault(seL4_DepthMismatch, b, 0, 0);
            }
        } else {
            assert_int_equal(op, EXCEPTION_NONE);
            assert_ptr_equal(slot, expect_slot);
        }
    }
}

/* --- Random CSpaces against a reference resolver ----------------------------- */

/* The reference reads one bit at a time, the way the manual describes the
 * walk, sharing no code with cspace.c. */
typedef struct reference {
    exception_t status;
    cte_t *slot;
    unsigned bits_remaining;
    lookup_fault_t fault;
} reference_t;

static unsigned bit_at(word_t cptr, unsigned position)
{
    return (unsigned)((cptr >> position) & 1);
}

static reference_t reference_fault(seL4_LookupFailureType type, word_t left, word_t found,
                                   word_t guard)
{
    reference_t out = { EXCEPTION_LOOKUP_FAULT, NULL, 0, { type, left, found, guard } };
    return out;
}

static reference_t reference_resolve(cap_t node, word_t cptr, unsigned depth)
{
    if (cap_get_type(node) != CAP_CNODE) {
        return reference_fault(seL4_InvalidRoot, 0, 0, 0);
    }
    unsigned left = depth; /* bits of the cptr not yet read: [left-1 .. 0] */
    for (;;) {
        uint64_t guard_size = cap_cnode_get_guard_size(node);
        uint64_t radix = cap_cnode_get_radix(node);
        uint64_t guard = cap_cnode_get_guard(node);
        bool match = guard_size <= left;
        for (uint64_t k = 0; match && k < guard_size; k++) {
            /* guard bit guard_size-1-k against cptr bit left-1-k */
            unsigned want = guard_size - 1 - k < 64 ? bit_at(guard, guard_size - 1 - k) : 0;
            match = bit_at(cptr, left - 1 - k) == want;
        }
        if (match && guard_size < 64 && (guard >> guard_size) != 0) {
            match = false; /* guard bits above the size can match nothing */
        }
        if (!match) {
            return reference_fault(seL4_GuardMismatch, left, guard_size, guard);
        }
        if (guard_size + radix > left) {
            return reference_fault(seL4_DepthMismatch, left, guard_size + radix, 0);
        }
        left -= guard_size;
        uint64_t index = 0;
        for (uint64_t k = 0; k < radix; k++) {
            index = index << 1 | bit_at(cptr, --left);
        }
        cte_t *slot = (cte_t *)cap_get_ptr(node) + index;
        if (left == 0 || cap_get_type(slot->cap) != CAP_CNODE) {
            reference_t out = { EXCEPTION_NONE, slot, left, { 0 } };
            return out;
        }
        node = slot->cap;
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15UL;

static uint64_t rng(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DUL;
}

static unsigned rng_below(unsigned n)
{
    return (unsigned)(rng() % n);
}

#define RANDOM_NODES 10
#define RANDOM_MAX_RADIX 5

static cte_t random_nodes[RANDOM_NODES][1 << RANDOM_MAX_RADIX]
    __attribute__((aligned(1 << (RANDOM_MAX_RADIX + 5))));
static unsigned random_radix[RANDOM_NODES];

static uint64_t random_guard_size(void)
{
    switch (rng_below(8)) {
    case 0: case 1: case 2: return 0;
    case 3: return 1 + rng_below(20);
    case 4: return 40 + rng_below(30); /* often too long for what is left */
    default: return 1 + rng_below(4);
    }
}

static cap_t random_cnode_cap(unsigned node)
{
    uint64_t guard_size = random_guard_size();
    uint64_t guard = rng();
    if (guard_size < 64) {
        guard &= (1UL << guard_size) - 1;
    }
    if (rng_below(16) == 0) {
        guard |= 1UL << (guard_size + rng_below(64 - (unsigned)(guard_size % 64))) % 64;
    }
    return cap_cnode_new(random_nodes[node], random_radix[node], (unsigned)guard_size, guard);
}

static cap_t random_cspace(void)
{
    memset(random_nodes, 0, sizeof(random_nodes));
    for (unsigned n = 0; n < RANDOM_NODES; n++) {
        random_radix[n] = 1 + rng_below(RANDOM_MAX_RADIX);
    }
    for (unsigned n = 0; n < RANDOM_NODES; n++) {
        for (unsigned s = 0; s < (1U << random_radix[n]); s++) {
            unsigned roll = rng_below(10);
            if (roll < 4) {
                random_nodes[n][s].cap = random_cnode_cap(rng_below(RANDOM_NODES));
            } else if (roll < 6) {
                random_nodes[n][s].cap = endpoint_cap();
            }
        }
    }
    return rng_below(50) == 0 ? endpoint_cap() : random_cnode_cap(0);
}

/* A cptr that mostly follows the tree: guards right, indexes random, with
 * a random bit flipped now and then; depth either random or exactly what
 * the walk used. */
static word_t guided_cptr(cap_t root, unsigned *depth)
{
    word_t cptr = 0;
    unsigned used = 0;
    cap_t node = root;
    while (cap_get_type(node) == CAP_CNODE) {
        unsigned guard_size = (unsigned)cap_cnode_get_guard_size(node);
        unsigned radix = (unsigned)cap_cnode_get_radix(node);
        if (used + guard_size + radix > 64) {
            break;
        }
        word_t guard = cap_cnode_get_guard(node);
        for (unsigned k = 0; k < guard_size; k++) {
            cptr = cptr << 1 | bit_at(guard, guard_size - 1 - k);
        }
        word_t index = rng_below(1U << radix);
        cptr = cptr << radix | index;
        used += guard_size + radix;
        node = ((cte_t *)cap_get_ptr(node))[index].cap;
        if (rng_below(6) == 0) {
            break;
        }
    }
    /* The path so far sits at the top of the used bits; fill below. */
    unsigned extra = rng_below(2) == 0 ? 0 : rng_below(64 - used + 1);
    if (extra == 64) {
        cptr = rng();
    } else if (extra > 0) {
        cptr = cptr << extra | (rng() & ((1UL << extra) - 1));
    }
    *depth = used + extra;
    if (rng_below(4) == 0 && *depth > 0) {
        /* Cut the last few bits: the same path, ending inside a level. */
        unsigned cut = 1 + rng_below(*depth < 6 ? *depth : 6);
        cptr >>= cut;
        *depth -= cut;
    } else if (rng_below(10) == 0) {
        *depth = rng_below(65);
    }
    if (rng_below(8) == 0 && *depth > 0) {
        cptr ^= 1UL << rng_below(*depth);
    }
    return cptr;
}

static void test_random_cspaces(void **state)
{
    (void)state;
    unsigned outcomes[8] = { 0 };
    for (unsigned space = 0; space < 5000; space++) {
        cap_t root = random_cspace();
        for (unsigned trial = 0; trial < 60; trial++) {
            unsigned depth;
            word_t cptr = guided_cptr(root, &depth);
            reference_t want = reference_resolve(root, cptr, depth);
            resolve_result_t got;
            exception_t status = resolve(root, cptr, depth, &got);
            if (status != want.status) {
                fail_msg("space %u cptr %#lx depth %u: status %d, reference %d", space,
                         (unsigned long)cptr, depth, status, want.status);
            }
            if (status == EXCEPTION_NONE) {
                assert_ptr_equal(got.slot, want.slot);
                assert_int_equal(got.bits_remaining, want.bits_remaining);
                outcomes[want.bits_remaining == 0 ? 0 : 1]++;
            } else {
                assert_int_equal(ks_lookup_fault.type, want.fault.type);
                assert_int_equal(ks_lookup_fault.bits_left, want.fault.bits_left);
                assert_int_equal(ks_lookup_fault.bits_found, want.fault.bits_found);
                assert_int_equal(ks_lookup_fault.guard_found, want.fault.guard_found);
                outcomes[2 + want.fault.type]++;
            }
            /* The CNode-operation lookup follows from the same walk. */
            cte_t *slot = NULL;
            poison_errors();
            status = cspace_lookup_for_op(trial % 2, root, cptr, depth, &slot);
            if (cap_get_type(root) != CAP_CNODE) {
                assert_int_equal(status, EXCEPTION_SYSCALL_ERROR);
                assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
                assert_int_equal(ks_lookup_fault.type, seL4_InvalidRoot);
            } else if (depth == 0) {
                assert_int_equal(status, EXCEPTION_SYSCALL_ERROR);
                assert_int_equal(ks_syscall_error.type, seL4_RangeError);
            } else if (want.status == EXCEPTION_NONE && want.bits_remaining == 0) {
                assert_int_equal(status, EXCEPTION_NONE);
                assert_ptr_equal(slot, want.slot);
            } else {
                assert_int_equal(status, EXCEPTION_SYSCALL_ERROR);
                assert_int_equal(ks_syscall_error.type, seL4_FailedLookup);
                assert_int_equal(ks_syscall_error.lookup_was_source, trial % 2);
                if (want.status == EXCEPTION_NONE) {
                    assert_int_equal(ks_lookup_fault.type, seL4_DepthMismatch);
                    assert_int_equal(ks_lookup_fault.bits_left, want.bits_remaining);
                    assert_int_equal(ks_lookup_fault.bits_found, 0);
                } else {
                    assert_int_equal(ks_lookup_fault.type, want.fault.type);
                    assert_int_equal(ks_lookup_fault.bits_left, want.fault.bits_left);
                }
            }
        }
    }
    /* Every kind of outcome came up often: the comparison meant something. */
    print_message("random CSpaces: %u exact, %u with bits left, %u invalid root, "
                  "%u depth mismatch, %u guard mismatch\n",
                  outcomes[0], outcomes[1], outcomes[2 + seL4_InvalidRoot],
                  outcomes[2 + seL4_DepthMismatch], outcomes[2 + seL4_GuardMismatch]);
    assert_true(outcomes[0] > 1000);
    assert_true(outcomes[1] > 1000);
    assert_true(outcomes[2 + seL4_InvalidRoot] > 100);
    assert_true(outcomes[2 + seL4_DepthMismatch] > 1000);
    assert_true(outcomes[2 + seL4_GuardMismatch] > 1000);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        /* A seed for the random CSpaces; xorshift needs a non-zero state. */
        rng_state ^= strtoull(argv[1], NULL, 0);
        if (rng_state == 0) {
            rng_state = 1;
        }
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cptr_bits),
        cmocka_unit_test(test_single_level_radix_and_guard),
        cmocka_unit_test(test_invalid_root),
        cmocka_unit_test(test_guard_mismatch_fields),
        cmocka_unit_test(test_depth_mismatch_fields),
        cmocka_unit_test(test_multi_level),
        cmocka_unit_test(test_lookup_slot_full_depth),
        cmocka_unit_test(test_lookup_for_op_depth_range),
        cmocka_unit_test(test_lookup_for_op_results),
        cmocka_unit_test(test_guard_size_64),
        cmocka_unit_test(test_radix_edges),
        cmocka_unit_test(test_pointer_compression),
        cmocka_unit_test(test_chain_all_ones),
        cmocka_unit_test(test_chain_single_bit_flips),
        cmocka_unit_test(test_random_cspaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
