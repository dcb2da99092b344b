// SPDX-License-Identifier: BSD-2-Clause
/*
 * CSPACE0020-0025: a CSpace 64 levels deep. Sixty-four CNodes of two slots
 * and no guard each resolve one bit of a cptr; CNode k holds the cap to
 * CNode k+1 in the slot chosen by bit 63-k of a path, and the last one holds
 * an endpoint in the slot chosen by bit 0. Used as the root of a CNode
 * operation at depth 64, the chain's head resolves the path to the
 * endpoint; flipping any single bit leads into an empty slot. The root
 * CNode cannot reach such a chain at depth 64 (it uses all 64 bits itself),
 * so the head's cap is passed as the operation's root (seL4 manual,
 * "Capability Space Addressing").
 */
#include "helpers.h"

#define LEVELS seL4_WordBits
#define ALL_ONES (~0UL)
#define ALTERNATING 0xA5A5A5A55A5A5A5AUL

typedef struct chain {
    seL4_CPtr node[LEVELS]; /* root slots of the CNodes (0 after a move) */
    seL4_CPtr ep;
    seL4_Word path;
} chain_t;

static seL4_Word path_bit(seL4_Word path, unsigned level)
{
    return (path >> (LEVELS - 1 - level)) & 1;
}

/* Creates the chain's CNodes and endpoint from `untyped` (or the pool when
 * it is 0) and links them along `path`, by Copy, or by Move when `move` is
 * set so that the head's cap is the only way in. */
static void chain_build(chain_t *c, seL4_Word path, seL4_CPtr untyped, bool move)
{
    c->path = path;
    for (unsigned k = 0; k < LEVELS; k++) {
        c->node[k] = untyped != 0 ? test_create(untyped, seL4_CapTableObject, 1, seL4_Null)
                                  : new_object(seL4_CapTableObject, 1);
        TEST_CHECK(c->node[k] != 0);
    }
    c->ep = untyped != 0 ? test_create(untyped, seL4_EndpointObject, 0, seL4_Null)
                         : new_object(seL4_EndpointObject, 0);
    TEST_CHECK(c->ep != 0);
    /* From the last level up, so each CNode is still in the root when it
     * is used as the destination. */
    for (unsigned k = LEVELS; k-- > 0;) {
        seL4_CPtr below = k == LEVELS - 1 ? c->ep : c->node[k + 1];
        seL4_Word slot = path_bit(path, k);
        seL4_Error err = move ? seL4_CNode_Move(c->node[k], slot, 1, ROOT, below, ROOT_DEPTH)
                              : seL4_CNode_Copy(c->node[k], slot, 1, ROOT, below, ROOT_DEPTH,
                                                seL4_AllRights);
        TEST_CHECK(err == seL4_NoError);
    }
    if (move) {
        c->ep = 0;
        for (unsigned k = 1; k < LEVELS; k++) {
            TEST_CHECK(cap_type(c->node[k]) == TYPE_NULL);
            c->node[k] = 0;
        }
    }
}

/* Every single-bit change of the path fails: at the level where the path
 * leaves the chain the other slot is empty, with `bit` bits still to go (a
 * depth mismatch), or, for bit 0, with none (a missing capability). */
static void check_flips(const chain_t *c)
{
    for (unsigned bit = 0; bit < LEVELS; bit++) {
        unsigned type;
        seL4_Error err = copy_out(c->node[0], c->path ^ (1UL << bit), LEVELS, &type);
        if (err != seL4_FailedLookup) {
            printf("    bit %u flipped: error %d, copied type %u\n", bit, (int)err, type);
        }
        TEST_CHECK(err == seL4_FailedLookup);
        TEST_CHECK(type == TYPE_NULL);
        if (bit == 0) {
            check_missing_capability(true, LEVELS);
        } else {
            check_depth_mismatch(true, bit, 0);
        }
    }
}

static chain_t ones;

static const chain_t *ones_chain(void)
{
    if (ones.node[0] == 0) {
        chain_build(&ones, ALL_ONES, 0, false);
    }
    return &ones;
}

