// SPDX-License-Identifier: BSD-2-Clause
/*
 * RETYPE0101-0119: every way Untyped_Retype fails, with seL4's error code and
 * message registers (seL4 manual, "Untyped Memory" and "Errors"), and the
 * order in which the checks are made. A failed call changes nothing: after
 * every case the untyped under test still has the same bytes left and the
 * destination window is still empty, and at the end exactly the objects that
 * fitted before the errors still fit. Last, the untyped-copy rules: a copy
 * needs a childless original and leaves that original full.
 */
#include "helpers.h"

#define WINDOW 4

/* The untyped every case invokes: 64 KiB with one endpoint at its start,
 * so its watermark sits at 16 and 65520 bytes are left. */
static seL4_CPtr ut;
static seL4_CPtr window; /* WINDOW empty root slots */
static const unsigned ut_bits = 16;
static const seL4_Word ut_left = BIT(16) - BIT(seL4_EndpointBits);

static void check_unchanged(void)
{
    TEST_CHECK(untyped_free(ut) == ut_left);
    TEST_CHECK(slots_have_type(window, WINDOW, CAP_NULL));
}

/* A device untyped (boards may have only one) and its size. */
static seL4_CPtr device_untyped(seL4_Word *size)
{
    static seL4_CPtr dev;
    static seL4_Word index;
    if (dev == 0) {
        dev = boot_untyped(seL4_PageBits, true, &index);
    }
    *size = BIT(seL4_GetBootInfo()->untypedList[index].sizeBits);
    return dev;
}

static seL4_Error retype_window(seL4_Word type, seL4_Word size_bits, seL4_Word n)
{
    return retype(ut, type, size_bits, window, n);
}

static void setup(void)
{
    ut = fresh_untyped(ut_bits);
    window = fresh_slots(WINDOW);
    CHECK_OK(retype(ut, seL4_EndpointObject, 0, test_slot(), 1));
    check_unchanged();
}

static void unknown_type(void)
{
    CHECK_ERR1(retype_window(seL4_ObjectTypeCount, 0, 1), seL4_InvalidArgument, 0);
    CHECK_ERR1(retype_window(seL4_ObjectTypeCount + 1, 12, 1), seL4_InvalidArgument, 0);
    CHECK_ERR1(retype_window(~0UL, 0, 1), seL4_InvalidArgument, 0);
    check_unchanged();
}

static void size_bits_word_or_more(void)
{
    CHECK_ERR2(retype_window(seL4_UntypedObject, seL4_WordBits, 1), seL4_RangeError, 0,
               seL4_MaxUntypedBits);
    CHECK_ERR2(retype_window(seL4_EndpointObject, seL4_WordBits, 1), seL4_RangeError, 0,
               seL4_MaxUntypedBits);
    CHECK_ERR2(retype_window(seL4_ARM_SmallPageObject, ~0UL, 1), seL4_RangeError, 0,
               seL4_MaxUntypedBits);
    CHECK_ERR2(retype_window(seL4_CapTableObject, seL4_WordBits, 1), seL4_RangeError, 0,
               seL4_MaxUntypedBits);
    /* 2^64 - 5 slot bits plus 5 wraps to 0 bytes: still out of range. */
    CHECK_ERR2(retype_window(seL4_CapTableObject, -(seL4_Word)seL4_SlotBits, 1), seL4_RangeError,
               0, seL4_MaxUntypedBits);
    check_unchanged();
}

static void object_above_max_untyped(void)
{
    CHECK_ERR2(retype_window(seL4_UntypedObject, seL4_MaxUntypedBits + 1, 1), seL4_RangeError, 0,
               seL4_MaxUntypedBits);
    CHECK_ERR2(retype_window(seL4_CapTableObject, seL4_MaxUntypedBits - seL4_SlotBits + 1, 1),
               seL4_RangeError, 0, seL4_MaxUntypedBits);
    /* The largest in range is checked no further than memory. */
    CHECK_ERR1(retype_window(seL4_CapTableObject, seL4_MaxUntypedBits - seL4_SlotBits, 1),
               seL4_NotEnoughMemory, ut_left);
    check_unchanged();
}

