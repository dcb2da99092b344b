// SPDX-License-Identifier: BSD-2-Clause
/*
 * How cost grows with the work (docs/performance.md, "Costs as work
 * grows"). Each series measures one operation at several sizes and prints
 * a line per size:
 *
 *   series NAME SIZE INSTRUCTIONS PER_UNIT UNIT
 *
 * where PER_UNIT is INSTRUCTIONS / SIZE when the unit is an item of the
 * work (a child, an object, a page), and INSTRUCTIONS itself when the unit
 * is the operation (the size is then background load, queued or ready
 * threads, or the depth of a lookup or the length of a message).
 * tests/bench/plot_series.sh turns these lines into one SVG per series.
 */
#include "bench.h"

#include <stdbool.h>
#include <string.h>

#include "../system/lib/raw_syscalls.h"

#define CHILDREN_BITS 14 /* a CNode of 16,384 slots holds the largest series */
#define FAN_OUT 256      /* CONFIG_RETYPE_FAN_OUT_LIMIT */
#define SERIES_RUNS 1000
#define WINDOW 1200      /* root-CNode slots the series reuse, round after round */
#define PAGE_SIZE 4096UL

static seL4_CPtr untyped;
static seL4_CPtr slots_cnode; /* CHILDREN_BITS of slots for the series' objects */
static seL4_CPtr window;      /* the first of WINDOW root-CNode slots */
static seL4_Word window_used;

/* A new object's cap, in the next slot of the window. */
static seL4_CPtr create(seL4_CPtr from, seL4_Word type, seL4_Word bits)
{
    if (window_used == WINDOW) {
        printf("bench: scaling: out of slots\n");
        return seL4_CapNull;
    }
    seL4_CPtr slot = window + window_used++;
    seL4_Error e = seL4_Untyped_Retype(from, type, bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (e != seL4_NoError) {
        printf("bench: scaling: retype of type %lu failed (%d)\n", type, e);
    }
    return slot;
}

/* Revokes ut, whose children all lie in the window after `mark`: their
 * slots are free again. */
static void release(seL4_CPtr ut, seL4_Word mark)
{
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, seL4_WordBits);
    seL4_CNode_Delete(seL4_CapInitThreadCNode, ut, seL4_WordBits);
    window_used = mark;
}

/* unit: what PER_UNIT counts per; "op" for the whole operation. */
static void series(const char *name, seL4_Word size, seL4_Word total, const char *unit)
{
    bool per_item = strcmp(unit, "op") != 0;
    seL4_Word per = per_item ? (total + size / 2) / size : total;
    printf("series %s %lu %lu %lu %s\n", name, size, total, per, unit);
}

/* count endpoints from `from` into slots_cnode[first ...], FAN_OUT a call;
 * the instructions the calls took. */
static seL4_Word retype_endpoints(seL4_CPtr from, seL4_Word first, seL4_Word count)
{
    seL4_Word total = 0;
    for (seL4_Word done = 0; done < count; done += FAN_OUT) {
        seL4_Word n = count - done < FAN_OUT ? count - done : FAN_OUT;
        seL4_Word start = instructions();
        seL4_Error e = seL4_Untyped_Retype(from, seL4_EndpointObject, 0, slots_cnode, 0, 0,
                                           first + done, n);
        total += instructions() - start;
        if (e != seL4_NoError) {
            printf("bench: scaling: retype of %lu endpoints failed (%d)\n", n, e);
        }
    }
    return total;
}

/* Revoke of an untyped with N children, and the retype that made them. */
static void revoke_and_retype(void)
{
    static const seL4_Word sizes[] = { 10, 100, 1000, 10000 };
    seL4_CPtr parent = create(untyped, seL4_UntypedObject, 18); /* 16,384 endpoints */
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        seL4_Word n = sizes[i];
        /* One endpoint first, so that the timed retypes never reset (clear)
         * the untyped: what they cost is the objects alone. */
        (void)retype_endpoints(parent, 0, 1);
        seL4_Word retype = retype_endpoints(parent, 1, n);
        series("retype_endpoints", n, retype, "object");
        seL4_Word start = instructions();
        seL4_Error e = seL4_CNode_Revoke(seL4_CapInitThreadCNode, parent, seL4_WordBits);
        seL4_Word revoke = instructions() - start;
        if (e != seL4_NoError) {
            printf("bench: scaling: revoke failed (%d)\n", e);
        }
        series("revoke_children", n + 1, revoke, "child");
    }
}

/* A CSpace of `levels` CNodes of two slots, each guarding 64 / levels - 1
 * bits, so that every lookup walks all of them. Slot 0 of the last holds a
 * notification to Poll; slot 1 one to wait on for ever once done. */
static struct {
    seL4_Word stack[256] __attribute__((aligned(16)));
    seL4_Word result;
} walker;

static void walker_main(void)
{
    raw_loop(seL4_SysNBRecv, 0, 0, WARMUP);
    seL4_Word start = instructions();
    raw_loop(seL4_SysNBRecv, 0, 0, SERIES_RUNS);
    walker.result = instructions() - start;
    raw_receive_loop(1);
}

