// SPDX-License-Identifier: BSD-2-Clause
/*
 * CSpace lookup. Each CNode level checks its guard against the next
 * guard_size bits of the pointer, then indexes its 2^radix slots with the
 * following radix bits. A radix of at least 1 is guaranteed by retype, so
 * every level consumes bits and the walk ends.
 */
#include <kernel/cspace.h>

exception_t cspace_resolve(cap_t node, word_t cptr, unsigned depth, resolve_result_t *out)
{
    if (cap_get_type(node) != CAP_CNODE) {
        return lookup_fault(seL4_InvalidRoot, 0, 0, 0);
    }
    unsigned n_bits = depth;
    for (;;) {
        unsigned radix = (unsigned)cap_cnode_get_radix(node);
        unsigned guard_bits = (unsigned)cap_cnode_get_guard_size(node);
        unsigned level = radix + guard_bits;
        word_t guard = cap_cnode_get_guard(node);

        if (guard_bits > n_bits || cptr_bits(cptr, n_bits - guard_bits, guard_bits) != guard) {
            return lookup_fault(seL4_GuardMismatch, n_bits, guard_bits, guard);
        }
        if (level > n_bits) {
            return lookup_fault(seL4_DepthMismatch, n_bits, level, 0);
        }
        cte_t *slot = (cte_t *)cap_get_ptr(node) + cptr_bits(cptr, n_bits - level, radix);
        n_bits -= level;
        if (n_bits == 0 || cap_get_type(slot->cap) != CAP_CNODE) {
            out->slot = slot;
            out->bits_remaining = n_bits;
            return EXCEPTION_NONE;
        }
        node = slot->cap;
    }
}

exception_t cspace_lookup_slot(cap_t root, word_t cptr, cte_t **slot)
{
    resolve_result_t r;
    exception_t status = cspace_resolve(root, cptr, seL4_WordBits, &r);
    if (status == EXCEPTION_NONE) {
        *slot = r.slot;
    }
    return status;
}

exception_t cspace_lookup_for_op(bool is_source, cap_t root, word_t index, word_t depth,
                                 cte_t **slot)
{
    if (cap_get_type(root) != CAP_CNODE) {
        user_error("CNode operation: the root is not a CNode");
        (void)lookup_fault(seL4_InvalidRoot, 0, 0, 0);
        return syscall_error_lookup(is_source);
    }
    if (depth < 1 || depth > seL4_WordBits) {
        user_error("CNode operation: depth %lu outside 1..64", depth);
        return syscall_error_range(1, seL4_WordBits);
    }
    resolve_result_t r = { NULL, 0 };
    if (cspace_resolve(root, index, (unsigned)depth, &r) != EXCEPTION_NONE) {
        return syscall_error_lookup(is_source);
    }
    if (r.bits_remaining != 0) {
        (void)lookup_fault(seL4_DepthMismatch, r.bits_remaining, 0, 0);
        return syscall_error_lookup(is_source);
    }
    *slot = r.slot;
    return EXCEPTION_NONE;
}
