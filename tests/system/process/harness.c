// SPDX-License-Identifier: BSD-2-Clause
/* The root task's side of the process tests (harness.h). */
#include "harness.h"

#include "../lib/caps.h"

proc_env_t harness_env;
unsigned harness_untyped_bits;
seL4_CPtr report_ep;
seL4_CPtr fault_ep;

void harness_init(unsigned untyped_bits)
{
    threads_init();
    harness_env = (proc_env_t){ .untyped = test_untyped(untyped_bits, &harness_untyped_bits),
                                .slot = test_slot };
    report_ep = threads_object(seL4_EndpointObject);
    fault_ep = threads_object(seL4_EndpointObject);
    if (harness_env.untyped == 0) {
        printf("    no untyped of 2^%u bytes\n", untyped_bits);
    }
}

bool spawn(process_t *p, seL4_Word badge, seL4_Word prio)
{
    bool ok = process_build(p, &harness_env, report_ep, fault_ep, badge);
    if (ok) {
        seL4_DebugNameThread(p->tcb, "child");
        ok = process_start(p, prio);
    }
    if (!ok) {
        printf("    building the process failed at %s: error %d\n", p->failed, p->error);
        test_fail(__FILE__, __LINE__, "spawn");
    }
    return ok;
}

void command(const process_t *p, seL4_Word cmd, seL4_Word a0, seL4_Word a1, seL4_Word a2)
{
    seL4_SetMR(0, a0);
    seL4_SetMR(1, a1);
    seL4_SetMR(2, a2);
    seL4_Send(p->cmd_ep, seL4_MessageInfo_new(cmd, 0, 0, 3));
}

bool report(const process_t *p, seL4_Word out[4])
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(report_ep, &badge);
    for (int i = 0; i < 4; i++) {
        out[i] = seL4_GetMR(i);
    }
    bool ok = seL4_MessageInfo_get_label(info) == LABEL_REPORT && badge == p->badge &&
              seL4_MessageInfo_get_length(info) == 4;
    TEST_CHECK(ok);
    return ok;
}

seL4_Word ask(const process_t *p, seL4_Word cmd, seL4_Word a0, seL4_Word a1, seL4_Word a2)
{
    seL4_Word out[4] = { ~0UL };
    command(p, cmd, a0, a1, a2);
    return report(p, out) ? out[0] : ~0UL;
}

seL4_Word receive_fault(const process_t *p, seL4_Word mrs[4])
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    for (int i = 0; i < 4; i++) {
        mrs[i] = seL4_GetMR(i);
    }
    TEST_CHECK(badge == p->badge);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == seL4_VMFault_Length);
    return seL4_MessageInfo_get_label(info);
}

bool data_abort_fsr_is(seL4_Word fsr, seL4_Word dfsc, bool write)
{
    seL4_Word want = (EC_DABT_LOWER << 26) | ESR_IL | (write ? ESR_WNR : 0) | dfsc;
    if (fsr & ESR_ISV) {
        /* SAS = 3 (doubleword), SRT = x0 for the load and x1 for the store, SF = 1 */
        want |= ESR_ISV | (3UL << 22) | ((write ? 1UL : 0UL) << 16) | (1UL << 15);
    }
    if (fsr != want) {
        printf("    FSR 0x%lx, expected 0x%lx\n", fsr, want);
    }
    return fsr == want;
}

void skip_fault(const process_t *p, seL4_Word value)
{
    seL4_UserContext regs;
    TEST_CHECK(seL4_TCB_ReadRegisters(p->tcb, false, 0, 4, &regs) == seL4_NoError);
    regs.pc += 4;
    regs.x0 = value;
    TEST_CHECK(seL4_TCB_WriteRegisters(p->tcb, false, 0, 4, &regs) == seL4_NoError);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
}

bool child_info(const process_t *p, seL4_Word info[4])
{
    command(p, CMD_INFO, 0, 0, 0);
    return report(p, info);
}
