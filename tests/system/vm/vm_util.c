// SPDX-License-Identifier: BSD-2-Clause
/*
 * Objects, slots, regions and mappings for the VM test images (vm_util.h).
 * Objects come from a pool untyped taken from the boot info; when one is used
 * up the next is taken, so a failed retype means memory really ran out.
 */
#include "vm_util.h"

#define POOL_BITS 24

static seL4_CPtr pool;
static seL4_Word next_region;

void vm_init(void)
{
    threads_init();
}

static seL4_Error pool_retype(seL4_Word type, seL4_Word size_bits, seL4_CPtr slot)
{
    seL4_Error err = seL4_NotEnoughMemory;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (pool == 0) {
            pool = test_untyped(POOL_BITS, seL4_Null);
        }
        err = seL4_Untyped_Retype(pool, type, size_bits, ROOT_CNODE, 0, 0, slot, 1);
        if (err != seL4_NotEnoughMemory) {
            break;
        }
        pool = 0; /* used up: take the next one */
    }
    if (err != seL4_NoError) {
        printf("    pool retype of type %lu size %lu: error %d\n", type, size_bits, (int)err);
    }
    return err;
}

seL4_CPtr vm_object(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = test_slot();
    return pool_retype(type, size_bits, slot) == seL4_NoError ? slot : 0;
}

seL4_CPtr vm_untyped(unsigned bits)
{
    return vm_object(seL4_UntypedObject, bits);
}

seL4_CPtr vm_slots(seL4_Word n)
{
    seL4_CPtr first = test_slot();
    for (seL4_Word i = 1; i < n; i++) {
        (void)test_slot();
    }
    return first;
}

seL4_Word vm_region(void)
{
    seL4_Word region = REGION_BASE + next_region * LARGE_SIZE;
    next_region++;
    TEST_CHECK(region < REGION_END);
    return region;
}

seL4_CPtr vm_copy(seL4_CPtr cap)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_CNode_Copy(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, cap,
                                     seL4_WordBits, seL4_AllRights);
    return err == seL4_NoError ? slot : 0;
}

seL4_CPtr vm_mint(seL4_CPtr cap, seL4_CapRights_t rights)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_CNode_Mint(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, cap,
                                     seL4_WordBits, rights, 0);
    return err == seL4_NoError ? slot : 0;
}

seL4_Error vm_delete(seL4_CPtr slot)
{
    return seL4_CNode_Delete(ROOT_CNODE, slot, seL4_WordBits);
}

seL4_Error vm_revoke(seL4_CPtr slot)
{
    return seL4_CNode_Revoke(ROOT_CNODE, slot, seL4_WordBits);
}

seL4_CPtr vm_map_pt(seL4_CPtr vspace, seL4_Word vaddr)
{
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    seL4_Error err = pt == 0 ? seL4_NotEnoughMemory
                             : seL4_ARM_PageTable_Map(pt, vspace, vaddr,
                                                      seL4_ARM_Default_VMAttributes);
    if (err != seL4_NoError) {
        printf("    page table at %lx: error %d\n", vaddr, (int)err);
        TEST_CHECK(err == seL4_NoError);
        return 0;
    }
    return pt;
}

seL4_Error vm_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights,
                  seL4_ARM_VMAttributes attr)
{
    seL4_Error err = seL4_ARM_Page_Map(frame, vspace, vaddr, rights, attr);
    for (int level = 0; level < 3 && err == seL4_FailedLookup; level++) {
        if (vm_map_pt(vspace, vaddr) == 0) {
            break;
        }
        err = seL4_ARM_Page_Map(frame, vspace, vaddr, rights, attr);
    }
    return err;
}

seL4_CPtr vm_frame_at(seL4_Word vaddr)
{
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_Error err = frame == 0 ? seL4_NotEnoughMemory
                                : vm_map(frame, ROOT_VSPACE, vaddr, seL4_ReadWrite,
                                         seL4_ARM_Default_VMAttributes);
    CHECK_OK(err);
    return err == seL4_NoError ? frame : 0;
}

