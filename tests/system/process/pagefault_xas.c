// SPDX-License-Identifier: BSD-2-Clause
/*
 * PAGEFAULTXAS0001-0006: a child process faults in its own VSpace and the
 * root task, its fault handler, receives the VMFault with exact message
 * registers (IP, Addr, PrefetchFault, FSR = ESR_EL1), maps a frame there
 * (creating the page tables the walk lacked), replies, and the child's
 * access completes as if the page had always been there.
 */
#include "harness.h"

#define L1_VA 0x40000000UL   /* level-1 index 1: its level-1 entry is empty */
#define L0_VA 0x8000000000UL /* level-0 index 1: empty from level 0 */
#define EXEC_VA 0x50000000UL /* in L1_VA's gigabyte, another 2 MiB */
#define INSN_MOVZ_X0_4242 0xD2884840U /* movz x0, #0x4242 */
#define INSN_RET 0xD65F03C0U

static process_t child;
static bool child_ok;
static seL4_Word child_addrs[4]; /* child_load, child_store, _start, &child_counter */
static seL4_Word next_root_va = ROOT_SHARED_VA;

/* A new frame mapped in the root task, and a copy of its cap to map in the child. */
static seL4_CPtr root_frame(volatile seL4_Word **view, seL4_CPtr *copy)
{
    seL4_CPtr frame = vm_root_page(&harness_env, next_root_va);
    *view = (volatile seL4_Word *)next_root_va;
    next_root_va += PAGE_SIZE;
    *copy = env_copy(&harness_env, frame);
    TEST_CHECK(frame != 0 && *copy != 0);
    return frame;
}

static bool check_vm_fault(const seL4_Word mrs[4], seL4_Word ip, seL4_Word addr)
{
    bool ok = mrs[seL4_VMFault_IP] == ip && mrs[seL4_VMFault_Addr] == addr &&
              mrs[seL4_VMFault_PrefetchFault] == 0;
    if (!ok) {
        printf("    IP 0x%lx Addr 0x%lx Prefetch %lu\n", mrs[0], mrs[1], mrs[2]);
    }
    return ok;
}

static void test_read_fault(void)
{
    volatile seL4_Word *view;
    seL4_CPtr copy;
    (void)root_frame(&view, &copy);
    view[0x88 / 8] = 0xC0FFEE;
    command(&child, CMD_LOAD, L1_VA + 0x88, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(check_vm_fault(mrs, child_addrs[0], L1_VA + 0x88));
    TEST_CHECK(data_abort_fsr_is(mrs[seL4_VMFault_FSR], DFSC_TRANSLATION(1), false));
    unsigned tables = harness_env.tables;
    TEST_CHECK(vm_map(&harness_env, child.vspace, copy, L1_VA, seL4_ReadWrite,
                      seL4_ARM_Default_VMAttributes) == seL4_NoError);
    TEST_CHECK(harness_env.tables == tables + 2); /* levels 2 and 3 */
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0xC0FFEE);
}

static void test_write_fault(void)
{
    volatile seL4_Word *view;
    seL4_CPtr copy;
    (void)root_frame(&view, &copy);
    command(&child, CMD_STORE, L0_VA + 0x10, 0x5EED, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(check_vm_fault(mrs, child_addrs[1], L0_VA + 0x10));
    TEST_CHECK(data_abort_fsr_is(mrs[seL4_VMFault_FSR], DFSC_TRANSLATION(0), true));
    unsigned tables = harness_env.tables;
    TEST_CHECK(vm_map(&harness_env, child.vspace, copy, L0_VA, seL4_ReadWrite,
                      seL4_ARM_Default_VMAttributes) == seL4_NoError);
    TEST_CHECK(harness_env.tables == tables + 3); /* levels 1, 2 and 3 */
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0);
    TEST_CHECK(view[0x10 / 8] == 0x5EED);
}

static void test_permission_fault(void)
{
    volatile seL4_Word *view;
    seL4_CPtr copy;
    (void)root_frame(&view, &copy);
    view[0] = 0xAB;
    seL4_Word va = L1_VA + PAGE_SIZE;
    TEST_CHECK(vm_map(&harness_env, child.vspace, copy, va, seL4_CanRead,
                      seL4_ARM_Default_VMAttributes) == seL4_NoError);
    TEST_CHECK(ask(&child, CMD_LOAD, va, 0, 0) == 0xAB);
    command(&child, CMD_STORE, va + 8, 0xCD, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(check_vm_fault(mrs, child_addrs[1], va + 8));
    TEST_CHECK(data_abort_fsr_is(mrs[seL4_VMFault_FSR], DFSC_PERMISSION(3), true));
    /* Mapping the same cap at the same place again changes its rights. */
    TEST_CHECK(seL4_ARM_Page_Map(copy, child.vspace, va, seL4_ReadWrite,
                                 seL4_ARM_Default_VMAttributes) == seL4_NoError);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0);
    TEST_CHECK(view[1] == 0xCD);
}

