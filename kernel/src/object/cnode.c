// SPDX-License-Identifier: BSD-2-Clause
/*
 * CNode invocations (seL4 manual, "CNode" methods): Copy, Mint, Move,
 * Mutate, Rotate, Delete, Revoke, SaveCaller, CancelBadgedSends. Every
 * argument is checked before anything changes; the perform_* functions
 * cannot fail, except by being preempted part-way (delete, revoke).
 */
#include <object/invocation.h>

#include <kernel/cspace.h>
#include <object/cdt.h>
#include <object/cte_ops.h>
#include <object/endpoint.h>
#include <object/objecttype.h>
#include <sel4/generated/invocation_labels.h>

/* Message words of each method, in the order cairn.api declares them. */
enum { ARG_INDEX = 0, ARG_DEPTH, ARG_SRC_INDEX, ARG_SRC_DEPTH };
enum { COPY_RIGHTS = 4, MINT_RIGHTS = 4, MINT_BADGE = 5, MUTATE_DATA = 4 };
/* Rotate (libsel4's order): dest_badge goes on the cap moving from pivot to
 * dest, pivot_badge on the cap moving from src to pivot. */
enum { ROTATE_DEST_BADGE = 2, ROTATE_PIVOT_INDEX, ROTATE_PIVOT_DEPTH, ROTATE_PIVOT_BADGE,
       ROTATE_SRC_INDEX, ROTATE_SRC_DEPTH, ROTATE_ARGS };

static exception_t perform_move(cap_t cap, cte_t *src, cte_t *dest)
{
    cte_move(cap, src, dest);
    return EXCEPTION_NONE;
}

static exception_t perform_insert(cap_t cap, cte_t *src, cte_t *dest)
{
    cte_insert(cap, src, dest);
    return EXCEPTION_NONE;
}

