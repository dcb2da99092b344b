// SPDX-License-Identifier: BSD-2-Clause
/*
 * PROC0001-0009: the root task builds processes. A VSpace gets an ASID from
 * seL4_CapInitThreadASIDPool; page tables map at levels 1-3; the child
 * program is loaded from its ELF into a VSpace of its own and runs there
 * with its own CNode; revoking the untyped everything came from tears it
 * all down, and the same objects can be retyped again. A VSpace without an
 * ASID cannot be a thread's; deleting an ASID pool strands its VSpaces;
 * a frame cap maps in one VSpace only.
 */
#include "harness.h"

#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */

#include "../lib/caps.h"
#include "elf.h"

#define L1_SPAN 0x40000000UL  /* the second gigabyte: no tables yet */
#define FAR_VA 0x8000000000UL /* level-0 index 1: needs tables at levels 1, 2 and 3 */

static seL4_CPtr new_vspace(void)
{
    seL4_CPtr vspace = env_object(&harness_env, seL4_ARM_VSpaceObject, 0);
    TEST_CHECK(vspace != 0);
    TEST_CHECK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) == seL4_NoError);
    return vspace;
}

static void test_vspace_asid(void)
{
    seL4_CPtr vspace = env_object(&harness_env, seL4_ARM_VSpaceObject, 0);
    TEST_CHECK(seL4_DebugCapIdentify(vspace) == CAP_VSPACE);
    TEST_CHECK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) == seL4_NoError);
    /* A VSpace that has an ASID cannot get a second one. */
    TEST_CHECK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) ==
               seL4_InvalidCapability);
    TEST_CHECK(seL4_GetMR(0) == 1);
}

static void test_page_table_levels(void)
{
    seL4_CPtr vspace = new_vspace();
    seL4_CPtr frame = env_object(&harness_env, seL4_ARM_SmallPageObject, 0);
    seL4_CPtr frame2 = env_object(&harness_env, seL4_ARM_SmallPageObject, 0);
    seL4_CapRights_t rw = seL4_ReadWrite;
    seL4_Word attr = seL4_ARM_Default_VMAttributes;
    TEST_CHECK(seL4_ARM_Page_Map(frame, vspace, FAR_VA, rw, attr) == seL4_FailedLookup);
    for (int level = 1; level <= 3; level++) {
        seL4_CPtr table = env_object(&harness_env, seL4_ARM_PageTableObject, 0);
        TEST_CHECK(seL4_DebugCapIdentify(table) == CAP_PAGE_TABLE);
        TEST_CHECK(seL4_ARM_PageTable_Map(table, vspace, FAR_VA, attr) == seL4_NoError);
    }
    /* Every level is there: a fourth table has nowhere to go. */
    seL4_CPtr extra = env_object(&harness_env, seL4_ARM_PageTableObject, 0);
    TEST_CHECK(seL4_ARM_PageTable_Map(extra, vspace, FAR_VA, attr) == seL4_DeleteFirst);
    TEST_CHECK(seL4_ARM_Page_Map(frame, vspace, FAR_VA, rw, attr) == seL4_NoError);
    TEST_CHECK(seL4_ARM_Page_Map(frame2, vspace, FAR_VA, rw, attr) == seL4_DeleteFirst);
    TEST_CHECK(seL4_ARM_Page_Map(frame2, vspace, FAR_VA + PAGE_SIZE, rw, attr) == seL4_NoError);
}

static void test_child_runs(void)
{
    process_t p;
    if (!spawn(&p, 0x11, CHILD_PRIO)) {
        return;
    }
    TEST_CHECK(p.entry == elf_entry(child_elf_start));
    TEST_CHECK(p.entry >= CHILD_LINK_BASE && p.entry < CHILD_LINK_BASE + 0x100000);
    seL4_Word info[4];
    TEST_CHECK(child_info(&p, info));
    TEST_CHECK(info[2] == p.entry);
    TEST_CHECK(info[0] > p.entry && info[0] < CHILD_LINK_BASE + 0x100000);
    /* Waiting for the next command, inside its own text. */
    seL4_UserContext regs;
    TEST_CHECK(seL4_TCB_ReadRegisters(p.tcb, false, 0, 2, &regs) == seL4_NoError);
    TEST_CHECK(regs.pc >= CHILD_LINK_BASE && regs.pc < CHILD_LINK_BASE + 0x100000);
    TEST_CHECK(regs.sp > CHILD_STACK_VA && regs.sp < CHILD_STACK_TOP);
    seL4_MessageInfo_t reply = seL4_Call(p.cmd_ep, seL4_MessageInfo_new(CMD_ECHO, 0, 0, 0));
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == 0 && seL4_MessageInfo_get_length(reply) == 0);
}

