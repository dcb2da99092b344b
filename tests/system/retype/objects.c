// SPDX-License-Identifier: BSD-2-Clause
/*
 * RETYPE0001-0012: Untyped_Retype that succeeds (seL4 manual, "Untyped
 * Memory" and "Kernel Objects"): every object type, its size and alignment,
 * windows of many objects, destinations in CNodes other than the root,
 * nested and device untypeds, and how the watermark moves: on from where it
 * is while the untyped has children, back to the start when it has none.
 * The watermark is read through the bytes-left of a retype that cannot fit.
 */
#include "helpers.h"

typedef struct object_kind {
    const char *name;
    seL4_Word type;
    seL4_Word size_bits; /* the size_bits argument */
    unsigned bits;       /* log2 of the object's bytes, from libsel4's constants */
    int cap_type;        /* what seL4_DebugCapIdentify says for the new cap */
} object_kind_t;

static const object_kind_t kinds[] = {
    { "16-byte untyped", seL4_UntypedObject, seL4_MinUntypedBits, seL4_MinUntypedBits, CAP_UNTYPED },
    { "4 KiB untyped", seL4_UntypedObject, 12, 12, CAP_UNTYPED },
    { "TCB", seL4_TCBObject, 0, seL4_TCBBits, CAP_THREAD },
    { "endpoint", seL4_EndpointObject, 0, seL4_EndpointBits, CAP_ENDPOINT },
    { "notification", seL4_NotificationObject, 0, seL4_NotificationBits, CAP_NOTIFICATION },
    { "2-slot CNode", seL4_CapTableObject, 1, seL4_SlotBits + 1, CAP_CNODE },
    { "16-slot CNode", seL4_CapTableObject, 4, seL4_SlotBits + 4, CAP_CNODE },
    { "4 KiB frame", seL4_ARM_SmallPageObject, 0, seL4_PageBits, CAP_FRAME },
    { "2 MiB frame", seL4_ARM_LargePageObject, 0, seL4_LargePageBits, CAP_FRAME },
    { "page table", seL4_ARM_PageTableObject, 0, seL4_PageTableBits, CAP_PAGE_TABLE },
    { "VSpace", seL4_ARM_VSpaceObject, 0, seL4_VSpaceBits, CAP_VSPACE },
};

/* Each type fits exactly an untyped of its size and not one half as big. */
static void every_type(void)
{
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        const object_kind_t *k = &kinds[i];
        seL4_CPtr slot = test_slot();
        if (k->bits > seL4_MinUntypedBits) {
            seL4_CPtr half = fresh_untyped(k->bits - 1);
            CHECK_ERR1(retype(half, k->type, k->size_bits, slot, 1), seL4_NotEnoughMemory,
                       BIT(k->bits - 1));
            TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
        }
        seL4_CPtr exact = fresh_untyped(k->bits);
        seL4_Error err = retype(exact, k->type, k->size_bits, slot, 1);
        CHECK_OK(err);
        if (err != seL4_NoError || (int)seL4_DebugCapIdentify(slot) != k->cap_type ||
            untyped_free(exact) != 0) {
            printf("    %s: error %d, cap type %d, %lu bytes left\n", k->name, (int)err,
                   (int)seL4_DebugCapIdentify(slot), untyped_free(exact));
            TEST_CHECK((int)seL4_DebugCapIdentify(slot) == k->cap_type);
            TEST_CHECK(untyped_free(exact) == 0);
        }
    }
}

/* A 1 GiB frame needs an untyped of 1 GiB: RAM on these boards has none
 * (the kernel sits in the only GiB), so the success half runs only where a
 * device untyped that big exists. */
static void huge_page(void)
{
    seL4_CPtr small = fresh_untyped(seL4_LargePageBits + 1);
    seL4_CPtr slot = test_slot();
    CHECK_ERR1(retype(small, seL4_ARM_HugePageObject, 0, slot, 1), seL4_NotEnoughMemory,
               BIT(seL4_LargePageBits + 1));
    /* A 1 GiB untyped exists where RAM has a free, aligned GiB (virt's
     * -kernel paths run with 2 GiB); elsewhere only the refusal is checked. */
    seL4_CPtr big = boot_untyped(seL4_HugePageBits, false, seL4_Null);
    if (big == 0) {
        big = boot_untyped(seL4_HugePageBits, true, seL4_Null);
    }
    if (big == 0) {
        printf("    no 1 GiB untyped on this boot path: success half not run\n");
        return;
    }
    CHECK_OK(retype(big, seL4_ARM_HugePageObject, 0, slot, 1));
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_FRAME);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, big, seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
}

