// SPDX-License-Identifier: BSD-2-Clause
/* Object creation, root-CNode operations and error-detail checks for the
 * CNODEOP and CSPACE tests (see helpers.h). */
#include "helpers.h"

#define POOL_BITS 20 /* 1 MiB: every case of an image together uses far less */

static seL4_CPtr pool_untyped(void)
{
    static seL4_CPtr pool;
    if (pool == 0) {
        pool = test_untyped(POOL_BITS, seL4_Null);
    }
    return pool;
}

seL4_CPtr new_object(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr pool = pool_untyped();
    TEST_CHECK(pool != 0);
    if (pool == 0) {
        return 0;
    }
    seL4_Error err = seL4_NoError;
    seL4_CPtr slot = test_create(pool, type, size_bits, &err);
    TEST_CHECK(err == seL4_NoError);
    TEST_CHECK(slot != 0);
    return slot;
}

seL4_CPtr new_untyped(unsigned bits)
{
    return new_object(seL4_UntypedObject, bits);
}

unsigned cap_type(seL4_CPtr slot)
{
    return seL4_DebugCapIdentify(slot);
}

seL4_Error root_copy(seL4_CPtr dest, seL4_CPtr src, seL4_CapRights_t rights)
{
    return seL4_CNode_Copy(ROOT, dest, ROOT_DEPTH, ROOT, src, ROOT_DEPTH, rights);
}

seL4_Error root_mint(seL4_CPtr dest, seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge)
{
    return seL4_CNode_Mint(ROOT, dest, ROOT_DEPTH, ROOT, src, ROOT_DEPTH, rights, badge);
}

seL4_Error root_move(seL4_CPtr dest, seL4_CPtr src)
{
    return seL4_CNode_Move(ROOT, dest, ROOT_DEPTH, ROOT, src, ROOT_DEPTH);
}

seL4_Error root_mutate(seL4_CPtr dest, seL4_CPtr src, seL4_Word data)
{
    return seL4_CNode_Mutate(ROOT, dest, ROOT_DEPTH, ROOT, src, ROOT_DEPTH, data);
}

seL4_Error root_rotate(seL4_CPtr dest, seL4_CPtr pivot, seL4_CPtr src)
{
    return seL4_CNode_Rotate(ROOT, dest, ROOT_DEPTH, 0, ROOT, pivot, ROOT_DEPTH, 0, ROOT, src, ROOT_DEPTH);
}

seL4_Error root_delete(seL4_CPtr slot)
{
    return seL4_CNode_Delete(ROOT, slot, ROOT_DEPTH);
}

seL4_Error root_revoke(seL4_CPtr slot)
{
    return seL4_CNode_Revoke(ROOT, slot, ROOT_DEPTH);
}

seL4_Word guard_data(seL4_Word guard, seL4_Word guard_size)
{
    return seL4_CNode_CapData_new(guard, guard_size).words[0];
}

seL4_CPtr cnode_with_endpoint(seL4_Word radix, seL4_Word at)
{
    seL4_CPtr cnode = new_object(seL4_CapTableObject, radix);
    seL4_CPtr ep = new_object(seL4_EndpointObject, 0);
    TEST_CHECK(seL4_CNode_Copy(cnode, at, (seL4_Uint8)radix, ROOT, ep, ROOT_DEPTH,
                               seL4_AllRights) == seL4_NoError);
    return cnode;
}

seL4_Error copy_out(seL4_CPtr root, seL4_Word index, seL4_Word depth, unsigned *type)
{
    seL4_CPtr tmp = test_slot();
    seL4_Error err = seL4_CNode_Copy(ROOT, tmp, ROOT_DEPTH, root, index, (seL4_Uint8)depth,
                                     seL4_AllRights);
    *type = cap_type(tmp);
    if (err == seL4_NoError) {
        TEST_CHECK(root_delete(tmp) == seL4_NoError);
    }
    return err;
}

unsigned type_at(seL4_CPtr root, seL4_Word index, seL4_Word depth)
{
    unsigned type;
    return copy_out(root, index, depth, &type) == seL4_NoError ? type : TYPE_NULL;
}

bool has_all_rights(seL4_CPtr slot)
{
    return seL4_CNode_CancelBadgedSends(ROOT, slot, ROOT_DEPTH) == seL4_NoError;
}

static void check_lookup_head(bool source, seL4_LookupFailureType type, seL4_Word bits_left)
{
    seL4_Word mr0 = seL4_GetMR(0);
    seL4_Word mr1 = seL4_GetMR(1);
    seL4_Word mr2 = seL4_GetMR(2);
    if (mr0 != (source ? 1U : 0U) || mr1 != (seL4_Word)type || mr2 != bits_left) {
        printf("    MR0..2 = %lu %lu %lu, expected %u %u %lu\n", mr0, mr1, mr2,
               source ? 1U : 0U, (unsigned)type, bits_left);
    }
    TEST_CHECK(mr0 == (source ? 1U : 0U));
    TEST_CHECK(mr1 == (seL4_Word)type);
    TEST_CHECK(mr2 == bits_left);
}

void check_missing_capability(bool source, seL4_Word bits_left)
{
    check_lookup_head(source, seL4_MissingCapability, bits_left);
}

void check_depth_mismatch(bool source, seL4_Word bits_left, seL4_Word bits_found)
{
    check_lookup_head(source, seL4_DepthMismatch, bits_left);
    TEST_CHECK(seL4_GetMR(3) == bits_found);
}

void check_guard_mismatch(bool source, seL4_Word bits_left, seL4_Word guard_found,
                          seL4_Word bits_found)
{
    check_lookup_head(source, seL4_GuardMismatch, bits_left);
    TEST_CHECK(seL4_GetMR(3) == guard_found);
    TEST_CHECK(seL4_GetMR(4) == bits_found);
}

void check_invalid_root(bool source)
{
    if (seL4_GetMR(0) != (source ? 1U : 0U) || seL4_GetMR(1) != seL4_InvalidRoot) {
        printf("    MR0..1 = %lu %lu, expected %u %u\n", seL4_GetMR(0), seL4_GetMR(1),
               source ? 1U : 0U, (unsigned)seL4_InvalidRoot);
    }
    TEST_CHECK(seL4_GetMR(0) == (source ? 1U : 0U));
    TEST_CHECK(seL4_GetMR(1) == seL4_InvalidRoot);
}

void check_range(seL4_Word min, seL4_Word max)
{
    TEST_CHECK(seL4_GetMR(0) == min);
    TEST_CHECK(seL4_GetMR(1) == max);
}

seL4_Error retype_whole(seL4_CPtr untyped, unsigned bits)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_Untyped_Retype(untyped, seL4_UntypedObject, bits, ROOT, 0, 0, slot, 1);
    if (err == seL4_NoError) {
        TEST_CHECK(root_delete(slot) == seL4_NoError);
    }
    return err;
}
