// SPDX-License-Identifier: BSD-2-Clause
/*
 * The untyped allocator and object arenas (untyped.h). Which node to use
 * and where objects go is decided by ut_plan.c; this file makes the calls:
 * Untyped_Retype to split an untyped or make objects, CNode_Revoke to take
 * them back. Invariant: a node is FREE only if its untyped cap has no
 * children, so the kernel resets its watermark on the next retype.
 */
#include <rootserver/untyped.h>

#define ROOT seL4_CapInitThreadCNode
#define DEPTH seL4_WordBits

void rs_ut_init(rs_ut_t *ua, rs_slots_t *slots, const seL4_BootInfo *bi)
{
    ua->slots = slots;
    ua->count = 0;
    for (size_t i = 0; i < RS_UT_MAX_NODES; i++) {
        ua->nodes[i].state = RS_UT_UNUSED;
    }
    seL4_Word n = bi->untyped.end - bi->untyped.start;
    for (seL4_Word i = 0; i < n && i < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS && i < RS_UT_MAX_NODES;
         i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        ua->nodes[i] = (rs_ut_node_t){ .paddr = d->paddr, .cptr = bi->untyped.start + i,
                                       .parent = -1, .size_bits = d->sizeBits,
                                       .is_device = d->isDevice, .state = RS_UT_FREE };
        ua->count = i + 1;
    }
}

static int node_of(const rs_ut_t *ua, seL4_CPtr ut)
{
    for (size_t i = 0; i < ua->count; i++) {
        if (ua->nodes[i].state != RS_UT_UNUSED && ua->nodes[i].cptr == ut) {
            return (int)i;
        }
    }
    return -1;
}

/* Splits FREE node i into two halves; returns the index of the first
 * (the second is returned through *second), or -1. */
static int split(rs_ut_t *ua, int i, int *second)
{
    int a = rs_ut_plan_unused(ua->nodes, RS_UT_MAX_NODES);
    if (a < 0) {
        return -1;
    }
    ua->nodes[a].state = RS_UT_SPLIT; /* reserve it while finding the second */
    int b = rs_ut_plan_unused(ua->nodes, RS_UT_MAX_NODES);
    ua->nodes[a].state = RS_UT_UNUSED;
    seL4_CPtr slots = rs_slots_alloc_range(ua->slots, 2);
    if (b < 0 || slots == 0) {
        return -1;
    }
    rs_ut_node_t *parent = &ua->nodes[i];
    unsigned bits = parent->size_bits - 1u;
    if (seL4_Untyped_Retype(parent->cptr, seL4_UntypedObject, bits, ROOT, 0, 0, slots, 2) !=
        seL4_NoError) {
        rs_slots_free_range(ua->slots, slots, 2);
        return -1;
    }
    parent->state = RS_UT_SPLIT;
    for (int h = 0; h < 2; h++) {
        ua->nodes[h == 0 ? a : b] = (rs_ut_node_t){
            .paddr = parent->paddr + ((uint64_t)h << bits), .cptr = slots + (seL4_Word)h,
            .parent = i, .size_bits = (uint8_t)bits, .is_device = parent->is_device,
            .state = RS_UT_FREE };
    }
    size_t top = (size_t)(a > b ? a : b) + 1;
    ua->count = top > ua->count ? top : ua->count;
    *second = b;
    return a;
}

static seL4_Error take(rs_ut_t *ua, int i, seL4_CPtr *ut, seL4_Word *paddr)
{
    ua->nodes[i].state = RS_UT_USED;
    *ut = ua->nodes[i].cptr;
    if (paddr != NULL) {
        *paddr = ua->nodes[i].paddr;
    }
    return seL4_NoError;
}

seL4_Error rs_ut_alloc(rs_ut_t *ua, unsigned size_bits, bool device, seL4_CPtr *ut,
                       seL4_Word *paddr)
{
    int i = rs_ut_plan_best_fit(ua->nodes, ua->count, size_bits, device);
    if (i < 0) {
        return seL4_NotEnoughMemory;
    }
    while (ua->nodes[i].size_bits > size_bits) {
        int second;
        i = split(ua, i, &second);
        if (i < 0) {
            return seL4_NotEnoughMemory;
        }
    }
    return take(ua, i, ut, paddr);
}

