// SPDX-License-Identifier: BSD-2-Clause
/*
 * Virtual-memory measures: a round trip to a server in another VSpace (a
 * child process, tests/system/process/, with its own ASID), mapping and
 * unmapping a 4 KiB frame where the page table exists, and creating a
 * VSpace (retype from an untyped that needs no clearing, plus
 * ASIDPool_Assign).
 */
#include "bench.h"

#include <process.h>

#include "../system/lib/raw_syscalls.h"

#define VSPACE_RUNS 1000
#define MAP_VA 0x10200000UL

static proc_env_t env;

static seL4_CPtr pick_untyped(seL4_CPtr busy)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_CPtr cap = bi->untyped.start + i;
        if (cap != busy && !bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= 23) {
            return cap;
        }
    }
    return 0;
}

static void bench_ipc_xas(void)
{
    seL4_CPtr report_ep = env_object(&env, seL4_EndpointObject, 0);
    seL4_CPtr fault_ep = env_object(&env, seL4_EndpointObject, 0);
    process_t server;
    if (!process_build(&server, &env, report_ep, fault_ep, 1) ||
        !process_start(&server, seL4_MaxPrio)) {
        printf("bench: process failed at %s (%d)\n", server.failed, server.error);
        return;
    }
    seL4_Send(server.cmd_ep, seL4_MessageInfo_new(CMD_SERVE, 0, 0, 0));
    seL4_Word info = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    raw_loop(seL4_SysCall, server.cmd_ep, info, WARMUP);
    seL4_Word start = instructions();
    raw_loop(seL4_SysCall, server.cmd_ep, info, RUNS);
    report("ipc_rt_0w_xas", instructions() - start, RUNS);
    seL4_TCB_Suspend(server.tcb);
}

static void bench_map_unmap(void)
{
    seL4_CPtr frame = env_object(&env, seL4_ARM_SmallPageObject, 0);
    seL4_Word attr = seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever;
    /* The first map creates the page tables; every timed one finds them. */
    if (vm_map(&env, seL4_CapInitThreadVSpace, frame, MAP_VA, seL4_ReadWrite, attr) !=
        seL4_NoError) {
        printf("bench: page_map_4k could not map\n");
        return;
    }
    seL4_ARM_Page_Unmap(frame);
    seL4_Word map = 0;
    seL4_Word unmap = 0;
    for (int i = 0; i < WARMUP + RUNS; i++) {
        seL4_Word t0 = instructions();
        seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, MAP_VA, seL4_ReadWrite, attr);
        seL4_Word t1 = instructions();
        seL4_ARM_Page_Unmap(frame);
        seL4_Word t2 = instructions();
        if (i >= WARMUP) {
            map += t1 - t0;
            unmap += t2 - t1;
        }
    }
    report("page_map_4k", map, RUNS);
    report("page_unmap_4k", unmap, RUNS);
}

static void bench_vspace_create(void)
{
    /* env.untyped has children: no retype below resets (clears) it. */
    seL4_CPtr slot = bench_slot();
    seL4_Word create = 0;
    seL4_Word delete = 0;
    for (int i = 0; i < WARMUP + VSPACE_RUNS; i++) {
        seL4_Word t0 = instructions();
        seL4_Untyped_Retype(env.untyped, seL4_ARM_VSpaceObject, 0, seL4_CapInitThreadCNode, 0, 0,
                            slot, 1);
        seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, slot);
        seL4_Word t1 = instructions();
        seL4_Error e = seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
        seL4_Word t2 = instructions();
        if (e != seL4_NoError) {
            printf("bench: vspace_create could not delete\n");
            return;
        }
        if (i >= WARMUP) {
            create += t1 - t0;
            delete += t2 - t1;
        }
    }
    report("vspace_create", create, VSPACE_RUNS);
    report("vspace_delete", delete, VSPACE_RUNS);
}

void bench_vm(seL4_CPtr busy)
{
    env = (proc_env_t){ .untyped = pick_untyped(busy), .slot = bench_slot };
    if (env.untyped == 0) {
        printf("bench: no free untyped of 8 MiB\n");
        return;
    }
    bench_ipc_xas();
    bench_map_unmap();
    bench_vspace_create();
    bench_fault(&env);
}