static void size_too_small(void)
{
    CHECK_ERR1(retype_window(seL4_CapTableObject, 0, 1), seL4_InvalidArgument, 1);
    for (seL4_Word bits = 0; bits < seL4_MinUntypedBits; bits++) {
        CHECK_ERR1(retype_window(seL4_UntypedObject, bits, 1), seL4_InvalidArgument, 1);
    }
    check_unchanged();
}

static void offset_past_cnode(void)
{
    seL4_Word slots = root_cnode_slots();
    CHECK_ERR2(retype(ut, seL4_EndpointObject, 0, slots, 1), seL4_RangeError, 0, slots - 1);
    CHECK_ERR2(retype(ut, seL4_EndpointObject, 0, ~0UL, 1), seL4_RangeError, 0, slots - 1);
    /* In a CNode of 4 slots, offset 4 is past it. */
    seL4_CPtr cnode = test_slot();
    CHECK_OK(retype(fresh_untyped(12), seL4_CapTableObject, 2, cnode, 1));
    CHECK_ERR2(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, cnode, 0, 0, 4, 1),
               seL4_RangeError, 0, 3);
    check_unchanged();
}

static void window_size(void)
{
    CHECK_ERR2(retype_window(seL4_EndpointObject, 0, 0), seL4_RangeError, 1, seL4_MaxRetypeFanOut);
    CHECK_ERR2(retype_window(seL4_EndpointObject, 0, seL4_MaxRetypeFanOut + 1), seL4_RangeError, 1,
               seL4_MaxRetypeFanOut);
    CHECK_ERR2(retype_window(seL4_EndpointObject, 0, 1UL << 31), seL4_RangeError, 1,
               seL4_MaxRetypeFanOut);
    CHECK_ERR2(retype_window(seL4_EndpointObject, 0, ~0UL), seL4_RangeError, 1,
               seL4_MaxRetypeFanOut);
    check_unchanged();
}

static void window_past_cnode_end(void)
{
    seL4_Word slots = root_cnode_slots();
    /* The last slots of the root CNode are empty (the empty region runs to
     * its end): a window of 4 at the third-last slot has room for 3. */
    CHECK_ERR2(retype(ut, seL4_EndpointObject, 0, slots - 3, 4), seL4_RangeError, 1, 3);
    CHECK_ERR2(retype(ut, seL4_EndpointObject, 0, slots - 1, 2), seL4_RangeError, 1, 1);
    TEST_CHECK(slots_have_type(slots - 3, 3, CAP_NULL));
    seL4_CPtr cnode = test_slot();
    CHECK_OK(retype(fresh_untyped(12), seL4_CapTableObject, 2, cnode, 1));
    CHECK_ERR2(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, cnode, 0, 0, 1, 4),
               seL4_RangeError, 1, 3);
    CHECK_ERR2(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, cnode, seL4_WordBits,
                                   0, 5),
               seL4_RangeError, 1, 4);
    check_unchanged();
}

static void destination_occupied(void)
{
    CHECK_ERR(retype(ut, seL4_EndpointObject, 0, seL4_CapInitThreadTCB, 1), seL4_DeleteFirst);
    /* A window whose last slot is taken fills none of the others. */
    seL4_CPtr run = fresh_slots(3);
    CHECK_OK(retype(fresh_untyped(12), seL4_EndpointObject, 0, run + 2, 1));
    CHECK_ERR(retype(ut, seL4_NotificationObject, 0, run, 3), seL4_DeleteFirst);
    TEST_CHECK(slots_have_type(run, 2, CAP_NULL));
    TEST_CHECK(seL4_DebugCapIdentify(run + 2) == CAP_ENDPOINT);
    check_unchanged();
}