static void full_window(void)
{
    seL4_CPtr ut = fresh_untyped(seL4_EndpointBits + 8);
    seL4_CPtr first = fresh_slots(seL4_MaxRetypeFanOut + 1);
    CHECK_OK(retype(ut, seL4_EndpointObject, 0, first, seL4_MaxRetypeFanOut));
    TEST_CHECK(slots_have_type(first, seL4_MaxRetypeFanOut, CAP_ENDPOINT));
    TEST_CHECK(seL4_DebugCapIdentify(first + seL4_MaxRetypeFanOut) == CAP_NULL);
    TEST_CHECK(untyped_free(ut) == 0);
}

static bool cnode_slots_are(seL4_CPtr cnode, unsigned radix, seL4_Word from, seL4_Word to, int type)
{
    for (seL4_Word i = from; i < to; i++) {
        int got = cnode_slot_type(cnode, radix, i);
        if (got != type) {
            printf("    CNode slot %lu holds cap type %d, not %d\n", i, got, type);
            return false;
        }
    }
    return true;
}

static void other_cnode_by_index(void)
{
    seL4_CPtr ut = fresh_untyped(12);
    seL4_CPtr cnode = test_slot();
    CHECK_OK(retype(ut, seL4_CapTableObject, 4, cnode, 1));
    TEST_CHECK(cnode_slots_are(cnode, 4, 0, 16, CAP_NULL)); /* a new CNode is empty */
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, cnode, seL4_WordBits,
                                 3, 2));
    TEST_CHECK(cnode_slots_are(cnode, 4, 0, 3, CAP_NULL));
    TEST_CHECK(cnode_slots_are(cnode, 4, 3, 5, CAP_ENDPOINT));
    TEST_CHECK(cnode_slots_are(cnode, 4, 5, 16, CAP_NULL));
    /* A window reaching the CNode's last slot. */
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, ROOT_CNODE, cnode,
                                 seL4_WordBits, 5, 11));
    TEST_CHECK(cnode_slots_are(cnode, 4, 5, 16, CAP_NOTIFICATION));
    TEST_CHECK(cnode_slots_are(cnode, 4, 0, 3, CAP_NULL));
}

static void depth_zero_is_root_argument(void)
{
    seL4_CPtr ut = fresh_untyped(12);
    seL4_CPtr cnode = test_slot();
    CHECK_OK(retype(ut, seL4_CapTableObject, 3, cnode, 1));
    /* node_index is ignored when node_depth is 0. */
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, cnode, 0xDEADBEEF, 0, 7, 1));
    TEST_CHECK(cnode_slots_are(cnode, 3, 7, 8, CAP_NOTIFICATION));
    TEST_CHECK(cnode_slots_are(cnode, 3, 0, 7, CAP_NULL));
    seL4_CPtr slot = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, 0xDEADBEEF, 0, slot, 1));
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_ENDPOINT);
}

/* Each object starts at the next multiple of its size; the gap is lost. */
static void alignment(void)
{
    static const struct {
        seL4_Word type;
        seL4_Word size_bits;
        seL4_Word count;
        seL4_Word used_after; /* bytes below the watermark afterwards */
    } steps[] = {
        { seL4_EndpointObject, 0, 1, 16 },
        { seL4_ARM_SmallPageObject, 0, 1, 8192 },   /* 4096..8192, 16..4096 lost */
        { seL4_EndpointObject, 0, 1, 8208 },
        { seL4_TCBObject, 0, 1, 12288 },            /* 2 KiB aligned: 10240..12288 */
        { seL4_NotificationObject, 0, 1, 12320 },
        { seL4_CapTableObject, 2, 1, 12544 },       /* 128 bytes at 12416 */
        { seL4_UntypedObject, 12, 1, 20480 },       /* 16384..20480 */
        { seL4_EndpointObject, 0, 3, 20528 },
        { seL4_ARM_PageTableObject, 0, 2, 32768 },  /* 24576..32768 */
    };
    const unsigned bits = 16;
    seL4_CPtr ut = fresh_untyped(bits);
    TEST_CHECK(untyped_free(ut) == BIT(bits));
    for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        seL4_CPtr dest = fresh_slots(steps[i].count);
        CHECK_OK(retype(ut, steps[i].type, steps[i].size_bits, dest, steps[i].count));
        seL4_Word left = untyped_free(ut);
        if (left != BIT(bits) - steps[i].used_after) {
            printf("    step %u: %lu bytes left, want %lu\n", i, left,
                   BIT(bits) - steps[i].used_after);
            TEST_CHECK(left == BIT(bits) - steps[i].used_after);
        }
    }
}

