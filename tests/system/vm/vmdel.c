// SPDX-License-Identifier: BSD-2-Clause
/*
 * VMDEL0001-0012: deleting VM objects leaves no translation behind (seL4
 * manual, "Virtual Memory" and "Deletion"): a mapped frame cap, the last cap
 * of a page table, a VSpace, an ASID pool, and the untypeds they came from.
 * Each case touches the memory first (so a translation may be cached in the
 * TLB), deletes, and touches again: the access must fault. Threads whose
 * VSpace was destroyed or lost its ASID fault on their next access; an ASID
 * handed out again starts with nothing mapped.
 */
#include "vm_util.h"

static const seL4_ARM_VMAttributes attr = seL4_ARM_Default_VMAttributes;

static seL4_Error map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr)
{
    return vm_map(frame, vspace, vaddr, seL4_ReadWrite, attr);
}

/* A frame mapped at va with a known word; checks it is readable. */
static seL4_CPtr touched_frame(seL4_CPtr untyped, seL4_Word type, seL4_Word va, seL4_Word word)
{
    seL4_CPtr frame = test_slot();
    CHECK_OK(seL4_Untyped_Retype(untyped, type, 0, ROOT_CNODE, 0, 0, frame, 1));
    CHECK_OK(map(frame, ROOT_VSPACE, va));
    CHECK_WRITE(va, word);
    CHECK_READ(va, word);
    return frame;
}

/* A thread in a VSpace of its own that has read va once. */
static prober_t thread;

static void start_reader(seL4_CPtr vspace, seL4_Word va, seL4_Word want)
{
    prober_init(&thread, vspace);
    probe_t r = prober_run(&thread, PROBE_READ, va, 0);
    TEST_CHECK(!r.faulted && !r.timeout && r.value == want);
}

static void check_reader_faults(seL4_Word va)
{
    probe_t r = prober_run(&thread, PROBE_READ, va, 0);
    TEST_CHECK(r.faulted);
    if (!r.faulted) {
        printf("    read of %lx: timeout %d value %lx\n", va, r.timeout, r.value);
    }
    prober_stop(&thread);
}

static void delete_frame(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = touched_frame(vm_untyped(seL4_PageBits), seL4_ARM_SmallPageObject, va, 0xD1);
    seL4_CPtr copy = vm_copy(frame);
    CHECK_OK(vm_delete(frame)); /* not the last cap: the mapping is the cap's */
    CHECK_FAULT(PROBE_READ, va);
    CHECK_FAULT(PROBE_WRITE, va);
    CHECK_OK(map(copy, ROOT_VSPACE, va + PAGE_SIZE));
    CHECK_READ(va + PAGE_SIZE, 0xD1);
    CHECK_OK(vm_delete(copy)); /* the last cap */
    CHECK_FAULT(PROBE_READ, va + PAGE_SIZE);
}

static void delete_large_frame(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_LargePageObject, 0);
    CHECK_OK(map(frame, ROOT_VSPACE, va));
    CHECK_WRITE(va, 1);
    CHECK_WRITE(va + LARGE_SIZE - 8, 2);
    CHECK_OK(vm_delete(frame));
    CHECK_FAULT(PROBE_READ, va);
    CHECK_FAULT(PROBE_READ, va + LARGE_SIZE - 8);
}

static void delete_page_table(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, ROOT_VSPACE, va + 3 * PAGE_SIZE));
    CHECK_WRITE(va + 3 * PAGE_SIZE, 0xD2);
    seL4_CPtr copy = vm_copy(pt);
    CHECK_OK(vm_delete(pt)); /* a copy is left: still mapped */
    CHECK_READ(va + 3 * PAGE_SIZE, 0xD2);
    CHECK_OK(vm_delete(copy)); /* the last cap unmaps the table */
    CHECK_FAULT(PROBE_READ, va + 3 * PAGE_SIZE);
    /* The frame's cap lets go of the dead mapping and maps again. */
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_OK(map(frame, ROOT_VSPACE, vm_region()));
}

