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
#include <util.h>

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

/* Most CSpaces are one CNode whose guard and radix take all 64 bits of a
 * cptr: the guard is then everything above the index. */
static ALWAYS_INLINE bool cspace_is_one_level(cap_t root)
{
    return cap_get_type(root) == CAP_CNODE &&
           cap_cnode_get_radix(root) + cap_cnode_get_guard_size(root) == seL4_WordBits;
}

static ALWAYS_INLINE bool cspace_one_level_guard_ok(cap_t root, word_t cptr)
{
    return (cptr >> cap_cnode_get_radix(root)) == cap_cnode_get_guard(root); /* radix < 64 */
}

/* The slot, once the guard is known to match: the index is cptr with the
 * guard taken off. */
static ALWAYS_INLINE cte_t *cspace_one_level_slot(cap_t root, word_t cptr)
{
    word_t index = cptr ^ (cap_cnode_get_guard(root) << cap_cnode_get_radix(root));
    return (cte_t *)cap_get_ptr(root) + index;
}

/* The general walk behind cspace_lookup_fast, level by level, each level
 * taking its guard and radix bits in one go: NULL on any failure. */
static ALWAYS_INLINE cte_t *cspace_walk(cap_t node, word_t cptr)
{
    unsigned bits = seL4_WordBits;
    for (;;) {
        if (cap_get_type(node) != CAP_CNODE) {
            return NULL;
        }
        unsigned radix = (unsigned)cap_cnode_get_radix(node);
        unsigned level = radix + (unsigned)cap_cnode_get_guard_size(node);
        if (level > bits) {
            return NULL;
        }
        bits -= level;
        uint64_t chunk = cptr >> bits; /* level >= 1, so bits < 64 */
        if (level < 64) {
            chunk &= (1UL << level) - 1;
        }
        if ((chunk >> radix) != cap_cnode_get_guard(node)) {
            return NULL;
        }
        cte_t *slot = (cte_t *)cap_get_ptr(node) + (chunk & ((1UL << radix) - 1));
        if (bits == 0 || cap_get_type(slot->cap) != CAP_CNODE) {
            return slot;
        }
        node = slot->cap;
    }
}

/* cspace_lookup_slot's answer without the failure details, for hot paths
 * (IPC): NULL on any failure, and the caller then repeats the lookup with
 * cspace_lookup_slot to report it. */
static ALWAYS_INLINE cte_t *cspace_lookup_fast(cap_t node, word_t cptr)
{
    if (cspace_is_one_level(node)) {
        return cspace_one_level_guard_ok(node, cptr) ? cspace_one_level_slot(node, cptr) : NULL;
    }
    return cspace_walk(node, cptr);
}