static void nested_untypeds(void)
{
    seL4_CPtr ut = fresh_untyped(14);
    seL4_CPtr child = test_slot();
    CHECK_OK(retype(ut, seL4_UntypedObject, 12, child, 1));
    TEST_CHECK(untyped_free(ut) == BIT(14) - BIT(12));
    TEST_CHECK(untyped_free(child) == BIT(12)); /* a new untyped is all free */
    seL4_CPtr tcbs = fresh_slots(2);
    CHECK_OK(retype(child, seL4_TCBObject, 0, tcbs, 2));
    TEST_CHECK(slots_have_type(tcbs, 2, CAP_THREAD));
    TEST_CHECK(untyped_free(child) == 0);
    /* Grandchildren do not move the parent's watermark. */
    TEST_CHECK(untyped_free(ut) == BIT(14) - BIT(12));
    seL4_CPtr second = test_slot();
    CHECK_OK(retype(ut, seL4_UntypedObject, 13, second, 1)); /* at 8 KiB: 4..8 KiB lost */
    TEST_CHECK(untyped_free(ut) == 0);
    seL4_CPtr frames = fresh_slots(3);
    CHECK_ERR1(retype(second, seL4_ARM_SmallPageObject, 0, frames, 3), seL4_NotEnoughMemory,
               BIT(13));
    CHECK_OK(retype(second, seL4_ARM_SmallPageObject, 0, frames, 2));
    TEST_CHECK(slots_have_type(frames, 2, CAP_FRAME));
}

static void watermark_and_reset(void)
{
    seL4_CPtr ut = fresh_untyped(12);
    seL4_CPtr eps = fresh_slots(3);
    CHECK_OK(retype(ut, seL4_EndpointObject, 0, eps, 2));
    TEST_CHECK(untyped_free(ut) == BIT(12) - 32);
    /* With a child left, the watermark stays where it is. */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, eps, seL4_WordBits));
    TEST_CHECK(untyped_free(ut) == BIT(12) - 32);
    CHECK_OK(retype(ut, seL4_EndpointObject, 0, eps, 1));
    TEST_CHECK(untyped_free(ut) == BIT(12) - 48);
    /* With none left, the whole untyped is free again and reused from 0. */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, eps, seL4_WordBits));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, eps + 1, seL4_WordBits));
    TEST_CHECK(untyped_free(ut) == BIT(12));
    CHECK_OK(retype(ut, seL4_EndpointObject, 0, eps + 2, 1));
    TEST_CHECK(untyped_free(ut) == BIT(12) - 16);
    /* Revoke deletes every child, after which it starts again at 0. */
    CHECK_OK(retype(ut, seL4_NotificationObject, 0, eps, 2));
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, ut, seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(eps) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(eps + 1) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(eps + 2) == CAP_NULL);
    TEST_CHECK(untyped_free(ut) == BIT(12));
    CHECK_OK(retype(ut, seL4_ARM_SmallPageObject, 0, eps, 1));
    TEST_CHECK(untyped_free(ut) == 0);
}

static void device_untyped(void)
{
    seL4_Word index;
    seL4_CPtr dev = boot_untyped(seL4_PageBits + 1, true, &index);
    TEST_CHECK(dev != 0);
    if (dev == 0) {
        return;
    }
    unsigned bits = seL4_GetBootInfo()->untypedList[index].sizeBits;
    seL4_CPtr frame = test_slot();
    seL4_CPtr child = test_slot();
    CHECK_OK(retype(dev, seL4_ARM_SmallPageObject, 0, frame, 1));
    TEST_CHECK(seL4_DebugCapIdentify(frame) == CAP_FRAME);
    CHECK_OK(retype(dev, seL4_UntypedObject, seL4_PageBits, child, 1));
    TEST_CHECK(seL4_DebugCapIdentify(child) == CAP_UNTYPED);
    TEST_CHECK(untyped_free(dev) == BIT(bits) - 2 * BIT(seL4_PageBits));
    /* The child is device memory too: frames yes, an endpoint no. */
    seL4_CPtr slot = test_slot();
    CHECK_ERR1(retype(child, seL4_EndpointObject, 0, slot, 1), seL4_InvalidArgument, 1);
    CHECK_OK(retype(child, seL4_ARM_SmallPageObject, 0, slot, 1));
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_FRAME);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, dev, seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(frame) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(child) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
    TEST_CHECK(untyped_free(dev) == BIT(bits));
}

