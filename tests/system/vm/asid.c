// SPDX-License-Identifier: BSD-2-Clause
/*
 * ASID0001-0015: ASID control and ASID pools (seL4_ARM_ASIDControl_MakePool,
 * seL4_ARM_ASIDPool_Assign; seL4's decodeARMASIDControlInvocation and
 * decodeARMASIDPoolInvocation): the ASID table's 128 pools and a pool's 512
 * ASIDs (511 in pool 0, whose ASID 0 is never handed out) used up and given
 * back, threads in VSpaces of their own, every error with its argument index
 * and nothing changed after it; a VSpace without an ASID refused by the TCB.
 */
#include "vm_util.h"

#define NUM_POOLS BIT(seL4_NumASIDPoolsBits)
#define POOL_ASIDS BIT(seL4_ASIDPoolIndexBits)

static seL4_Error make_pool(seL4_CPtr untyped, seL4_CPtr slot)
{
    return seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, ROOT_CNODE, slot,
                                         seL4_WordBits);
}

static void check_empty(seL4_CPtr slot)
{
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
}

/* Retypes n objects from untyped into slots [dest, dest + n). */
static seL4_Error retype_n(seL4_CPtr untyped, seL4_Word type, seL4_Word bits, seL4_CPtr dest,
                           seL4_Word n)
{
    seL4_Error err = seL4_NoError;
    for (seL4_Word done = 0; err == seL4_NoError && done < n; done += seL4_MaxRetypeFanOut) {
        seL4_Word count = n - done < seL4_MaxRetypeFanOut ? n - done : seL4_MaxRetypeFanOut;
        err = seL4_Untyped_Retype(untyped, type, bits, ROOT_CNODE, 0, 0, dest + done, count);
    }
    return err;
}

static void all_pools(void)
{
    /* Pool 0 is the root task's: 127 more fit, the 128th is refused. */
    seL4_CPtr parent = vm_untyped(seL4_ASIDPoolBits + seL4_NumASIDPoolsBits);
    seL4_CPtr uts = vm_slots(NUM_POOLS);
    seL4_CPtr pools = vm_slots(NUM_POOLS);
    CHECK_OK(retype_n(parent, seL4_UntypedObject, seL4_ASIDPoolBits, uts, NUM_POOLS));
    seL4_Word made = 0;
    seL4_Error err = seL4_NoError;
    while (made < NUM_POOLS && err == seL4_NoError) {
        err = make_pool(uts + made, pools + made);
        made += err == seL4_NoError;
    }
    TEST_CHECK(made == NUM_POOLS - 1);
    CHECK_ERR(err, seL4_DeleteFirst);
    /* Checked first: a bad untyped still gets DeleteFirst. */
    CHECK_ERR(make_pool(seL4_CapInitThreadTCB, pools + made), seL4_DeleteFirst);
    check_empty(pools + made);
    /* Every pool gives out ASIDs. */
    for (seL4_Word i = 0; i < made; i += 31) {
        (void)vm_vspace(pools + i);
    }
    /* Revoking the memory deletes the pools: one can be made again. */
    CHECK_OK(vm_revoke(parent));
    check_empty(pools);
    seL4_CPtr again = vm_make_pool();
    TEST_CHECK(again != 0 && seL4_DebugCapIdentify(again) == CAP_ASID_POOL);
}