seL4_CPtr vm_vspace(seL4_CPtr asid_pool)
{
    seL4_CPtr vspace = vm_object(seL4_ARM_VSpaceObject, 0);
    seL4_Error err = vspace == 0 ? seL4_NotEnoughMemory
                                 : seL4_ARM_ASIDPool_Assign(asid_pool, vspace);
    CHECK_OK(err);
    return err == seL4_NoError ? vspace : 0;
}

seL4_CPtr vm_make_pool(void)
{
    seL4_CPtr ut = vm_untyped(seL4_ASIDPoolBits);
    seL4_CPtr slot = test_slot();
    seL4_Error err = ut == 0 ? seL4_NotEnoughMemory
                             : seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE,
                                                             slot, seL4_WordBits);
    CHECK_OK(err);
    return err == seL4_NoError ? slot : 0;
}

seL4_CPtr vm_stale_vspace(void)
{
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr vspace = asid_pool == 0 ? 0 : vm_vspace(asid_pool);
    if (asid_pool != 0) {
        CHECK_OK(vm_delete(asid_pool));
    }
    return vspace;
}

extern char __bss_end[]; /* libsel-style/src/root_task.ld */

bool vm_map_image(seL4_CPtr vspace)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_Word pages = ((seL4_Word)(uintptr_t)__bss_end - IMAGE_BASE + PAGE_SIZE - 1) / PAGE_SIZE;
    for (seL4_Word i = 0; i < pages; i++) {
        seL4_CPtr copy = vm_copy(bi->userImageFrames.start + i);
        seL4_Error err = copy == 0 ? seL4_IllegalOperation
                                   : vm_map(copy, vspace, IMAGE_BASE + i * PAGE_SIZE,
                                            seL4_AllRights, seL4_ARM_Default_VMAttributes);
        if (err != seL4_NoError) {
            printf("    image page %lu in a new VSpace: error %d\n", i, (int)err);
            TEST_CHECK(err == seL4_NoError);
            return false;
        }
    }
    return true;
}

seL4_CPtr vm_image_vspace(seL4_CPtr asid_pool)
{
    seL4_CPtr vspace = vm_vspace(asid_pool);
    return vspace != 0 && vm_map_image(vspace) ? vspace : 0;
}

seL4_Word vm_paddr(seL4_CPtr frame)
{
    seL4_ARM_Page_GetAddress_t r = seL4_ARM_Page_GetAddress(frame);
    return r.error == seL4_NoError ? r.paddr : ~0UL;
}

seL4_Error vm_invoke(seL4_CPtr cap, seL4_Word label, seL4_Word length, const seL4_Word *mrs,
                     seL4_Word extra_caps, const seL4_CPtr *caps)
{
    for (seL4_Word i = 0; i < length && i < 4; i++) {
        seL4_SetMR((int)i, mrs[i]);
    }
    for (seL4_Word i = 0; i < extra_caps; i++) {
        seL4_SetCap((int)i, caps[i]);
    }
    seL4_MessageInfo_t info = seL4_Call(cap, seL4_MessageInfo_new(label, 0, extra_caps, length));
    return (seL4_Error)seL4_MessageInfo_get_label(info);
}

void vm_expect(const char *file, int line, seL4_Error got, seL4_Error want, int count,
               seL4_Word mr0, seL4_Word mr1, seL4_Word mr2)
{
    const seL4_Word want_mr[3] = { mr0, mr1, mr2 };
    bool ok = got == want;
    for (int i = 0; ok && i < count; i++) {
        ok = seL4_GetMR(i) == want_mr[i];
    }
    if (ok) {
        return;
    }
    printf("    got error %d MRs %lx %lx %lx; want %d", (int)got, seL4_GetMR(0), seL4_GetMR(1),
           seL4_GetMR(2), (int)want);
    for (int i = 0; i < count; i++) {
        printf(" %lx", want_mr[i]);
    }
    printf("\n");
    test_fail(file, line, "error code and message registers");
}
