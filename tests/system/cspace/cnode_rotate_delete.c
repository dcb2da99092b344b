// SPDX-License-Identifier: BSD-2-Clause
/*
 * CNODEOP0040-0081: Rotate, Delete, Revoke, SaveCaller and CancelBadgedSends
 * (seL4 manual, "CNode" methods, "Object Deletion and Revocation"), their
 * success paths and each of their errors with its exact code and message
 * registers. Destruction is observed through untyped watermarks: an untyped
 * resets to empty, and can be retyped whole, only when nothing derived from
 * it is left.
 */
#include "helpers.h"

/* ---- Rotate ---- *
 * Rotate keeps badges, so endpoints and notifications cannot be rotated
 * (CNODEOP0045); these cases rotate an untyped, a TCB and a frame cap, which
 * DebugCapIdentify tells apart. */

static void rotate_three(void)
{
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr pivot = new_object(seL4_TCBObject, 0);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_rotate(dest, pivot, src) == seL4_NoError);
    TEST_CHECK(cap_type(src) == TYPE_NULL);
    TEST_CHECK(cap_type(pivot) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(dest) == TYPE_THREAD);
}

static void rotate_swap(void)
{
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr pivot = new_object(seL4_ARM_SmallPageObject, 0);
    TEST_CHECK(root_rotate(src, pivot, src) == seL4_NoError);
    TEST_CHECK(cap_type(src) == TYPE_FRAME);
    TEST_CHECK(cap_type(pivot) == TYPE_UNTYPED);
    /* Deleting one of the swapped caps empties only its own slot. */
    TEST_CHECK(root_delete(pivot) == seL4_NoError);
    TEST_CHECK(cap_type(src) == TYPE_FRAME);
}

static void rotate_pivot_clash(void)
{
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr other = new_object(seL4_TCBObject, 0);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_rotate(dest, src, src) == seL4_IllegalOperation);
    TEST_CHECK(root_rotate(other, other, src) == seL4_IllegalOperation);
    TEST_CHECK(root_rotate(src, src, src) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(src) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(other) == TYPE_THREAD);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void rotate_dest_occupied(void)
{
    seL4_CPtr src = new_untyped(4);
    seL4_CPtr pivot = new_object(seL4_TCBObject, 0);
    seL4_CPtr dest = new_object(seL4_ARM_SmallPageObject, 0);
    TEST_CHECK(root_rotate(dest, pivot, src) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(src) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(pivot) == TYPE_THREAD);
    TEST_CHECK(cap_type(dest) == TYPE_FRAME);
}

