// SPDX-License-Identifier: BSD-2-Clause
/*
 * The untyped allocator's arithmetic (ut_plan.h): no system calls, only the
 * node table. Sizes are powers of two; a node's paddr is aligned to its size
 * (the kernel hands out boot untypeds that way, and halves keep it).
 */
#include <rootserver/ut_plan.h>

#include <sel4/constants.h>
#include <sel4/objecttype.h>

#define BYTES(bits) ((uint64_t)1 << (bits))

int rs_ut_plan_best_fit(const rs_ut_node_t *nodes, size_t count, unsigned size_bits,
                        bool device)
{
    int best = -1;
    for (size_t i = 0; i < count; i++) {
        const rs_ut_node_t *n = &nodes[i];
        if (n->state != RS_UT_FREE || (bool)n->is_device != device || n->size_bits < size_bits) {
            continue;
        }
        if (best < 0 || n->size_bits < nodes[best].size_bits ||
            (n->size_bits == nodes[best].size_bits && n->paddr < nodes[best].paddr)) {
            best = (int)i;
        }
    }
    return best;
}

int rs_ut_plan_containing(const rs_ut_node_t *nodes, size_t count, uint64_t paddr,
                          unsigned size_bits)
{
    if (size_bits >= 64 || paddr + BYTES(size_bits) < paddr) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        const rs_ut_node_t *n = &nodes[i];
        if (n->state != RS_UT_FREE || n->size_bits < size_bits) {
            continue;
        }
        uint64_t end = n->paddr + BYTES(n->size_bits);
        if (paddr >= n->paddr && paddr + BYTES(size_bits) <= end) {
            return (int)i;
        }
    }
    return -1;
}

unsigned rs_ut_plan_half(uint64_t base, unsigned bits, uint64_t paddr)
{
    return paddr - base >= BYTES(bits - 1) ? 1 : 0;
}

int rs_ut_plan_sibling(const rs_ut_node_t *nodes, size_t count, int index)
{
    int parent = nodes[index].parent;
    if (parent < 0) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if ((int)i != index && nodes[i].state != RS_UT_UNUSED && nodes[i].parent == parent) {
            return (int)i;
        }
    }
    return -1;
}

bool rs_ut_plan_mergeable(const rs_ut_node_t *nodes, size_t count, int index, int *parent)
{
    int sibling = rs_ut_plan_sibling(nodes, count, index);
    if (sibling < 0 || nodes[index].state != RS_UT_FREE || nodes[sibling].state != RS_UT_FREE ||
        nodes[nodes[index].parent].state != RS_UT_SPLIT) {
        return false;
    }
    *parent = nodes[index].parent;
    return true;
}

uint64_t rs_ut_plan_free_bytes(const rs_ut_node_t *nodes, size_t count, bool device)
{
    uint64_t total = 0;
    for (size_t i = 0; i < count; i++) {
        if (nodes[i].state == RS_UT_FREE && (bool)nodes[i].is_device == device) {
            total += BYTES(nodes[i].size_bits);
        }
    }
    return total;
}

int rs_ut_plan_unused(const rs_ut_node_t *nodes, size_t capacity)
{
    for (size_t i = 0; i < capacity; i++) {
        if (nodes[i].state == RS_UT_UNUSED) {
            return (int)i;
        }
    }
    return -1;
}

bool rs_ut_plan_fit(uint64_t used, unsigned ut_bits, unsigned obj_bits, uint64_t count,
                    uint64_t *offset, uint64_t *new_used)
{
    if (ut_bits >= 64 || obj_bits > ut_bits || count == 0 || used > BYTES(ut_bits)) {
        return false;
    }
    uint64_t size = BYTES(obj_bits);
    uint64_t start = (used + size - 1) & ~(size - 1);
    uint64_t room = BYTES(ut_bits) - start; /* start <= end: the end is aligned to size */
    if ((room >> obj_bits) < count) {
        return false;
    }
    *offset = start;
    *new_used = start + count * size;
    return true;
}

/* Objects whose size does not depend on Retype's size_bits (0: not one). */
static const uint8_t fixed_bits[seL4_ObjectTypeCount] = {
    [seL4_TCBObject] = seL4_TCBBits,
    [seL4_EndpointObject] = seL4_EndpointBits,
    [seL4_NotificationObject] = seL4_NotificationBits,
    [seL4_ARM_SmallPageObject] = seL4_PageBits,
    [seL4_ARM_LargePageObject] = seL4_LargePageBits,
    [seL4_ARM_HugePageObject] = seL4_HugePageBits,
    [seL4_ARM_PageTableObject] = seL4_PageTableBits,
    [seL4_ARM_VSpaceObject] = seL4_VSpaceBits,
};

int rs_ut_plan_object_bits(uint64_t type, uint64_t size_bits)
{
    if (type == seL4_UntypedObject) {
        return size_bits >= seL4_MinUntypedBits && size_bits <= seL4_MaxUntypedBits
                   ? (int)size_bits : -1;
    }
    if (type == seL4_CapTableObject) {
        return size_bits >= 1 && size_bits <= seL4_MaxUntypedBits - seL4_SlotBits
                   ? (int)(size_bits + seL4_SlotBits) : -1;
    }
    return type < seL4_ObjectTypeCount && fixed_bits[type] != 0 ? fixed_bits[type] : -1;
}