static void test_restart_unfixed(void)
{
    /* A reply that fixes nothing restarts the load, which faults again the same way. */
    seL4_Word va = L1_VA + 3 * PAGE_SIZE + 0x20;
    command(&child, CMD_LOAD, va, 0, 0);
    seL4_Word first[4];
    seL4_Word again[4];
    TEST_CHECK(receive_fault(&child, first) == seL4_Fault_VMFault);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    TEST_CHECK(receive_fault(&child, again) == seL4_Fault_VMFault);
    TEST_CHECK(check_vm_fault(again, child_addrs[0], va));
    TEST_CHECK(data_abort_fsr_is(again[seL4_VMFault_FSR], DFSC_TRANSLATION(3), false));
    for (int i = 0; i < 4; i++) {
        TEST_CHECK(first[i] == again[i]);
    }
    skip_fault(&child, 0x600D);
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0x600D);
}

/* A frame holding `mov x0, #0x4242; ret`, made visible to instruction
 * fetch; returns the copy of its cap that the child's VSpace may map. */
static seL4_CPtr code_frame(void)
{
    volatile seL4_Word *view;
    seL4_CPtr copy;
    seL4_CPtr frame = root_frame(&view, &copy);
    volatile uint32_t *code = (volatile uint32_t *)view;
    code[0] = INSN_MOVZ_X0_4242;
    code[1] = INSN_RET;
    TEST_CHECK(seL4_ARM_Page_Unify_Instruction(frame, 0, PAGE_SIZE) == seL4_NoError);
    return copy;
}

static void test_prefetch_fault(void)
{
    seL4_CPtr copy = code_frame();
    command(&child, CMD_EXEC, EXEC_VA, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_IP] == EXEC_VA && mrs[seL4_VMFault_Addr] == EXEC_VA);
    TEST_CHECK(mrs[seL4_VMFault_PrefetchFault] == 1);
    seL4_Word want = (EC_IABT_LOWER << 26) | ESR_IL | DFSC_TRANSLATION(2);
    if (mrs[seL4_VMFault_FSR] != want) {
        printf("    FSR 0x%lx, expected 0x%lx\n", mrs[seL4_VMFault_FSR], want);
    }
    TEST_CHECK(mrs[seL4_VMFault_FSR] == want);
    TEST_CHECK(vm_map(&harness_env, child.vspace, copy, EXEC_VA, seL4_CanRead,
                      seL4_ARM_Default_VMAttributes) == seL4_NoError);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0x4242);
}

static void test_execute_never(void)
{
    /* The same code mapped ExecuteNever: fetching it is a permission fault. */
    seL4_CPtr copy = code_frame();
    seL4_Word va = EXEC_VA + PAGE_SIZE;
    TEST_CHECK(vm_map(&harness_env, child.vspace, copy, va, seL4_CanRead,
                      seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever) == seL4_NoError);
    command(&child, CMD_EXEC, va, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_IP] == va && mrs[seL4_VMFault_Addr] == va);
    TEST_CHECK(mrs[seL4_VMFault_PrefetchFault] == 1);
    TEST_CHECK(mrs[seL4_VMFault_FSR] == ((EC_IABT_LOWER << 26) | ESR_IL | DFSC_PERMISSION(3)));
    /* Remapped executable in place, the fetch succeeds. */
    TEST_CHECK(seL4_ARM_Page_Map(copy, child.vspace, va, seL4_CanRead,
                                 seL4_ARM_Default_VMAttributes) == seL4_NoError);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0x4242);
}

GUARDED(test_read_fault)
GUARDED(test_write_fault)
GUARDED(test_permission_fault)
GUARDED(test_restart_unfixed)
GUARDED(test_prefetch_fault)
GUARDED(test_execute_never)

static const test_case_t cases[] = {
    { "PAGEFAULTXAS0001", "read fault at level 1: exact VMFault; map (2 tables), reply, load completes",
      test_read_fault_case },
    { "PAGEFAULTXAS0002", "write fault at level 0: WnR; map (3 tables), reply, store lands in the frame",
      test_write_fault_case },
    { "PAGEFAULTXAS0003", "store to a read-only page: permission fault; remap writable, store completes",
      test_permission_fault_case },
    { "PAGEFAULTXAS0004", "a reply that fixes nothing: the same fault again", test_restart_unfixed_case },
    { "PAGEFAULTXAS0005", "instruction fetch fault: PrefetchFault 1, IP = Addr; map code, it runs",
      test_prefetch_fault_case },
    { "PAGEFAULTXAS0006", "fetch from an ExecuteNever page: permission fault; remapped, it runs",
      test_execute_never_case },
};

int main(void)
{
    harness_init(22);
    child_ok = spawn(&child, 0x31, CHILD_PRIO) && child_info(&child, child_addrs);
    return test_run(cases, TEST_COUNT(cases));
}
