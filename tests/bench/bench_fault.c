// SPDX-License-Identifier: BSD-2-Clause
/*
 * fault_rt: the root task loads from an unmapped page; its fault handler (a
 * thread of the root's address space at the same priority) receives the
 * VMFault, maps a frame there and replies; the load then completes. The
 * timed span is the load alone, fault and handler included; the unmap that
 * prepares the next round is outside it.
 *
 * The handler shares the root task's IPC buffer (the root is blocked in its
 * fault whenever the handler runs), so libsel4 stubs that pass caps through
 * the buffer work from both.
 */
#include "bench.h"

#include <vm.h>

#define FAULT_RUNS 1000
#define FAULT_VA 0x10400000UL

static struct {
    seL4_CPtr ep;
    seL4_CPtr frame;
    seL4_Word stack[512] __attribute__((aligned(16)));
} handler;

static void handler_main(void)
{
    cairn_regs_t r = { handler.ep, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    for (;;) {
        seL4_ARM_Page_Map(handler.frame, seL4_CapInitThreadVSpace, FAULT_VA, seL4_ReadWrite,
                          seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
        r.x0 = handler.ep;
        r.x1 = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
        cairn_syscall(seL4_SysReplyRecv, &r);
    }
}

static seL4_CPtr start_handler(proc_env_t *env)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_CPtr tcb = env_object(env, seL4_TCBObject, 0);
    seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                       (seL4_Word)bi->ipcBuffer, seL4_CapInitThreadIPCBuffer);
    seL4_UserContext ctx = { 0 };
    ctx.pc = (seL4_Word)handler_main;
    ctx.sp = (seL4_Word)(handler.stack + 512);
    seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
    seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio);
    seL4_TCB_Resume(tcb);
    return tcb;
}

void bench_fault(struct proc_env *env)
{
    handler.ep = env_object(env, seL4_EndpointObject, 0);
    handler.frame = env_object(env, seL4_ARM_SmallPageObject, 0);
    /* Page tables for FAULT_VA exist before timing starts. */
    if (vm_map(env, seL4_CapInitThreadVSpace, handler.frame, FAULT_VA, seL4_ReadWrite,
               seL4_ARM_Default_VMAttributes) != seL4_NoError) {
        printf("bench: fault_rt could not map\n");
        return;
    }
    seL4_ARM_Page_Unmap(handler.frame);
    seL4_CPtr tcb = start_handler(env);
    /* The root task's faults now go to the handler's endpoint. */
    seL4_TCB_SetSpace(seL4_CapInitThreadTCB, handler.ep, seL4_CapInitThreadCNode, 0,
                      seL4_CapInitThreadVSpace, 0);
    volatile const seL4_Word *page = (volatile const seL4_Word *)FAULT_VA;
    seL4_Word total = 0;
    for (int i = 0; i < WARMUP + FAULT_RUNS; i++) {
        seL4_Word start = instructions();
        (void)*page;
        seL4_Word end = instructions();
        if (i >= WARMUP) {
            total += end - start;
        }
        seL4_ARM_Page_Unmap(handler.frame);
    }
    seL4_TCB_SetSpace(seL4_CapInitThreadTCB, 0, seL4_CapInitThreadCNode, 0,
                      seL4_CapInitThreadVSpace, 0);
    seL4_TCB_Suspend(tcb);
    report("fault_rt", total, FAULT_RUNS);
}
