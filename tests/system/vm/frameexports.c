// SPDX-License-Identifier: BSD-2-Clause
/*
 * FRAMEEXPORTS0001-0006: what a frame exports (seL4 manual, "Virtual
 * Memory": seL4_ARM_Page_GetAddress; frames are physical memory that outlives
 * its mappings): the physical address of frames from a boot untyped, mapped
 * or not, of copies and large frames; new frames are zero even when the
 * memory held data before; data survives unmapping and is shared between
 * VSpaces that map the same frame.
 */
#include "vm_util.h"

static const seL4_ARM_VMAttributes attr = seL4_ARM_Default_VMAttributes;

/* A RAM boot untyped no one has used, and its physical address. */
static seL4_CPtr boot_untyped(unsigned min_bits, seL4_Word *paddr)
{
    seL4_CPtr ut = test_untyped(min_bits, seL4_Null);
    TEST_CHECK(ut != 0);
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    *paddr = ut == 0 ? 0 : bi->untypedList[ut - bi->untyped.start].paddr;
    return ut;
}

static seL4_CPtr retype(seL4_CPtr ut, seL4_Word type)
{
    seL4_CPtr slot = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, type, 0, ROOT_CNODE, 0, 0, slot, 1));
    return slot;
}

static void get_address(void)
{
    seL4_Word base;
    seL4_CPtr ut = boot_untyped(seL4_LargePageBits + 1, &base);
    seL4_CPtr a = retype(ut, seL4_ARM_SmallPageObject);
    seL4_CPtr b = retype(ut, seL4_ARM_SmallPageObject);
    TEST_CHECK(vm_paddr(a) == base);
    TEST_CHECK(vm_paddr(b) == base + PAGE_SIZE);
    /* Mapped or not, original or copy. */
    seL4_Word va = vm_region();
    CHECK_OK(vm_map(a, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    TEST_CHECK(vm_paddr(a) == base);
    seL4_CPtr copy = vm_copy(a);
    TEST_CHECK(vm_paddr(copy) == base);
    CHECK_OK(seL4_ARM_Page_Unmap(a));
    TEST_CHECK(vm_paddr(a) == base);
    /* A large frame is placed at the next 2 MiB boundary. */
    seL4_CPtr large = retype(ut, seL4_ARM_LargePageObject);
    TEST_CHECK(vm_paddr(large) == base + LARGE_SIZE);
    seL4_ARM_Page_GetAddress_t r = seL4_ARM_Page_GetAddress(large);
    CHECK_OK(r.error);
}

static void zeroed(void)
{
    seL4_CPtr ut = vm_untyped(seL4_LargePageBits);
    seL4_Word va = vm_region();
    seL4_CPtr frame = retype(ut, seL4_ARM_LargePageObject);
    seL4_Word paddr = vm_paddr(frame);
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_WRITE(va, ~0UL);
    CHECK_WRITE(va + PAGE_SIZE + 8, ~0UL);
    CHECK_WRITE(va + LARGE_SIZE - 8, ~0UL);
    CHECK_OK(vm_revoke(ut));
    /* Small frames of the same memory read zero. */
    seL4_CPtr f0 = retype(ut, seL4_ARM_SmallPageObject);
    seL4_CPtr f1 = retype(ut, seL4_ARM_SmallPageObject);
    TEST_CHECK(vm_paddr(f0) == paddr);
    seL4_Word va2 = vm_region();
    CHECK_OK(vm_map(f0, ROOT_VSPACE, va2, seL4_ReadWrite, attr));
    CHECK_OK(vm_map(f1, ROOT_VSPACE, va2 + PAGE_SIZE, seL4_ReadWrite, attr));
    CHECK_READ(va2, 0);
    CHECK_READ(va2 + PAGE_SIZE + 8, 0);
}

static void survives_unmap(void)
{
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_frame_at(va);
    CHECK_WRITE(va + 0x100, 0xFEED);
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_OK(vm_map(frame, ROOT_VSPACE, vm_region(), seL4_CanRead, attr));
    seL4_CPtr copy = vm_copy(frame);
    seL4_Word va3 = vm_region();
    CHECK_OK(vm_map(copy, ROOT_VSPACE, va3, seL4_CanRead, attr));
    CHECK_READ(va3 + 0x100, 0xFEED);
}

static prober_t other; /* static: its VSpace maps only the image */

static void shared_between_vspaces(void)
{
    seL4_CPtr vspace = vm_image_vspace(seL4_CapInitThreadASIDPool);
    seL4_Word va = vm_region();
    seL4_Word va_other = va + 7 * PAGE_SIZE; /* another address there */
    seL4_CPtr frame = vm_frame_at(va);
    seL4_CPtr copy = vm_copy(frame);
    CHECK_OK(vm_map(copy, vspace, va_other, seL4_ReadWrite, attr));
    prober_init(&other, vspace);
    CHECK_WRITE(va + 16, 0xAB);
    probe_t r = prober_run(&other, PROBE_READ, va_other + 16, 0);
    TEST_CHECK(!r.faulted && r.value == 0xAB);
    r = prober_run(&other, PROBE_WRITE, va_other + 24, 0xCD);
    TEST_CHECK(!r.faulted);
    CHECK_READ(va + 24, 0xCD);
    prober_stop(&other);
}

static void large_shared(void)
{
    seL4_CPtr large = vm_object(seL4_ARM_LargePageObject, 0);
    seL4_CPtr copy = vm_copy(large);
    seL4_Word va = vm_region();
    seL4_Word va2 = vm_region();
    CHECK_OK(vm_map(large, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_OK(vm_map(copy, ROOT_VSPACE, va2, seL4_CanRead, attr));
    for (seL4_Word off = 0; off < LARGE_SIZE; off += 128 * PAGE_SIZE + 8) {
        CHECK_WRITE(va + off, off ^ 0x5A5A);
        CHECK_READ(va2 + off, off ^ 0x5A5A);
    }
    TEST_CHECK(vm_paddr(large) == vm_paddr(copy));
}

static const test_case_t cases[] = {
    { "FRAMEEXPORTS0001", "GetAddress: the untyped's address, mapped or not, copies, 2M",
      get_address },
    { "FRAMEEXPORTS0002", "new frames read zero where old frames wrote", zeroed },
    { "FRAMEEXPORTS0003", "data survives unmapping and shows in every mapping", survives_unmap },
    { "FRAMEEXPORTS0004", "one frame in two VSpaces: writes seen both ways",
      shared_between_vspaces },
    { "FRAMEEXPORTS0005", "a 2M frame's two mappings agree at every offset", large_shared },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
