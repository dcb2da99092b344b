// SPDX-License-Identifier: BSD-2-Clause
/*
 * ISOL0001-0006: a child process sees only what the root task gave it.
 * Addresses where the root task has pages are unmapped in the child (exact
 * VMFault), kernel addresses fault, its own code is read-only, two children
 * linked at the same addresses have separate memory, and cptrs that name
 * the root task's caps find nothing in the child's CNode.
 */
#include "harness.h"

#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */

#define KERNEL_WINDOW 0xFFFF800000000000UL
#define KERNEL_IMAGE 0xFFFFFFFF80080000UL
#define L2_INDEX(va) ((va) >> 21)

static process_t child;
static bool child_ok;
static seL4_Word child_addrs[4]; /* child_load, child_store, _start, &child_counter */

/* The child loads from va and faults; the root checks, then skips the load. */
static seL4_Word load_fault(seL4_Word va)
{
    command(&child, CMD_LOAD, va, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_IP] == child_addrs[0]);
    TEST_CHECK(mrs[seL4_VMFault_Addr] == va);
    TEST_CHECK(mrs[seL4_VMFault_PrefetchFault] == 0);
    skip_fault(&child, 0xF00);
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0xF00);
    return mrs[seL4_VMFault_FSR];
}

static void test_root_pages(void)
{
    /* The root task's text and its IPC buffer: in the child's first
     * gigabyte, whose level-2 table has no entry there. */
    const seL4_Word addrs[] = { 0x401000UL, (seL4_Word)seL4_GetBootInfo()->ipcBuffer };
    for (unsigned i = 0; i < 2; i++) {
        seL4_Word va = addrs[i];
        volatile seL4_Word root_word = *(const volatile seL4_Word *)va; /* the root has it */
        (void)root_word;
        TEST_CHECK(va < (1UL << 30) && L2_INDEX(va) != L2_INDEX(CHILD_LINK_BASE) &&
                   L2_INDEX(va) != L2_INDEX(CHILD_IPC_VA));
        TEST_CHECK(data_abort_fsr_is(load_fault(va), DFSC_TRANSLATION(2), false));
    }
}

static bool user_cannot_touch(seL4_Word fsr)
{
    seL4_Word dfsc = fsr & 0x3F;
    bool ok = ESR_EC(fsr) == EC_DABT_LOWER && (fsr & ESR_WNR) == 0 &&
              ((dfsc >= DFSC_TRANSLATION(0) && dfsc <= DFSC_TRANSLATION(3)) ||
               (dfsc >= DFSC_PERMISSION(1) && dfsc <= DFSC_PERMISSION(3)));
    if (!ok) {
        printf("    FSR 0x%lx\n", fsr);
    }
    return ok;
}

static void test_kernel_addresses(void)
{
    TEST_CHECK(user_cannot_touch(load_fault(KERNEL_WINDOW)));
    TEST_CHECK(user_cannot_touch(load_fault(KERNEL_IMAGE)));
    /* Nor can it run kernel code. */
    command(&child, CMD_EXEC, KERNEL_IMAGE, 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_IP] == KERNEL_IMAGE && mrs[seL4_VMFault_Addr] == KERNEL_IMAGE);
    TEST_CHECK(mrs[seL4_VMFault_PrefetchFault] == 1);
    TEST_CHECK(ESR_EC(mrs[seL4_VMFault_FSR]) == EC_IABT_LOWER);
    seL4_UserContext regs;
    TEST_CHECK(seL4_TCB_ReadRegisters(child.tcb, false, 0, 36, &regs) == seL4_NoError);
    regs.pc = regs.x30; /* as if the call returned */
    regs.x0 = 0xE0;
    TEST_CHECK(seL4_TCB_WriteRegisters(child.tcb, false, 0, 36, &regs) == seL4_NoError);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[0] == 0xE0);
}

static void test_own_code(void)
{
    command(&child, CMD_STORE, child_addrs[0], 0, 0);
    seL4_Word mrs[4];
    TEST_CHECK(receive_fault(&child, mrs) == seL4_Fault_VMFault);
    TEST_CHECK(mrs[seL4_VMFault_IP] == child_addrs[1] && mrs[seL4_VMFault_Addr] == child_addrs[0]);
    TEST_CHECK(data_abort_fsr_is(mrs[seL4_VMFault_FSR], DFSC_PERMISSION(3), true));
    skip_fault(&child, 0);
    seL4_Word out[4];
    TEST_CHECK(report(&child, out));
    /* Reading it is fine: ldr x0, [x0]; ret. */
    TEST_CHECK(ask(&child, CMD_LOAD, child_addrs[0], 0, 0) == 0xD65F03C0F9400000UL);
}

