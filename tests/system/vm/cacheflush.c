// SPDX-License-Identifier: BSD-2-Clause
/*
 * CACHEFLUSH0001-0012: cache maintenance on frames (seL4_ARM_Page_Clean_Data,
 * Invalidate_Data, CleanInvalidate_Data, Unify_Instruction: offsets within the
 * frame) and on VSpaces (the same four over a range of virtual addresses),
 * after seL4's decodeARMFrameInvocation and decodeARMVSpaceInvocation. Every
 * operation's success over whole, partial and one-byte ranges, data kept by
 * Clean and CleanInvalidate, and every error with its argument index.
 */
#include "vm_util.h"

typedef seL4_Error (*page_op_t)(seL4_CPtr, seL4_Word, seL4_Word);

static const page_op_t page_ops[] = {
    seL4_ARM_Page_Clean_Data,
    seL4_ARM_Page_Invalidate_Data,
    seL4_ARM_Page_CleanInvalidate_Data,
    seL4_ARM_Page_Unify_Instruction,
};
static const seL4_Word page_labels[] = {
    ARMPageClean_Data,
    ARMPageInvalidate_Data,
    ARMPageCleanInvalidate_Data,
    ARMPageUnify_Instruction,
};
static const page_op_t vspace_ops[] = {
    seL4_ARM_VSpace_Clean_Data,
    seL4_ARM_VSpace_Invalidate_Data,
    seL4_ARM_VSpace_CleanInvalidate_Data,
    seL4_ARM_VSpace_Unify_Instruction,
};
static const seL4_Word vspace_labels[] = {
    ARMVSpaceClean_Data,
    ARMVSpaceInvalidate_Data,
    ARMVSpaceCleanInvalidate_Data,
    ARMVSpaceUnify_Instruction,
};
#define NOPS 4

static void page_success(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_OK(page_ops[i](frame, 0, PAGE_SIZE));
        CHECK_OK(page_ops[i](frame, 0, 1));
        CHECK_OK(page_ops[i](frame, PAGE_SIZE - 1, PAGE_SIZE));
        CHECK_OK(page_ops[i](frame, 0x123, 0x456));
    }
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_OK(seL4_ARM_Page_Map(large, ROOT_VSPACE, vm_region(), seL4_ReadWrite,
                               seL4_ARM_Default_VMAttributes));
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_OK(page_ops[i](large, 0, LARGE_SIZE));
        CHECK_OK(page_ops[i](large, LARGE_SIZE - 64, LARGE_SIZE));
    }
}

static void clean_keeps_data(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_WRITE(va + 64, 0xC1EA);
    CHECK_OK(seL4_ARM_Page_Clean_Data(frame, 0, PAGE_SIZE));
    CHECK_READ(va + 64, 0xC1EA);
    CHECK_WRITE(va + 128, 0xC1EB);
    CHECK_OK(seL4_ARM_Page_CleanInvalidate_Data(frame, 0, PAGE_SIZE));
    CHECK_READ(va + 128, 0xC1EB);
    CHECK_WRITE(va + 192, 0xC1EC);
    CHECK_OK(seL4_ARM_VSpace_CleanInvalidate_Data(ROOT_VSPACE, va, va + PAGE_SIZE));
    CHECK_READ(va + 192, 0xC1EC);
    /* Seen through an uncached mapping of the same page after the clean. */
    seL4_CPtr copy = vm_copy(frame);
    CHECK_OK(seL4_ARM_Page_Map(copy, ROOT_VSPACE, va + PAGE_SIZE, seL4_ReadWrite, 0));
    CHECK_READ(va + PAGE_SIZE + 64, 0xC1EA);
    CHECK_READ(va + PAGE_SIZE + 192, 0xC1EC);
}

static void page_truncated(void)
{
    seL4_CPtr frame = vm_frame_at(vm_region());
    const seL4_Word mrs[2] = { 0, 8 };
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR(vm_invoke(frame, page_labels[i], 0, mrs, 0, seL4_Null), seL4_TruncatedMessage);
        CHECK_ERR(vm_invoke(frame, page_labels[i], 1, mrs, 0, seL4_Null), seL4_TruncatedMessage);
        CHECK_OK(vm_invoke(frame, page_labels[i], 2, mrs, 0, seL4_Null));
    }
}

