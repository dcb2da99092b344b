// SPDX-License-Identifier: BSD-2-Clause
/*
 * VSPACE0001-0019: seL4_ARM_Page_Map and Page_Unmap (seL4 manual, "Virtual
 * Memory"; the AArch64 decode order of seL4's decodeARMFrameInvocation):
 * 4 KiB and 2 MiB frames mapped, written, read through a second mapping of a
 * copied cap and unmapped; remapping in place to change rights; rights and
 * attributes; then every error with its message registers, each followed by
 * a check that nothing changed (the frame is still unmapped and mappable, or
 * the mapping that was there still works).
 */
#include "vm_util.h"

static const seL4_ARM_VMAttributes attr = seL4_ARM_Default_VMAttributes;

static seL4_Error map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr)
{
    return seL4_ARM_Page_Map(frame, vspace, vaddr, seL4_ReadWrite, attr);
}

/* A frame not mapped anywhere can still be mapped (and then unmapped). */
static void check_mappable(seL4_CPtr frame)
{
    seL4_Word va = vm_region();
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_WRITE(va, 0x77);
    CHECK_READ(va, 0x77);
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
}

static void map_small(void)
{
    seL4_Word va = vm_region();
    seL4_Word va2 = va + 5 * PAGE_SIZE;
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_READ(va, 0); /* a new frame is zero */
    CHECK_WRITE(va, 0x1234567890ABCDEFUL);
    CHECK_WRITE(va + PAGE_SIZE - 8, 42);
    seL4_CPtr copy = vm_copy(frame);
    TEST_CHECK(copy != 0);
    CHECK_OK(map(copy, ROOT_VSPACE, va2));
    CHECK_READ(va2, 0x1234567890ABCDEFUL);
    CHECK_READ(va2 + PAGE_SIZE - 8, 42);
    TEST_CHECK(vm_paddr(copy) == vm_paddr(frame));
    /* The root task sees the same page through both (if both are there). */
    if (vm_mapped(va) && vm_mapped(va2)) {
        volatile seL4_Word *a = (volatile seL4_Word *)va;
        const volatile seL4_Word *b = (const volatile seL4_Word *)va2;
        a[7] = 0xABC;
        TEST_CHECK(b[7] == 0xABC);
    }
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_FAULT(PROBE_READ, va);
    CHECK_FAULT(PROBE_WRITE, va + 8);
    CHECK_READ(va2, 0x1234567890ABCDEFUL);
    CHECK_OK(seL4_ARM_Page_Unmap(copy));
    CHECK_FAULT(PROBE_READ, va2);
}

static void map_large(void)
{
    seL4_Word va = vm_region();
    seL4_Word va2 = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_LargePageObject, 0);
    TEST_CHECK(frame != 0);
    CHECK_OK(map(frame, ROOT_VSPACE, va)); /* straight into a level-2 slot: no table needed */
    TEST_CHECK((vm_paddr(frame) & (LARGE_SIZE - 1)) == 0);
    CHECK_WRITE(va, 0x2001);
    CHECK_WRITE(va + LARGE_SIZE / 2 + 8, 0x2002);
    CHECK_WRITE(va + LARGE_SIZE - 8, 0x2003);
    seL4_CPtr copy = vm_copy(frame);
    CHECK_OK(map(copy, ROOT_VSPACE, va2));
    CHECK_READ(va2, 0x2001);
    CHECK_READ(va2 + LARGE_SIZE / 2 + 8, 0x2002);
    CHECK_READ(va2 + LARGE_SIZE - 8, 0x2003);
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_FAULT(PROBE_READ, va);
    CHECK_FAULT(PROBE_READ, va + LARGE_SIZE - 8);
    CHECK_READ(va2 + LARGE_SIZE - 8, 0x2003);
    CHECK_OK(seL4_ARM_Page_Unmap(copy));
    CHECK_FAULT(PROBE_READ, va2 + PAGE_SIZE);
}

