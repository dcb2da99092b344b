// SPDX-License-Identifier: BSD-2-Clause
/*
 * CSPACE0001-0009: capability addressing through guarded CNodes (seL4
 * manual, "Capability Space Addressing"). Each level checks its guard
 * against the next guard-size bits of the cptr, then indexes with the next
 * radix bits, most significant first, using the low `depth` bits of the
 * cptr. The root CNode resolves exactly 64 bits in one level; for two
 * levels these cases mint a copy of the root cap with a shorter guard and
 * place a guarded 16-slot CNode in the root:
 *
 *   cptr = [ G1: 44-bit guard | 12-bit root slot | G2: 4-bit guard | 4-bit index ]
 *
 * Failures come back as seL4_FailedLookup with the lookup failure in MR1..
 * (bitsLeft = bits still to resolve when the level failed).
 */
#include "helpers.h"

#define L2_RADIX 4
#define L2_GUARD 0x9UL
#define L2_GUARD_BITS 4
#define L2_BITS (L2_GUARD_BITS + L2_RADIX)
#define L2_SLOT 3 /* holds an endpoint */

static seL4_Word root_radix(void)
{
    return seL4_GetBootInfo()->initThreadCNodeSizeBits;
}

/* The two-level CSpace, built once. */
static struct {
    seL4_CPtr top;      /* root CNode cap with guard g1 of top_guard_bits */
    seL4_Word top_guard_bits;
    seL4_Word g1;
    seL4_CPtr l2_plain; /* the 16-slot CNode, unguarded */
    seL4_CPtr l2_slot;  /* root slot with the guarded cap to it */
    seL4_CPtr ep;       /* an endpoint in the root */
} cs;

static seL4_Word top_cptr(seL4_Word root_slot, seL4_Word low_bits)
{
    return (cs.g1 << (root_radix() + L2_BITS)) | (root_slot << L2_BITS) | low_bits;
}