seL4_Error rs_ut_alloc_at(rs_ut_t *ua, seL4_Word paddr, unsigned size_bits, seL4_CPtr *ut)
{
    if (size_bits < seL4_MinUntypedBits || size_bits > seL4_MaxUntypedBits ||
        (paddr & ((1UL << size_bits) - 1)) != 0) {
        return seL4_AlignmentError;
    }
    int i = rs_ut_plan_containing(ua->nodes, ua->count, paddr, size_bits);
    if (i < 0) {
        return seL4_FailedLookup;
    }
    while (ua->nodes[i].size_bits > size_bits) {
        unsigned half = rs_ut_plan_half(ua->nodes[i].paddr, ua->nodes[i].size_bits, paddr);
        int second;
        int first = split(ua, i, &second);
        if (first < 0) {
            return seL4_NotEnoughMemory;
        }
        i = half == 0 ? first : second;
    }
    return take(ua, i, ut, NULL);
}

seL4_Error rs_ut_free(rs_ut_t *ua, seL4_CPtr ut)
{
    int i = node_of(ua, ut);
    if (i < 0 || ua->nodes[i].state != RS_UT_USED) {
        return seL4_InvalidArgument;
    }
    seL4_Error err = seL4_CNode_Revoke(ROOT, ut, DEPTH);
    if (err != seL4_NoError) {
        return err;
    }
    ua->nodes[i].state = RS_UT_FREE;
    int parent;
    while (rs_ut_plan_mergeable(ua->nodes, ua->count, i, &parent)) {
        int sibling = rs_ut_plan_sibling(ua->nodes, ua->count, i);
        err = seL4_CNode_Revoke(ROOT, ua->nodes[parent].cptr, DEPTH);
        if (err != seL4_NoError) {
            return err;
        }
        rs_slots_free(ua->slots, ua->nodes[i].cptr);
        rs_slots_free(ua->slots, ua->nodes[sibling].cptr);
        ua->nodes[i].state = RS_UT_UNUSED;
        ua->nodes[sibling].state = RS_UT_UNUSED;
        ua->nodes[parent].state = RS_UT_FREE;
        i = parent;
    }
    return seL4_NoError;
}

seL4_Error rs_ut_alloc_object(rs_ut_t *ua, seL4_Word type, seL4_Word size_bits, seL4_CPtr *obj,
                              seL4_CPtr *ut)
{
    int bits = rs_ut_plan_object_bits(type, size_bits);
    if (bits < 0) {
        return seL4_InvalidArgument;
    }
    seL4_CPtr slot = rs_slots_alloc(ua->slots);
    if (slot == 0) {
        return seL4_NotEnoughMemory;
    }
    seL4_Error err = rs_ut_alloc(ua, bits < seL4_MinUntypedBits ? seL4_MinUntypedBits
                                                                 : (unsigned)bits,
                                 false, ut, NULL);
    if (err == seL4_NoError) {
        err = seL4_Untyped_Retype(*ut, type, size_bits, ROOT, 0, 0, slot, 1);
        if (err != seL4_NoError) {
            rs_ut_free(ua, *ut);
        }
    }
    if (err != seL4_NoError) {
        rs_slots_free(ua->slots, slot);
        return err;
    }
    *obj = slot;
    return seL4_NoError;
}

seL4_Error rs_ut_device_frame(rs_ut_t *ua, seL4_Word paddr, seL4_CPtr *frame, seL4_CPtr *ut)
{
    seL4_CPtr slot = rs_slots_alloc(ua->slots);
    if (slot == 0) {
        return seL4_NotEnoughMemory;
    }
    seL4_Error err = rs_ut_alloc_at(ua, paddr & ~((1UL << seL4_PageBits) - 1), seL4_PageBits, ut);
    if (err == seL4_NoError) {
        err = seL4_Untyped_Retype(*ut, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, slot, 1);
        if (err != seL4_NoError) {
            rs_ut_free(ua, *ut);
        }
    }
    if (err != seL4_NoError) {
        rs_slots_free(ua->slots, slot);
        return err;
    }
    *frame = slot;
    return seL4_NoError;
}

