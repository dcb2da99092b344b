// SPDX-License-Identifier: BSD-2-Clause
/*
 * fault_rt: the root task loads from an unmapped page; its fault handler (a
 * thread of the root's address space at the same priority) receives the
 * VMFault, maps a frame there and replies; the load then completes. The
 * timed span is the load alone, fault and handler included; the unmap that
 * prepares the next round is outside it.
 *
 * fault_delivery: the part of that from the load to the handler's first
 * instruction after its ReplyRecv returns with the fault message.
 *
 * The handler shares the root task's IPC buffer and thread-local block (the
 * root is blocked in its fault whenever the handler runs), so libsel4 stubs
 * that pass caps through the buffer work from both.
 */
#include "bench.h"

#include <vm.h>

#define FAULT_RUNS 1000
#define FAULT_VA 0x10400000UL

static struct {
    seL4_CPtr ep;
    seL4_CPtr frame;
    seL4_Word received_at; /* the counter as the handler's ReplyRecv returns */
    seL4_Word stack[512] __attribute__((aligned(16)));
} handler;

/* Recv (number) on the handler's endpoint, reading the counter the moment
 * the call returns. */
static seL4_Word receive_and_time(seL4_Word number)
{
    register seL4_Word x0 __asm__("x0") = handler.ep;
    register seL4_Word x1 __asm__("x1") = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    register seL4_Word x7 __asm__("x7") = number;
    seL4_Word now;
    __asm__ volatile("svc #0\n\tisb\n\tmrs %[now], pmevcntr0_el0"
                     : "+r"(x0), "+r"(x1), [now] "=r"(now)
                     : "r"(x7)
                     : "x2", "x3", "x4", "x5", "memory");
    return now;
}

static void handler_main(void)
{
    handler.received_at = receive_and_time(seL4_SysRecv);
    for (;;) {
        seL4_ARM_Page_Map(handler.frame, seL4_CapInitThreadVSpace, FAULT_VA, seL4_ReadWrite,
                          seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
        handler.received_at = receive_and_time(seL4_SysReplyRecv);
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
    /* The root's thread-local block too: the stubs find the IPC buffer
     * there (__sel4_ipc_buffer). */
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(ctx.tpidr_el0));
    seL4_TCB_WriteRegisters(tcb, 0, 0, sizeof(ctx) / sizeof(seL4_Word), &ctx);
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
    seL4_Word delivery = 0;
    for (int i = 0; i < WARMUP + FAULT_RUNS; i++) {
        seL4_Word start = instructions();
        (void)*page;
        seL4_Word end = instructions();
        if (i >= WARMUP) {
            total += end - start;
            delivery += handler.received_at - start;
        }
        seL4_ARM_Page_Unmap(handler.frame);
    }
    seL4_TCB_SetSpace(seL4_CapInitThreadTCB, 0, seL4_CapInitThreadCNode, 0,
                      seL4_CapInitThreadVSpace, 0);
    seL4_TCB_Suspend(tcb);
    report("fault_rt", total, FAULT_RUNS);
    report("fault_delivery", delivery, FAULT_RUNS);
}