static seL4_CPtr build_chain(seL4_CPtr from, unsigned levels, seL4_Word *guard_data)
{
    seL4_Word guard_bits = 64 / levels - 1;
    seL4_CPtr below = 0;
    seL4_CPtr top = 0;
    for (unsigned l = 0; l < levels; l++) {
        seL4_CPtr cnode = create(from, seL4_CapTableObject, 1);
        if (l == 0) {
            seL4_CPtr polled = create(from, seL4_NotificationObject, 0);
            seL4_CPtr parked = create(from, seL4_NotificationObject, 0);
            seL4_CNode_Move(cnode, 0, 1, seL4_CapInitThreadCNode, polled, seL4_WordBits);
            seL4_CNode_Move(cnode, 1, 1, seL4_CapInitThreadCNode, parked, seL4_WordBits);
        } else {
            seL4_CNode_Mint(cnode, 0, 1, seL4_CapInitThreadCNode, below, seL4_WordBits,
                            seL4_AllRights, seL4_CNode_CapData_new(0, guard_bits).words[0]);
        }
        below = cnode;
        top = cnode;
    }
    *guard_data = seL4_CNode_CapData_new(0, guard_bits).words[0];
    return top;
}

static void lookup_depth(void)
{
    static const unsigned levels[] = { 1, 4, 16, 64 };
    for (unsigned i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        seL4_Word mark = window_used;
        seL4_CPtr ut = create(untyped, seL4_UntypedObject, 16);
        seL4_Word guard;
        seL4_CPtr top = build_chain(ut, levels[i], &guard);
        seL4_CPtr tcb = create(ut, seL4_TCBObject, 0);
        seL4_TCB_Configure(tcb, 0, top, guard, seL4_CapInitThreadVSpace, 0, 0, 0);
        seL4_UserContext ctx = { 0 };
        ctx.pc = (seL4_Word)walker_main;
        ctx.sp = (seL4_Word)(walker.stack + 256);
        seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
        seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio);
        walker.result = 0;
        /* Below the walker, the root runs again once it waits for ever. */
        seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
        seL4_TCB_Resume(tcb);
        seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
        if (walker.result == 0) {
            printf("bench: scaling: the walker at %u levels did not finish\n", levels[i]);
        }
        series("poll_through_levels", levels[i], walker.result / SERIES_RUNS, "op");
        release(ut, mark);
    }
}

/* Threads that need no stack: x19 holds a cptr, x20 a system call. */
void bench_loop_entry(void);
__asm__(".text\n"
        ".global bench_loop_entry\n"
        "bench_loop_entry:\n"
        "1: mov x0, x19\n"
        "   mov x7, x20\n"
        "   svc #0\n"
        "   b 1b\n");

static void start_looper(seL4_CPtr from, seL4_CPtr cptr, seL4_Word number, seL4_Word prio)
{
    seL4_CPtr tcb = create(from, seL4_TCBObject, 0);
    seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, 0);
    seL4_UserContext ctx = { 0 };
    ctx.pc = (seL4_Word)bench_loop_entry;
    ctx.x19 = cptr;
    ctx.x20 = number;
    seL4_TCB_WriteRegisters(tcb, 0, 0, sizeof(ctx) / sizeof(seL4_Word), &ctx);
    seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio);
    seL4_TCB_Resume(tcb);
}

/* K senders queued on an endpoint (each sends again as soon as it is
 * received from, joining the back of the queue): what one Recv costs,
 * the sender's switch and new Send included. And K threads ready below
 * the root, over a hundred priorities: what Yield costs. */
static void threads_waiting(void)
{
    static const seL4_Word sizes[] = { 1, 10, 100, 1000 };
    seL4_Word mark = window_used;
    seL4_CPtr ut = create(untyped, seL4_UntypedObject, 22); /* 1,000 TCBs and more */
    seL4_Word started = 0;
    seL4_CPtr ep = create(ut, seL4_EndpointObject, 0);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 150);
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (; started < sizes[i]; started++) {
            start_looper(ut, ep, seL4_SysSend, 200);
        }
        raw_loop(seL4_SysRecv, ep, 0, WARMUP);
        seL4_Word start = instructions();
        raw_loop(seL4_SysRecv, ep, 0, SERIES_RUNS);
        series("recv_with_senders_queued", sizes[i], (instructions() - start) / SERIES_RUNS,
               "op");
    }
    release(ut, mark);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);

    ut = create(untyped, seL4_UntypedObject, 22);
    seL4_CPtr never = create(ut, seL4_NotificationObject, 0);
    started = 0;
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (; started < sizes[i]; started++) {
            /* Ready, never chosen: below the root, each spinning on a Poll. */
            start_looper(ut, never, seL4_SysNBRecv, 1 + started % 100);
        }
        raw_loop(seL4_SysYield, 0, 0, WARMUP);
        seL4_Word start = instructions();
        raw_loop(seL4_SysYield, 0, 0, SERIES_RUNS);
        series("yield_with_threads_ready", sizes[i], (instructions() - start) / SERIES_RUNS,
               "op");
    }
    release(ut, mark);
}

