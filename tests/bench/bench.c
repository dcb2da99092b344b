// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cairn's benchmarks (DESIGN §7): instructions per operation, counted by the
 * PMU's instructions-retired event at EL0 and EL1 together, under QEMU with
 * -icount shift=0,sleep=off. Each measure runs 100 warm-ups, then N timed
 * operations, and prints "bench NAME INSTRUCTIONS" with the average. Helper
 * threads share the root task's address space and use no FP/SIMD unless the
 * measure's name says so. IPC, signals, Yield and NBSend are made with raw
 * `svc` loops (tests/system/lib/raw_syscalls.h), so each figure holds a known
 * number of user instructions: 11 per round trip, as seL4's harness.
 */
#include "bench.h"

#include "irq_latency.h"
#include "../system/lib/raw_syscalls.h"

#define IRQ_RUNS 200
#define PAGE 4096UL
#define IMAGE_BASE 0x400000UL

typedef struct server {
    char stack[8192] __attribute__((aligned(16)));
    seL4_IPCBuffer buffer __attribute__((aligned(PAGE)));
    char pad[PAGE - sizeof(seL4_IPCBuffer)];
    seL4_CPtr ep;
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
seL4_CPtr bench_image_frame(const void *p)
{
    return seL4_GetBootInfo()->userImageFrames.start + ((seL4_Word)p - IMAGE_BASE) / PAGE;
}


/* What the next server thread replies with, and whether it uses FP/SIMD. */
static seL4_Word server_info;

static void server_main(void)
{
    raw_server(server.ep, server_info);
}

static void server_main_fpu(void)
{
    raw_server_fpu(server.ep, server_info);
}

static seL4_CPtr start_thread(void (*entry)(void), seL4_Word prio)
{
    seL4_CPtr tcb = create(seL4_TCBObject, 0);
    seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                       (seL4_Word)&server.buffer, bench_image_frame(&server.buffer));
    seL4_UserContext ctx = { 0 };
    ctx.pc = (seL4_Word)entry;
    ctx.sp = (seL4_Word)(server.stack + sizeof(server.stack));
    seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
    seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio);
    seL4_TCB_Resume(tcb);
    return tcb;
}

/* n raw operations between two counter reads: the average per operation. */
static void measure_loop(const char *name, seL4_Word number, seL4_CPtr cptr, seL4_Word info)
{
    raw_loop(number, cptr, info, WARMUP);
    seL4_Word start = instructions();
    raw_loop(number, cptr, info, RUNS);
    report(name, instructions() - start, RUNS);
}

/* Call + ReplyRecv round trips against a fresh server thread (the old one
 * is suspended, so it leaves the endpoint's queue). `caps` extra caps go
 * with each Call; the server has no receive slot, so they are dropped. */
static void round_trips(const char *name, seL4_Word words, seL4_Word caps, int fpu)
{
    seL4_Word info = seL4_MessageInfo_new(0, 0, caps, words).words[0];
    server_info = seL4_MessageInfo_new(0, 0, 0, words).words[0];
    seL4_CPtr tcb = start_thread(fpu ? server_main_fpu : server_main, seL4_MaxPrio);
    if (caps > 0) {
        seL4_SetCap(0, server.ep);
    }
    if (fpu) {
        raw_call_loop_fpu(server.ep, info, WARMUP);
        seL4_Word start = instructions();
        raw_call_loop_fpu(server.ep, info, RUNS);
        report(name, instructions() - start, RUNS);
    } else {
        measure_loop(name, seL4_SysCall, server.ep, info);
    }
    seL4_TCB_Suspend(tcb);
}

static void bench_ipc(void)
{
    server.ep = create(seL4_EndpointObject, 0);
#ifdef BENCH_SLOWPATH
    round_trips("ipc_rt_0w_slowpath", 0, 0, 0);
#else
    round_trips("ipc_rt_0w", 0, 0, 0);
    round_trips("ipc_rt_4w", 4, 0, 0);
    round_trips("ipc_rt_5w", 5, 0, 0);
    round_trips("ipc_rt_10w", 10, 0, 0);
    round_trips("ipc_rt_0w_fpu", 0, 0, 1);
    round_trips("ipc_call_1cap_noslot", 0, 1, 0);
#endif
}

/* Instructions two back-to-back counter reads add to a span (isb, mrs). */
static seL4_Word read_overhead(void)
{
    seL4_Word a = instructions();
    seL4_Word b = instructions();
    return b - a;
}

static seL4_CPtr waiter_ntfn;

static void waiter_main(void)
{
    raw_receive_loop(waiter_ntfn);
}

/* Signal to a notification nobody waits on, alternating with the Poll that
 * takes the signal back: each timed on its own (4 user instructions each). */
static void bench_signal_poll(void)
{
    seL4_CPtr ntfn = create(seL4_NotificationObject, 0);
    seL4_Word overhead = read_overhead();
    seL4_Word signal = 0;
    seL4_Word poll = 0;
    for (int i = 0; i < WARMUP + RUNS; i++) {
        seL4_Word t0 = instructions();
        raw_syscall(seL4_SysSend, ntfn, 0);
        seL4_Word t1 = instructions();
        raw_syscall(seL4_SysNBRecv, ntfn, 0);
        seL4_Word t2 = instructions();
        if (i >= WARMUP) {
            signal += t1 - t0 - overhead;
            poll += t2 - t1 - overhead;
        }
    }
    report("signal_idle", signal, RUNS);
    report("poll_consume", poll, RUNS);
    /* Once active, a notification stays active under further signals. */
    measure_loop("signal_active", seL4_SysSend, ntfn, 0);
}

static void bench_signal(void)
{
    waiter_ntfn = create(seL4_NotificationObject, 0);
    seL4_CPtr tcb = start_thread(waiter_main, 200);
    /* The signaller (this thread) runs below the waiter. */
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    measure_loop("signal_wait", seL4_SysSend, waiter_ntfn, 0);
    seL4_TCB_Suspend(tcb);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);

    measure_loop("poll_idle", seL4_SysNBRecv, create(seL4_NotificationObject, 0), 0);
    bench_signal_poll();
    measure_loop("nbsend_null", seL4_SysNBSend, seL4_CapNull, 0);
    measure_loop("yield", seL4_SysYield, 0, 0);
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

/* One endpoint from a 4 KiB untyped whose only object, a 256-byte CNode
 * (8 slots), has just been deleted: the retype first clears those bytes
 * (object/untyped.c keeps everything above the watermark zero). */
static void bench_retype_reset(void)
{
    seL4_CPtr small = create(seL4_UntypedObject, 12);
    seL4_CPtr slot = next_slot++;
    seL4_Word total = 0;
    for (int i = 0; i < WARMUP + 1000; i++) {
        seL4_Untyped_Retype(small, seL4_CapTableObject, 3, seL4_CapInitThreadCNode, 0, 0, slot,
                            1);
        seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
        seL4_Word start = instructions();
        seL4_Untyped_Retype(small, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0, slot,
                            1);
        seL4_Word end = instructions();
        seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
        if (i >= WARMUP) {
            total += end - start;
        }
    }
    report("retype_endpoint_clear_256", total, 1000);
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
    bench_retype_reset();
    bench_revoke();
    bench_vm(untyped);
    bench_irq_latency(untyped, &next_slot, IRQ_RUNS);
    bench_scaling();
#endif
    printf("bench done\n");
    return 0;
}
