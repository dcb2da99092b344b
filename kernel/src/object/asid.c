// SPDX-License-Identifier: BSD-2-Clause
/*
 * ASID control and ASID pools. ASIDControl_MakePool turns a 4 KiB untyped
 * into a pool of 512 ASIDs and registers it in the kernel's ASID table;
 * ASIDPool_Assign gives a VSpace the pool's first free ASID (ASID 0 is never
 * handed out: it means "none").
 */
#include <object/invocation.h>

#include <arch.h>
#include <kernel/cspace.h>
#include <lib/string.h>
#include <object/cdt.h>
#include <object/cte_ops.h>
#include <object/vm_decode.h>
#include <sel4/generated/invocation_labels.h>

static exception_t perform_make_pool(cte_t *untyped, cte_t *dest, unsigned index)
{
    asid_pool_t *pool = cap_get_ptr(untyped->cap);
    untyped->cap = cap_untyped_set_free_index(untyped->cap, BIT(seL4_ASIDPoolBits));
    memset(pool, 0, sizeof(*pool));
    cap_t cap = cap_new(CAP_ASID_POOL, pool);
    cdt_insert_new(untyped, dest, cap_asid_pool_set_asid_base(cap, index << ASID_LOW_BITS), true);
    asid_table[index] = pool;
    return EXCEPTION_NONE;
}

static exception_t decode_make_pool(invocation_t *inv)
{
    if (inv->length < 2 || inv->extra[0] == NULL || inv->extra[1] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    unsigned index = 0;
    while (index < ASID_POOL_COUNT && asid_table[index] != NULL) {
        index++;
    }
    if (index == ASID_POOL_COUNT) {
        user_error("ASIDControl MakePool: all %u ASID pools exist", ASID_POOL_COUNT);
        return syscall_error(seL4_DeleteFirst);
    }
    cte_t *untyped = inv->extra[0];
    cap_t ut = untyped->cap;
    if (cap_get_type(ut) != CAP_UNTYPED || cap_untyped_get_size_bits(ut) != seL4_ASIDPoolBits ||
        cap_untyped_get_is_device(ut)) {
        user_error("ASIDControl MakePool: needs a 4 KiB RAM untyped");
        return syscall_error_argument(seL4_InvalidCapability, 1);
    }
    if (cdt_has_children(untyped)) {
        user_error("ASIDControl MakePool: the untyped has children; revoke it first");
        return syscall_error(seL4_RevokeFirst);
    }
    cte_t *dest;
    exception_t status = cspace_lookup_for_op(false, inv->extra[1]->cap, invocation_arg(inv, 0),
                                              invocation_arg(inv, 1), &dest);
    if (status == EXCEPTION_NONE) {
        status = cte_ensure_empty(dest);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    return perform_make_pool(untyped, dest, index);
}

exception_t asid_control_decode_invocation(invocation_t *inv)
{
    if (inv->label != ARMASIDControlMakePool) {
        user_error("ASIDControl: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
    return decode_make_pool(inv);
}

exception_t asid_pool_decode_invocation(invocation_t *inv)
{
    if (inv->label != ARMASIDPoolAssign) {
        user_error("ASIDPool: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
    if (inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t vspace = inv->extra[0]->cap;
    if (cap_get_type(vspace) != CAP_VSPACE || cap_vspace_get_mapped(vspace)) {
        user_error("ASIDPool Assign: needs a VSpace cap without an ASID");
        return syscall_error_argument(seL4_InvalidCapability, 1);
    }
    word_t base = cap_asid_pool_get_asid_base(inv->cap);
    asid_pool_t *pool = asid_table[base >> ASID_LOW_BITS];
    if (pool == NULL) {
        user_error("ASIDPool Assign: the pool has been deleted");
        (void)lookup_fault(seL4_InvalidRoot, 0, 0, 0);
        return syscall_error_lookup(false);
    }
    if (pool != cap_get_ptr(inv->cap)) {
        return syscall_error_argument(seL4_InvalidCapability, 0);
    }
    word_t i = 0;
    while (i < ASID_POOL_SIZE && (base + i == 0 || pool->vspace[i] != NULL)) {
        i++;
    }
    if (i == ASID_POOL_SIZE) {
        user_error("ASIDPool Assign: the pool is full");
        return syscall_error(seL4_DeleteFirst);
    }
    pool->vspace[i] = cap_get_ptr(vspace);
    vspace = cap_vspace_set_mapped(vspace, 1);
    inv->extra[0]->cap = cap_vspace_set_mapped_asid(vspace, base + i);
    return EXCEPTION_NONE;
}