/* Round trips with messages of N words (past four, through the IPC
 * buffers). */
static struct {
    seL4_Word stack[256] __attribute__((aligned(16)));
    seL4_IPCBuffer buffer __attribute__((aligned(4096)));
    seL4_CPtr ep;
    seL4_Word info;
} echo;

static void echo_main(void)
{
    raw_server(echo.ep, echo.info);
}

static void message_length(void)
{
    static const seL4_Word sizes[] = { 1, 4, 10, 30, 120 };
    seL4_Word mark = window_used;
    seL4_CPtr ut = create(untyped, seL4_UntypedObject, 16);
    echo.ep = create(ut, seL4_EndpointObject, 0);
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        seL4_Word info = seL4_MessageInfo_new(0, 0, 0, sizes[i]).words[0];
        echo.info = info;
        seL4_CPtr tcb = create(ut, seL4_TCBObject, 0);
        seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                           (seL4_Word)&echo.buffer, bench_image_frame(&echo.buffer));
        seL4_UserContext ctx = { 0 };
        ctx.pc = (seL4_Word)echo_main;
        ctx.sp = (seL4_Word)(echo.stack + 256);
        seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
        seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio);
        seL4_TCB_Resume(tcb);
        raw_loop(seL4_SysCall, echo.ep, info, WARMUP);
        seL4_Word start = instructions();
        raw_loop(seL4_SysCall, echo.ep, info, SERIES_RUNS);
        series("ipc_rt_words", sizes[i], (instructions() - start) / SERIES_RUNS, "op");
        seL4_TCB_Suspend(tcb);
    }
    release(ut, mark);
}

/* PageTable_Unmap of a table holding N pages. */
#define TABLE_VA 0x40000000UL

static void table_unmap(void)
{
    static const seL4_Word sizes[] = { 1, 10, 100, 512 };
    seL4_Word mark = window_used;
    seL4_CPtr ut = create(untyped, seL4_UntypedObject, 22); /* 512 pages and tables */
    seL4_CPtr frames = window + window_used;
    window_used += 512;
    seL4_Error e = seL4_NoError;
    for (seL4_Word done = 0; done < 512 && e == seL4_NoError; done += FAN_OUT) {
        e = seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                frames + done, FAN_OUT);
    }
    /* The level-2 table above the one measured (the root task's image, at
     * 4 MiB, already has the level-1 table that covers TABLE_VA). */
    seL4_CPtr upper = create(ut, seL4_ARM_PageTableObject, 0);
    seL4_ARM_PageTable_Map(upper, seL4_CapInitThreadVSpace, TABLE_VA, seL4_ARM_Default_VMAttributes);
    seL4_CPtr table = create(ut, seL4_ARM_PageTableObject, 0);
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]) && e == seL4_NoError; i++) {
        e = seL4_ARM_PageTable_Map(table, seL4_CapInitThreadVSpace, TABLE_VA,
                                   seL4_ARM_Default_VMAttributes);
        for (seL4_Word p = 0; p < sizes[i] && e == seL4_NoError; p++) {
            seL4_ARM_Page_Unmap(frames + p); /* from the last round's table */
            e = seL4_ARM_Page_Map(frames + p, seL4_CapInitThreadVSpace, TABLE_VA + p * PAGE_SIZE,
                                  seL4_ReadWrite, seL4_ARM_Default_VMAttributes);
        }
        seL4_Word start = instructions();
        seL4_Error u = seL4_ARM_PageTable_Unmap(table);
        seL4_Word cost = instructions() - start;
        if (e != seL4_NoError || u != seL4_NoError) {
            printf("bench: scaling: table_unmap failed (%d, %d)\n", e, u);
        }
        series("page_table_unmap", sizes[i], cost, "page");
    }
    seL4_ARM_PageTable_Unmap(upper);
    release(ut, mark);
}

/* The last RAM untyped of 16 MiB or more (the other measures take the
 * first ones they find). */
static seL4_CPtr pick_untyped(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_CPtr found = seL4_CapNull;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 24) {
            found = bi->untyped.start + i;
        }
    }
    return found;
}

void bench_scaling(void)
{
    untyped = pick_untyped();
    window = bench_slot();
    for (seL4_Word i = 1; i < WINDOW; i++) {
        (void)bench_slot();
    }
    if (untyped == seL4_CapNull || window + WINDOW > seL4_GetBootInfo()->empty.end) {
        printf("bench: scaling: no 16 MiB untyped or no room for %u slots\n", WINDOW);
        return;
    }
    slots_cnode = create(untyped, seL4_CapTableObject, CHILDREN_BITS);
    revoke_and_retype();
    lookup_depth();
    threads_waiting();
    message_length();
    table_unmap();
}