/* The slot (src_root, index, depth) names as a source; it must hold a cap. */
static exception_t lookup_source(cap_t root, word_t index, word_t depth, cte_t **slot)
{
    exception_t status = cspace_lookup_for_op(true, root, index, depth, slot);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (cte_is_empty(*slot)) {
        user_error("CNode: source slot is empty");
        (void)lookup_fault(seL4_MissingCapability, depth, 0, 0);
        return syscall_error_lookup(true);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_copy_family(invocation_t *inv, cte_t *dest)
{
    word_t label = inv->label;
    if (inv->length < 4 || inv->extra[0] == NULL) {
        user_error("CNode Copy/Mint/Move/Mutate: too few arguments");
        return syscall_error(seL4_TruncatedMessage);
    }
    exception_t status = cte_ensure_empty(dest);
    cte_t *src;
    if (status == EXCEPTION_NONE) {
        status = lookup_source(inv->extra[0]->cap, invocation_arg(inv, ARG_SRC_INDEX),
                               invocation_arg(inv, ARG_SRC_DEPTH), &src);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    word_t needed = label == CNodeCopy ? 5 : label == CNodeMint ? 6 : label == CNodeMutate ? 5 : 4;
    if (inv->length < needed) {
        user_error("CNode Copy/Mint/Mutate: too few arguments");
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t new_cap = src->cap;
    if (label == CNodeCopy || label == CNodeMint) {
        cap_t masked = cap_mask_rights(invocation_arg(inv, label == CNodeCopy ? COPY_RIGHTS
                                                                              : MINT_RIGHTS),
                                       src->cap);
        if (label == CNodeMint) {
            masked = cap_update_data(false, invocation_arg(inv, MINT_BADGE), masked);
        }
        status = cap_derive(src, masked, &new_cap);
        if (status != EXCEPTION_NONE) {
            return status;
        }
    } else if (label == CNodeMutate) {
        new_cap = cap_update_data(true, invocation_arg(inv, MUTATE_DATA), src->cap);
    }
    if (cap_get_type(new_cap) == CAP_NULL) {
        user_error("CNode: the resulting cap would be invalid");
        return syscall_error(seL4_IllegalOperation);
    }
    if (label == CNodeMove || label == CNodeMutate) {
        return perform_move(new_cap, src, dest);
    }
    return perform_insert(new_cap, src, dest);
}

static exception_t decode_rotate(invocation_t *inv, cte_t *dest)
{
    if (inv->length < ROTATE_ARGS || inv->extra[0] == NULL || inv->extra[1] == NULL) {
        user_error("CNode Rotate: too few arguments");
        return syscall_error(seL4_TruncatedMessage);
    }
    cte_t *pivot;
    cte_t *src;
    /* The source is looked up first (its failure is the one reported); a
     * failed pivot lookup also reports as a source, as in seL4. */
    exception_t status = cspace_lookup_for_op(true, inv->extra[1]->cap,
                                              invocation_arg(inv, ROTATE_SRC_INDEX),
                                              invocation_arg(inv, ROTATE_SRC_DEPTH), &src);
    if (status == EXCEPTION_NONE) {
        status = cspace_lookup_for_op(true, inv->extra[0]->cap,
                                      invocation_arg(inv, ROTATE_PIVOT_INDEX),
                                      invocation_arg(inv, ROTATE_PIVOT_DEPTH), &pivot);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (pivot == src || pivot == dest) {
        user_error("CNode Rotate: the pivot must differ from source and destination");
        return syscall_error(seL4_IllegalOperation);
    }
    if (src != dest && (status = cte_ensure_empty(dest)) != EXCEPTION_NONE) {
        return status;
    }
    if (cte_is_empty(src)) {
        user_error("CNode Rotate: source slot is empty");
        (void)lookup_fault(seL4_MissingCapability, invocation_arg(inv, ROTATE_SRC_DEPTH), 0, 0);
        return syscall_error_lookup(true);
    }
    if (cte_is_empty(pivot)) {
        user_error("CNode Rotate: pivot slot is empty");
        (void)lookup_fault(seL4_MissingCapability, invocation_arg(inv, ROTATE_PIVOT_DEPTH), 0, 0);
        return syscall_error_lookup(false);
    }
    cap_t new_src = cap_update_data(true, invocation_arg(inv, ROTATE_PIVOT_BADGE), src->cap);
    cap_t new_pivot = cap_update_data(true, invocation_arg(inv, ROTATE_DEST_BADGE), pivot->cap);
    if (cap_get_type(new_src) == CAP_NULL || cap_get_type(new_pivot) == CAP_NULL) {
        user_error("CNode Rotate: a resulting cap would be invalid");
        return syscall_error(seL4_IllegalOperation);
    }
    /* perform: src -> pivot -> dest, or a swap when src and dest coincide */
    if (src == dest) {
        cte_swap(new_src, src, new_pivot, pivot);
    } else {
        cte_move(new_pivot, pivot, dest);
        cte_move(new_src, src, pivot);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_save_caller(const invocation_t *inv, cte_t *dest)
{
    exception_t status = cte_ensure_empty(dest);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    cte_t *caller = &inv->thread->slots[TCB_CALLER];
    if (cap_get_type(caller->cap) == CAP_REPLY) {
        cte_move(caller->cap, caller, dest);
    }
    /* With no caller to save, seL4 succeeds without doing anything. */
    return EXCEPTION_NONE;
}

static exception_t decode_cancel_badged_sends(cte_t *dest)
{
    if (!cap_has_cancel_send_rights(dest->cap)) {
        user_error("CNode CancelBadgedSends: not an endpoint cap with all rights");
        return syscall_error(seL4_IllegalOperation);
    }
    word_t badge = cap_endpoint_get_badge(dest->cap);
    if (badge == 0) {
        return EXCEPTION_NONE;
    }
    return endpoint_cancel_badged_sends(cap_get_ptr(dest->cap), badge);
}

exception_t cnode_decode_invocation(invocation_t *inv)
{
    if (inv->label < CNodeRevoke || inv->label > CNodeSaveCaller) {
        user_error("CNode: not a CNode method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
    if (inv->length < 2) {
        user_error("CNode: too few arguments");
        return syscall_error(seL4_TruncatedMessage);
    }
    cte_t *dest;
    exception_t status = cspace_lookup_for_op(false, inv->cap, invocation_arg(inv, ARG_INDEX),
                                              invocation_arg(inv, ARG_DEPTH), &dest);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    switch (inv->label) {
    case CNodeCopy:
    case CNodeMint:
    case CNodeMove:
    case CNodeMutate:
        return decode_copy_family(inv, dest);
    case CNodeRotate:
        return decode_rotate(inv, dest);
    case CNodeRevoke:
        return cte_revoke(dest);
    case CNodeDelete:
        return cte_delete(dest);
    case CNodeSaveCaller:
        return decode_save_caller(inv, dest);
    default: /* CNodeCancelBadgedSends */
        return decode_cancel_badged_sends(dest);
    }
}
