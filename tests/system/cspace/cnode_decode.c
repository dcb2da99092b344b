// SPDX-License-Identifier: BSD-2-Clause
/*
 * CNODEOP0101-0117: how CNode invocations are decoded before anything is
 * done (seL4 manual, "CNode" methods and "Error Codes"; seL4's
 * decodeCNodeInvocation and lookupSlotForCNodeOp): depths outside 1..64,
 * lookup failures of the destination and of the source with their message
 * registers, roots that are not CNodes, methods invoked on the wrong kind of
 * cap, labels that are not CNode methods, and messages too short for their
 * method. Hand-built messages go through seL4_CallWithMRs; every case checks
 * that a refused call changed nothing.
 */
#include <sel4/generated/invocation_labels.h>

#include "helpers.h"

#define MAX_WORDS 8

/* Calls `service` with a hand-built message: the label, `length` words
 * (MR0-3 in registers, the rest in the IPC buffer) and `ncaps` extra caps.
 * Afterwards MR0-3 of the reply are in the IPC buffer too, as the generated
 * stubs leave them, so seL4_GetMR reads every detail word. */
static seL4_Error raw_call(seL4_CPtr service, seL4_Word label, const seL4_Word words[MAX_WORDS],
                           seL4_Word length, seL4_CPtr cap0, seL4_CPtr cap1, seL4_Word ncaps)
{
    seL4_Word mr[4];
    for (unsigned i = 0; i < 4; i++) {
        mr[i] = words[i];
    }
    for (unsigned i = 4; i < MAX_WORDS; i++) {
        seL4_SetMR((int)i, words[i]);
    }
    seL4_SetCap(0, cap0);
    seL4_SetCap(1, cap1);
    seL4_MessageInfo_t info = seL4_MessageInfo_new(label, 0, ncaps, length);
    seL4_MessageInfo_t out = seL4_CallWithMRs(service, info, &mr[0], &mr[1], &mr[2], &mr[3]);
    for (unsigned i = 0; i < 4; i++) {
        seL4_SetMR((int)i, mr[i]);
    }
    return (seL4_Error)seL4_MessageInfo_get_label(out);
}

static seL4_Word root_guard_bits(void)
{
    return seL4_WordBits - seL4_GetBootInfo()->initThreadCNodeSizeBits;
}

static void dest_depth_range(void)
{
    const seL4_Uint8 depths[] = { 0, seL4_WordBits + 1 };
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    for (unsigned i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
        seL4_Uint8 d = depths[i];
        TEST_CHECK(seL4_CNode_Delete(ROOT, ep, d) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Revoke(ROOT, ep, d) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_CancelBadgedSends(ROOT, ep, d) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_SaveCaller(ROOT, dest, d) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Copy(ROOT, dest, d, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
                   seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Rotate(ROOT, dest, d, 0, ROOT, test_slot(), ROOT_DEPTH, 0, ROOT, ep, ROOT_DEPTH) == seL4_RangeError);
        check_range(1, seL4_WordBits);
    }
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void source_depth_range(void)
{
    const seL4_Uint8 depths[] = { 0, seL4_WordBits + 1 };
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr cnode = new_object(seL4_CapTableObject, 2);
    seL4_CPtr untyped = new_untyped(4);
    seL4_CPtr dest = test_slot();
    for (unsigned i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
        seL4_Uint8 d = depths[i];
        TEST_CHECK(seL4_CNode_Copy(ROOT, dest, ROOT_DEPTH, ROOT, ep, d, seL4_AllRights) ==
                   seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Mint(ROOT, dest, ROOT_DEPTH, ROOT, ep, d, seL4_AllRights, 1) ==
                   seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Move(ROOT, dest, ROOT_DEPTH, ROOT, ep, d) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Mutate(ROOT, dest, ROOT_DEPTH, ROOT, cnode, d, 0) ==
                   seL4_RangeError);
        check_range(1, seL4_WordBits);
        /* Rotate: a bad source depth, then a bad pivot depth */
        TEST_CHECK(seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, untyped, ROOT_DEPTH, 0, ROOT, cnode, d) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        TEST_CHECK(seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, untyped, d, 0, ROOT, cnode, ROOT_DEPTH) == seL4_RangeError);
        check_range(1, seL4_WordBits);
    }
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(cnode) == TYPE_CNODE);
    TEST_CHECK(cap_type(untyped) == TYPE_UNTYPED);
}