static void make_and_run(void)
{
    seL4_CPtr asid_pool = vm_make_pool();
    TEST_CHECK(seL4_DebugCapIdentify(asid_pool) == CAP_ASID_POOL);
    seL4_CPtr vspace = vm_image_vspace(asid_pool);
    TEST_CHECK(vspace != 0);
    seL4_Word va = vm_region();
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(vm_map(frame, vspace, va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
    static prober_t p; /* not on the stack: the prober's VSpace maps only the image */
    prober_init(&p, vspace);
    probe_t r = prober_run(&p, PROBE_WRITE, va + 8, 0xA51D);
    TEST_CHECK(!r.faulted && !r.timeout);
    if (r.faulted) {
        printf("    fault ip %lx addr %lx prefetch %lu fsr %lx\n", r.ip, r.addr, r.prefetch, r.fsr);
    }
    r = prober_run(&p, PROBE_READ, va + 8, 0);
    TEST_CHECK(!r.faulted && r.value == 0xA51D);
    /* The root VSpace has nothing there; a copy of the frame shows the write. */
    CHECK_FAULT(PROBE_READ, va + 8);
    seL4_CPtr copy = vm_copy(frame);
    CHECK_OK(vm_map(copy, ROOT_VSPACE, va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
    CHECK_READ(va + 8, 0xA51D);
    prober_stop(&p);
}

static void make_truncated(void)
{
    seL4_CPtr ut = vm_untyped(seL4_ASIDPoolBits);
    seL4_CPtr slot = test_slot();
    const seL4_Word mrs[2] = { slot, seL4_WordBits };
    const seL4_CPtr caps[2] = { ut, ROOT_CNODE };
    CHECK_ERR(vm_invoke(seL4_CapASIDControl, ARMASIDControlMakePool, 1, mrs, 2, caps),
              seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(seL4_CapASIDControl, ARMASIDControlMakePool, 0, mrs, 2, caps),
              seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(seL4_CapASIDControl, ARMASIDControlMakePool, 2, mrs, 1, caps),
              seL4_TruncatedMessage);
    CHECK_ERR(vm_invoke(seL4_CapASIDControl, ARMASIDControlMakePool, 2, mrs, 0, caps),
              seL4_TruncatedMessage);
    check_empty(slot);
    CHECK_OK(vm_invoke(seL4_CapASIDControl, ARMASIDControlMakePool, 2, mrs, 2, caps));
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_ASID_POOL);
}

/* A device untyped of 4 KiB, split off the first device untyped. */
static seL4_CPtr device_page_untyped(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (d->isDevice && d->sizeBits >= seL4_PageBits) {
            seL4_CPtr slot = test_slot();
            seL4_Error err = seL4_Untyped_Retype(bi->untyped.start + i, seL4_UntypedObject,
                                                 seL4_PageBits, ROOT_CNODE, 0, 0, slot, 1);
            if (err == seL4_NoError) {
                return slot;
            }
        }
    }
    return 0;
}

static void make_bad_untyped(void)
{
    seL4_CPtr slot = test_slot();
    seL4_CPtr big = vm_untyped(seL4_ASIDPoolBits + 1);
    seL4_CPtr small = vm_untyped(seL4_ASIDPoolBits - 1);
    seL4_CPtr device = device_page_untyped();
    TEST_CHECK(device != 0);
    seL4_CPtr ep = vm_object(seL4_EndpointObject, 0);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_ERR1(make_pool(big, slot), seL4_InvalidCapability, 1);
    CHECK_ERR1(make_pool(small, slot), seL4_InvalidCapability, 1);
    CHECK_ERR1(make_pool(device, slot), seL4_InvalidCapability, 1);
    CHECK_ERR1(make_pool(ep, slot), seL4_InvalidCapability, 1);
    CHECK_ERR1(make_pool(frame, slot), seL4_InvalidCapability, 1);
    CHECK_ERR1(make_pool(seL4_CapNull, slot), seL4_InvalidCapability, 1);
    check_empty(slot);
    /* The untypeds are untouched: each still retypes from its start. */
    seL4_CPtr f = test_slot();
    CHECK_OK(seL4_Untyped_Retype(device, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, f, 1));
}

static void make_children(void)
{
    seL4_CPtr ut = vm_untyped(seL4_ASIDPoolBits);
    seL4_CPtr ep = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, ep, 1));
    seL4_CPtr slot = test_slot();
    CHECK_ERR(make_pool(ut, slot), seL4_RevokeFirst);
    check_empty(slot);
    TEST_CHECK(seL4_DebugCapIdentify(ep) == CAP_ENDPOINT);
    CHECK_OK(vm_revoke(ut));
    CHECK_OK(make_pool(ut, slot));
    /* Now the untyped has the pool as its child. */
    CHECK_ERR(make_pool(ut, test_slot()), seL4_RevokeFirst);
}