static void not_enough_memory(void)
{
    /* 15 frames fit above the watermark (4 KiB .. 64 KiB), 16 do not. */
    seL4_CPtr many = fresh_slots(16);
    CHECK_ERR1(retype(ut, seL4_ARM_SmallPageObject, 0, many, 16), seL4_NotEnoughMemory, ut_left);
    CHECK_ERR1(retype_window(seL4_UntypedObject, ut_bits, 1), seL4_NotEnoughMemory, ut_left);
    CHECK_ERR1(retype_window(seL4_ARM_LargePageObject, 0, 1), seL4_NotEnoughMemory, ut_left);
    TEST_CHECK(slots_have_type(many, 16, CAP_NULL));
    check_unchanged();
    /* A full untyped has 0 bytes left. */
    seL4_CPtr full = fresh_untyped(seL4_PageBits);
    CHECK_OK(retype(full, seL4_ARM_SmallPageObject, 0, test_slot(), 1));
    CHECK_ERR1(retype(full, seL4_EndpointObject, 0, test_slot(), 1), seL4_NotEnoughMemory, 0);
}

static void device_memory_objects(void)
{
    static const seL4_Word types[] = { seL4_TCBObject, seL4_EndpointObject,
                                       seL4_NotificationObject, seL4_CapTableObject,
                                       seL4_ARM_PageTableObject, seL4_ARM_VSpaceObject };
    seL4_Word size;
    seL4_CPtr dev = device_untyped(&size);
    TEST_CHECK(dev != 0);
    if (dev == 0) {
        return;
    }
    for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        CHECK_ERR1(retype(dev, types[i], 1, window, 1), seL4_InvalidArgument, 1);
    }
    TEST_CHECK(untyped_free(dev) == size);
    check_unchanged();
}

/* Hand-built calls: the Retype label with fewer than 6 words, or no cap. */
static void truncated_message(void)
{
    for (seL4_Word length = 0; length <= 6; length++) {
        seL4_Word extra = length < 6 ? 1 : 0;
        seL4_Word mr0 = seL4_EndpointObject;
        seL4_Word mr1 = 0;
        seL4_Word mr2 = 0;
        seL4_Word mr3 = 0;
        seL4_SetMR(4, window);
        seL4_SetMR(5, 1);
        seL4_SetCap(0, ROOT_CNODE);
        seL4_MessageInfo_t info = seL4_MessageInfo_new(UntypedRetype, 0, extra, length);
        seL4_MessageInfo_t reply = seL4_CallWithMRs(ut, info, &mr0, &mr1, &mr2, &mr3);
        if (seL4_MessageInfo_get_label(reply) != seL4_TruncatedMessage) {
            printf("    length %lu, %lu extra caps: error %lu\n", length, extra,
                   (seL4_Word)seL4_MessageInfo_get_label(reply));
            TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_TruncatedMessage);
        }
        TEST_CHECK(seL4_MessageInfo_get_length(reply) == 0);
    }
    check_unchanged();
}

static void destination_not_cnode(void)
{
    seL4_CPtr ep = test_slot();
    CHECK_OK(retype(fresh_untyped(12), seL4_EndpointObject, 0, ep, 1));
    /* The root argument itself (node_depth 0) is an endpoint. */
    CHECK_ERR3(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ep, 0, 0, 0, 1), seL4_FailedLookup,
               0, seL4_MissingCapability, 0);
    /* node_index names a slot holding a TCB, or nothing. */
    CHECK_ERR3(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, seL4_CapInitThreadTCB,
                                   seL4_WordBits, 0, 1),
               seL4_FailedLookup, 0, seL4_MissingCapability, seL4_WordBits);
    CHECK_ERR3(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, window, seL4_WordBits,
                                   0, 1),
               seL4_FailedLookup, 0, seL4_MissingCapability, seL4_WordBits);
    check_unchanged();
}

static void destination_lookup_fails(void)
{
    CHECK_ERR2(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, seL4_CapInitThreadCNode,
                                   seL4_WordBits + 1, 0, 1),
               seL4_RangeError, 1, seL4_WordBits);
    CHECK_ERR4(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, seL4_CapInitThreadCNode,
                                   seL4_WordBits - 1, 0, 1),
               seL4_FailedLookup, 0, seL4_DepthMismatch, seL4_WordBits - 1, seL4_WordBits);
    /* A root that is not a CNode, with a depth to resolve. */
    CHECK_ERR2(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, seL4_CapInitThreadTCB, 0,
                                   seL4_WordBits, 0, 1),
               seL4_FailedLookup, 0, seL4_InvalidRoot);
    check_unchanged();
}

