// SPDX-License-Identifier: BSD-2-Clause
/*
 * Frames: seL4_ARM_Page_Map/Unmap/GetAddress and the cache operations on
 * one frame. A frame cap maps at most one place; its cap remembers where
 * (ASID, vaddr), and a copy starts unmapped, so mapping a frame twice needs
 * two caps, as in seL4.
 */
#include <object/invocation.h>

#include <arch.h>
#include <sel4/shared_types.h>
#include <object/vm_decode.h>
#include <sel4/generated/invocation_labels.h>

/* The rights a mapping gets: the cap's, cut down by the seL4_CapRights_t
 * word asked for (write needs read; no read leaves kernel-only). */
static word_t frame_vm_rights(word_t cap_rights, word_t asked)
{
    seL4_CapRights_t r = { { asked } };
    if (!seL4_CapRights_get_capAllowRead(r) || cap_rights < 2) {
        return 1;
    }
    return (cap_rights == 3 && seL4_CapRights_get_capAllowWrite(r)) ? 3 : 2;
}

static paddr_t frame_paddr(cap_t frame)
{
    return (paddr_t)(uintptr_t)cap_get_ptr(frame) - KERNEL_WINDOW_BASE;
}

/* Checks that depend on whether the cap already maps the frame somewhere. */
static exception_t check_map_target(cap_t frame, word_t asid, word_t vaddr)
{
    word_t last = vaddr + MASK(frame_bits(frame));
    if (cap_frame_get_mapped(frame)) {
        if (cap_frame_get_mapped_asid(frame) != asid) {
            user_error("Page Map: the frame is mapped in another VSpace");
            return syscall_error_argument(seL4_InvalidCapability, 1);
        }
        if (cap_frame_get_mapped_vaddr(frame) != vaddr) {
            user_error("Page Map: the frame is already mapped at 0x%lx",
                       cap_frame_get_mapped_vaddr(frame));
            return syscall_error_argument(seL4_InvalidArgument, 0);
        }
    } else if (last > seL4_UserTop || last < vaddr) {
        user_error("Page Map: 0x%lx is not a user address for this frame", vaddr);
        return syscall_error_argument(seL4_InvalidArgument, 0);
    }
    if (!IS_ALIGNED(vaddr, frame_bits(frame))) {
        user_error("Page Map: 0x%lx is not aligned to the frame's size", vaddr);
        return syscall_error(seL4_AlignmentError);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_map(invocation_t *inv)
{
    if (inv->length < 3 || inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t frame = inv->cap;
    word_t vaddr = invocation_arg(inv, 0);
    word_t rights = invocation_arg(inv, 1);
    word_t attr = invocation_arg(inv, 2);
    cap_t vspace_cap = inv->extra[0]->cap;
    pte_t *vspace;
    word_t asid;
    exception_t status = vm_check_vspace_cap(vspace_cap, 1);
    if (status == EXCEPTION_NONE) {
        status = vm_find_vspace(vspace_cap, 1, &vspace, &asid);
    }
    if (status == EXCEPTION_NONE) {
        status = check_map_target(frame, asid, vaddr);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    unsigned bits = frame_bits(frame);
    pt_slot_t slot = vspace_lookup_slot(vspace, vaddr);
    if (slot.bits != bits) {
        user_error("Page Map: no page table for 0x%lx at this frame's level", vaddr);
        (void)lookup_fault(seL4_MissingCapability, slot.bits, 0, 0);
        return syscall_error_lookup(false);
    }
    paddr_t paddr = frame_paddr(frame);
    bool remap = cap_frame_get_mapped(frame) && pte_paddr(*slot.entry) == paddr;
    if (*slot.entry != 0 && !remap) {
        user_error("Page Map: 0x%lx is already mapped", vaddr);
        return syscall_error(seL4_DeleteFirst);
    }
    word_t vm_rights = frame_vm_rights(cap_frame_get_vm_rights(frame), rights);
    pte_t entry = vspace_leaf_entry(paddr, bits, vm_rights, attr, cap_frame_get_is_device(frame));
    vspace_set_entry(slot.entry, entry, asid, vaddr);
    frame = cap_frame_set_mapped(frame, 1);
    frame = cap_frame_set_mapped_vaddr(frame, vaddr);
    inv->slot->cap = cap_frame_set_mapped_asid(frame, asid);
    return EXCEPTION_NONE;
}

static void perform_unmap(invocation_t *inv)
{
    vspace_unmap_frame(inv->cap);
    cap_t frame = cap_frame_set_mapped(inv->cap, 0);
    frame = cap_frame_set_mapped_vaddr(frame, 0);
    inv->slot->cap = cap_frame_set_mapped_asid(frame, 0);
}

/* Clean/Invalidate/CleanInvalidate_Data and Unify_Instruction on
 * [start, end) of the frame, given as offsets into it. */
static exception_t decode_cache_op(invocation_t *inv)
{
    if (inv->length < 2) {
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t frame = inv->cap;
    if (!cap_frame_get_mapped(frame)) {
        user_error("Page cache operation: the frame is not mapped");
        return syscall_error(seL4_IllegalOperation);
    }
    if (vspace_for_asid(cap_frame_get_mapped_asid(frame)) == NULL) {
        (void)lookup_fault(seL4_InvalidRoot, 0, 0, 0);
        return syscall_error_lookup(false);
    }
    word_t start = invocation_arg(inv, 0);
    word_t end = invocation_arg(inv, 1);
    word_t size = BIT(frame_bits(frame));
    if (end <= start) {
        user_error("Page cache operation: empty range");
        return syscall_error_argument(seL4_InvalidArgument, 1);
    }
    if (start >= size) {
        return syscall_error_argument(seL4_InvalidArgument, 0);
    }
    if (end > size) {
        return syscall_error_argument(seL4_InvalidArgument, 1);
    }
    /* Device frames are mapped uncached and are outside the kernel window:
     * there is nothing in the caches to maintain. */
    if (!cap_frame_get_is_device(frame)) {
        vspace_cache_op(vm_cache_op_for(inv->label), (uint8_t *)cap_get_ptr(frame) + start,
                        end - start);
    }
    return EXCEPTION_NONE;
}

exception_t frame_decode_invocation(invocation_t *inv)
{
    switch (inv->label) {
    case ARMPageMap:
        return decode_map(inv);
    case ARMPageUnmap:
        perform_unmap(inv);
        return EXCEPTION_NONE;
    case ARMPageGetAddress:
        inv->thread->context.x[2] = frame_paddr(inv->cap);
        inv->reply_length = 1;
        return EXCEPTION_NONE;
    case ARMPageClean_Data:
    case ARMPageInvalidate_Data:
    case ARMPageCleanInvalidate_Data:
    case ARMPageUnify_Instruction:
        return decode_cache_op(inv);
    default:
        user_error("Page: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
}
