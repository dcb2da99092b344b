/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Capability addressing (seL4 manual, "Capability Space Addressing"): a cap
 * pointer is resolved through guarded CNodes, each level consuming its guard
 * and then radix bits of the pointer, most significant first, until the
 * requested depth is used up or a slot holding something other than a CNode
 * cap is reached.
 */
#pragma once

#include <kernel/errors.h>
#include <object/cte.h>

typedef struct resolve_result {
    cte_t *slot;
    unsigned bits_remaining;
} resolve_result_t;

/* Resolves the top `depth` bits of cptr starting at node_cap. On failure the
 * lookup fault is in ks_lookup_fault. */
exception_t cspace_resolve(cap_t node_cap, word_t cptr, unsigned depth, resolve_result_t *out);

/* The slot a full-depth (64-bit) lookup reaches, as for invoking a cap. */
exception_t cspace_lookup_slot(cap_t root, word_t cptr, cte_t **slot);

/* A slot named by (root, index, depth) for a CNode operation: depth must be
 * 1..64 (seL4_RangeError) and must be used up exactly; failures become
 * seL4_FailedLookup with was_source telling which argument failed. */
exception_t cspace_lookup_for_op(bool is_source, cap_t root, word_t index, word_t depth,
                                 cte_t **slot);

/* The bits [shift + width - 1 : shift] of a word (width 0..64). */
static inline word_t cptr_bits(word_t cptr, unsigned shift, unsigned width)
{
    if (width == 0) {
        return 0;
    }
    word_t value = cptr >> shift;
    return width >= 64 ? value : (value & ((1UL << width) - 1));
}
