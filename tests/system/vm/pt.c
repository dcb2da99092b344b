// SPDX-License-Identifier: BSD-2-Clause
/*
 * PT0001-0013: seL4_ARM_PageTable_Map and PageTable_Unmap (seL4 manual,
 * "Virtual Memory"; seL4's decodeARMPageTableInvocation): tables mapped at
 * each level, vaddr rounded down to what a table covers, unmap with and
 * without copies, unmap clearing the table; every error with its message
 * registers and a check that nothing changed; copying an unmapped table or
 * an ASID-less VSpace refused.
 */
#include "vm_util.h"

static const seL4_ARM_VMAttributes attr = seL4_ARM_Default_VMAttributes;

static seL4_Error pt_map(seL4_CPtr pt, seL4_CPtr vspace, seL4_Word vaddr)
{
    return seL4_ARM_PageTable_Map(pt, vspace, vaddr, attr);
}

static seL4_Error page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr)
{
    return seL4_ARM_Page_Map(frame, vspace, vaddr, seL4_ReadWrite, attr);
}

/* A page table that is not mapped can still be mapped, and then holds a
 * frame. */
static void check_pt_mappable(seL4_CPtr pt)
{
    seL4_Word va = vm_region();
    CHECK_OK(pt_map(pt, ROOT_VSPACE, va));
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(page_map(frame, ROOT_VSPACE, va + PAGE_SIZE));
    CHECK_WRITE(va + PAGE_SIZE, 0x7E);
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
}

static void map_levels(void)
{
    /* A new VSpace takes tables at levels 1, 2, 3, then a 4K frame. */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    for (unsigned i = 0; i < 3; i++) {
        seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
        CHECK_OK(pt_map(pt, vspace, va));
        TEST_CHECK(seL4_DebugCapIdentify(pt) == CAP_PAGE_TABLE);
    }
    CHECK_OK(page_map(frame, vspace, va));
    /* In the root VSpace one table covers 2 MiB: both ends hold frames. */
    seL4_Word rva = vm_region();
    (void)vm_map_pt(ROOT_VSPACE, rva);
    seL4_CPtr lo = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr hi = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(page_map(lo, ROOT_VSPACE, rva));
    CHECK_OK(page_map(hi, ROOT_VSPACE, rva + LARGE_SIZE - PAGE_SIZE));
    CHECK_WRITE(rva, 1);
    CHECK_WRITE(rva + LARGE_SIZE - 8, 2);
    CHECK_READ(rva, 1);
    CHECK_READ(rva + LARGE_SIZE - 8, 2);
}

static void truncated(void)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    seL4_Word va = vm_region();
    const seL4_Word mrs[2] = { va, attr };
    const seL4_CPtr caps[1] = { ROOT_VSPACE };
    CHECK_ERR(vm_invoke(pt, ARMPageTableMap, 1, mrs, 1, caps), seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(pt, ARMPageTableMap, 0, mrs, 1, caps), seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(pt, ARMPageTableMap, 2, mrs, 0, caps), seL4_TruncatedMessage);
    check_pt_mappable(pt);
}

static void already_mapped(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    CHECK_ERR1(pt_map(pt, ROOT_VSPACE, va), seL4_InvalidCapability, 0);
    CHECK_ERR1(pt_map(pt, ROOT_VSPACE, vm_region()), seL4_InvalidCapability, 0);
    /* Checked before the VSpace argument. */
    CHECK_ERR1(pt_map(pt, seL4_CapInitThreadTCB, va), seL4_InvalidCapability, 0);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(page_map(frame, ROOT_VSPACE, va));
    CHECK_WRITE(va, 3);
}

