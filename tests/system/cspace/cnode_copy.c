// SPDX-License-Identifier: BSD-2-Clause
/*
 * CNODEOP0001-0033: the CNode methods that put a cap into a slot (seL4
 * manual, "CNode" methods and "Capability Derivation"): Copy, Mint, Move
 * and Mutate, their success paths and each of their errors with its exact
 * code and message registers. Caps live in the root CNode (depth 64) unless
 * a case builds its own CNode. Rights are observed through CancelBadgedSends
 * (it needs all four), badges through Mint (a badge can be set only once),
 * and untyped watermarks through Retype.
 */
#include "helpers.h"

/* ---- Copy ---- */

static void copy_each_type(void)
{
    static const struct {
        seL4_Word type;
        seL4_Word size;
        unsigned cap;
    } objects[] = {
        { seL4_EndpointObject, 0, TYPE_ENDPOINT },
        { seL4_NotificationObject, 0, TYPE_NOTIFICATION },
        { seL4_CapTableObject, 2, TYPE_CNODE },
        { seL4_TCBObject, 0, TYPE_THREAD },
        { seL4_ARM_SmallPageObject, 0, TYPE_FRAME },
        { seL4_UntypedObject, 4, TYPE_UNTYPED },
    };
    for (unsigned i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        seL4_CPtr src = new_object(objects[i].type, objects[i].size);
        seL4_CPtr dest = test_slot();
        TEST_CHECK(cap_type(dest) == TYPE_NULL);
        TEST_CHECK(root_copy(dest, src, seL4_AllRights) == seL4_NoError);
        TEST_CHECK(cap_type(dest) == objects[i].cap);
        TEST_CHECK(cap_type(src) == objects[i].cap);
    }
}