static void make_bad_slot(void)
{
    seL4_CPtr ut = vm_untyped(seL4_ASIDPoolBits);
    seL4_CPtr slot = test_slot();
    CHECK_ERR3(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT_CNODE, slot,
                                             seL4_WordBits - 1),
               seL4_FailedLookup, 0, seL4_DepthMismatch, seL4_WordBits - 1);
    seL4_CPtr ep = vm_object(seL4_EndpointObject, 0);
    CHECK_ERR(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, ep, slot, seL4_WordBits),
              seL4_FailedLookup);
    check_empty(slot);
    /* Occupied. */
    CHECK_ERR(make_pool(ut, ep), seL4_DeleteFirst);
    TEST_CHECK(seL4_DebugCapIdentify(ep) == CAP_ENDPOINT);
    /* The order: the untyped before the slot. */
    CHECK_ERR1(make_pool(ep, ep), seL4_InvalidCapability, 1);
    seL4_CPtr busy = vm_untyped(seL4_ASIDPoolBits);
    CHECK_OK(seL4_Untyped_Retype(busy, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, test_slot(), 1));
    CHECK_ERR(make_pool(busy, ep), seL4_RevokeFirst);
    CHECK_OK(make_pool(ut, slot));
}

static void assign_truncated(void)
{
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr vspace = vm_object(seL4_ARM_VSpaceObject, 0);
    CHECK_ERR(vm_invoke(asid_pool, ARMASIDPoolAssign, 0, seL4_Null, 0, seL4_Null),
              seL4_TruncatedMessage);
    /* Still without an ASID: it cannot be copied, and Assign works. */
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, test_slot(), seL4_WordBits, ROOT_CNODE, vspace,
                              seL4_WordBits, seL4_AllRights),
              seL4_IllegalOperation);
    CHECK_OK(vm_invoke(asid_pool, ARMASIDPoolAssign, 0, seL4_Null, 1, &vspace));
}

static void assign_bad_vspace(void)
{
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr ep = vm_object(seL4_EndpointObject, 0);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    seL4_Word va = vm_region();
    seL4_CPtr pt = vm_map_pt(ROOT_VSPACE, va);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, ep), seL4_InvalidCapability, 1);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, frame), seL4_InvalidCapability, 1);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, pt), seL4_InvalidCapability, 1);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, ROOT_CNODE), seL4_InvalidCapability, 1);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, seL4_CapNull), seL4_InvalidCapability, 1);
    /* A VSpace that has an ASID already, here or in pool 0. */
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, ROOT_VSPACE), seL4_InvalidCapability, 1);
    seL4_CPtr vspace = vm_vspace(asid_pool);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(asid_pool, vspace), seL4_InvalidCapability, 1);
    CHECK_ERR1(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace),
               seL4_InvalidCapability, 1);
    /* The root VSpace still works. */
    seL4_CPtr f = vm_object(seL4_ARM_SmallPageObject, 0);
    CHECK_OK(seL4_ARM_Page_Map(f, ROOT_VSPACE, va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
    CHECK_WRITE(va, 1);
}

/* Assigns VSpaces from memory until the pool refuses; returns how many. */
static seL4_Word fill_pool(seL4_CPtr asid_pool, seL4_CPtr memory, seL4_CPtr window,
                           seL4_Error *last)
{
    CHECK_OK(retype_n(memory, seL4_ARM_VSpaceObject, 0, window, POOL_ASIDS));
    seL4_Word n = 0;
    *last = seL4_NoError;
    while (n < POOL_ASIDS && *last == seL4_NoError) {
        *last = seL4_ARM_ASIDPool_Assign(asid_pool, window + n);
        n += *last == seL4_NoError;
    }
    return n;
}

static void pool_full(void)
{
    seL4_CPtr asid_pool = vm_make_pool();
    seL4_CPtr memory = vm_untyped(seL4_VSpaceBits + seL4_ASIDPoolIndexBits);
    seL4_CPtr window = vm_slots(POOL_ASIDS);
    seL4_Error last;
    TEST_CHECK(fill_pool(asid_pool, memory, window, &last) == POOL_ASIDS);
    seL4_CPtr extra = vm_object(seL4_ARM_VSpaceObject, 0);
    CHECK_ERR(seL4_ARM_ASIDPool_Assign(asid_pool, extra), seL4_DeleteFirst);
    /* Nothing changed: the VSpace has no ASID (it cannot be copied). */
    CHECK_ERR(seL4_CNode_Copy(ROOT_CNODE, test_slot(), seL4_WordBits, ROOT_CNODE, extra,
                              seL4_WordBits, seL4_AllRights),
              seL4_IllegalOperation);
    /* Deleting one VSpace frees exactly one ASID. */
    CHECK_OK(vm_delete(window + 100));
    CHECK_OK(seL4_ARM_ASIDPool_Assign(asid_pool, extra));
    seL4_CPtr extra2 = vm_object(seL4_ARM_VSpaceObject, 0);
    CHECK_ERR(seL4_ARM_ASIDPool_Assign(asid_pool, extra2), seL4_DeleteFirst);
    /* Revoking the memory gives every other ASID back. */
    CHECK_OK(vm_revoke(memory));
    TEST_CHECK(fill_pool(asid_pool, memory, window, &last) == POOL_ASIDS - 1);
    CHECK_ERR(last, seL4_DeleteFirst);
    CHECK_OK(vm_revoke(memory));
}

static void pool_zero_full(void)
{
    /* ASID 0 is never handed out and the root task has one: 510 left. */
    seL4_CPtr memory = vm_untyped(seL4_VSpaceBits + seL4_ASIDPoolIndexBits);
    seL4_CPtr window = vm_slots(POOL_ASIDS);
    seL4_Error last;
    TEST_CHECK(fill_pool(seL4_CapInitThreadASIDPool, memory, window, &last) == POOL_ASIDS - 2);
    CHECK_ERR(last, seL4_DeleteFirst);
    CHECK_OK(vm_revoke(memory));
    (void)vm_vspace(seL4_CapInitThreadASIDPool);
}

static void tcb_needs_asid(void)
{
    seL4_CPtr tcb = vm_object(seL4_TCBObject, 0);
    seL4_CPtr no_asid = vm_object(seL4_ARM_VSpaceObject, 0);
    CHECK_ERR(seL4_TCB_SetSpace(tcb, seL4_CapNull, ROOT_CNODE, 0, no_asid, 0),
              seL4_IllegalOperation);
    CHECK_ERR(seL4_TCB_Configure(tcb, seL4_CapNull, ROOT_CNODE, 0, no_asid, 0, 0, seL4_CapNull),
              seL4_IllegalOperation);
    CHECK_OK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, no_asid));
    CHECK_OK(seL4_TCB_SetSpace(tcb, seL4_CapNull, ROOT_CNODE, 0, no_asid, 0));
}