static void depth_whole_word(void)
{
    /* The depth is a whole message word: values past 255 are out of range
     * too, not truncated to their low byte (2^8 + 64 is not 64). */
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    const seL4_Word depths[] = { 256 + seL4_WordBits, 1UL << 32, ~0UL };
    for (unsigned i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
        seL4_Word del[MAX_WORDS] = { ep, depths[i] };
        TEST_CHECK(raw_call(ROOT, CNodeDelete, del, 2, 0, 0, 0) == seL4_RangeError);
        check_range(1, seL4_WordBits);
        seL4_Word copy[MAX_WORDS] = { dest, ROOT_DEPTH, ep, depths[i], seL4_AllRights.words[0] };
        TEST_CHECK(raw_call(ROOT, CNodeCopy, copy, 5, ROOT, 0, 1) == seL4_RangeError);
        check_range(1, seL4_WordBits);
    }
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void dest_guard_mismatch(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr bad = (1UL << 40) | test_slot();
    TEST_CHECK(root_copy(bad, ep, seL4_AllRights) == seL4_FailedLookup);
    check_guard_mismatch(false, ROOT_DEPTH, 0, root_guard_bits());
    TEST_CHECK(root_delete(bad) == seL4_FailedLookup);
    check_guard_mismatch(false, ROOT_DEPTH, 0, root_guard_bits());
    TEST_CHECK(root_revoke((1UL << 63) | ep) == seL4_FailedLookup);
    check_guard_mismatch(false, ROOT_DEPTH, 0, root_guard_bits());
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
}

static void source_guard_mismatch(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    seL4_CPtr bad = (1UL << seL4_GetBootInfo()->initThreadCNodeSizeBits) | ep;
    TEST_CHECK(root_copy(dest, bad, seL4_AllRights) == seL4_FailedLookup);
    check_guard_mismatch(true, ROOT_DEPTH, 0, root_guard_bits());
    TEST_CHECK(root_move(dest, bad) == seL4_FailedLookup);
    check_guard_mismatch(true, ROOT_DEPTH, 0, root_guard_bits());
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
}

static void root_not_cnode(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr untyped = new_untyped(4);
    seL4_CPtr dest = test_slot();
    /* source root an endpoint cap */
    TEST_CHECK(seL4_CNode_Copy(ROOT, dest, ROOT_DEPTH, ep, ep, ROOT_DEPTH, seL4_AllRights) ==
               seL4_FailedLookup);
    check_invalid_root(true);
    TEST_CHECK(seL4_CNode_Move(ROOT, dest, ROOT_DEPTH, untyped, 0, 1) == seL4_FailedLookup);
    check_invalid_root(true);
    /* Rotate's pivot root: seL4's lookupPivotSlot reports its failures as
     * the source's (MR0 = 1); only an empty pivot slot gets MR0 = 0. */
    TEST_CHECK(seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ep, 0, 1, 0, ROOT, untyped, ROOT_DEPTH) == seL4_FailedLookup);
    check_invalid_root(true);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(untyped) == TYPE_UNTYPED);
}

