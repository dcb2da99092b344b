// SPDX-License-Identifier: BSD-2-Clause
/*
 * Page tables and VSpaces: seL4_ARM_PageTable_Map/Unmap and the
 * seL4_ARM_VSpace_* cache operations, with seL4's checks in seL4's order.
 * A page table goes in at the first level of the walk that has no table yet,
 * so one object type serves levels 1 to 3.
 */
#include <object/invocation.h>

#include <arch.h>
#include <arch/aarch64/sysreg_bits.h>
#include <lib/string.h>
#include <object/cdt.h>
#include <object/vm_decode.h>
#include <sel4/generated/invocation_labels.h>

exception_t vm_refuse_vspace_cap(word_t index)
{
    user_error("not a VSpace cap with an ASID");
    return syscall_error_argument(seL4_InvalidCapability, index);
}

/* The slow side of vm_find_vspace: say why the ASID does not name it. */
exception_t vm_refuse_asid(cap_t cap, word_t index)
{
    word_t asid = cap_vspace_get_mapped_asid(cap);
    if (vspace_for_asid(asid) == NULL) {
        user_error("the VSpace's ASID %lu is no longer valid", asid);
        (void)lookup_fault(seL4_InvalidRoot, 0, 0, 0);
        return syscall_error_lookup(false);
    }
    user_error("ASID %lu belongs to another VSpace", asid);
    return syscall_error_argument(seL4_InvalidCapability, index);
}

cache_op_t vm_cache_op_for(word_t label)
{
    switch (label) {
    case ARMPageClean_Data:
    case ARMVSpaceClean_Data:
        return CACHE_CLEAN;
    case ARMPageInvalidate_Data:
    case ARMVSpaceInvalidate_Data:
        return CACHE_INVALIDATE;
    case ARMPageCleanInvalidate_Data:
    case ARMVSpaceCleanInvalidate_Data:
        return CACHE_CLEAN_INVALIDATE;
    default:
        return CACHE_UNIFY;
    }
}

static exception_t decode_table_map(invocation_t *inv)
{
    if (inv->length < 2 || inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    if (cap_page_table_get_mapped(inv->cap)) {
        user_error("PageTable Map: the table is already mapped");
        return syscall_error_argument(seL4_InvalidCapability, 0);
    }
    word_t vaddr = invocation_arg(inv, 0);
    cap_t vspace_cap = inv->extra[0]->cap;
    exception_t status = vm_check_vspace_cap(vspace_cap, 1);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (vaddr > seL4_UserTop) {
        user_error("PageTable Map: 0x%lx is not a user address", vaddr);
        return syscall_error_argument(seL4_InvalidArgument, 0);
    }
    pte_t *vspace;
    word_t asid;
    status = vm_find_vspace(vspace_cap, 1, &vspace, &asid);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    pt_slot_t slot = vspace_lookup_slot(vspace, vaddr);
    if (slot.bits == seL4_PageBits || *slot.entry != 0) {
        user_error("PageTable Map: 0x%lx already has a table or mapping at every level", vaddr);
        return syscall_error(seL4_DeleteFirst);
    }
    paddr_t table = (paddr_t)(uintptr_t)cap_get_ptr(inv->cap) - KERNEL_WINDOW_BASE;
    vspace_set_entry(slot.entry, table | PTE_TABLE, asid, vaddr);
    cap_t cap = cap_page_table_set_mapped(inv->cap, 1);
    cap = cap_page_table_set_mapped_vaddr(cap, ROUND_DOWN(vaddr, slot.bits));
    inv->slot->cap = cap_page_table_set_mapped_asid(cap, asid);
    return EXCEPTION_NONE;
}

static exception_t decode_table_unmap(invocation_t *inv)
{
    if (!cdt_is_final(inv->slot)) {
        user_error("PageTable Unmap: other caps to this table exist; revoke them first");
        return syscall_error(seL4_RevokeFirst);
    }
    vspace_unmap_page_table(inv->cap);
    /* Cleared even if its VSpace has gone, so a later Map starts empty. */
    memset(cap_get_ptr(inv->cap), 0, BIT(seL4_PageTableBits));
    cap_t cap = cap_page_table_set_mapped(inv->cap, 0);
    cap = cap_page_table_set_mapped_vaddr(cap, 0);
    inv->slot->cap = cap_page_table_set_mapped_asid(cap, 0);
    return EXCEPTION_NONE;
}

exception_t page_table_decode_invocation(invocation_t *inv)
{
    switch (inv->label) {
    case ARMPageTableMap: return decode_table_map(inv);
    case ARMPageTableUnmap: return decode_table_unmap(inv);
    default:
        user_error("PageTable: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
}

/* seL4_ARM_VSpace_*: a cache operation on [start, end) of one mapped frame. */
exception_t vspace_decode_invocation(invocation_t *inv)
{
    if (inv->label < ARMVSpaceClean_Data || inv->label > ARMVSpaceUnify_Instruction) {
        user_error("VSpace: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
    if (inv->length < 2) {
        return syscall_error(seL4_TruncatedMessage);
    }
    word_t start = invocation_arg(inv, 0);
    word_t end = invocation_arg(inv, 1);
    if (end <= start) {
        user_error("VSpace cache operation: empty range");
        return syscall_error_argument(seL4_InvalidArgument, 1);
    }
    if (end > seL4_UserTop) {
        user_error("VSpace cache operation: range beyond user space");
        return syscall_error(seL4_IllegalOperation);
    }
    exception_t status = vm_check_vspace_cap(inv->cap, 0);
    pte_t *vspace;
    word_t asid;
    if (status == EXCEPTION_NONE) {
        status = vm_find_vspace(inv->cap, 0, &vspace, &asid);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    pt_slot_t slot = vspace_lookup_slot(vspace, start);
    pte_t entry = *slot.entry;
    if (entry == 0 || pte_is_table(entry, slot.bits)) {
        return EXCEPTION_NONE; /* nothing mapped, so nothing cached for it */
    }
    word_t base = ROUND_DOWN(start, slot.bits);
    if (ROUND_DOWN(end - 1, slot.bits) != base) {
        user_error("VSpace cache operation: range leaves the frame mapped at 0x%lx", base);
        return syscall_error_range(start, base + MASK(slot.bits));
    }
    if (((entry >> 2) & 7) == MAIR_IDX_NORMAL) { /* device mappings are not cached */
        vspace_cache_op(vm_cache_op_for(inv->label),
                        paddr_to_kernel(pte_paddr(entry) + (start - base)), end - start);
    }
    return EXCEPTION_NONE;
}