static void rotate_empty(void)
{
    seL4_CPtr full = new_untyped(4);
    seL4_CPtr dest = test_slot();
    /* empty source */
    TEST_CHECK(root_rotate(dest, full, test_slot()) == seL4_FailedLookup);
    check_missing_capability(true, ROOT_DEPTH);
    /* empty pivot: reported as not the source */
    TEST_CHECK(root_rotate(dest, test_slot(), full) == seL4_FailedLookup);
    check_missing_capability(false, ROOT_DEPTH);
    TEST_CHECK(cap_type(full) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void rotate_badged_types(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = new_object(seL4_NotificationObject, 0);
    seL4_CPtr other = new_untyped(4);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_rotate(dest, other, ep) == seL4_IllegalOperation);
    TEST_CHECK(root_rotate(dest, ntfn, other) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(ntfn) == TYPE_NOTIFICATION);
    TEST_CHECK(cap_type(other) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void rotate_cnode_data(void)
{
    /* The pivot's and the source's new data apply to CNode caps: guards. */
    seL4_CPtr src = cnode_with_endpoint(4, 2);
    seL4_CPtr pivot = cnode_with_endpoint(4, 9);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, guard_data(6, 4), ROOT, pivot, ROOT_DEPTH, guard_data(0x11, 8), ROOT, src, ROOT_DEPTH) == seL4_NoError);
    TEST_CHECK(cap_type(src) == TYPE_NULL);
    TEST_CHECK(type_at(dest, 0x69, 8) == TYPE_ENDPOINT);   /* old pivot, guard 6 */
    TEST_CHECK(type_at(pivot, 0x112, 12) == TYPE_ENDPOINT); /* old source, guard 0x11 */
}

static void rotate_lookup_order(void)
{
    /* seL4 looks the source up before the pivot: when both fail to resolve,
     * the source's failure is the one reported. Here the source fails on the
     * root's guard and the pivot's root is not a CNode at all. */
    seL4_CPtr dest = test_slot();
    seL4_CPtr not_cnode = new_object(seL4_EndpointObject, 0);
    seL4_CPtr bad_src = (1UL << 40) | test_slot();
    seL4_Word guard_bits = seL4_WordBits - seL4_GetBootInfo()->initThreadCNodeSizeBits;
    TEST_CHECK(seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, not_cnode, 0, 1, 0, ROOT, bad_src, ROOT_DEPTH) == seL4_FailedLookup);
    check_guard_mismatch(true, ROOT_DEPTH, 0, guard_bits);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void rotate_swap_with_copy(void)
{
    /* A cap and its copy are neighbours in the derivation tree; a swap moves
     * each cap together with its place in the tree, so afterwards the slot
     * now holding the original is the parent of the one holding the copy.
     * Both orders (copy as source, original as source) are swapped. */
    for (unsigned order = 0; order < 2; order++) {
        seL4_CPtr original = new_object(seL4_TCBObject, 0);
        seL4_CPtr copy = test_slot();
        TEST_CHECK(root_copy(copy, original, seL4_AllRights) == seL4_NoError);
        seL4_Error err = order == 0 ? root_rotate(copy, original, copy)
                                    : root_rotate(original, copy, original);
        TEST_CHECK(err == seL4_NoError);
        seL4_CPtr now_original = copy;
        seL4_CPtr now_copy = original;
        TEST_CHECK(root_revoke(now_copy) == seL4_NoError); /* no children */
        TEST_CHECK(cap_type(now_original) == TYPE_THREAD);
        TEST_CHECK(root_revoke(now_original) == seL4_NoError);
        TEST_CHECK(cap_type(now_copy) == TYPE_NULL);
        TEST_CHECK(cap_type(now_original) == TYPE_THREAD);
    }
}

/* ---- Delete ---- */

static void delete_slot(void)
{
    seL4_CPtr empty = test_slot();
    TEST_CHECK(root_delete(empty) == seL4_NoError);
    TEST_CHECK(cap_type(empty) == TYPE_NULL);
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(root_delete(ep) == seL4_NoError);
    TEST_CHECK(cap_type(ep) == TYPE_NULL);
    TEST_CHECK(root_delete(ep) == seL4_NoError);
}

static void delete_copy_or_original(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr copy = test_slot();
    TEST_CHECK(root_copy(copy, ep, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_delete(copy) == seL4_NoError);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(root_copy(copy, ep, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_delete(ep) == seL4_NoError);
    TEST_CHECK(cap_type(copy) == TYPE_ENDPOINT);
    seL4_CPtr again = test_slot();
    TEST_CHECK(root_copy(again, copy, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(has_all_rights(again));
}

static void delete_nested_cnodes(void)
{
    /* Outer holds the only cap to inner; inner holds an endpoint and a copy
     * of an untyped from elsewhere. Deleting outer's last cap must destroy
     * both CNodes and everything in them. */
    unsigned bits = 12;
    seL4_CPtr untyped = new_untyped(bits);
    seL4_CPtr outer = test_create(untyped, seL4_CapTableObject, 2, seL4_Null);
    seL4_CPtr inner = test_create(untyped, seL4_CapTableObject, 2, seL4_Null);
    seL4_CPtr ep = test_create(untyped, seL4_EndpointObject, 0, seL4_Null);
    seL4_CPtr other = new_untyped(4);
    TEST_CHECK(outer != 0 && inner != 0 && ep != 0);
    TEST_CHECK(seL4_CNode_Copy(inner, 0, 2, ROOT, other, ROOT_DEPTH, seL4_AllRights) ==
               seL4_NoError);
    TEST_CHECK(seL4_CNode_Move(inner, 1, 2, ROOT, ep, ROOT_DEPTH) == seL4_NoError);
    TEST_CHECK(seL4_CNode_Move(outer, 3, 2, ROOT, inner, ROOT_DEPTH) == seL4_NoError);
    TEST_CHECK(cap_type(inner) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_NULL);

    seL4_CPtr tmp = test_slot();
    TEST_CHECK(root_copy(tmp, other, seL4_AllRights) == seL4_RevokeFirst); /* copy inside */
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NotEnoughMemory);

    TEST_CHECK(root_delete(outer) == seL4_NoError);
    TEST_CHECK(cap_type(outer) == TYPE_NULL);
    /* The untyped's copy inside inner is gone, and so is everything that was
     * carved from untyped: it resets and can be retyped whole. */
    TEST_CHECK(root_copy(tmp, other, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NoError);
}

static void delete_self_referencing_cnode(void)
{
    /* A CNode holding a cap to itself survives the deletion of its other cap
     * (that cap was not the last one); revoking its untyped destroys it. */
    unsigned bits = 12;
    seL4_CPtr untyped = new_untyped(bits);
    seL4_CPtr cnode = test_create(untyped, seL4_CapTableObject, 2, seL4_Null);
    TEST_CHECK(cnode != 0);
    TEST_CHECK(seL4_CNode_Copy(cnode, 1, 2, ROOT, cnode, ROOT_DEPTH, seL4_AllRights) ==
               seL4_NoError);
    TEST_CHECK(root_delete(cnode) == seL4_NoError);
    TEST_CHECK(cap_type(cnode) == TYPE_NULL);
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NotEnoughMemory);
    TEST_CHECK(root_revoke(untyped) == seL4_NoError);
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NoError);
}

/* ---- Revoke ---- */

static void revoke_children(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr copy = test_slot();
    seL4_CPtr copy_of_copy = test_slot();
    seL4_CPtr minted = test_slot();
    seL4_CPtr minted_copy = test_slot();
    TEST_CHECK(root_copy(copy, ep, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_copy(copy_of_copy, copy, seL4_CanRead) == seL4_NoError);
    TEST_CHECK(root_mint(minted, ep, seL4_AllRights, 5) == seL4_NoError);
    TEST_CHECK(root_copy(minted_copy, minted, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_revoke(ep) == seL4_NoError);
    TEST_CHECK(cap_type(copy) == TYPE_NULL);
    TEST_CHECK(cap_type(copy_of_copy) == TYPE_NULL);
    TEST_CHECK(cap_type(minted) == TYPE_NULL);
    TEST_CHECK(cap_type(minted_copy) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(has_all_rights(ep));
}

static void revoke_badged(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr plain_copy = test_slot();
    seL4_CPtr badged = test_slot();
    seL4_CPtr badged_copy = test_slot();
    seL4_CPtr badged_copy2 = test_slot();
    seL4_CPtr sibling = test_slot();
    seL4_CPtr other_badge = test_slot();
    TEST_CHECK(root_copy(plain_copy, ep, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_mint(badged, ep, seL4_AllRights, 5) == seL4_NoError);
    TEST_CHECK(root_copy(badged_copy, badged, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_copy(badged_copy2, badged_copy, seL4_AllRights) == seL4_NoError);
    /* minted separately with the same badge: a sibling, not a child */
    TEST_CHECK(root_mint(sibling, ep, seL4_AllRights, 5) == seL4_NoError);
    TEST_CHECK(root_mint(other_badge, ep, seL4_AllRights, 6) == seL4_NoError);
    TEST_CHECK(root_revoke(badged) == seL4_NoError);
    TEST_CHECK(cap_type(badged_copy) == TYPE_NULL);
    TEST_CHECK(cap_type(badged_copy2) == TYPE_NULL);
    TEST_CHECK(cap_type(badged) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(sibling) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(other_badge) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(plain_copy) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
}

static void revoke_leaf(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr first = test_slot();
    seL4_CPtr second = test_slot();
    TEST_CHECK(root_copy(first, ep, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_copy(second, ep, seL4_AllRights) == seL4_NoError);
    /* A copy with the same badge is not revocable: revoking it does nothing,
     * to its siblings or to its parent. */
    TEST_CHECK(root_revoke(second) == seL4_NoError);
    TEST_CHECK(root_revoke(first) == seL4_NoError);
    TEST_CHECK(cap_type(first) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(second) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    seL4_CPtr empty = test_slot();
    TEST_CHECK(root_revoke(empty) == seL4_NoError);
    TEST_CHECK(cap_type(empty) == TYPE_NULL);
}

static void revoke_untyped(void)
{
    unsigned bits = 12;
    seL4_CPtr untyped = new_untyped(bits);
    seL4_CPtr objects[3];
    objects[0] = test_create(untyped, seL4_EndpointObject, 0, seL4_Null);
    objects[1] = test_create(untyped, seL4_CapTableObject, 3, seL4_Null);
    objects[2] = test_create(untyped, seL4_UntypedObject, 8, seL4_Null);
    seL4_CPtr copy = test_slot();
    TEST_CHECK(root_copy(copy, objects[0], seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_revoke(untyped) == seL4_NoError);
    for (unsigned i = 0; i < 3; i++) {
        TEST_CHECK(objects[i] != 0);
        TEST_CHECK(cap_type(objects[i]) == TYPE_NULL);
    }
    TEST_CHECK(cap_type(copy) == TYPE_NULL);
    TEST_CHECK(cap_type(untyped) == TYPE_UNTYPED);
    TEST_CHECK(retype_whole(untyped, bits) == seL4_NoError);
}

static void revoke_cnode(void)
{
    /* Copies of a CNode cap, guarded or not, are children of the original;
     * revoking it deletes them but not the CNode or what it holds. */
    seL4_CPtr cnode = cnode_with_endpoint(3, 5);
    seL4_CPtr copy = test_slot();
    seL4_CPtr guarded = test_slot();
    TEST_CHECK(root_copy(copy, cnode, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_mint(guarded, cnode, seL4_AllRights, guard_data(1, 2)) == seL4_NoError);
    TEST_CHECK(type_at(guarded, 0xD, 5) == TYPE_ENDPOINT);
    TEST_CHECK(root_revoke(cnode) == seL4_NoError);
    TEST_CHECK(cap_type(copy) == TYPE_NULL);
    TEST_CHECK(cap_type(guarded) == TYPE_NULL);
    TEST_CHECK(type_at(cnode, 5, 3) == TYPE_ENDPOINT);
    /* deleting a copy that is not the last cap leaves the contents too */
    TEST_CHECK(root_copy(copy, cnode, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(root_delete(copy) == seL4_NoError);
    TEST_CHECK(type_at(cnode, 5, 3) == TYPE_ENDPOINT);
}

/* ---- SaveCaller ---- */

static void save_caller_none(void)
{
    /* The root task was never called: there is no reply cap to save. */
    seL4_CPtr slot = test_slot();
    TEST_CHECK(seL4_CNode_SaveCaller(ROOT, slot, ROOT_DEPTH) == seL4_NoError);
    TEST_CHECK(cap_type(slot) == TYPE_NULL);
}

static void save_caller_occupied(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(seL4_CNode_SaveCaller(ROOT, ep, ROOT_DEPTH) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
}

/* ---- CancelBadgedSends ---- */

static void cancel_badged_sends_ok(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr badged = test_slot();
    TEST_CHECK(root_mint(badged, ep, seL4_AllRights, 3) == seL4_NoError);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(ROOT, ep, ROOT_DEPTH) == seL4_NoError);
    TEST_CHECK(seL4_CNode_CancelBadgedSends(ROOT, badged, ROOT_DEPTH) == seL4_NoError);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(badged) == TYPE_ENDPOINT);
}

static void cancel_badged_sends_refused(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr no_grant_reply = test_slot();
    TEST_CHECK(root_mint(no_grant_reply, ep, seL4_CapRights_new(0, 1, 1, 1), 3) == seL4_NoError);
    const seL4_CPtr refused[] = {
        no_grant_reply, new_object(seL4_NotificationObject, 0), new_untyped(4),
        new_object(seL4_CapTableObject, 1), test_slot(),
    };
    for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        unsigned type = cap_type(refused[i]);
        TEST_CHECK(seL4_CNode_CancelBadgedSends(ROOT, refused[i], ROOT_DEPTH) ==
                   seL4_IllegalOperation);
        TEST_CHECK(cap_type(refused[i]) == type);
    }
}

static const test_case_t cases[] = {
    { "CNODEOP0040", "Rotate moves source to pivot and pivot to destination", rotate_three },
    { "CNODEOP0041", "Rotate with source == destination swaps two caps", rotate_swap },
    { "CNODEOP0042", "Rotate with the pivot equal to source or destination is refused", rotate_pivot_clash },
    { "CNODEOP0043", "Rotate into an occupied destination is DeleteFirst", rotate_dest_occupied },
    { "CNODEOP0044", "Rotate with an empty source or pivot: FailedLookup, which one", rotate_empty },
    { "CNODEOP0045", "Rotate of endpoint or notification caps is IllegalOperation", rotate_badged_types },
    { "CNODEOP0046", "Rotate applies the new data to CNode caps (guards)", rotate_cnode_data },
    { "CNODEOP0047", "Rotate reports a failing source before a failing pivot", rotate_lookup_order },
    { "CNODEOP0048", "Rotate swapping a cap with its own copy keeps their derivation", rotate_swap_with_copy },
    { "CNODEOP0050", "Delete of an empty slot succeeds; of a cap empties it", delete_slot },
    { "CNODEOP0051", "Deleting a copy or the original leaves the other", delete_copy_or_original },
    { "CNODEOP0052", "Deleting a CNode's last cap destroys it and the CNodes it alone holds", delete_nested_cnodes },
    { "CNODEOP0053", "A CNode holding its own cap is destroyed by revoking its untyped", delete_self_referencing_cnode },
    { "CNODEOP0060", "Revoke deletes copies and minted children, keeps the original", revoke_children },
    { "CNODEOP0061", "Revoke of a badged cap deletes only its own copies", revoke_badged },
    { "CNODEOP0062", "Revoke of a leaf copy or an empty slot does nothing", revoke_leaf },
    { "CNODEOP0063", "Revoke of an untyped deletes what was made from it", revoke_untyped },
    { "CNODEOP0064", "Revoke of a CNode deletes its copies, not its contents", revoke_cnode },
    { "CNODEOP0070", "SaveCaller with no caller succeeds and leaves the slot empty", save_caller_none },
    { "CNODEOP0071", "SaveCaller into an occupied slot is DeleteFirst", save_caller_occupied },
    { "CNODEOP0080", "CancelBadgedSends on endpoints with all rights", cancel_badged_sends_ok },
    { "CNODEOP0081", "CancelBadgedSends without all rights or on other caps is refused", cancel_badged_sends_refused },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