static void test_same_addresses(void)
{
    process_t other;
    if (!spawn(&other, 0x52, CHILD_PRIO)) {
        return;
    }
    seL4_Word counter = child_addrs[3];
    TEST_CHECK(ask(&child, CMD_STORE, counter, 0xA, 0) == 0);
    TEST_CHECK(ask(&other, CMD_LOAD, counter, 0, 0) == 0);
    TEST_CHECK(ask(&other, CMD_STORE, counter, 0xB, 0) == 0);
    TEST_CHECK(ask(&child, CMD_LOAD, counter, 0, 0) == 0xA);
    TEST_CHECK(ask(&other, CMD_LOAD, counter, 0, 0) == 0xB);
    /* The other's stack and IPC buffer are its own too. */
    TEST_CHECK(ask(&child, CMD_FILL, CHILD_STACK_VA, 64, 0x1234) == 0);
    TEST_CHECK(ask(&other, CMD_SUM, CHILD_STACK_VA, 64, 0x1234) == 64);
    TEST_CHECK(ask(&child, CMD_SUM, CHILD_STACK_VA, 64, 0x1234) == 0);
}

static void probe(seL4_CPtr cptr)
{
    TEST_CHECK(cptr < CHILD_SLOT_CMD);
    seL4_Word out[4];
    command(&child, CMD_INVOKE, cptr, 1, 0);
    bool ok = report(&child, out) && out[0] == seL4_InvalidCapability && out[1] == CAP_NULL;
    if (!ok) {
        printf("    cptr 0x%lx: error %lu, cap type %lu\n", cptr, out[0], out[1]);
    }
    TEST_CHECK(ok);
}

static void test_root_caps(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    static const seL4_CPtr initial[] = { seL4_CapInitThreadTCB, seL4_CapInitThreadCNode,
                                         seL4_CapInitThreadVSpace, seL4_CapInitThreadASIDPool,
                                         seL4_CapASIDControl, seL4_CapBootInfoFrame,
                                         seL4_CapInitThreadIPCBuffer };
    for (unsigned i = 0; i < sizeof(initial) / sizeof(initial[0]); i++) {
        probe(initial[i]);
    }
    probe(bi->userImageFrames.start);
    probe(bi->untyped.start);
    probe(harness_env.untyped);
    probe(child.tcb);       /* the root task's cap to the child's own TCB */
    probe(child.ipc_frame); /* and to the child's own IPC buffer */
    probe(child.cmd_ep - 1);
}

static void test_outside_cnode(void)
{
    /* A cptr the child's CNode cannot resolve (its guard is zero): a cap
     * fault to the child's fault endpoint, not the root task's cap. */
    seL4_CPtr cptr = 1UL << CHILD_CNODE_BITS | seL4_CapInitThreadTCB;
    command(&child, CMD_INVOKE, cptr, 1, 0);
    seL4_Word badge = 0;
    seL4_MessageInfo_t msg = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(msg) == seL4_Fault_CapFault && badge == child.badge);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == cptr);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_LookupFailureType) == seL4_GuardMismatch);
    skip_fault(&child, 0);
    seL4_Word out[4];
    TEST_CHECK(report(&child, out) && out[1] == CAP_NULL);
}

GUARDED(test_root_pages)
GUARDED(test_kernel_addresses)
GUARDED(test_own_code)
GUARDED(test_same_addresses)
GUARDED(test_root_caps)
GUARDED(test_outside_cnode)

static const test_case_t cases[] = {
    { "ISOL0001", "the root's pages are not in the child: exact VMFault at level 2", test_root_pages_case },
    { "ISOL0002", "kernel addresses fault for the child: loads and a fetch", test_kernel_addresses_case },
    { "ISOL0003", "the child's code is read-only to it: permission fault on a store",
      test_own_code_case },
    { "ISOL0004", "two children at the same addresses have separate memory", test_same_addresses_case },
    { "ISOL0005", "cptrs of the root's caps find empty slots in the child's CNode", test_root_caps_case },
    { "ISOL0006", "a cptr outside the child's CNode: a cap fault to its own handler",
      test_outside_cnode_case },
};

int main(void)
{
    harness_init(22);
    child_ok = spawn(&child, 0x51, CHILD_PRIO) && child_info(&child, child_addrs);
    return test_run(cases, TEST_COUNT(cases));
}