static void test_child_cspace(void)
{
    process_t p;
    if (!spawn(&p, 0x12, CHILD_PRIO)) {
        return;
    }
    seL4_Word out[4];
    command(&p, CMD_INVOKE, CHILD_SLOT_CMD, 0, 0);
    TEST_CHECK(report(&p, out) && out[1] == CAP_ENDPOINT);
    command(&p, CMD_INVOKE, CHILD_SLOT_FAULT, 0, 0);
    TEST_CHECK(report(&p, out) && out[1] == CAP_ENDPOINT);
    command(&p, CMD_INVOKE, CHILD_SLOT_EXTRA, 1, 0);
    TEST_CHECK(report(&p, out) && out[0] == seL4_InvalidCapability && out[1] == CAP_NULL);
    /* A frame cap given to it works in its CSpace. */
    seL4_CPtr frame = env_object(&harness_env, seL4_ARM_SmallPageObject, 0);
    TEST_CHECK(process_give(&p, frame, CHILD_SLOT_EXTRA, seL4_AllRights, 0) == seL4_NoError);
    command(&p, CMD_INVOKE, CHILD_SLOT_EXTRA, 1, 0);
    TEST_CHECK(report(&p, out) && out[0] == seL4_NoError && out[1] == CAP_FRAME);
}

static void test_suspend_resume(void)
{
    process_t p;
    if (!spawn(&p, 0x13, CHILD_PRIO)) {
        return;
    }
    TEST_CHECK(seL4_TCB_Suspend(p.tcb) == seL4_NoError);
    seL4_SetMR(0, 5);
    seL4_NBSend(p.cmd_ep, seL4_MessageInfo_new(CMD_ECHO, 0, 0, 1)); /* nobody waits: lost */
    /* Resumed, it runs from where it was (its Recv restarts). */
    TEST_CHECK(seL4_TCB_Resume(p.tcb) == seL4_NoError);
    seL4_SetMR(0, 5);
    seL4_MessageInfo_t reply = seL4_Call(p.cmd_ep, seL4_MessageInfo_new(CMD_ECHO, 0, 0, 1));
    TEST_CHECK(seL4_MessageInfo_get_length(reply) == 1 && seL4_GetMR(0) == ~5UL);
}

static void test_teardown(void)
{
    process_t p;
    if (!spawn(&p, 0x14, CHILD_PRIO)) {
        return;
    }
    TEST_CHECK(ask(&p, CMD_STORE, CHILD_IPC_VA + 2048, 0x7EA, 0) == 0);
    seL4_CPtr untyped = harness_env.untyped;
    TEST_CHECK(seL4_CNode_Revoke(seL4_CapInitThreadCNode, untyped, seL4_WordBits) ==
               seL4_NoError);
    TEST_CHECK(seL4_DebugCapIdentify(p.tcb) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(p.vspace) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(p.cnode) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(p.ipc_frame) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(p.cmd_ep) == CAP_NULL);
    /* All of it is free again: one untyped child of the whole size fits. */
    seL4_CPtr whole = env_object(&harness_env, seL4_UntypedObject, harness_untyped_bits);
    TEST_CHECK(whole != 0);
    TEST_CHECK(seL4_CNode_Revoke(seL4_CapInitThreadCNode, untyped, seL4_WordBits) ==
               seL4_NoError);
    /* The same objects again, from the same untyped; fresh memory. */
    process_t q;
    if (!spawn(&q, 0x15, CHILD_PRIO)) {
        return;
    }
    TEST_CHECK(ask(&q, CMD_LOAD, CHILD_IPC_VA + 2048, 0, 0) == 0);
    seL4_MessageInfo_t reply = seL4_Call(q.cmd_ep, seL4_MessageInfo_new(CMD_ECHO, 0, 0, 0));
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == 0);
}

static void test_configure_needs_asid(void)
{
    seL4_CPtr vspace = env_object(&harness_env, seL4_ARM_VSpaceObject, 0);
    seL4_CPtr tcb = env_object(&harness_env, seL4_TCBObject, 0);
    TEST_CHECK(seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, vspace, 0, 0, 0) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, vspace, 0) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) == seL4_NoError);
    TEST_CHECK(seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, vspace, 0, 0, 0) ==
               seL4_NoError);
}

