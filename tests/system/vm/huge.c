// SPDX-License-Identifier: BSD-2-Clause
/*
 * VSPACE0101-0105: 1 GiB frames (seL4_ARM_HugePageObject), mapped straight
 * into a level-1 entry. This image runs only on boot paths with 2 GiB of RAM,
 * where a free, aligned GiB exists as one untyped; without one the cases
 * fail rather than pass. The untyped is taken before anything else can use
 * it.
 */
#include "vm_util.h"

#define HUGE_VA 0x40000000UL  /* the root VSpace's second GiB: level-1 entry empty */
#define HUGE_VA2 0x80000000UL /* its third */

static const seL4_ARM_VMAttributes attr = seL4_ARM_Default_VMAttributes;
static seL4_CPtr huge;      /* the 1 GiB frame */
static seL4_CPtr huge_copy; /* a copy of its cap */

static void map_huge(void)
{
    TEST_CHECK(huge != 0);
    TEST_CHECK((vm_paddr(huge) & (HUGE_SIZE - 1)) == 0);
    CHECK_OK(seL4_ARM_Page_Map(huge, ROOT_VSPACE, HUGE_VA, seL4_ReadWrite, attr));
    CHECK_WRITE(HUGE_VA, 0x61);
    CHECK_WRITE(HUGE_VA + HUGE_SIZE / 2 + 8, 0x62);
    CHECK_WRITE(HUGE_VA + HUGE_SIZE - 8, 0x63);
    CHECK_OK(seL4_ARM_Page_Map(huge_copy, ROOT_VSPACE, HUGE_VA2, seL4_CanRead, attr));
    CHECK_READ(HUGE_VA2, 0x61);
    CHECK_READ(HUGE_VA2 + HUGE_SIZE / 2 + 8, 0x62);
    CHECK_READ(HUGE_VA2 + HUGE_SIZE - 8, 0x63);
    CHECK_FAULT(PROBE_WRITE, HUGE_VA2 + 8);
    TEST_CHECK(vm_paddr(huge_copy) == vm_paddr(huge));
}

static void huge_errors(void)
{
    seL4_CPtr other = huge_copy;
    /* Mapped already: elsewhere InvalidArgument 0. */
    CHECK_ERR1(seL4_ARM_Page_Map(huge, ROOT_VSPACE, HUGE_VA2, seL4_ReadWrite, attr),
               seL4_InvalidArgument, 0);
    CHECK_OK(seL4_ARM_Page_Unmap(other));
    /* The slot is taken by the other mapping: DeleteFirst, for a frame or a table. */
    CHECK_ERR(seL4_ARM_Page_Map(other, ROOT_VSPACE, HUGE_VA, seL4_ReadWrite, attr),
              seL4_DeleteFirst);
    seL4_CPtr pt = vm_object(seL4_ARM_PageTableObject, 0);
    CHECK_ERR(seL4_ARM_PageTable_Map(pt, ROOT_VSPACE, HUGE_VA + LARGE_SIZE, attr),
              seL4_DeleteFirst);
    /* Misaligned. */
    CHECK_ERR(seL4_ARM_Page_Map(other, ROOT_VSPACE, HUGE_VA2 + LARGE_SIZE, seL4_ReadWrite, attr),
              seL4_AlignmentError);
    /* Where the first GiB has a table: the walk goes on down (21 bits left). */
    CHECK_NO_TABLE(seL4_ARM_Page_Map(other, ROOT_VSPACE, 0, seL4_ReadWrite, attr), 21);
    /* A new VSpace: level 0 empty; beyond the top; the last GiB in range. */
    seL4_CPtr vspace = vm_vspace(seL4_CapInitThreadASIDPool);
    CHECK_NO_TABLE(seL4_ARM_Page_Map(other, vspace, HUGE_VA, seL4_ReadWrite, attr), 39);
    CHECK_ERR1(seL4_ARM_Page_Map(other, vspace, seL4_UserTop + 1, seL4_ReadWrite, attr),
               seL4_InvalidArgument, 0);
    CHECK_ERR1(seL4_ARM_Page_Map(other, vspace, seL4_UserTop + 1 - LARGE_SIZE, seL4_ReadWrite,
                                 attr),
               seL4_InvalidArgument, 0);
    CHECK_NO_TABLE(seL4_ARM_Page_Map(other, vspace, seL4_UserTop + 1 - HUGE_SIZE, seL4_ReadWrite,
                                     attr),
                   39);
    (void)vm_map_pt(vspace, HUGE_VA);
    CHECK_OK(seL4_ARM_Page_Map(other, vspace, HUGE_VA, seL4_ReadWrite, attr));
    CHECK_OK(seL4_ARM_Page_Unmap(other));
    CHECK_READ(HUGE_VA + HUGE_SIZE - 8, 0x63);
}

