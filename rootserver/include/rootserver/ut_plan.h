/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arithmetic of the untyped allocator (untyped.h), with no system calls,
 * so that host unit tests can drive it.
 *
 * The allocator keeps a table of nodes, one per untyped cap it knows. Boot
 * untypeds are roots. An untyped that is too big is split into two halves
 * (one Untyped_Retype of two untypeds of size_bits - 1: the first half at
 * paddr, the second at paddr + 2^(size_bits - 1)), like a buddy allocator;
 * the parent becomes SPLIT and the halves are new FREE nodes. Giving back an
 * untyped whose buddy is also free merges them again (the parent is revoked
 * and is FREE once more). Free bytes are the sum of the FREE nodes, so a
 * caller that gives back everything it took sees the same total again.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum rs_ut_state {
    RS_UT_UNUSED = 0, /* an empty entry of the table */
    RS_UT_FREE,       /* a cap with no children: can be handed out or split */
    RS_UT_SPLIT,      /* its two halves are nodes of their own */
    RS_UT_USED,       /* handed out */
} rs_ut_state_t;

typedef struct rs_ut_node {
    uint64_t paddr;
    uint64_t cptr;     /* the untyped's slot in the root CNode */
    int32_t parent;    /* node this is a half of, -1 for a boot untyped */
    uint8_t size_bits;
    uint8_t is_device;
    uint8_t state;     /* rs_ut_state_t */
} rs_ut_node_t;

/* The FREE node of the given kind with the fewest bits >= size_bits (lowest
 * address on a tie), or -1. */
int rs_ut_plan_best_fit(const rs_ut_node_t *nodes, size_t count, unsigned size_bits,
                        bool device);

/* The FREE node holding all of [paddr, paddr + 2^size_bits), or -1. */
int rs_ut_plan_containing(const rs_ut_node_t *nodes, size_t count, uint64_t paddr,
                          unsigned size_bits);

/* Which half (0 or 1) of the untyped [base, base + 2^bits) holds paddr. */
unsigned rs_ut_plan_half(uint64_t base, unsigned bits, uint64_t paddr);

/* The other half of node index's parent, or -1 (a root, or none found). */
int rs_ut_plan_sibling(const rs_ut_node_t *nodes, size_t count, int index);

/* True if node index and its sibling are both FREE, so that the parent can
 * be revoked and be FREE again; *parent is the parent's index. */
bool rs_ut_plan_mergeable(const rs_ut_node_t *nodes, size_t count, int index, int *parent);

/* Total bytes in FREE nodes of the given kind. */
uint64_t rs_ut_plan_free_bytes(const rs_ut_node_t *nodes, size_t count, bool device);

/* An UNUSED entry among the first capacity entries, or -1. */
int rs_ut_plan_unused(const rs_ut_node_t *nodes, size_t capacity);

/* Mirrors the kernel's watermark: an untyped of 2^ut_bits bytes with `used`
 * bytes consumed fits `count` objects of 2^obj_bits bytes if, after rounding
 * `used` up to the object size, they end at or before the untyped's end.
 * On success *offset is where the first goes and *new_used the watermark
 * afterwards. */
bool rs_ut_plan_fit(uint64_t used, unsigned ut_bits, unsigned obj_bits, uint64_t count,
                    uint64_t *offset, uint64_t *new_used);

/* log2 of the bytes an object of `type` (with Retype's size_bits argument)
 * takes, or -1 for an unknown type or a size out of range. */
int rs_ut_plan_object_bits(uint64_t type, uint64_t size_bits);