static void test_pool_deleted(void)
{
    /* A child whose VSpace's ASID comes from a pool of its own. */
    seL4_CPtr untyped = env_object(&harness_env, seL4_UntypedObject, seL4_ASIDPoolBits);
    seL4_CPtr pool = test_slot();
    TEST_CHECK(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped,
                                             seL4_CapInitThreadCNode, pool, seL4_WordBits) ==
               seL4_NoError);
    harness_env.asid_pool = pool;
    process_t p;
    bool ok = spawn(&p, 0x16, CHILD_PRIO);
    harness_env.asid_pool = 0;
    seL4_Word info[4];
    if (!ok || !child_info(&p, info)) {
        return;
    }
    threads_settle(); /* the child waits for its next command */
    /* Deleting the pool frees its ASIDs: the child's next user access faults. */
    TEST_CHECK(seL4_CNode_Delete(seL4_CapInitThreadCNode, pool, seL4_WordBits) == seL4_NoError);
    command(&p, CMD_LOAD, CHILD_IPC_VA, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&p, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_PrefetchFault] == 1);
    TEST_CHECK(mrs[seL4_VMFault_IP] == mrs[seL4_VMFault_Addr]);
    seL4_UserContext regs = { .pc = 0 };
    TEST_CHECK(seL4_TCB_ReadRegisters(p.tcb, false, 0, 1, &regs) == seL4_NoError);
    TEST_CHECK(mrs[seL4_VMFault_IP] == regs.pc && regs.pc >= CHILD_LINK_BASE &&
               regs.pc < CHILD_LINK_BASE + PAGE_SIZE);
    TEST_CHECK(mrs[seL4_VMFault_FSR] == ((EC_IABT_LOWER << 26) | ESR_IL | DFSC_TRANSLATION(0)));
    TEST_CHECK(seL4_TCB_Suspend(p.tcb) == seL4_NoError);
    /* Its VSpace cap names an ASID that is no longer valid. */
    seL4_CPtr frame = env_object(&harness_env, seL4_ARM_SmallPageObject, 0);
    TEST_CHECK(seL4_ARM_Page_Map(frame, p.vspace, CHILD_SHARED_VA, seL4_ReadWrite,
                                 seL4_ARM_Default_VMAttributes) == seL4_FailedLookup);
}

static void test_map_rules(void)
{
    /* A frame cap maps once: not again in another VSpace nor elsewhere;
     * a copy of it starts unmapped and maps on its own. */
    seL4_CPtr mine = new_vspace();
    seL4_CPtr other = new_vspace();
    seL4_CPtr no_asid = env_object(&harness_env, seL4_ARM_VSpaceObject, 0);
    seL4_CPtr frame = env_object(&harness_env, seL4_ARM_SmallPageObject, 0);
    seL4_CapRights_t rw = seL4_ReadWrite;
    seL4_Word attr = seL4_ARM_Default_VMAttributes;
    TEST_CHECK(seL4_ARM_Page_Map(frame, no_asid, CHILD_SHARED_VA, rw, attr) ==
               seL4_InvalidCapability);
    TEST_CHECK(seL4_GetMR(0) == 1);
    TEST_CHECK(vm_map(&harness_env, mine, frame, CHILD_SHARED_VA, rw, attr) == seL4_NoError);
    TEST_CHECK(vm_map(&harness_env, other, frame, CHILD_SHARED_VA, rw, attr) ==
               seL4_InvalidCapability);
    TEST_CHECK(seL4_GetMR(0) == 1);
    TEST_CHECK(seL4_ARM_Page_Map(frame, mine, CHILD_SHARED_VA + PAGE_SIZE, rw, attr) ==
               seL4_InvalidArgument);
    TEST_CHECK(seL4_GetMR(0) == 0);
    seL4_CPtr copy = env_copy(&harness_env, frame);
    TEST_CHECK(copy != 0);
    TEST_CHECK(vm_map(&harness_env, other, copy, CHILD_SHARED_VA, rw, attr) == seL4_NoError);
    /* A mapped page table cannot map again; an unmapped VSpace cap cannot be copied. */
    seL4_CPtr table = env_object(&harness_env, seL4_ARM_PageTableObject, 0);
    TEST_CHECK(seL4_ARM_PageTable_Map(table, mine, L1_SPAN, attr) == seL4_NoError);
    TEST_CHECK(seL4_ARM_PageTable_Map(table, other, L1_SPAN, attr) == seL4_InvalidCapability);
    TEST_CHECK(seL4_GetMR(0) == 0);
    seL4_CPtr slot = test_slot();
    TEST_CHECK(seL4_CNode_Copy(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                               seL4_CapInitThreadCNode, no_asid, seL4_WordBits,
                               seL4_AllRights) == seL4_IllegalOperation);
}

static const test_case_t cases[] = {
    { "PROC0001", "a VSpace gets an ASID from the root's pool, and only one", test_vspace_asid },
    { "PROC0002", "page tables map at levels 1, 2, 3; then a frame; every slot taken once",
      test_page_table_levels },
    { "PROC0003", "the child is loaded from its ELF and runs in its own VSpace", test_child_runs },
    { "PROC0004", "the child's CNode holds exactly the caps given to it", test_child_cspace },
    { "PROC0005", "a suspended child misses a message; resumed, it answers", test_suspend_resume },
    { "PROC0006", "revoking the untyped tears a process down; the same objects retype again",
      test_teardown },
    { "PROC0007", "TCB_Configure and SetSpace need a VSpace with an ASID", test_configure_needs_asid },
    { "PROC0008", "the child's ASID pool deleted: it faults on its next access; its VSpace is stale",
      test_pool_deleted },
    { "PROC0009", "a frame cap maps once, in one VSpace; copies map apart; tables and VSpaces too",
      test_map_rules },
};

int main(void)
{
    harness_init(22);
    return test_run(cases, TEST_COUNT(cases));
}