/* Below 64, size_bits means nothing to fixed-size objects. */
static void size_bits_ignored(void)
{
    seL4_CPtr ut = fresh_untyped(13);
    seL4_CPtr dest = fresh_slots(3);
    CHECK_OK(retype(ut, seL4_EndpointObject, seL4_WordBits - 1, dest, 1));
    TEST_CHECK(untyped_free(ut) == BIT(13) - BIT(seL4_EndpointBits));
    CHECK_OK(retype(ut, seL4_TCBObject, 40, dest + 1, 1));
    TEST_CHECK(untyped_free(ut) == BIT(13) - 2 * BIT(seL4_TCBBits)); /* 2 KiB aligned */
    CHECK_OK(retype(ut, seL4_ARM_SmallPageObject, 1, dest + 2, 1));
    TEST_CHECK(untyped_free(ut) == 0);
    TEST_CHECK(seL4_DebugCapIdentify(dest) == CAP_ENDPOINT);
    TEST_CHECK(seL4_DebugCapIdentify(dest + 1) == CAP_THREAD);
    TEST_CHECK(seL4_DebugCapIdentify(dest + 2) == CAP_FRAME);
}

static void whole_untyped_objects(void)
{
    seL4_CPtr ut = fresh_untyped(12);
    seL4_CPtr child = test_slot();
    seL4_CPtr cnode = test_slot();
    CHECK_OK(retype(ut, seL4_UntypedObject, 12, child, 1));
    TEST_CHECK(untyped_free(ut) == 0);
    CHECK_OK(retype(child, seL4_CapTableObject, 12 - seL4_SlotBits, cnode, 1));
    TEST_CHECK(seL4_DebugCapIdentify(cnode) == CAP_CNODE);
    TEST_CHECK(untyped_free(child) == 0);
}

/* Objects made by one call are distinct: a cap put in one of four new
 * CNodes is in that one only. */
static void window_objects_distinct(void)
{
    const unsigned radix = 2;
    seL4_CPtr ut = fresh_untyped(12);
    seL4_CPtr cnodes = fresh_slots(4);
    CHECK_OK(retype(ut, seL4_CapTableObject, radix, cnodes, 4));
    TEST_CHECK(slots_have_type(cnodes, 4, CAP_CNODE));
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, cnodes + 2,
                                 seL4_WordBits, 1, 1));
    for (seL4_Word c = 0; c < 4; c++) {
        for (seL4_Word i = 0; i < BIT(radix); i++) {
            int want = (c == 2 && i == 1) ? CAP_ENDPOINT : CAP_NULL;
            TEST_CHECK(cnode_slot_type(cnodes + c, radix, i) == want);
        }
    }
}

static const test_case_t cases[] = {
    { "RETYPE0001", "every object type: right cap type, fills exactly its size", every_type },
    { "RETYPE0002", "1 GiB frames need 1 GiB (success where such an untyped exists)", huge_page },
    { "RETYPE0003", "a window of seL4_MaxRetypeFanOut objects in one call", full_window },
    { "RETYPE0004", "into another CNode named by node_index/node_depth", other_cnode_by_index },
    { "RETYPE0005", "node_depth 0: the root argument itself is the destination", depth_zero_is_root_argument },
    { "RETYPE0006", "objects aligned to their size; the gap before one is lost", alignment },
    { "RETYPE0007", "child untypeds start empty and keep their own watermark", nested_untypeds },
    { "RETYPE0008", "watermark kept while children exist; reset when none; revoke", watermark_and_reset },
    { "RETYPE0009", "device untypeds give frames and device untypeds only", device_untyped },
    { "RETYPE0010", "size_bits below 64 is ignored for fixed-size objects", size_bits_ignored },
    { "RETYPE0011", "an object may take a whole untyped (child untyped, CNode)", whole_untyped_objects },
    { "RETYPE0012", "the objects of one call are distinct", window_objects_distinct },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