static void remap_rights(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_WRITE(va, 5);
    CHECK_OK(seL4_ARM_Page_Map(frame, ROOT_VSPACE, va, seL4_CanRead, attr));
    CHECK_FAULT(PROBE_WRITE, va);
    CHECK_READ(va, 5);
    CHECK_OK(seL4_ARM_Page_Map(frame, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_WRITE(va, 6);
    CHECK_READ(va, 6);
}

static void read_only_fault(void)
{
    seL4_Word va = vm_region() + 3 * PAGE_SIZE;
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_CanRead, attr));
    CHECK_READ(va + 16, 0);
    probe_t r = probe(PROBE_WRITE, va + 16, 1);
    TEST_CHECK(r.faulted);
    TEST_CHECK(r.ip == probe_store_ip());
    TEST_CHECK(r.addr == va + 16);
    TEST_CHECK(r.prefetch == 0);
    TEST_CHECK(ESR_EC(r.fsr) == EC_DABT_LOWER);
    TEST_CHECK((r.fsr & ESR_WNR) != 0);
    TEST_CHECK(ESR_FSC(r.fsr) == FSC_PERMISSION(3));
    if (r.faulted && ESR_FSC(r.fsr) != FSC_PERMISSION(3)) {
        printf("    FSR %lx\n", r.fsr);
    }
    CHECK_READ(va + 16, 0); /* the write did not happen */
}

static void unmapped_fault(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    probe_t r = probe(PROBE_READ, va + 0x18, 0);
    TEST_CHECK(r.faulted);
    TEST_CHECK(r.ip == probe_load_ip());
    TEST_CHECK(r.addr == va + 0x18);
    TEST_CHECK(r.prefetch == 0);
    TEST_CHECK(ESR_EC(r.fsr) == EC_DABT_LOWER);
    TEST_CHECK((r.fsr & ESR_WNR) == 0);
    TEST_CHECK(ESR_FSC(r.fsr) == FSC_TRANSLATION(3));
}

static void rights_masked(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    /* Write without read gives no user access at all. */
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_CanWrite, attr));
    CHECK_FAULT(PROBE_READ, va);
    CHECK_FAULT(PROBE_WRITE, va);
    CHECK_OK(seL4_ARM_Page_Map(frame, ROOT_VSPACE, va, seL4_NoRights, attr));
    CHECK_FAULT(PROBE_READ, va);
    /* A read-only cap maps read-only whatever is asked. */
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    seL4_CPtr ro = vm_mint(frame, seL4_CanRead);
    TEST_CHECK(ro != 0);
    CHECK_OK(seL4_ARM_Page_Map(ro, ROOT_VSPACE, va, seL4_AllRights, attr));
    CHECK_READ(va, 0);
    CHECK_FAULT(PROBE_WRITE, va);
}

static void uncached(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_ReadWrite, 0)); /* device nGnRnE */
    CHECK_WRITE(va + 8, 0xDE71CE);
    CHECK_READ(va + 8, 0xDE71CE);
}

static void copy_starts_unmapped(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_WRITE(va, 9);
    seL4_CPtr copy = vm_copy(frame);
    /* Unmapping the (unmapped) copy leaves the original's mapping. */
    CHECK_OK(seL4_ARM_Page_Unmap(copy));
    CHECK_READ(va, 9);
    /* The copy maps once, like any frame cap. */
    CHECK_OK(map(copy, ROOT_VSPACE, va + PAGE_SIZE));
    CHECK_ERR1(map(copy, ROOT_VSPACE, va + 2 * PAGE_SIZE), seL4_InvalidArgument, 0);
    CHECK_READ(va + PAGE_SIZE, 9);
}

static void unmap_idempotent(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(seL4_ARM_Page_Unmap(frame)); /* never mapped */
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_FAULT(PROBE_READ, va);
    /* Unmapped, it maps anywhere again. */
    CHECK_OK(map(frame, ROOT_VSPACE, va + PAGE_SIZE));
    CHECK_READ(va + PAGE_SIZE, 0);
}