static void page_unmapped(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR(page_ops[i](frame, 0, PAGE_SIZE), seL4_IllegalOperation);
        /* Checked before the offsets. */
        CHECK_ERR(page_ops[i](frame, 8, 4), seL4_IllegalOperation);
    }
    CHECK_OK(vm_map(frame, ROOT_VSPACE, vm_region(), seL4_ReadWrite,
                    seL4_ARM_Default_VMAttributes));
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_ERR(seL4_ARM_Page_Clean_Data(frame, 0, PAGE_SIZE), seL4_IllegalOperation);
}

static void page_empty_range(void)
{
    seL4_CPtr frame = vm_frame_at(vm_region());
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR1(page_ops[i](frame, 5, 5), seL4_InvalidArgument, 1);
        CHECK_ERR1(page_ops[i](frame, 6, 5), seL4_InvalidArgument, 1);
        CHECK_ERR1(page_ops[i](frame, 0, 0), seL4_InvalidArgument, 1);
        /* Before the start's range. */
        CHECK_ERR1(page_ops[i](frame, PAGE_SIZE + 1, PAGE_SIZE), seL4_InvalidArgument, 1);
    }
}

static void page_out_of_frame(void)
{
    seL4_CPtr frame = vm_frame_at(vm_region());
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR1(page_ops[i](frame, PAGE_SIZE, PAGE_SIZE + 1), seL4_InvalidArgument, 0);
        CHECK_ERR1(page_ops[i](frame, ~0UL - 1, ~0UL), seL4_InvalidArgument, 0);
        CHECK_ERR1(page_ops[i](frame, 0, PAGE_SIZE + 1), seL4_InvalidArgument, 1);
        CHECK_ERR1(page_ops[i](frame, PAGE_SIZE - 1, ~0UL), seL4_InvalidArgument, 1);
    }
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_OK(seL4_ARM_Page_Map(large, ROOT_VSPACE, vm_region(), seL4_ReadWrite,
                               seL4_ARM_Default_VMAttributes));
    CHECK_ERR1(seL4_ARM_Page_Clean_Data(large, 0, LARGE_SIZE + 1), seL4_InvalidArgument, 1);
    CHECK_ERR1(seL4_ARM_Page_Clean_Data(large, LARGE_SIZE, LARGE_SIZE + 8), seL4_InvalidArgument,
               0);
}

static void vspace_success(void)
{
    seL4_Word va = vm_region();
    (void)vm_frame_at(va);
    (void)vm_frame_at(va + PAGE_SIZE);
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_OK(vspace_ops[i](ROOT_VSPACE, va, va + PAGE_SIZE));
        CHECK_OK(vspace_ops[i](ROOT_VSPACE, va + PAGE_SIZE + 8, va + PAGE_SIZE + 9));
        /* Nothing mapped at the start: a no-op, whatever the range. */
        CHECK_OK(vspace_ops[i](ROOT_VSPACE, va + 4 * PAGE_SIZE, va + 5 * PAGE_SIZE));
        CHECK_OK(vspace_ops[i](ROOT_VSPACE, va + 4 * PAGE_SIZE, va + LARGE_SIZE));
        CHECK_OK(vspace_ops[i](ROOT_VSPACE, 0x1000, 0x2000));
        CHECK_OK(vspace_ops[i](ROOT_VSPACE, seL4_UserTop - 0x1000, seL4_UserTop));
    }
    /* A large page, whole. */
    seL4_Word lva = vm_region();
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_OK(seL4_ARM_Page_Map(large, ROOT_VSPACE, lva, seL4_ReadWrite,
                               seL4_ARM_Default_VMAttributes));
    CHECK_OK(seL4_ARM_VSpace_Clean_Data(ROOT_VSPACE, lva, lva + LARGE_SIZE));
}

static void vspace_truncated(void)
{
    const seL4_Word mrs[2] = { 0x1000, 0x2000 };
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR(vm_invoke(ROOT_VSPACE, vspace_labels[i], 0, mrs, 0, seL4_Null),
                  seL4_TruncatedMessage);
        CHECK_ERR(vm_invoke(ROOT_VSPACE, vspace_labels[i], 1, mrs, 0, seL4_Null),
                  seL4_TruncatedMessage);
    }
}