seL4_Word rs_ut_free_bytes(const rs_ut_t *ua, bool device)
{
    return rs_ut_plan_free_bytes(ua->nodes, ua->count, device);
}

seL4_Error rs_arena_init(rs_arena_t *a, rs_ut_t *ua, unsigned chunk_bits, seL4_Word max_objects)
{
    *a = (rs_arena_t){ .ua = ua, .chunk_bits = chunk_bits };
    a->slot_base = rs_slots_alloc_range(ua->slots, max_objects);
    if (a->slot_base == 0) {
        return seL4_NotEnoughMemory;
    }
    a->slot_count = max_objects;
    return seL4_NoError;
}

seL4_CPtr rs_arena_slot(rs_arena_t *a)
{
    return a->slot_next < a->slot_count ? a->slot_base + a->slot_next++ : 0;
}

/* Index of an untyped of the arena with room for one object, or -1. */
static int arena_room(const rs_arena_t *a, unsigned bits, uint64_t *offset, uint64_t *used)
{
    for (unsigned i = 0; i < a->count; i++) {
        if (rs_ut_plan_fit(a->ut_used[i], a->ut_bits[i], bits, 1, offset, used)) {
            return (int)i;
        }
    }
    return -1;
}

static int arena_grow(rs_arena_t *a, unsigned bits)
{
    if (a->count == RS_ARENA_MAX_UNTYPEDS) {
        return -1;
    }
    unsigned size = bits > a->chunk_bits ? bits : a->chunk_bits;
    if (rs_ut_alloc(a->ua, size, false, &a->ut[a->count], NULL) != seL4_NoError) {
        return -1;
    }
    a->ut_bits[a->count] = (uint8_t)size;
    a->ut_used[a->count] = 0;
    return (int)a->count++;
}

seL4_Error rs_arena_object(rs_arena_t *a, seL4_Word type, seL4_Word size_bits, seL4_CPtr *obj)
{
    int bits = rs_ut_plan_object_bits(type, size_bits);
    if (bits < 0) {
        return seL4_InvalidArgument;
    }
    uint64_t offset, used;
    int i = arena_room(a, (unsigned)bits, &offset, &used);
    if (i < 0 && (i = arena_grow(a, (unsigned)bits)) >= 0) {
        (void)rs_ut_plan_fit(0, a->ut_bits[i], (unsigned)bits, 1, &offset, &used);
    }
    if (i < 0) {
        return seL4_NotEnoughMemory;
    }
    if (a->slot_next == a->slot_count) {
        return seL4_NotEnoughMemory;
    }
    seL4_CPtr slot = a->slot_base + a->slot_next;
    seL4_Error err = seL4_Untyped_Retype(a->ut[i], type, size_bits, ROOT, 0, 0, slot, 1);
    if (err != seL4_NoError) {
        return err;
    }
    a->slot_next++;
    a->ut_used[i] = used;
    *obj = slot;
    return seL4_NoError;
}

seL4_Error rs_arena_release(rs_arena_t *a)
{
    seL4_Error result = seL4_NoError;
    for (unsigned i = 0; i < a->count; i++) {
        seL4_Error err = rs_ut_free(a->ua, a->ut[i]);
        result = result != seL4_NoError ? result : err;
    }
    a->count = 0;
    /* Slots holding caps that did not derive from the arena's untypeds
     * (copies of other caps) are emptied here too. */
    for (seL4_Word s = 0; s < a->slot_next; s++) {
        (void)seL4_CNode_Delete(ROOT, a->slot_base + s, DEPTH);
    }
    if (a->slot_count != 0) {
        rs_slots_free_range(a->ua->slots, a->slot_base, a->slot_count);
    }
    a->slot_count = a->slot_next = 0;
    return result;
}