static void not_an_untyped(void)
{
    CHECK_ERR(seL4_Untyped_Retype(ROOT_CNODE, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, window, 1),
              seL4_IllegalOperation);
    CHECK_ERR(seL4_Untyped_Retype(seL4_CapInitThreadTCB, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0,
                                  window, 1),
              seL4_IllegalOperation);
    /* An empty slot resolves, and invoking it is an invalid capability. */
    CHECK_ERR1(seL4_Untyped_Retype(window, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, window, 1),
               seL4_InvalidCapability, 0);
    check_unchanged();
}

static void copy_untyped_with_children(void)
{
    seL4_CPtr fresh = fresh_untyped(12);
    seL4_CPtr copy = test_slot();
    /* Without children it may be copied... */
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, copy, seL4_WordBits, ROOT_CNODE, fresh, seL4_WordBits,
                             seL4_AllRights));
    TEST_CHECK(seL4_DebugCapIdentify(copy) == CAP_UNTYPED);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, copy, seL4_WordBits));
    /* ...with them it must be revoked first. */
    CHECK_OK(retype(fresh, seL4_EndpointObject, 0, test_slot(), 1));
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, copy, seL4_WordBits, ROOT_CNODE, fresh, seL4_WordBits,
                              seL4_AllRights),
              seL4_RevokeFirst);
    CHECK_ERR(seL4_CNode_Mint(ROOT_CNODE, copy, seL4_WordBits, ROOT_CNODE, fresh, seL4_WordBits,
                              seL4_AllRights, 0),
              seL4_RevokeFirst);
    TEST_CHECK(seL4_DebugCapIdentify(copy) == CAP_NULL);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, copy, seL4_WordBits, ROOT_CNODE, ut, seL4_WordBits,
                              seL4_AllRights),
              seL4_RevokeFirst);
    check_unchanged();
}

/* When several things are wrong, the first check in seL4's order wins:
 * type, size, destination CNode, offset, window, empty slots, memory,
 * device. */
static void check_order(void)
{
    seL4_Word slots = root_cnode_slots();
    CHECK_ERR1(retype(ut, seL4_ObjectTypeCount, seL4_WordBits, slots, 0), seL4_InvalidArgument, 0);
    CHECK_ERR2(retype(ut, seL4_UntypedObject, seL4_WordBits, slots, 0), seL4_RangeError, 0,
               seL4_MaxUntypedBits);
    CHECK_ERR1(retype(ut, seL4_UntypedObject, 0, slots, 0), seL4_InvalidArgument, 1);
    CHECK_ERR3(seL4_Untyped_Retype(ut, seL4_UntypedObject, ut_bits, seL4_CapInitThreadTCB, 0, 0,
                                   slots, 0),
               seL4_FailedLookup, 0, seL4_MissingCapability, 0);
    CHECK_ERR2(retype(ut, seL4_UntypedObject, ut_bits, slots, 0), seL4_RangeError, 0, slots - 1);
    CHECK_ERR2(retype(ut, seL4_UntypedObject, ut_bits, seL4_CapInitThreadTCB, 0), seL4_RangeError,
               1, seL4_MaxRetypeFanOut);
    CHECK_ERR2(retype(ut, seL4_UntypedObject, ut_bits, slots - 1, 2), seL4_RangeError, 1, 1);
    CHECK_ERR(retype(ut, seL4_UntypedObject, ut_bits, seL4_CapInitThreadTCB, 1), seL4_DeleteFirst);
    seL4_Word size;
    seL4_CPtr dev = device_untyped(&size);
    TEST_CHECK(dev != 0);
    CHECK_ERR1(retype(dev, seL4_CapTableObject, 20, window, 1), seL4_NotEnoughMemory, size);
    check_unchanged();
}

/* After all the failures, exactly what fitted before fits now: 15 frames
 * from 4 KiB up, then nothing. */
static void same_memory_after_errors(void)
{
    seL4_CPtr frames = fresh_slots(15);
    CHECK_OK(retype(ut, seL4_ARM_SmallPageObject, 0, frames, 15));
    TEST_CHECK(slots_have_type(frames, 15, CAP_FRAME));
    CHECK_ERR1(retype_window(seL4_EndpointObject, 0, 1), seL4_NotEnoughMemory, 0);
    TEST_CHECK(slots_have_type(window, WINDOW, CAP_NULL));
}