static void truncated(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_Word va = vm_region();
    (void)vm_map_pt(ROOT_VSPACE, va);
    const seL4_Word mrs[3] = { va, seL4_ReadWrite.words[0], attr };
    const seL4_CPtr caps[1] = { ROOT_VSPACE };
    CHECK_ERR(vm_invoke(frame, ARMPageMap, 2, mrs, 1, caps), seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(frame, ARMPageMap, 0, mrs, 1, caps), seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(frame, ARMPageMap, 3, mrs, 0, caps), seL4_TruncatedMessage);
    CHECK_FAULT(PROBE_READ, va);
    CHECK_OK(vm_invoke(frame, ARMPageMap, 3, mrs, 1, caps));
    CHECK_READ(va, 0);
}

static void bad_vspace(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr ep = vm_object(seL4_EndpointObject, 0);
    seL4_CPtr other_frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr no_asid = vm_object(seL4_ARM_VSpaceObject, 0);
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    CHECK_ERR1(map(frame, ep, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(map(frame, other_frame, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(map(frame, pt, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(map(frame, no_asid, va), seL4_InvalidCapability, 1);
    CHECK_ERR1(map(frame, seL4_CapInitThreadTCB, va), seL4_InvalidCapability, 1);
    CHECK_FAULT(PROBE_READ, va);
    check_mappable(frame);
}

static void mapped_elsewhere(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_WRITE(va, 0x51);
    /* Another VSpace (with a table at va): InvalidCapability 1. */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    for (int i = 0; i < 3; i++) {
        (void)vm_map_pt(vspace, va);
    }
    CHECK_ERR1(map(frame, vspace, va), seL4_InvalidCapability, 1);
    /* The same VSpace at another address: InvalidArgument 0. */
    CHECK_ERR1(map(frame, ROOT_VSPACE, va + PAGE_SIZE), seL4_InvalidArgument, 0);
    CHECK_READ(va, 0x51);
    CHECK_FAULT(PROBE_READ, va + PAGE_SIZE);
}

static void beyond_user_top(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_ERR1(map(frame, ROOT_VSPACE, seL4_UserTop + 1), seL4_InvalidArgument, 0);
    CHECK_ERR1(map(frame, ROOT_VSPACE, ~0UL & ~(PAGE_SIZE - 1)), seL4_InvalidArgument, 0);
    CHECK_ERR1(map(large, ROOT_VSPACE, seL4_UserTop + 1), seL4_InvalidArgument, 0);
    /* The last page (and large page) is in range: only its table is missing
     * (a new VSpace's level-0 entry is empty: 39 bits left; the root VSpace
     * has its stack up there). */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    CHECK_NO_TABLE(map(frame, vspace, seL4_UserTop + 1 - PAGE_SIZE), 39);
    CHECK_NO_TABLE(map(large, vspace, seL4_UserTop + 1 - LARGE_SIZE), 39);
    /* Out of range and misaligned: the range is checked first. */
    CHECK_ERR1(map(frame, ROOT_VSPACE, seL4_UserTop + 1 + 0x10), seL4_InvalidArgument, 0);
    /* A large page whose end passes the top. */
    CHECK_ERR1(map(large, ROOT_VSPACE, seL4_UserTop + 1 - PAGE_SIZE), seL4_InvalidArgument, 0);
    check_mappable(frame);
}

static void misaligned(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    seL4_Word va = vm_region();
    CHECK_ERR(map(frame, ROOT_VSPACE, va + 0x800), seL4_AlignmentError);
    CHECK_ERR(map(frame, ROOT_VSPACE, va + 8), seL4_AlignmentError);
    CHECK_ERR(map(large, ROOT_VSPACE, va + PAGE_SIZE), seL4_AlignmentError);
    CHECK_ERR(map(large, ROOT_VSPACE, va + LARGE_SIZE / 2), seL4_AlignmentError);
    /* Alignment is checked before the missing table. */
    CHECK_FAULT(PROBE_READ, va);
    CHECK_OK(map(large, ROOT_VSPACE, va));
    CHECK_READ(va + LARGE_SIZE / 2, 0);
    check_mappable(frame);
}

static void missing_table(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    /* Root VSpace, first GiB: levels 0 and 1 exist, level 2's entry is empty. */
    seL4_Word va = vm_region();
    CHECK_NO_TABLE(map(frame, ROOT_VSPACE, va), 21);
    /* A new VSpace: level 0's entry is empty. */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    CHECK_NO_TABLE(map(frame, vspace, va), 39);
    CHECK_NO_TABLE(map(large, vspace, va), 39);
    (void)vm_map_pt(vspace, va);
    CHECK_NO_TABLE(map(frame, vspace, va), 30);
    CHECK_NO_TABLE(map(large, vspace, va), 30);
    (void)vm_map_pt(vspace, va);
    CHECK_NO_TABLE(map(frame, vspace, va), 21);
    CHECK_OK(map(large, vspace, va)); /* level 2 is where a large page goes */
    CHECK_OK(seL4_ARM_Page_Unmap(large));
    (void)vm_map_pt(vspace, va);
    CHECK_OK(map(frame, vspace, va));
    /* A large page where a table is: the walk goes down to level 3. */
    CHECK_NO_TABLE(map(large, vspace, va), 12);
    /* A small page under a large one: the walk stops at level 2. */
    seL4_Word va2 = vm_region();
    seL4_CPtr frame2 = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(large, ROOT_VSPACE, va2));
    CHECK_NO_TABLE(map(frame2, ROOT_VSPACE, va2 + PAGE_SIZE), 21);
    CHECK_READ(va2 + PAGE_SIZE, 0);
}

static void slot_taken(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr first = vm_frame_at(va);
    CHECK_WRITE(va, 0xF1);
    seL4_CPtr second = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_ERR(map(second, ROOT_VSPACE, va), seL4_DeleteFirst);
    CHECK_READ(va, 0xF1);
    /* A copy of the mapped cap is another cap: DeleteFirst too. */
    seL4_CPtr copy = vm_copy(first);
    CHECK_ERR(map(copy, ROOT_VSPACE, va), seL4_DeleteFirst);
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    seL4_CPtr large2 = vm_object(seL4_ARM_LargePageObject, 0);
    seL4_Word va2 = vm_region();
    CHECK_OK(map(large, ROOT_VSPACE, va2));
    CHECK_ERR(map(large2, ROOT_VSPACE, va2), seL4_DeleteFirst);
    CHECK_READ(va, 0xF1);
    check_mappable(second);
}

static void stale_asid(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr stale = vm_stale_vspace();
    seL4_Word va = vm_region();
    CHECK_ERR(map(frame, stale, va), seL4_FailedLookup);
    /* The pool's ASID is handed out again: the stale cap names another VSpace. */
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr fresh = vm_vspace(asid_pool);
    CHECK_ERR1(map(frame, stale, va), seL4_InvalidCapability, 1);
    /* Deleting the stale cap leaves the new VSpace its ASID. */
    CHECK_OK(vm_delete(stale));
    CHECK_NO_TABLE(map(frame, fresh, va), 39);
    CHECK_OK(vm_map(frame, fresh, va, seL4_ReadWrite, attr));
    check_mappable(vm_copy(frame));
}

static seL4_CPtr paged_frame;

static void make_writable(seL4_Word addr)
{
    CHECK_OK(seL4_ARM_Page_Map(paged_frame, ROOT_VSPACE, addr & ~(PAGE_SIZE - 1), seL4_ReadWrite,
                               attr));
}

/* The fault handler's fix: a frame with a known word, mapped at the page. */
static void page_in(seL4_Word addr)
{
    seL4_Word page = addr & ~(PAGE_SIZE - 1);
    seL4_CPtr rw = vm_copy(paged_frame);
    CHECK_OK(vm_map(rw, ROOT_VSPACE, page + LARGE_SIZE / 2, seL4_ReadWrite, attr));
    *(volatile seL4_Word *)(page + LARGE_SIZE / 2 + (addr & (PAGE_SIZE - 1))) = 0xFA17ED;
    CHECK_OK(seL4_ARM_Page_Map(paged_frame, ROOT_VSPACE, page, seL4_CanRead, attr));
}

static void restart_after_fix(void)
{
    seL4_Word va = vm_region();
    (void)vm_map_pt(ROOT_VSPACE, va);
    paged_frame = vm_object(seL4_ARM_SmallPageObject, 0);
    probe_t r = probe_paged(PROBE_READ, va + 0x238, 0, page_in);
    TEST_CHECK(r.faulted && r.addr == va + 0x238 && r.ip == probe_load_ip());
    TEST_CHECK(ESR_FSC(r.fsr) == FSC_TRANSLATION(3));
    TEST_CHECK(!r.timeout && r.value == 0xFA17ED);
    /* A write to the now read-only page: a permission fault; the fix maps
     * it read-write (a remap) and the store goes through. */
    r = probe_paged(PROBE_WRITE, va + 0x240, 0xB0B, make_writable);
    TEST_CHECK(r.faulted && (r.fsr & ESR_WNR) != 0 && ESR_FSC(r.fsr) == FSC_PERMISSION(3));
    TEST_CHECK(!r.timeout);
    CHECK_READ(va + 0x240, 0xB0B);
}

static void check_order(void)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr ep = vm_object(seL4_EndpointObject, 0);
    seL4_CPtr stale = vm_stale_vspace();
    seL4_Word va = vm_region();
    /* The VSpace cap before the address; the ASID before the address. */
    CHECK_ERR1(map(frame, ep, seL4_UserTop + 1), seL4_InvalidCapability, 1);
    CHECK_ERR1(map(frame, ep, va + 8), seL4_InvalidCapability, 1);
    CHECK_ERR(map(frame, stale, seL4_UserTop + 1), seL4_FailedLookup);
    CHECK_ERR(map(frame, stale, va + 8), seL4_FailedLookup);
    /* A mapped frame: where it is mapped before alignment. */
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_ERR1(map(frame, ROOT_VSPACE, va + 8), seL4_InvalidArgument, 0);
    CHECK_ERR1(map(frame, ROOT_VSPACE, seL4_UserTop + 1), seL4_InvalidArgument, 0);
    CHECK_READ(va, 0);
}

static const test_case_t cases[] = {
    { "VSPACE0001", "4K frame: map, write, read via a mapped copy, unmap faults", map_small },
    { "VSPACE0002", "2M frame: map, write, read via a mapped copy, unmap faults", map_large },
    { "VSPACE0003", "remap in place changes rights (RW -> R -> RW)", remap_rights },
    { "VSPACE0004", "write to a read-only page: VMFault IP, Addr, Prefetch 0, FSR",
      read_only_fault },
    { "VSPACE0005", "read of an unmapped page: VMFault, translation fault level 3",
      unmapped_fault },
    { "VSPACE0006", "rights: write without read, none, read-only cap", rights_masked },
    { "VSPACE0007", "mapping without PageCacheable works (device memory)", uncached },
    { "VSPACE0008", "a copy of a mapped frame cap starts unmapped, maps once",
      copy_starts_unmapped },
    { "VSPACE0009", "Unmap of an unmapped frame succeeds; unmapped frame remaps",
      unmap_idempotent },
    { "VSPACE0010", "Page_Map short message or no VSpace cap: TruncatedMessage", truncated },
    { "VSPACE0011", "Page_Map with a non-VSpace or ASID-less cap: InvalidCapability 1",
      bad_vspace },
    { "VSPACE0012", "mapped frame: other VSpace InvalidCapability 1, other vaddr InvalidArgument 0",
      mapped_elsewhere },
    { "VSPACE0013", "frame end above seL4_UserTop: InvalidArgument 0", beyond_user_top },
    { "VSPACE0014", "misaligned vaddr: AlignmentError", misaligned },
    { "VSPACE0015", "no table at the frame's level: FailedLookup, bits left", missing_table },
    { "VSPACE0016", "slot already mapped: DeleteFirst", slot_taken },
    { "VSPACE0017", "VSpace whose ASID was freed: FailedLookup; ASID reused: InvalidCapability 1",
      stale_asid },
    { "VSPACE0018", "a fault handler maps the page and replies: the access restarts",
      restart_after_fix },
    { "VSPACE0019", "Page_Map's checks come in seL4's order", check_order },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