static void bad_vspace(void)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    seL4_CPtr ep = vm_object(seL4_EndpointObject, 0);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr other_pt = vm_object(seL4_ARM_PageTableObject, 0);
    seL4_CPtr no_asid = vm_object(seL4_ARM_VSpaceObject, 0);
    seL4_Word va = vm_region();
    CHECK_ERR1(pt_map(pt, ep, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(pt_map(pt, frame, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(pt_map(pt, other_pt, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(pt_map(pt, no_asid, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(pt_map(pt, seL4_CapNull, va), seL4_InvalidCapability, 1);
    /* Checked before the address. */
    CHECK_ERR1(pt_map(pt, ep, seL4_UserTop + 1), seL4_InvalidCapability, 1);
    check_pt_mappable(pt);
}

static void beyond_user_top(void)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    CHECK_ERR1(pt_map(pt, ROOT_VSPACE, seL4_UserTop + 1), seL4_InvalidArgument, 0);
    CHECK_ERR1(pt_map(pt, ROOT_VSPACE, ~0UL), seL4_InvalidArgument, 0);
    CHECK_ERR1(pt_map(pt, ROOT_VSPACE, 1UL << 63), seL4_InvalidArgument, 0);
    /* seL4_UserTop itself is in range: in a new VSpace the table goes into
     * level 0's last entry (the root VSpace has its stack up there). */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    CHECK_OK(pt_map(pt, vspace, seL4_UserTop));
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_NO_TABLE(seL4_ARM_Page_Map(frame, vspace, seL4_UserTop + 1 - PAGE_SIZE, seL4_ReadWrite,
                                     attr),
                   30);
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    check_pt_mappable(pt);
}

static void stale_asid(void)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    seL4_CPtr stale = vm_stale_vspace();
    seL4_Word va = vm_region();
    CHECK_ERR(pt_map(pt, stale, va), seL4_FailedLookup);
    CHECK_ERR1(pt_map(pt, stale, seL4_UserTop + 1), seL4_InvalidArgument, 0); /* address first */
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr fresh = vm_vspace(asid_pool);
    CHECK_ERR1(pt_map(pt, stale, va), seL4_InvalidCapability, 1);
    CHECK_OK(pt_map(pt, fresh, va));
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    check_pt_mappable(pt);
}

static void slot_taken(void)
{
    /* Root VSpace, first GiB: after one table, the walk ends in a level-3 slot. */
    seL4_Word va = vm_region();
    seL4_CPtr first = vm_map_pt(ROOT_VSPACE, va);
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    CHECK_ERR(pt_map(pt, ROOT_VSPACE, va), seL4_DeleteFirst);
    CHECK_ERR(pt_map(pt, ROOT_VSPACE, va + LARGE_SIZE - PAGE_SIZE), seL4_DeleteFirst);
    /* A large page's level-2 entry. */
    seL4_Word va2 = vm_region();
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_OK(page_map(large, ROOT_VSPACE, va2));
    CHECK_WRITE(va2, 0xB1);
    CHECK_ERR(pt_map(pt, ROOT_VSPACE, va2), seL4_DeleteFirst);
    CHECK_READ(va2, 0xB1);
    /* A new VSpace takes exactly three levels of tables. */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    for (unsigned i = 0; i < 3; i++) {
        (void)vm_map_pt(vspace, va);
    }
    CHECK_ERR(pt_map(pt, vspace, va), seL4_DeleteFirst);
    (void)first;
    check_pt_mappable(pt);
}

static void rounded_down(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    CHECK_OK(pt_map(pt, ROOT_VSPACE, va + 0x12345));
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(page_map(frame, ROOT_VSPACE, va));
    CHECK_WRITE(va, 0xD0);
    CHECK_READ(va, 0xD0);
}

static void unmap_with_copies(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(page_map(frame, ROOT_VSPACE, va));
    CHECK_WRITE(va, 0xC0);
    seL4_CPtr copy = vm_copy(pt);
    TEST_CHECK(copy != 0);
    CHECK_ERR(seL4_ARM_PageTable_Unmap(pt), seL4_RevokeFirst);
    CHECK_ERR(seL4_ARM_PageTable_Unmap(copy), seL4_RevokeFirst);
    CHECK_READ(va, 0xC0);
    CHECK_OK(vm_delete(copy));
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    CHECK_FAULT(PROBE_READ, va);
}

static void unmap_unmapped(void)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    check_pt_mappable(pt);
}

static void unmap_clears(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(page_map(frame, ROOT_VSPACE, va + 2 * PAGE_SIZE));
    CHECK_WRITE(va + 2 * PAGE_SIZE, 0xCC);
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    CHECK_FAULT(PROBE_READ, va + 2 * PAGE_SIZE);
    /* Mapped again, here or elsewhere, the table is empty. */
    CHECK_OK(pt_map(pt, ROOT_VSPACE, va));
    CHECK_FAULT(PROBE_READ, va + 2 * PAGE_SIZE);
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    seL4_Word va2 = vm_region();
    CHECK_OK(pt_map(pt, ROOT_VSPACE, va2));
    CHECK_FAULT(PROBE_READ, va2 + 2 * PAGE_SIZE);
}

static void remap_other_vspace(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    CHECK_OK(seL4_ARM_PageTable_Unmap(pt));
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    CHECK_OK(pt_map(pt, vspace, va)); /* now a level-1 table */
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_NO_TABLE(page_map(frame, vspace, va), 30);
}

static void copy_unmapped(void)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    seL4_CPtr slot = test_slot();
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, pt, seL4_WordBits,
                              seL4_AllRights),
              seL4_IllegalOperation);
    CHECK_ERR(seL4_CNode_Mint(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, pt, seL4_WordBits,
                              seL4_AllRights, 0),
              seL4_IllegalOperation);
    seL4_CPtr vspace = vm_object(seL4_ARM_VSpaceObject, 0);
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, vspace, seL4_WordBits,
                              seL4_AllRights),
              seL4_IllegalOperation);
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
    /* Mapped (or with an ASID) they copy. */
    CHECK_OK(pt_map(pt, ROOT_VSPACE, vm_region()));
    CHECK_OK(seL4_CNode_Copy(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, pt, seL4_WordBits,
                             seL4_AllRights));
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_PAGE_TABLE);
    CHECK_OK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace));
    seL4_CPtr vcopy = vm_copy(vspace);
    TEST_CHECK(vcopy != 0 && seL4_DebugCapIdentify(vcopy) == CAP_VSPACE);
}

static const test_case_t cases[] = {
    { "PT0001", "tables at levels 1-3 of a new VSpace; one table holds 2 MiB", map_levels },
    { "PT0002", "PageTable_Map short message or no VSpace cap: TruncatedMessage", truncated },
    { "PT0003", "table already mapped: InvalidCapability 0", already_mapped },
    { "PT0004", "non-VSpace or ASID-less VSpace cap: InvalidCapability 1", bad_vspace },
    { "PT0005", "vaddr above seL4_UserTop: InvalidArgument 0", beyond_user_top },
    { "PT0006", "ASID freed: FailedLookup; ASID reused: InvalidCapability 1", stale_asid },
    { "PT0007", "level-3 slot or a large page's entry: DeleteFirst", slot_taken },
    { "PT0008", "vaddr is rounded down to what the table covers", rounded_down },
    { "PT0009", "Unmap with copies: RevokeFirst; without: unmaps", unmap_with_copies },
    { "PT0010", "Unmap of an unmapped table succeeds", unmap_unmapped },
    { "PT0011", "Unmap clears the table: mapped again it is empty", unmap_clears },
    { "PT0012", "an unmapped table maps at another level of another VSpace", remap_other_vspace },
    { "PT0013", "copying an unmapped table or an ASID-less VSpace: IllegalOperation",
      copy_unmapped },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