static void copy_masks_rights(void)
{
    /* Each mask lacks exactly one of the four rights. */
    const seL4_CapRights_t masks[] = {
        seL4_NoWrite, seL4_NoRead, seL4_CapRights_new(1, 0, 1, 1), seL4_CapRights_new(0, 1, 1, 1),
    };
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(has_all_rights(ep));
    for (unsigned i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
        seL4_CPtr masked = test_slot();
        TEST_CHECK(root_copy(masked, ep, masks[i]) == seL4_NoError);
        TEST_CHECK(cap_type(masked) == TYPE_ENDPOINT);
        TEST_CHECK(!has_all_rights(masked));
        /* Rights are only ever removed: copying back with all rights keeps
         * the missing one missing. */
        seL4_CPtr again = test_slot();
        TEST_CHECK(root_copy(again, masked, seL4_AllRights) == seL4_NoError);
        TEST_CHECK(!has_all_rights(again));
    }
    seL4_CPtr full = test_slot();
    TEST_CHECK(root_copy(full, ep, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(has_all_rights(full));
    TEST_CHECK(has_all_rights(ep));
}

static void copy_no_rights(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = new_object(seL4_NotificationObject, 0);
    seL4_CPtr ep_copy = test_slot();
    seL4_CPtr ntfn_copy = test_slot();
    TEST_CHECK(root_copy(ep_copy, ep, seL4_NoRights) == seL4_NoError);
    TEST_CHECK(root_copy(ntfn_copy, ntfn, seL4_NoRights) == seL4_NoError);
    TEST_CHECK(cap_type(ep_copy) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(ntfn_copy) == TYPE_NOTIFICATION);
    TEST_CHECK(!has_all_rights(ep_copy));
    TEST_CHECK(has_all_rights(ep));
}

static void copy_occupied(void)
{
    seL4_CPtr src = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = new_object(seL4_NotificationObject, 0);
    TEST_CHECK(root_copy(dest, src, seL4_AllRights) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(dest) == TYPE_NOTIFICATION);
    TEST_CHECK(cap_type(src) == TYPE_ENDPOINT);
    /* The destination is checked before the source: an empty source into an
     * occupied slot is still DeleteFirst. */
    TEST_CHECK(root_copy(dest, test_slot(), seL4_AllRights) == seL4_DeleteFirst);
    /* A slot onto itself. */
    TEST_CHECK(root_copy(src, src, seL4_AllRights) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(src) == TYPE_ENDPOINT);
}

static void copy_empty_source(void)
{
    seL4_CPtr src = test_slot();
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_copy(dest, src, seL4_AllRights) == seL4_FailedLookup);
    check_missing_capability(true, ROOT_DEPTH);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void copy_untyped_with_children(void)
{
    seL4_CPtr untyped = new_untyped(12);
    seL4_CPtr child = test_create(untyped, seL4_EndpointObject, 0, seL4_Null);
    TEST_CHECK(child != 0);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_copy(dest, untyped, seL4_AllRights) == seL4_RevokeFirst);
    TEST_CHECK(root_mint(dest, untyped, seL4_AllRights, 0) == seL4_RevokeFirst);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    /* Once the child is gone the untyped can be copied. */
    TEST_CHECK(root_delete(child) == seL4_NoError);
    TEST_CHECK(root_copy(dest, untyped, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(cap_type(dest) == TYPE_UNTYPED);
}

static void copy_untyped_marks_full(void)
{
    /* seL4's cteInsert marks an untyped whose cap is copied as full, so the
     * memory can be handed out only through one of the two caps: the copy
     * (a child with no children) resets and retypes, the original does not. */
    seL4_CPtr untyped = new_untyped(12);
    seL4_CPtr copy = test_slot();
    TEST_CHECK(root_copy(copy, untyped, seL4_AllRights) == seL4_NoError);
    seL4_Error err = seL4_NoError;
    seL4_CPtr from_original = test_create(untyped, seL4_EndpointObject, 0, &err);
    TEST_CHECK(err == seL4_NotEnoughMemory);
    TEST_CHECK(seL4_GetMR(0) == 0);
    TEST_CHECK(from_original == 0);
    seL4_CPtr from_copy = test_create(copy, seL4_EndpointObject, 0, &err);
    TEST_CHECK(err == seL4_NoError);
    TEST_CHECK(cap_type(from_copy) == TYPE_ENDPOINT);
}

static void copy_underivable(void)
{
    /* seL4's deriveCap refuses IRQControl caps and unmapped page tables and
     * VSpaces: the copy would be invalid, so IllegalOperation. */
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_copy(dest, seL4_CapIRQControl, seL4_AllRights) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    seL4_CPtr pt = new_object(seL4_ARM_PageTableObject, 0);
    TEST_CHECK(root_copy(dest, pt, seL4_AllRights) == seL4_IllegalOperation);
    seL4_CPtr vspace = new_object(seL4_ARM_VSpaceObject, 0);
    TEST_CHECK(root_copy(dest, vspace, seL4_AllRights) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(seL4_CapIRQControl) == TYPE_IRQ_CONTROL);
}

/* ---- Mint ---- */

static void mint_badges_endpoint(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr badged = test_slot();
    TEST_CHECK(root_mint(badged, ep, seL4_AllRights, 42) == seL4_NoError);
    TEST_CHECK(cap_type(badged) == TYPE_ENDPOINT);
    TEST_CHECK(has_all_rights(badged));
    /* A badge is set once: minting the badged cap again is refused, whatever
     * the new badge, and leaves the destination empty. */
    seL4_CPtr rebadged = test_slot();
    TEST_CHECK(root_mint(rebadged, badged, seL4_AllRights, 7) == seL4_IllegalOperation);
    TEST_CHECK(root_mint(rebadged, badged, seL4_AllRights, 0) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(rebadged) == TYPE_NULL);
    /* A plain copy of the badged cap is fine. */
    TEST_CHECK(root_copy(rebadged, badged, seL4_AllRights) == seL4_NoError);
    /* Badge 0 mints an unbadged cap, which can still be badged later. */
    seL4_CPtr unbadged = test_slot();
    TEST_CHECK(root_mint(unbadged, ep, seL4_AllRights, 0) == seL4_NoError);
    seL4_CPtr later = test_slot();
    TEST_CHECK(root_mint(later, unbadged, seL4_AllRights, 9) == seL4_NoError);
    TEST_CHECK(cap_type(later) == TYPE_ENDPOINT);
}

static void mint_badges_notification(void)
{
    seL4_CPtr ntfn = new_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = test_slot();
    TEST_CHECK(root_mint(badged, ntfn, seL4_AllRights, 0x8000000000000001UL) == seL4_NoError);
    TEST_CHECK(cap_type(badged) == TYPE_NOTIFICATION);
    seL4_CPtr rebadged = test_slot();
    TEST_CHECK(root_mint(rebadged, badged, seL4_AllRights, 3) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(rebadged) == TYPE_NULL);
    TEST_CHECK(root_copy(rebadged, badged, seL4_AllRights) == seL4_NoError);
    TEST_CHECK(cap_type(rebadged) == TYPE_NOTIFICATION);
}

static void mint_masks_rights(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr minted = test_slot();
    TEST_CHECK(root_mint(minted, ep, seL4_NoWrite, 5) == seL4_NoError);
    TEST_CHECK(cap_type(minted) == TYPE_ENDPOINT);
    TEST_CHECK(!has_all_rights(minted));
    seL4_CPtr none = test_slot();
    TEST_CHECK(root_mint(none, ep, seL4_NoRights, 6) == seL4_NoError);
    TEST_CHECK(cap_type(none) == TYPE_ENDPOINT);
    TEST_CHECK(!has_all_rights(none));
}

static void mint_errors(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr occupied = new_object(seL4_NotificationObject, 0);
    TEST_CHECK(root_mint(occupied, ep, seL4_AllRights, 1) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(occupied) == TYPE_NOTIFICATION);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_mint(dest, test_slot(), seL4_AllRights, 1) == seL4_FailedLookup);
    check_missing_capability(true, ROOT_DEPTH);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
}

static void mint_cnode_guard(void)
{
    seL4_CPtr cnode = cnode_with_endpoint(4, 3);
    seL4_CPtr guarded = test_slot();
    TEST_CHECK(root_mint(guarded, cnode, seL4_AllRights, guard_data(0x2A, 8)) == seL4_NoError);
    TEST_CHECK(cap_type(guarded) == TYPE_CNODE);
    /* Through the guarded cap a slot takes 8 guard bits and 4 index bits. */
    TEST_CHECK(type_at(guarded, (0x2AUL << 4) | 3, 12) == TYPE_ENDPOINT);
    seL4_CPtr tmp = test_slot();
    TEST_CHECK(seL4_CNode_Copy(ROOT, tmp, ROOT_DEPTH, guarded, (0x2BUL << 4) | 3, 12,
                               seL4_AllRights) == seL4_FailedLookup);
    check_guard_mismatch(true, 12, 0x2A, 8);
    TEST_CHECK(seL4_CNode_Copy(ROOT, tmp, ROOT_DEPTH, guarded, 3, 4, seL4_AllRights) ==
               seL4_FailedLookup);
    check_guard_mismatch(true, 4, 0x2A, 8);
    /* The original cap keeps no guard. */
    TEST_CHECK(type_at(cnode, 3, 4) == TYPE_ENDPOINT);
}

static void mint_cnode_guard_too_big(void)
{
    seL4_CPtr cnode = new_object(seL4_CapTableObject, 4);
    seL4_CPtr dest = test_slot();
    /* guard size + radix must not exceed 64 */
    TEST_CHECK(root_mint(dest, cnode, seL4_AllRights, guard_data(0, 61)) == seL4_IllegalOperation);
    TEST_CHECK(root_mint(dest, cnode, seL4_AllRights, guard_data(0, 63)) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(root_mint(dest, cnode, seL4_AllRights, guard_data(0, 60)) == seL4_NoError);
    TEST_CHECK(cap_type(dest) == TYPE_CNODE);
}

static void mint_guard_masked(void)
{
    /* Only guardSize bits of the guard are kept (seL4's updateCapData). */
    seL4_CPtr cnode = cnode_with_endpoint(4, 6);
    seL4_CPtr guarded = test_slot();
    TEST_CHECK(root_mint(guarded, cnode, seL4_AllRights, guard_data(0x3F5, 4)) == seL4_NoError);
    TEST_CHECK(type_at(guarded, 0x56, 8) == TYPE_ENDPOINT);
}

/* ---- Move ---- */

static void move_cap(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_move(dest, ep) == seL4_NoError);
    TEST_CHECK(cap_type(ep) == TYPE_NULL);
    TEST_CHECK(cap_type(dest) == TYPE_ENDPOINT);
    TEST_CHECK(has_all_rights(dest));
    /* A moved badged cap is still badged. */
    seL4_CPtr badged = test_slot();
    TEST_CHECK(root_mint(badged, dest, seL4_AllRights, 77) == seL4_NoError);
    seL4_CPtr moved = test_slot();
    TEST_CHECK(root_move(moved, badged) == seL4_NoError);
    seL4_CPtr rebadged = test_slot();
    TEST_CHECK(root_mint(rebadged, moved, seL4_AllRights, 78) == seL4_IllegalOperation);
}

static void move_keeps_derivation(void)
{
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr copy = test_slot();
    TEST_CHECK(root_copy(copy, ep, seL4_AllRights) == seL4_NoError);
    seL4_CPtr moved = test_slot();
    TEST_CHECK(root_move(moved, copy) == seL4_NoError);
    TEST_CHECK(root_revoke(ep) == seL4_NoError);
    TEST_CHECK(cap_type(moved) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);

    /* An untyped moves with its children: revoking it at its new place still
     * deletes them. */
    seL4_CPtr untyped = new_untyped(12);
    seL4_CPtr child = test_create(untyped, seL4_NotificationObject, 0, seL4_Null);
    seL4_CPtr untyped_moved = test_slot();
    TEST_CHECK(root_move(untyped_moved, untyped) == seL4_NoError);
    TEST_CHECK(root_revoke(untyped_moved) == seL4_NoError);
    TEST_CHECK(cap_type(child) == TYPE_NULL);
    TEST_CHECK(cap_type(untyped_moved) == TYPE_UNTYPED);
}

static void move_errors(void)
{
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_move(dest, test_slot()) == seL4_FailedLookup);
    check_missing_capability(true, ROOT_DEPTH);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    seL4_CPtr src = new_object(seL4_EndpointObject, 0);
    seL4_CPtr occupied = new_object(seL4_NotificationObject, 0);
    TEST_CHECK(root_move(occupied, src) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(src) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(occupied) == TYPE_NOTIFICATION);
    TEST_CHECK(root_move(src, src) == seL4_DeleteFirst);
}

/* ---- Mutate ---- */

static void mutate_cnode_guard(void)
{
    seL4_CPtr cnode = cnode_with_endpoint(4, 3);
    seL4_CPtr mutated = test_slot();
    TEST_CHECK(root_mutate(mutated, cnode, guard_data(5, 4)) == seL4_NoError);
    TEST_CHECK(cap_type(cnode) == TYPE_NULL);
    TEST_CHECK(cap_type(mutated) == TYPE_CNODE);
    TEST_CHECK(type_at(mutated, 0x53, 8) == TYPE_ENDPOINT);
    seL4_CPtr tmp = test_slot();
    TEST_CHECK(seL4_CNode_Copy(ROOT, tmp, ROOT_DEPTH, mutated, 3, 4, seL4_AllRights) ==
               seL4_FailedLookup);
    check_guard_mismatch(true, 4, 5, 4);
    /* Mutating back to no guard. */
    seL4_CPtr plain = test_slot();
    TEST_CHECK(root_mutate(plain, mutated, 0) == seL4_NoError);
    TEST_CHECK(type_at(plain, 3, 4) == TYPE_ENDPOINT);
}

static void mutate_endpoint(void)
{
    /* Mutate keeps badges (seL4 updateCapData with preserve): on an endpoint
     * or notification the result is invalid, whatever the data. */
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = new_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = test_slot();
    TEST_CHECK(root_mint(badged, ep, seL4_AllRights, 12) == seL4_NoError);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_mutate(dest, ep, 5) == seL4_IllegalOperation);
    TEST_CHECK(root_mutate(dest, ep, 0) == seL4_IllegalOperation);
    TEST_CHECK(root_mutate(dest, badged, 0) == seL4_IllegalOperation);
    TEST_CHECK(root_mutate(dest, ntfn, 5) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    TEST_CHECK(cap_type(ep) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(badged) == TYPE_ENDPOINT);
    TEST_CHECK(cap_type(ntfn) == TYPE_NOTIFICATION);
}

static void mutate_other(void)
{
    /* Caps without data move unchanged; the data word is ignored. */
    seL4_CPtr untyped = new_untyped(4);
    seL4_CPtr tcb = new_object(seL4_TCBObject, 0);
    seL4_CPtr dest_untyped = test_slot();
    seL4_CPtr dest_tcb = test_slot();
    TEST_CHECK(root_mutate(dest_untyped, untyped, 0x1234) == seL4_NoError);
    TEST_CHECK(root_mutate(dest_tcb, tcb, 0x5678) == seL4_NoError);
    TEST_CHECK(cap_type(dest_untyped) == TYPE_UNTYPED);
    TEST_CHECK(cap_type(dest_tcb) == TYPE_THREAD);
    TEST_CHECK(cap_type(untyped) == TYPE_NULL);
    TEST_CHECK(cap_type(tcb) == TYPE_NULL);
}

static void mutate_errors(void)
{
    seL4_CPtr cnode = new_object(seL4_CapTableObject, 4);
    seL4_CPtr dest = test_slot();
    TEST_CHECK(root_mutate(dest, cnode, guard_data(0, 61)) == seL4_IllegalOperation);
    TEST_CHECK(cap_type(cnode) == TYPE_CNODE);
    TEST_CHECK(cap_type(dest) == TYPE_NULL);
    seL4_CPtr occupied = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(root_mutate(occupied, cnode, 0) == seL4_DeleteFirst);
    TEST_CHECK(cap_type(cnode) == TYPE_CNODE);
    TEST_CHECK(root_mutate(dest, test_slot(), 0) == seL4_FailedLookup);
    check_missing_capability(true, ROOT_DEPTH);
}

static const test_case_t cases[] = {
    { "CNODEOP0001", "Copy of each object type gives the same type; the source stays", copy_each_type },
    { "CNODEOP0002", "Copy masks rights, which never come back", copy_masks_rights },
    { "CNODEOP0003", "Copy with no rights gives a valid cap without rights", copy_no_rights },
    { "CNODEOP0004", "Copy into an occupied slot (or onto itself) is DeleteFirst", copy_occupied },
    { "CNODEOP0005", "Copy from an empty slot: FailedLookup, source, MissingCapability", copy_empty_source },
    { "CNODEOP0006", "Copy/Mint of an untyped with children is RevokeFirst", copy_untyped_with_children },
    { "CNODEOP0007", "Copying an untyped marks the original full; the copy retypes", copy_untyped_marks_full },
    { "CNODEOP0008", "Copy of IRQControl or an unmapped page table/VSpace is IllegalOperation", copy_underivable },
    { "CNODEOP0010", "Mint badges an endpoint once; badge 0 leaves it unbadged", mint_badges_endpoint },
    { "CNODEOP0011", "Mint badges a notification once", mint_badges_notification },
    { "CNODEOP0012", "Mint masks rights", mint_masks_rights },
    { "CNODEOP0013", "Mint into an occupied slot or from an empty one", mint_errors },
    { "CNODEOP0014", "Mint sets a CNode guard; lookups go through it", mint_cnode_guard },
    { "CNODEOP0015", "Mint of a guard with guard size + radix > 64 is IllegalOperation", mint_cnode_guard_too_big },
    { "CNODEOP0016", "Mint keeps only guardSize bits of the guard", mint_guard_masked },
    { "CNODEOP0020", "Move moves the cap (badge and rights with it)", move_cap },
    { "CNODEOP0021", "A moved cap keeps its place in the derivation tree", move_keeps_derivation },
    { "CNODEOP0022", "Move from an empty slot or into an occupied one", move_errors },
    { "CNODEOP0030", "Mutate sets a CNode guard and moves the cap", mutate_cnode_guard },
    { "CNODEOP0031", "Mutate of an endpoint or notification is IllegalOperation", mutate_endpoint },
    { "CNODEOP0032", "Mutate moves caps without data unchanged", mutate_other },
    { "CNODEOP0033", "Mutate: guard too big, occupied destination, empty source", mutate_errors },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