static void huge_cache_ops(void)
{
    CHECK_OK(seL4_ARM_Page_Clean_Data(huge, 0, HUGE_SIZE));
    CHECK_OK(seL4_ARM_Page_CleanInvalidate_Data(huge, HUGE_SIZE - 64, HUGE_SIZE));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(huge, 0, PAGE_SIZE));
    CHECK_ERR1(seL4_ARM_Page_Clean_Data(huge, 0, HUGE_SIZE + 1), seL4_InvalidArgument, 1);
    CHECK_ERR1(seL4_ARM_Page_Clean_Data(huge, HUGE_SIZE, HUGE_SIZE + 1), seL4_InvalidArgument, 0);
    CHECK_OK(seL4_ARM_VSpace_Clean_Data(ROOT_VSPACE, HUGE_VA + 8, HUGE_VA + HUGE_SIZE));
    CHECK_ERR(seL4_ARM_VSpace_Clean_Data(ROOT_VSPACE, HUGE_VA + 8, HUGE_VA + HUGE_SIZE + 1),
              seL4_RangeError);
    CHECK_READ(HUGE_VA, 0x61);
}

static void huge_execute_never(void)
{
    /* Code at the end of the GiB, mapped ExecuteNever then executable. */
    volatile uint32_t *code = (volatile uint32_t *)(HUGE_VA + HUGE_SIZE - PAGE_SIZE);
    if (!vm_mapped((seL4_Word)(uintptr_t)code)) {
        TEST_CHECK(!"1 GiB frame mapped");
        return;
    }
    code[0] = INSN_MOV_X0(0x99);
    code[1] = INSN_RET;
    seL4_Word exec_va = HUGE_VA2 + HUGE_SIZE - PAGE_SIZE;
    CHECK_OK(seL4_ARM_Page_Map(huge_copy, ROOT_VSPACE, HUGE_VA2, seL4_CanRead,
                               attr | seL4_ARM_ExecuteNever));
    probe_t r = probe(PROBE_EXEC, exec_va, 0);
    TEST_CHECK(r.faulted && r.prefetch == 1 && r.addr == exec_va);
    CHECK_OK(seL4_ARM_Page_Map(huge_copy, ROOT_VSPACE, HUGE_VA2, seL4_CanRead, attr));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(huge_copy, HUGE_SIZE - PAGE_SIZE,
                                             HUGE_SIZE - PAGE_SIZE + 8));
    r = probe(PROBE_EXEC, exec_va, 0);
    TEST_CHECK(!r.faulted && r.value == 0x99);
}

static void huge_delete(void)
{
    CHECK_OK(vm_delete(huge));
    CHECK_FAULT(PROBE_READ, HUGE_VA);
    CHECK_FAULT(PROBE_READ, HUGE_VA + HUGE_SIZE - 8);
    CHECK_READ(HUGE_VA2 + HUGE_SIZE / 2 + 8, 0x62);
    CHECK_OK(seL4_ARM_Page_Unmap(huge_copy));
    CHECK_FAULT(PROBE_READ, HUGE_VA2);
}

static const test_case_t cases[] = {
    { "VSPACE0101", "1G frame: map, write, read via a mapped read-only copy", map_huge },
    { "VSPACE0102", "1G frame: DeleteFirst, AlignmentError, FailedLookup, InvalidArgument",
      huge_errors },
    { "VSPACE0103", "1G frame: cache ops over the whole frame and past it", huge_cache_ops },
    { "VSPACE0104", "1G frame: ExecuteNever faults, executable runs", huge_execute_never },
    { "VSPACE0105", "1G frame: deleting the mapped cap unmaps all of it", huge_delete },
};

int main(void)
{
    unsigned bits = 0;
    seL4_CPtr ut = test_untyped(seL4_HugePageBits, &bits);
    if (ut == 0) {
        printf("no RAM untyped of 1 GiB: every case fails\n");
    } else {
        huge = test_slot();
        if (seL4_Untyped_Retype(ut, seL4_ARM_HugePageObject, 0, ROOT_CNODE, 0, 0, huge, 1) !=
            seL4_NoError) {
            huge = 0;
        }
    }
    vm_init();
    huge_copy = huge == 0 ? 0 : vm_copy(huge);
    return test_run(cases, TEST_COUNT(cases));
}