static void chain_resolves(void)
{
    const chain_t *c = ones_chain();
    unsigned type;
    TEST_CHECK(copy_out(c->node[0], ALL_ONES, LEVELS, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
}

static void chain_flips_fail(void)
{
    check_flips(ones_chain());
}

static void chain_alternating(void)
{
    chain_t c;
    chain_build(&c, ALTERNATING, 0, false);
    unsigned type;
    TEST_CHECK(copy_out(c.node[0], ALTERNATING, LEVELS, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
    TEST_CHECK(copy_out(c.node[0], ALL_ONES, LEVELS, &type) == seL4_FailedLookup);
    check_flips(&c);
}

static void chain_depths(void)
{
    /* A depth d < 64 uses the low d bits: all ones there name the slot of
     * CNode d-1 that links to CNode d, which holds a CNode cap. */
    const chain_t *c = ones_chain();
    for (seL4_Word depth = 1; depth < LEVELS; depth++) {
        unsigned type;
        seL4_Word index = (1UL << depth) - 1;
        TEST_CHECK(copy_out(c->node[0], index, depth, &type) == seL4_NoError);
        TEST_CHECK(type == TYPE_CNODE);
        /* and the low bits are what counts: higher bits are ignored */
        TEST_CHECK(copy_out(c->node[0], index | (1UL << depth), depth, &type) == seL4_NoError);
        TEST_CHECK(type == TYPE_CNODE);
    }
}

static void chain_write_through(void)
{
    /* The head as the invoked CNode: the destination resolves 64 levels. */
    const chain_t *c = ones_chain();
    seL4_Word other = ALL_ONES ^ 1; /* the last CNode's empty slot */
    seL4_CPtr ntfn = new_object(seL4_NotificationObject, 0);
    TEST_CHECK(seL4_CNode_Copy(c->node[0], other, LEVELS, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    unsigned type;
    TEST_CHECK(copy_out(c->node[0], other, LEVELS, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_NOTIFICATION);
    TEST_CHECK(seL4_CNode_Copy(c->node[0], other, LEVELS, ROOT, ntfn, ROOT_DEPTH,
                               seL4_AllRights) == seL4_DeleteFirst);
    TEST_CHECK(seL4_CNode_Delete(c->node[0], other, LEVELS) == seL4_NoError);
    TEST_CHECK(copy_out(c->node[0], other, LEVELS, &type) == seL4_FailedLookup);
    check_missing_capability(true, LEVELS);
    /* a flipped destination fails like a flipped source, with MR0 = 0 */
    TEST_CHECK(seL4_CNode_Copy(c->node[0], ALL_ONES ^ (1UL << 40), LEVELS, ROOT, ntfn,
                               ROOT_DEPTH, seL4_AllRights) == seL4_FailedLookup);
    check_depth_mismatch(false, 40, 0);
}

static void chain_delete(void)
{
    /* With every link moved into the chain, the head's cap is the last cap
     * to CNode 0, and CNode k holds the last cap to CNode k+1: deleting the
     * head destroys all 64 CNodes and the endpoint. */
    unsigned bits = 13;
    seL4_CPtr untyped = new_untyped(bits);
    chain_t c;
    chain_build(&c, ALL_ONES, untyped, true);
    unsigned type;
    TEST_CHECK(copy_out(c.node[0], ALL_ONES, LEVELS, &type) == seL4_NoError);
    TEST_CHECK(type == TYPE_ENDPOINT);
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NotEnoughMemory);
    TEST_CHECK(root_delete(c.node[0]) == seL4_NoError);
    TEST_CHECK(cap_type(c.node[0]) == TYPE_NULL);
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NoError);
}

static const test_case_t cases[] = {
    { "CSPACE0020", "64 one-bit CNodes: the all-ones cptr resolves to the endpoint", chain_resolves },
    { "CSPACE0021", "Each of the 64 single-bit flips of the path fails", chain_flips_fail },
    { "CSPACE0022", "An alternating path resolves, and each of its flips fails", chain_alternating },
    { "CSPACE0023", "Depths 1..63 name the chain's links (CNode caps)", chain_depths },
    { "CSPACE0024", "A destination resolves through the chain at depth 64", chain_write_through },
    { "CSPACE0025", "Deleting the head of a chain holding the only caps destroys it all", chain_delete },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