static void delete_vspace(void)
{
    /* A fresh pool: its first ASID comes back to the next VSpace. */
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr vspace = vm_image_vspace(asid_pool);
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, vspace, va));
    seL4_CPtr view = vm_copy(frame);
    CHECK_OK(map(view, ROOT_VSPACE, va));
    CHECK_WRITE(va, 0xD3);
    start_reader(vspace, va, 0xD3);
    /* The thread's TCB holds a copy of the VSpace cap: still alive. */
    CHECK_OK(vm_delete(vspace));
    probe_t r = prober_run(&thread, PROBE_READ, va, 0);
    TEST_CHECK(!r.faulted && r.value == 0xD3);
    prober_stop(&thread); /* the last cap goes with the TCB */
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    /* The ASID again, in a new VSpace with nothing at va. */
    seL4_CPtr again = vm_image_vspace(asid_pool);
    prober_init(&thread, again);
    check_reader_faults(va);
    CHECK_OK(map(frame, ROOT_VSPACE, va + PAGE_SIZE));
    CHECK_READ(va + PAGE_SIZE, 0xD3);
}

static void delete_vspace_copy(void)
{
    seL4_CPtr vspace = vm_image_vspace(seL4_CapInitThreadASIDPool);
    seL4_CPtr copy = vm_copy(vspace);
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, vspace, va));
    CHECK_OK(vm_delete(copy)); /* not the last cap: the ASID stays */
    start_reader(vspace, va, 0);
    seL4_CPtr other = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(other, vspace, va + PAGE_SIZE));
    prober_stop(&thread);
}

static void delete_pool(void)
{
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr vspace = vm_image_vspace(asid_pool);
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, vspace, va));
    start_reader(vspace, va, 0);
    CHECK_OK(vm_delete(asid_pool));
    check_reader_faults(va);
    seL4_CPtr other = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_ERR(seL4_ARM_Page_Map(other, vspace, va + PAGE_SIZE, seL4_ReadWrite, attr),
              seL4_FailedLookup);
}

static void revoke_frame_untyped(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr ut = vm_untyped(seL4_LargePageBits);
    (void)touched_frame(ut, seL4_ARM_SmallPageObject, va, 0xD4);
    (void)touched_frame(ut, seL4_ARM_SmallPageObject, va + PAGE_SIZE, 0xD5);
    seL4_Word va2 = vm_region();
    (void)touched_frame(vm_untyped(seL4_LargePageBits), seL4_ARM_LargePageObject, va2, 0xD6);
    CHECK_OK(vm_revoke(ut));
    CHECK_FAULT(PROBE_READ, va);
    CHECK_FAULT(PROBE_READ, va + PAGE_SIZE);
    CHECK_READ(va2, 0xD6); /* another untyped's frame stays */
    /* The memory comes back as a new, zeroed frame elsewhere; the old
     * addresses still fault. */
    seL4_Word va3 = vm_region();
    seL4_CPtr frame = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, frame, 1));
    CHECK_OK(map(frame, ROOT_VSPACE, va3));
    CHECK_READ(va3, 0);
    CHECK_WRITE(va3, 0xD7);
    CHECK_FAULT(PROBE_READ, va);
}

static void revoke_table_untyped(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr ut = vm_untyped(seL4_PageTableBits);
    seL4_CPtr pt = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_PageTableObject, 0, ROOT_CNODE, 0, 0, pt, 1));
    CHECK_OK(seL4_ARM_PageTable_Map(pt, ROOT_VSPACE, va, attr));
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, ROOT_VSPACE, va));
    CHECK_WRITE(va, 0xD8);
    CHECK_OK(vm_revoke(ut));
    CHECK_FAULT(PROBE_READ, va);
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_OK(map(frame, ROOT_VSPACE, va)); /* with a new table */
    CHECK_READ(va, 0xD8);
}