/* seL4's cteInsert marks the source of an untyped copy full, so the
 * original and its copy can never hand out the same memory: with the copy
 * in place the original has nothing left. Were it to carve objects from its
 * own watermark again, a CNode made from each would be one CNode: a cap
 * put into one shows up in the other. */
static void copy_marks_original_full(void)
{
    const unsigned radix = 2;
    seL4_CPtr original = fresh_untyped(12);
    seL4_CPtr copy = test_slot();
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, copy, seL4_WordBits, ROOT_CNODE, original,
                             seL4_WordBits, seL4_AllRights));
    TEST_CHECK(untyped_free(original) == 0);
    seL4_CPtr from_copy = test_slot();
    seL4_CPtr from_original = test_slot();
    CHECK_OK(retype(copy, seL4_CapTableObject, radix, from_copy, 1));
    seL4_Error err = retype(original, seL4_CapTableObject, radix, from_original, 1);
    CHECK_ERR1(err, seL4_NotEnoughMemory, 0);
    if (err == seL4_NoError) {
        CHECK_OK(seL4_Untyped_Retype(fresh_untyped(12), seL4_EndpointObject, 0, from_copy, 0, 0,
                                     1, 1));
        int aliased = cnode_slot_type(from_original, radix, 1);
        printf("    the original handed out the copy's memory again: slot 1 of the CNode it "
               "made holds cap type %d\n", aliased);
        TEST_CHECK(aliased == CAP_NULL);
        return;
    }
    /* Revoking the original removes the copy and what it made; then all of
     * the memory is the original's again. */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, original, seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(copy) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(from_copy) == CAP_NULL);
    TEST_CHECK(untyped_free(original) == BIT(12));
    CHECK_OK(retype(original, seL4_CapTableObject, radix, from_original, 1));
    TEST_CHECK(untyped_free(original) == BIT(12) - BIT(seL4_SlotBits + radix));
}

static const test_case_t cases[] = {
    { "RETYPE0101", "set-up: a 64 KiB untyped with one endpoint, an empty window", setup },
    { "RETYPE0102", "unknown object type: InvalidArgument, MR0 = 0", unknown_type },
    { "RETYPE0103", "size_bits of 64 or more: RangeError 0..seL4_MaxUntypedBits", size_bits_word_or_more },
    { "RETYPE0104", "object above seL4_MaxUntypedBits: RangeError 0..MaxUntypedBits", object_above_max_untyped },
    { "RETYPE0105", "0-bit CNode, untyped below MinUntypedBits: InvalidArgument, MR0 = 1", size_too_small },
    { "RETYPE0106", "node_offset past the CNode: RangeError 0..slots-1", offset_past_cnode },
    { "RETYPE0107", "node_window 0 or above the fan-out: RangeError 1..256", window_size },
    { "RETYPE0108", "window past the CNode's end: RangeError 1..slots-offset", window_past_cnode_end },
    { "RETYPE0109", "an occupied destination slot: DeleteFirst, no slot filled", destination_occupied },
    { "RETYPE0110", "not enough memory: NotEnoughMemory, MR0 = bytes left", not_enough_memory },
    { "RETYPE0111", "device untyped to a non-frame object: InvalidArgument, MR0 = 1", device_memory_objects },
    { "RETYPE0112", "fewer than 6 words or no root cap: TruncatedMessage", truncated_message },
    { "RETYPE0113", "destination not a CNode: FailedLookup, missing capability", destination_not_cnode },
    { "RETYPE0114", "destination lookup: depth range, depth mismatch, invalid root", destination_lookup_fails },
    { "RETYPE0115", "Retype on a CNode or TCB: IllegalOperation; on a null cap: InvalidCapability", not_an_untyped },
    { "RETYPE0116", "CNode_Copy/Mint of an untyped with children: RevokeFirst", copy_untyped_with_children },
    { "RETYPE0117", "several faults at once: the first in seL4's check order wins", check_order },
    { "RETYPE0118", "after all those errors exactly the same objects still fit", same_memory_after_errors },
    { "RETYPE0119", "copying an untyped marks the original full; revoke gives it back", copy_marks_original_full },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