static void build(void)
{
    if (cs.top != 0) {
        return;
    }
    cs.top_guard_bits = seL4_WordBits - root_radix() - L2_BITS;
    cs.g1 = 0xCAFE0000ABUL & ((1UL << cs.top_guard_bits) - 1);
    cs.top = test_slot();
    TEST_CHECK(root_mint(cs.top, ROOT, seL4_AllRights,
                         seL4_CNode_CapData_new(cs.g1, cs.top_guard_bits).words[0]) ==
               seL4_NoError);
    cs.l2_plain = new_object(seL4_CapTableObject, L2_RADIX);
    cs.l2_slot = test_slot();
    TEST_CHECK(root_mint(cs.l2_slot, cs.l2_plain, seL4_AllRights,
                         seL4_CNode_CapData_new(L2_GUARD, L2_GUARD_BITS).words[0]) ==
               seL4_NoError);
    cs.ep = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(seL4_CNode_Copy(cs.l2_plain, L2_SLOT, L2_RADIX, ROOT, cs.ep, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
}

static void root_exactly_64_bits(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    unsigned type;
    TEST_CHECK(copy_out(ROOT, ep, ROOT_DEPTH, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
    /* every bit above the radix belongs to the zero guard */
    for (seL4_Word bit = root_radix(); bit < seL4_WordBits; bit++) {
        TEST_CHECK(copy_out(ROOT, ep ^ (1UL << bit), ROOT_DEPTH, &type) == seL4_FailedLookup);
        check_guard_mismatch(true, ROOT_DEPTH, 0, seL4_WordBits - root_radix());
        TEST_CHECK(type == TYPE_NULL);
    }
}

static void root_short_depths(void)
{
    /* Fewer bits than the root's guard: guard mismatch; enough for the guard
     * but not the radix: depth mismatch (bitsFound = what the level needs). */
    seL4_Word guard_bits = seL4_WordBits - root_radix();
    unsigned type;
    for (seL4_Word depth = 1; depth < seL4_WordBits; depth++) {
        TEST_CHECK(copy_out(ROOT, 0, depth, &type) == seL4_FailedLookup);
        if (depth < guard_bits) {
            check_guard_mismatch(true, depth, 0, guard_bits);
        } else {
            check_depth_mismatch(true, depth, seL4_WordBits);
        }
    }
    /* the destination side reports the same, with MR0 = 0 */
    TEST_CHECK(seL4_CNode_Delete(ROOT, 0, 20) == seL4_FailedLookup);
    check_guard_mismatch(false, 20, 0, guard_bits);
    TEST_CHECK(seL4_CNode_Delete(ROOT, 0, 60) == seL4_FailedLookup);
    check_depth_mismatch(false, 60, seL4_WordBits);
}

static void two_levels(void)
{
    build();
    unsigned type;
    /* out through both levels */
    TEST_CHECK(copy_out(cs.top, top_cptr(cs.l2_slot, (L2_GUARD << L2_RADIX) | L2_SLOT),
                        seL4_WordBits, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
    /* in through both levels, then seen through the plain L2 cap */
    seL4_Word dest = top_cptr(cs.l2_slot, (L2_GUARD << L2_RADIX) | 5);
    TEST_CHECK(seL4_CNode_Copy(cs.top, dest, seL4_WordBits, ROOT, cs.ep, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    TEST_CHECK(copy_out(cs.l2_plain, 5, L2_RADIX, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
    TEST_CHECK(seL4_CNode_Delete(cs.top, dest, seL4_WordBits) == seL4_NoError);
    TEST_CHECK(copy_out(cs.l2_plain, 5, L2_RADIX, &type) == seL4_FailedLookup);
    check_missing_capability(true, L2_RADIX);
    /* the guarded root copy also names root slots, at depth 64 - 8 */
    TEST_CHECK(copy_out(cs.top, top_cptr(cs.ep, 0) >> L2_BITS, seL4_WordBits - L2_BITS,
                        &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
}

static void first_level_names_cnode(void)
{
    /* Stopping after the first level names the slot holding the L2 cap;
     * the copy keeps L2's guard and works as a root of 8 bits. */
    build();
    unsigned type;
    seL4_CPtr copy = test_slot();
    TEST_CHECK(seL4_CNode_Copy(ROOT, copy, ROOT_DEPTH, cs.top, top_cptr(cs.l2_slot, 0) >> L2_BITS,
                               seL4_WordBits - L2_BITS, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(cap_type(copy) == TYPE_CNODE);
    TEST_CHECK(copy_out(copy, (L2_GUARD << L2_RADIX) | L2_SLOT, L2_BITS, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
}

static void second_level_guard_mismatch(void)
{
    build();
    unsigned type;
    seL4_Word wrong = (L2_GUARD ^ 0x4) << L2_RADIX | L2_SLOT;
    TEST_CHECK(copy_out(cs.top, top_cptr(cs.l2_slot, wrong), seL4_WordBits, &type) ==
               seL4_FailedLookup);
    check_guard_mismatch(true, L2_BITS, L2_GUARD, L2_GUARD_BITS);
    TEST_CHECK(seL4_CNode_Delete(cs.top, top_cptr(cs.l2_slot, wrong), seL4_WordBits) ==
               seL4_FailedLookup);
    check_guard_mismatch(false, L2_BITS, L2_GUARD, L2_GUARD_BITS);
}

static void first_level_guard_mismatch(void)
{
    build();
    unsigned type;
    seL4_Word good = top_cptr(cs.l2_slot, (L2_GUARD << L2_RADIX) | L2_SLOT);
    seL4_Word first_guard_bit = root_radix() + L2_BITS;
    for (seL4_Word bit = first_guard_bit; bit < seL4_WordBits; bit += 7) {
        TEST_CHECK(copy_out(cs.top, good ^ (1UL << bit), seL4_WordBits, &type) ==
                   seL4_FailedLookup);
        check_guard_mismatch(true, seL4_WordBits, cs.g1, cs.top_guard_bits);
    }
}

static void fewer_bits_than_guard(void)
{
    /* After the first level only 2 bits are left for L2's 4-bit guard. */
    build();
    unsigned type;
    seL4_Word full = top_cptr(cs.l2_slot, (L2_GUARD << L2_RADIX) | L2_SLOT);
    TEST_CHECK(copy_out(cs.top, full >> 6, seL4_WordBits - 6, &type) == seL4_FailedLookup);
    check_guard_mismatch(true, 2, L2_GUARD, L2_GUARD_BITS);
}

static void fewer_bits_than_level(void)
{
    /* The guard fits but the radix does not: 6 bits left, 8 needed. */
    build();
    unsigned type;
    seL4_Word full = top_cptr(cs.l2_slot, (L2_GUARD << L2_RADIX) | L2_SLOT);
    TEST_CHECK(copy_out(cs.top, full >> 2, seL4_WordBits - 2, &type) == seL4_FailedLookup);
    check_depth_mismatch(true, 6, L2_BITS);
    TEST_CHECK(seL4_CNode_Delete(cs.top, full >> 2, seL4_WordBits - 2) == seL4_FailedLookup);
    check_depth_mismatch(false, 6, L2_BITS);
}

static void bits_left_at_leaf(void)
{
    /* A lookup that meets a non-CNode cap or an empty slot with bits still to
     * resolve fails with a depth mismatch of those bits, none found. */
    build();
    unsigned type;
    TEST_CHECK(copy_out(cs.top, top_cptr(cs.ep, 0x55), seL4_WordBits, &type) ==
               seL4_FailedLookup);
    check_depth_mismatch(true, L2_BITS, 0);
    seL4_CPtr empty = test_slot();
    TEST_CHECK(copy_out(cs.top, top_cptr(empty, 0), seL4_WordBits, &type) == seL4_FailedLookup);
    check_depth_mismatch(true, L2_BITS, 0);
    TEST_CHECK(seL4_CNode_Delete(cs.top, top_cptr(cs.ep, 0), seL4_WordBits) ==
               seL4_FailedLookup);
    check_depth_mismatch(false, L2_BITS, 0);
    TEST_CHECK(cap_type(cs.ep) == TYPE_ENDPOINT);
    /* ending exactly on an empty L2 slot: missing capability, bitsLeft is
     * the depth asked for (seL4's decodeCNodeInvocation) */
    TEST_CHECK(copy_out(cs.top, top_cptr(cs.l2_slot, (L2_GUARD << L2_RADIX) | 7), seL4_WordBits,
                        &type) == seL4_FailedLookup);
    check_missing_capability(true, seL4_WordBits);
}

static const test_case_t cases[] = {
    { "CSPACE0001", "The root CNode resolves exactly 64 bits behind a zero guard", root_exactly_64_bits },
    { "CSPACE0002", "Root lookups at depths under 64: guard, then depth mismatch", root_short_depths },
    { "CSPACE0003", "A cptr resolves through a guarded root copy and a guarded 16-slot CNode", two_levels },
    { "CSPACE0004", "A depth ending at the first level names the second level's CNode cap", first_level_names_cnode },
    { "CSPACE0005", "Guard mismatch at the second level: bitsLeft 8, guard, guard size", second_level_guard_mismatch },
    { "CSPACE0006", "Guard mismatch at the first level: bitsLeft 64, guard, guard size", first_level_guard_mismatch },
    { "CSPACE0007", "Fewer bits left than a level's guard: guard mismatch", fewer_bits_than_guard },
    { "CSPACE0008", "Guard fits but radix does not: depth mismatch", fewer_bits_than_level },
    { "CSPACE0009", "Bits left at a non-CNode cap or empty slot: depth mismatch", bits_left_at_leaf },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