static void revoke_vspace_untyped(void)
{
    seL4_CPtr ut = vm_untyped(seL4_VSpaceBits);
    seL4_CPtr vspace = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_VSpaceObject, 0, ROOT_CNODE, 0, 0, vspace, 1));
    CHECK_OK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace));
    TEST_CHECK(vm_map_image(vspace));
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, vspace, va));
    start_reader(vspace, va, 0);
    CHECK_OK(vm_revoke(ut)); /* the TCB's copy of the cap goes too */
    TEST_CHECK(seL4_DebugCapIdentify(vspace) == CAP_NULL);
    check_reader_faults(va);
}

static void revoke_pool_untyped(void)
{
    seL4_CPtr ut = vm_untyped(seL4_ASIDPoolBits);
    seL4_CPtr asid_pool = test_slot();
    CHECK_OK(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, asid_pool,
                                           seL4_WordBits));
    seL4_CPtr vspace = vm_image_vspace(asid_pool);
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(map(frame, vspace, va));
    start_reader(vspace, va, 0);
    CHECK_OK(vm_revoke(ut));
    TEST_CHECK(seL4_DebugCapIdentify(asid_pool) == CAP_NULL);
    check_reader_faults(va);
}

static void revoke_everything(void)
{
    /* Pool, VSpace, tables and frame all from one untyped. */
    seL4_CPtr ut = vm_untyped(seL4_PageBits + 4);
    seL4_CPtr objs = vm_slots(6);
    CHECK_OK(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, vm_untyped(seL4_ASIDPoolBits),
                                           ROOT_CNODE, objs, seL4_WordBits));
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_VSpaceObject, 0, ROOT_CNODE, 0, 0, objs + 1, 1));
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_PageTableObject, 0, ROOT_CNODE, 0, 0, objs + 2, 3));
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, objs + 5, 1));
    CHECK_OK(seL4_ARM_ASIDPool_Assign(objs, objs + 1));
    seL4_Word va = vm_region();
    for (unsigned i = 0; i < 3; i++) {
        CHECK_OK(seL4_ARM_PageTable_Map(objs + 2 + i, objs + 1, va, attr));
    }
    CHECK_OK(seL4_ARM_Page_Map(objs + 5, objs + 1, va, seL4_ReadWrite, attr));
    CHECK_OK(vm_revoke(ut));
    for (unsigned i = 1; i < 6; i++) {
        TEST_CHECK(seL4_DebugCapIdentify(objs + i) == CAP_NULL);
    }
    /* The pool is intact and hands the ASID out again. */
    seL4_CPtr again = vm_image_vspace(objs);
    prober_init(&thread, again);
    check_reader_faults(va);
}

static const test_case_t cases[] = {
    { "VMDEL0001", "deleting a mapped frame cap unmaps it (a copy is left unmapped)",
      delete_frame },
    { "VMDEL0002", "deleting a mapped 2M frame cap unmaps all of it", delete_large_frame },
    { "VMDEL0003", "deleting a table's last cap unmaps it; a copy keeps it", delete_page_table },
    { "VMDEL0004", "a destroyed VSpace's ASID comes back with nothing mapped", delete_vspace },
    { "VMDEL0005", "deleting one of two VSpace caps keeps the ASID", delete_vspace_copy },
    { "VMDEL0006", "deleting an ASID pool: its threads fault, its VSpaces FailedLookup",
      delete_pool },
    { "VMDEL0007", "revoking a frame's untyped unmaps; the memory returns zeroed elsewhere",
      revoke_frame_untyped },
    { "VMDEL0008", "revoking a page table's untyped unmaps what it held", revoke_table_untyped },
    { "VMDEL0009", "revoking a VSpace's untyped: its thread faults", revoke_vspace_untyped },
    { "VMDEL0010", "revoking an ASID pool's untyped: its threads fault", revoke_pool_untyped },
    { "VMDEL0011", "revoking the untyped of a VSpace, its tables and frame", revoke_everything },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
