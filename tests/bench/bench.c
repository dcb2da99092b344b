// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cairn's benchmarks (DESIGN §7): instructions per operation, counted by the
 * PMU's instructions-retired event at EL0 and EL1 together, under QEMU with
 * -icount shift=0,sleep=off. Each measure runs 100 warm-ups, then N timed
 * operations, and prints "bench NAME INSTRUCTIONS" with the average. Helper
 * threads share the root task's address space and use no FP/SIMD unless the
 * measure's name says so.
 */
#include "bench.h"

#include "irq_latency.h"

#define IRQ_RUNS 200
#define PAGE 4096UL
#define IMAGE_BASE 0x400000UL

typedef struct server {
    char stack[8192] __attribute__((aligned(16)));
    seL4_IPCBuffer buffer __attribute__((aligned(PAGE)));
    char pad[PAGE - sizeof(seL4_IPCBuffer)];
    seL4_CPtr ep;
    seL4_Word reply_length;
    int use_fpu;
} server_t;

static server_t server __attribute__((aligned(PAGE)));
static seL4_CPtr next_slot;
static seL4_CPtr untyped;

void report(const char *name, seL4_Word total, seL4_Word runs)
{
    printf("bench %s %lu\n", name, (total + runs / 2) / runs);
}

seL4_CPtr bench_slot(void)
{
    return next_slot++;
}

static seL4_CPtr create(seL4_Word type, seL4_Word bits)
{
    seL4_CPtr slot = next_slot++;
    seL4_Error e = seL4_Untyped_Retype(untyped, type, bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (e != seL4_NoError) {
        printf("bench: retype failed (%d)\n", e);
    }
    return slot;
}

/* The frame cap of a page of this image (frame caps follow image order). */
static seL4_CPtr image_frame(const void *p)
{
    return seL4_GetBootInfo()->userImageFrames.start + ((seL4_Word)p - IMAGE_BASE) / PAGE;
}

static inline void touch_fpu(void)
{
    __asm__ volatile("fmov d0, xzr\n\tfadd d1, d0, d0" ::: "d0", "d1");
}

/* Server: receive, then reply with reply_length words forever. */
static void server_main(void)
{
    cairn_regs_t r = { server.ep, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    for (;;) {
        if (server.use_fpu) {
            touch_fpu();
        }
        r.x0 = server.ep;
        r.x1 = seL4_MessageInfo_new(0, 0, 0, server.reply_length).words[0];
        cairn_syscall(seL4_SysReplyRecv, &r);
    }
}

static seL4_CPtr start_thread(void (*entry)(void), seL4_Word prio)
{
    seL4_CPtr tcb = create(seL4_TCBObject, 0);
    seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                       (seL4_Word)&server.buffer, image_frame(&server.buffer));
    seL4_UserContext ctx = { 0 };
    ctx.pc = (seL4_Word)entry;
    ctx.sp = (seL4_Word)(server.stack + sizeof(server.stack));
    seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
    seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio);
    seL4_TCB_Resume(tcb);
    return tcb;
}

static void call_loop(const char *name, seL4_CPtr ep, seL4_Word length, int fpu)
{
    server.reply_length = length;
    server.use_fpu = fpu;
    seL4_Word start = 0;
    for (int i = 0; i < WARMUP + RUNS; i++) {
        if (i == WARMUP) {
            start = instructions();
        }
        if (fpu) {
            touch_fpu();
        }
        cairn_regs_t r = { ep, seL4_MessageInfo_new(0, 0, 0, length).words[0], 1, 2, 3, 4 };
        cairn_syscall(seL4_SysCall, &r);
    }
    report(name, instructions() - start, RUNS);
}

static void bench_ipc(void)
{
    server.ep = create(seL4_EndpointObject, 0);
    seL4_CPtr tcb = start_thread(server_main, seL4_MaxPrio);
#ifdef BENCH_SLOWPATH
    call_loop("ipc_rt_0w_slowpath", server.ep, 0, 0);
#else
    call_loop("ipc_rt_0w", server.ep, 0, 0);
    call_loop("ipc_rt_4w", server.ep, 4, 0);
    call_loop("ipc_rt_5w", server.ep, 5, 0);
    call_loop("ipc_rt_10w", server.ep, 10, 0);
    call_loop("ipc_rt_0w_fpu", server.ep, 0, 1);
#endif
    seL4_TCB_Suspend(tcb);
}

static seL4_CPtr waiter_ntfn;

static void waiter_main(void)
{
    for (;;) {
        seL4_Wait(waiter_ntfn, seL4_Null);
    }
}

static void bench_signal(void)
{
    waiter_ntfn = create(seL4_NotificationObject, 0);
    seL4_CPtr tcb = start_thread(waiter_main, 200);
    /* The signaller (this thread) runs below the waiter. */
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    seL4_Word start = 0;
    for (int i = 0; i < WARMUP + RUNS; i++) {
        if (i == WARMUP) {
            start = instructions();
        }
        seL4_Signal(waiter_ntfn);
    }
    report("signal_wait", instructions() - start, RUNS);
    seL4_TCB_Suspend(tcb);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);

    seL4_CPtr idle = create(seL4_NotificationObject, 0);
    for (int i = 0; i < WARMUP + RUNS; i++) {
        if (i == WARMUP) {
            start = instructions();
        }
        seL4_Poll(idle, seL4_Null);
    }
    report("null_syscall", instructions() - start, RUNS);
}

#ifndef BENCH_SLOWPATH
static void bench_retype(void)
{
    (void)create(seL4_EndpointObject, 0); /* the untyped now has children */
    seL4_Word total = 0;
    for (int i = 0; i < 1000; i++) {
        seL4_CPtr slot = next_slot++;
        seL4_Word start = instructions();
        seL4_Untyped_Retype(untyped, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                            slot, 1);
        total += instructions() - start;
    }
    report("retype_endpoint", total, 1000);
}

static void bench_revoke(void)
{
    seL4_CPtr small = create(seL4_UntypedObject, 16);
    seL4_Word total = 0;
    for (int round = 0; round < 10; round++) {
        seL4_CPtr base = next_slot;
        for (seL4_CPtr done = 0; done < 1000; done += 200) {
            seL4_Untyped_Retype(small, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                base + done, 200);
        }
        seL4_Word start = instructions();
        seL4_CNode_Revoke(seL4_CapInitThreadCNode, small, seL4_WordBits);
        total += instructions() - start;
    }
    next_slot += 1000;
    report("revoke_untyped_1000", total, 10);
}
#endif

int main(void)
{
    seL4_Word ticks;
    __asm__ volatile("mrs %0, cntvct_el0" : "=r"(ticks));
    printf("bench boot_to_root_main %lu\n", ticks * 16); /* 62.5 MHz: 16 per tick */

    const seL4_BootInfo *bi = seL4_GetBootInfo();
    next_slot = bi->empty.start;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 20) {
            untyped = bi->untyped.start + i;
            break;
        }
    }
    bench_ipc();
    bench_signal();
#ifndef BENCH_SLOWPATH
    bench_retype();
    bench_revoke();
    bench_vm(untyped);
    bench_irq_latency(untyped, &next_slot, IRQ_RUNS);
#endif
    printf("bench done\n");
    return 0;
}