static void vspace_bad_range(void)
{
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR1(vspace_ops[i](ROOT_VSPACE, 0x2000, 0x2000), seL4_InvalidArgument, 1);
        CHECK_ERR1(vspace_ops[i](ROOT_VSPACE, 0x3000, 0x2000), seL4_InvalidArgument, 1);
        /* The order: an empty range before the top. */
        CHECK_ERR1(vspace_ops[i](ROOT_VSPACE, ~0UL, seL4_UserTop + 2), seL4_InvalidArgument, 1);
        CHECK_ERR(vspace_ops[i](ROOT_VSPACE, 0x1000, seL4_UserTop + 1), seL4_IllegalOperation);
        CHECK_ERR(vspace_ops[i](ROOT_VSPACE, 0x1000, ~0UL), seL4_IllegalOperation);
    }
}

static void vspace_no_asid(void)
{
    seL4_CPtr no_asid = vm_object(seL4_ARM_VSpaceObject, 0);
    seL4_CPtr stale = vm_stale_vspace();
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR1(vspace_ops[i](no_asid, 0x1000, 0x2000), seL4_InvalidCapability, 0);
        CHECK_ERR(vspace_ops[i](stale, 0x1000, 0x2000), seL4_FailedLookup);
        /* The range is checked before the VSpace. */
        CHECK_ERR1(vspace_ops[i](no_asid, 0x2000, 0x1000), seL4_InvalidArgument, 1);
        CHECK_ERR(vspace_ops[i](no_asid, 0x1000, seL4_UserTop + 1), seL4_IllegalOperation);
        CHECK_ERR(vspace_ops[i](stale, 0x1000, seL4_UserTop + 1), seL4_IllegalOperation);
    }
}

static void vspace_crosses_frame(void)
{
    seL4_Word va = vm_region();
    (void)vm_frame_at(va);
    (void)vm_frame_at(va + PAGE_SIZE); /* mapped next to it: still another frame */
    for (unsigned i = 0; i < NOPS; i++) {
        CHECK_ERR(vspace_ops[i](ROOT_VSPACE, va, va + PAGE_SIZE + 1), seL4_RangeError);
        CHECK_ERR(vspace_ops[i](ROOT_VSPACE, va + PAGE_SIZE - 8, va + 2 * PAGE_SIZE),
                  seL4_RangeError);
        CHECK_ERR(vspace_ops[i](ROOT_VSPACE, va + PAGE_SIZE, va + 3 * PAGE_SIZE),
                  seL4_RangeError);
    }
    seL4_Word lva = vm_region();
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_OK(seL4_ARM_Page_Map(large, ROOT_VSPACE, lva, seL4_ReadWrite,
                               seL4_ARM_Default_VMAttributes));
    CHECK_ERR(seL4_ARM_VSpace_Clean_Data(ROOT_VSPACE, lva + PAGE_SIZE, lva + LARGE_SIZE + 1),
              seL4_RangeError);
}

static const test_case_t cases[] = {
    { "CACHEFLUSH0001", "Page cache ops on mapped 4K and 2M frames, whole and partial",
      page_success },
    { "CACHEFLUSH0002", "Clean and CleanInvalidate keep the data (cached and uncached views)",
      clean_keeps_data },
    { "CACHEFLUSH0003", "Page cache ops with fewer than two words: TruncatedMessage",
      page_truncated },
    { "CACHEFLUSH0004", "Page cache ops on an unmapped frame: IllegalOperation", page_unmapped },
    { "CACHEFLUSH0005", "Page cache ops with end <= start: InvalidArgument 1", page_empty_range },
    { "CACHEFLUSH0006", "Page cache ops past the frame: start InvalidArgument 0, end 1",
      page_out_of_frame },
    { "CACHEFLUSH0007", "VSpace cache ops over mapped frames and over nothing", vspace_success },
    { "CACHEFLUSH0008", "VSpace cache ops with fewer than two words: TruncatedMessage",
      vspace_truncated },
    { "CACHEFLUSH0009",
      "VSpace cache ops: end <= start InvalidArgument 1, end above top IllegalOperation",
      vspace_bad_range },
    { "CACHEFLUSH0010", "VSpace cache ops: no ASID InvalidCapability 0, freed ASID FailedLookup",
      vspace_no_asid },
    { "CACHEFLUSH0011", "VSpace cache op range leaving the frame at start: RangeError",
      vspace_crosses_frame },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