static void separate_spaces(void)
{
    /* The same address in two VSpaces (two pools) holds different frames. */
    seL4_CPtr vs[2] = { vm_image_vspace(vm_make_pool()),
                        vm_image_vspace(seL4_CapInitThreadASIDPool) };
    static prober_t p[2];
    seL4_Word va = vm_region();
    for (unsigned i = 0; i < 2; i++) {
        seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
        CHECK_OK(vm_map(frame, vs[i], va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
        prober_init(&p[i], vs[i]);
        probe_t r = prober_run(&p[i], PROBE_WRITE, va, 0x100 + i);
        TEST_CHECK(!r.faulted && !r.timeout);
    }
    for (unsigned round = 0; round < 4; round++) {
        for (unsigned i = 0; i < 2; i++) {
            probe_t r = prober_run(&p[i], PROBE_READ, va, 0);
            TEST_CHECK(!r.faulted && r.value == 0x100 + i);
        }
    }
    CHECK_FAULT(PROBE_READ, va);
    prober_stop(&p[0]);
    prober_stop(&p[1]);
}

static const test_case_t cases[] = {
    { "ASID0001", "127 pools besides pool 0, then DeleteFirst; revoked, one more fits", all_pools },
    { "ASID0002", "MakePool and Assign: a thread runs in the new VSpace", make_and_run },
    { "ASID0003", "MakePool short message or too few caps: TruncatedMessage", make_truncated },
    { "ASID0004", "MakePool from a non-4K, device or non-untyped cap: InvalidCapability 1",
      make_bad_untyped },
    { "ASID0005", "MakePool from an untyped with children: RevokeFirst", make_children },
    { "ASID0006", "MakePool destination: FailedLookup, DeleteFirst; check order", make_bad_slot },
    { "ASID0007", "Assign without a VSpace cap: TruncatedMessage", assign_truncated },
    { "ASID0008", "Assign a non-VSpace or a VSpace with an ASID: InvalidCapability 1",
      assign_bad_vspace },
    { "ASID0009", "a new pool: 512 Assigns, then DeleteFirst; deletion frees ASIDs", pool_full },
    { "ASID0010", "pool 0: 510 more Assigns, then DeleteFirst", pool_zero_full },
    { "ASID0011", "SetSpace / Configure with an ASID-less VSpace: IllegalOperation",
      tcb_needs_asid },
    { "ASID0012", "one address in two VSpaces: each thread sees its own frame", separate_spaces },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