static void root_checked_before_depth(void)
{
    /* seL4's lookupSlotForCNodeOp checks that the root is a CNode before it
     * checks the depth: a non-CNode root with depth 0 is InvalidRoot. */
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(seL4_CNode_Copy(ROOT, dest, ROOT_DEPTH, ep, 0, 0, seL4_AllRights) ==
               seL4_FailedLookup);
    check_invalid_root(true);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void cnode_method_on_other_cap(void)
{
    seL4_CPtr untyped = new_untyped(12);
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(seL4_CNode_Delete(untyped, 0, 1) == seL4_IllegalOperation);
    TEST_CHECK(seL4_CNode_Revoke(untyped, 0, 1) == seL4_IllegalOperation);
    TEST_CHECK(seL4_CNode_Copy(untyped, dest, ROOT_DEPTH, ROOT, ep, ROOT_DEPTH, seL4_AllRights) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_CNode_Delete(seL4_CapIRQControl, 0, 1) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    /* the untyped is intact and still works as an untyped */
    TEST_CHECK(test_create(untyped, seL4_EndpointObject, 0, seL4_Null) != 0);
}

static void wrong_label_on_cnode(void)
{
    seL4_CPtr cnode = new_object(seL4_CapTableObject, 2);
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(seL4_CNode_Copy(cnode, 1, 2, ROOT, ep, ROOT_DEPTH, seL4_AllRights) == seL4_NoError);
    const seL4_Word labels[] = { InvalidInvocation, UntypedRetype, CNodeSaveCaller + 1,
                                 TCBConfigure, 1UL << 40 };
    for (unsigned i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        /* arguments that would be a valid Delete of slot 1 */
        seL4_Word words[MAX_WORDS] = { 1, 2, 0, 0, 0, 0, 0, 0 };
        TEST_CHECK(raw_call(cnode, labels[i], words, 2, 0, 0, 0) == seL4_IllegalOperation);
    }
    seL4_Word retype[MAX_WORDS] = { seL4_EndpointObject, 0, 0, 0, 0, 1 };
    TEST_CHECK(raw_call(cnode, UntypedRetype, retype, 6, ROOT, 0, 1) == seL4_IllegalOperation);
    TEST_CHECK(seL4_CNode_Copy(ROOT, test_slot(), ROOT_DEPTH, cnode, 1, 2, seL4_AllRights) ==
               seL4_NoError);
}

static void cnode_label_on_untyped(void)
{
    seL4_CPtr untyped = new_untyped(12);
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    seL4_Word copy[MAX_WORDS] = { dest, ROOT_DEPTH, ep, ROOT_DEPTH, seL4_AllRights.words[0] };
    TEST_CHECK(raw_call(untyped, CNodeCopy, copy, 5, ROOT, 0, 1) == seL4_IllegalOperation);
    seL4_Word del[MAX_WORDS] = { ep, ROOT_DEPTH };
    TEST_CHECK(raw_call(untyped, CNodeDelete, del, 2, 0, 0, 0) == seL4_IllegalOperation);
    TEST_CHECK(raw_call(untyped, InvalidInvocation, del, 2, 0, 0, 0) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(test_create(untyped, seL4_EndpointObject, 0, seL4_Null) != 0);
}

static void truncated_dest_only(void)
{
    /* Revoke, Delete, CancelBadgedSends and SaveCaller take two words. */
    const seL4_Word labels[] = { CNodeRevoke, CNodeDelete, CNodeCancelBadgedSends,
                                 CNodeSaveCaller };
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    for (unsigned i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        seL4_Word words[MAX_WORDS] = { ep, ROOT_DEPTH };
        TEST_CHECK(raw_call(ROOT, labels[i], words, 0, 0, 0, 0) == seL4_TruncatedMessage);
        TEST_CHECK(raw_call(ROOT, labels[i], words, 1, 0, 0, 0) == seL4_TruncatedMessage);
    }
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    seL4_Word words[MAX_WORDS] = { ep, ROOT_DEPTH };
    TEST_CHECK(raw_call(ROOT, CNodeDelete, words, 2, 0, 0, 0) == seL4_NoError);
    TEST_CHECK(cap_type(ep) == TYPE_NULL);
}

static void truncated_copy_family(void)
{
    /* Copy, Mint, Move and Mutate need four words and the source root cap
     * before anything else about the source is looked at. */
    const seL4_Word labels[] = { CNodeCopy, CNodeMint, CNodeMove, CNodeMutate };
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr dest = test_slot();
    for (unsigned i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        seL4_Word words[MAX_WORDS] = { dest, ROOT_DEPTH, src, ROOT_DEPTH,
                                       seL4_AllRights.words[0], 0 };
        TEST_CHECK(raw_call(ROOT, labels[i], words, 3, ROOT, 0, 1) == seL4_TruncatedMessage);
        TEST_CHECK(raw_call(ROOT, labels[i], words, 2, ROOT, 0, 1) == seL4_TruncatedMessage);
        TEST_CHECK(raw_call(ROOT, labels[i], words, 6, 0, 0, 0) == seL4_TruncatedMessage);
        TEST_CHECK(cap_type(dest) == TYPE_NULL);
        TEST_CHECK(cap_type(src) == TYPE_UNTYPED);
    }
}

static void truncated_method_words(void)
{
    /* Past the common four words: Copy needs the rights (5 words), Mint the
     * rights and badge (6), Mutate the data (5); Move needs nothing more. */
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr dest = test_slot();
    seL4_Word words[MAX_WORDS] = { dest, ROOT_DEPTH, src, ROOT_DEPTH, seL4_AllRights.words[0], 0 };
    TEST_CHECK(raw_call(ROOT, CNodeCopy, words, 4, ROOT, 0, 1) == seL4_TruncatedMessage);
    TEST_CHECK(raw_call(ROOT, CNodeMint, words, 5, ROOT, 0, 1) == seL4_TruncatedMessage);
    TEST_CHECK(raw_call(ROOT, CNodeMutate, words, 4, ROOT, 0, 1) == seL4_TruncatedMessage);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(src) == TYPE_UNTYPED);
    TEST_CHECK(raw_call(ROOT, CNodeMove, words, 4, ROOT, 0, 1) == seL4_NoError);
    TEST_CHECK(cap_type(dest) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(src) == TYPE_NULL);
}

static void truncated_rotate(void)
{
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr pivot = new_object(seL4_TCBObject, 0);
    seL4_CPtr dest = test_slot();
    /* libsel4's order: dest, depth, dest badge, pivot index, depth, pivot
     * badge, src index, depth */
    seL4_Word words[MAX_WORDS] = { dest, ROOT_DEPTH, 0, pivot, ROOT_DEPTH, 0, src, ROOT_DEPTH };
    TEST_CHECK(raw_call(ROOT, CNodeRotate, words, 7, ROOT, ROOT, 2) == seL4_TruncatedMessage);
    TEST_CHECK(raw_call(ROOT, CNodeRotate, words, 8, ROOT, 0, 1) == seL4_TruncatedMessage);
    TEST_CHECK(raw_call(ROOT, CNodeRotate, words, 8, 0, 0, 0) == seL4_TruncatedMessage);
    TEST_CHECK(cap_type(src) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(pivot) == TYPE_THREAD);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(raw_call(ROOT, CNodeRotate, words, 8, ROOT, ROOT, 2) == seL4_NoError);
    TEST_CHECK(cap_type(dest) == TYPE_THREAD);
    TEST_CHECK(cap_type(pivot) == TYPE_UNTYPED);
}

static void check_order(void)
{
    /* seL4's order for Copy: message length and source root, destination
     * empty, source lookup, source non-empty, then the method's own words. */
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr occupied = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    seL4_Word to_occupied[MAX_WORDS] = { occupied, ROOT_DEPTH, src, ROOT_DEPTH };
    TEST_CHECK(raw_call(ROOT, CNodeCopy, to_occupied, 4, ROOT, 0, 1) == seL4_DeleteFirst);
    seL4_Word from_empty[MAX_WORDS] = { dest, ROOT_DEPTH, test_slot(), ROOT_DEPTH };
    TEST_CHECK(raw_call(ROOT, CNodeCopy, from_empty, 4, ROOT, 0, 1) == seL4_FailedLookup);
    check_missing_capability(true, ROOT_DEPTH);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static const test_case_t cases[] = {
    { "CNODEOP0101", "Destination depth 0 or 65: RangeError 1..64", dest_depth_range },
    { "CNODEOP0102", "Source and pivot depth 0 or 65: RangeError 1..64", source_depth_range },
    { "CNODEOP0103", "A depth word past 255 is out of range, not truncated", depth_whole_word },
    { "CNODEOP0104", "Destination guard mismatch: FailedLookup, MR0 0, guard details", dest_guard_mismatch },
    { "CNODEOP0105", "Source guard mismatch: FailedLookup, MR0 1, guard details", source_guard_mismatch },
    { "CNODEOP0106", "A source or pivot root that is not a CNode: InvalidRoot", root_not_cnode },
    { "CNODEOP0107", "A non-CNode source root is InvalidRoot even with depth 0", root_checked_before_depth },
    { "CNODEOP0110", "CNode methods on a non-CNode cap are IllegalOperation", cnode_method_on_other_cap },
    { "CNODEOP0111", "A label that is no CNode method on a CNode is IllegalOperation", wrong_label_on_cnode },
    { "CNODEOP0112", "A CNode label on an untyped is IllegalOperation", cnode_label_on_untyped },
    { "CNODEOP0113", "Revoke/Delete/CancelBadgedSends/SaveCaller under 2 words: truncated", truncated_dest_only },
    { "CNODEOP0114", "Copy/Mint/Move/Mutate under 4 words or without a root cap: truncated", truncated_copy_family },
    { "CNODEOP0115", "Copy without rights, Mint without badge, Mutate without data: truncated", truncated_method_words },
    { "CNODEOP0116", "Rotate under 8 words or with one root cap: truncated", truncated_rotate },
    { "CNODEOP0117", "Copy checks destination and source before its own words", check_order },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
