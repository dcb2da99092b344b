// SPDX-License-Identifier: BSD-2-Clause
/*
 * Untyped memory and Untyped_Retype (seL4 manual, "Untyped Memory").
 *
 * An untyped cap covers 2^size_bits bytes and keeps a watermark, free_index:
 * objects are carved from [free_index, end) and the watermark only moves up,
 * so memory is never handed out twice. Invariant: everything above the
 * watermark is zero (device memory aside), so new objects need no clearing.
 * When a retype finds the untyped has no children left, it resets it: the
 * used part is zeroed, in chunks from the top, lowering the watermark after
 * each chunk; a preemption point between chunks makes this restartable.
 * Boot hands out RAM untypeds with the watermark at the top (contents
 * unknown), so their first retype clears them this way.
 */
#include <object/invocation.h>

#include <arch.h>
#include <kernel/cspace.h>
#include <kernel/preemption.h>
#include <object/cdt.h>
#include <object/objecttype.h>
#include <sel4/generated/invocation_labels.h>
#include <sel4/objecttype.h>

#define RESET_CHUNK_BITS 16 /* bytes cleared between preemption points: 64 KiB */

enum { ARG_TYPE = 0, ARG_SIZE_BITS, ARG_NODE_INDEX, ARG_NODE_DEPTH, ARG_NODE_OFFSET,
       ARG_NODE_WINDOW, RETYPE_ARGS };

typedef struct retype {
    cte_t *untyped;
    bool reset;
    word_t type;
    word_t user_size;
    word_t object_bits;
    cte_t *dest; /* first destination slot */
    word_t count;
} retype_t;

static bool is_frame_type(word_t type)
{
    return type == seL4_ARM_SmallPageObject || type == seL4_ARM_LargePageObject ||
           type == seL4_ARM_HugePageObject;
}

/* Clears the used part of an untyped with no children; lowers the watermark
 * chunk by chunk. */
static exception_t untyped_reset(cte_t *slot)
{
    cap_t cap = slot->cap;
    if (cap_untyped_get_is_device(cap)) {
        slot->cap = cap_untyped_set_free_index(cap, 0);
        return EXCEPTION_NONE;
    }
    uint8_t *base = cap_get_ptr(cap);
    uint64_t used = cap_untyped_get_free_index(cap);
    while (used > 0) {
        uint64_t start = ROUND_DOWN(used - 1, RESET_CHUNK_BITS);
        arch_zero_memory(base + start, used - start);
        used = start;
        slot->cap = cap_untyped_set_free_index(slot->cap, used);
        if (used > 0 && preemption_point() != EXCEPTION_NONE) {
            return EXCEPTION_PREEMPTED;
        }
    }
    return EXCEPTION_NONE;
}

static exception_t perform_retype(const retype_t *r)
{
    if (r->reset) {
        exception_t status = untyped_reset(r->untyped);
        if (status != EXCEPTION_NONE) {
            return status;
        }
    }
    cap_t untyped = r->untyped->cap;
    uint8_t *base = cap_get_ptr(untyped);
    uint64_t offset = ROUND_UP(cap_untyped_get_free_index(untyped), r->object_bits);
    bool device = cap_untyped_get_is_device(untyped);
    for (word_t i = 0; i < r->count; i++) {
        void *region = base + offset + (i << r->object_bits);
        cap_t cap = object_create(r->type, region, r->user_size, device);
        cdt_insert_new(r->untyped, r->dest + i, cap, true);
    }
    r->untyped->cap = cap_untyped_set_free_index(untyped, offset + (r->count << r->object_bits));
    return EXCEPTION_NONE;
}

/* Object type and size arguments. */
static exception_t check_object(const invocation_t *inv, retype_t *r)
{
    r->type = invocation_arg(inv, ARG_TYPE);
    r->user_size = invocation_arg(inv, ARG_SIZE_BITS);
    if (r->type >= seL4_ObjectTypeCount) {
        user_error("Untyped Retype: unknown object type %lu", r->type);
        return syscall_error_argument(seL4_InvalidArgument, 0);
    }
    r->object_bits = object_size_bits(r->type, r->user_size);
    if (r->user_size >= seL4_WordBits || r->object_bits > seL4_MaxUntypedBits) {
        user_error("Untyped Retype: object size out of range");
        return syscall_error_range(0, seL4_MaxUntypedBits);
    }
    if ((r->type == seL4_CapTableObject && r->user_size == 0) ||
        (r->type == seL4_UntypedObject && r->user_size < seL4_MinUntypedBits)) {
        user_error("Untyped Retype: object size too small");
        return syscall_error_argument(seL4_InvalidArgument, 1);
    }
    return EXCEPTION_NONE;
}

/* The destination window: a CNode and a run of empty slots in it. */
static exception_t check_destination(const invocation_t *inv, retype_t *r)
{
    cap_t root = inv->extra[0]->cap;
    word_t depth = invocation_arg(inv, ARG_NODE_DEPTH);
    cap_t node = root;
    if (depth != 0) {
        cte_t *slot;
        exception_t status = cspace_lookup_for_op(false, root,
                                                  invocation_arg(inv, ARG_NODE_INDEX), depth,
                                                  &slot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        node = slot->cap;
    }
    if (cap_get_type(node) != CAP_CNODE) {
        user_error("Untyped Retype: destination is not a CNode");
        (void)lookup_fault(seL4_MissingCapability, depth, 0, 0);
        return syscall_error_lookup(false);
    }
    word_t slots = 1UL << cap_cnode_get_radix(node);
    word_t offset = invocation_arg(inv, ARG_NODE_OFFSET);
    word_t window = invocation_arg(inv, ARG_NODE_WINDOW);
    if (offset > slots - 1) {
        user_error("Untyped Retype: offset %lu beyond the CNode", offset);
        return syscall_error_range(0, slots - 1);
    }
    if (window < 1 || window > seL4_MaxRetypeFanOut) {
        user_error("Untyped Retype: %lu objects is outside 1..%d", window, seL4_MaxRetypeFanOut);
        return syscall_error_range(1, seL4_MaxRetypeFanOut);
    }
    if (window > slots - offset) {
        user_error("Untyped Retype: window runs past the CNode");
        return syscall_error_range(1, slots - offset);
    }
    r->dest = (cte_t *)cap_get_ptr(node) + offset;
    r->count = window;
    for (word_t i = 0; i < window; i++) {
        if (!cte_is_empty(&r->dest[i])) {
            user_error("Untyped Retype: slot %lu of the window is not empty", offset + i);
            return syscall_error(seL4_DeleteFirst);
        }
    }
    return EXCEPTION_NONE;
}

/* Room in the untyped, and device memory only for frames and untypeds. */
static exception_t check_memory(const invocation_t *inv, retype_t *r)
{
    cap_t untyped = inv->cap;
    r->untyped = inv->slot;
    r->reset = !cdt_has_children(inv->slot);
    uint64_t used = r->reset ? 0 : cap_untyped_get_free_index(untyped);
    uint64_t free = (1UL << cap_untyped_get_size_bits(untyped)) - used;
    /* The untyped's end is aligned to its size, which is at least the
     * object's, so aligning the start up loses no whole object. */
    if ((free >> r->object_bits) < r->count) {
        user_error("Untyped Retype: not enough memory (%lu bytes free)", free);
        return syscall_error_memory(free);
    }
    if (cap_untyped_get_is_device(untyped) && !is_frame_type(r->type) &&
        r->type != seL4_UntypedObject) {
        user_error("Untyped Retype: device memory can only become frames or untypeds");
        return syscall_error_argument(seL4_InvalidArgument, 1);
    }
    return EXCEPTION_NONE;
}

exception_t untyped_decode_invocation(invocation_t *inv)
{
    if (inv->label != UntypedRetype) {
        user_error("Untyped: not an Untyped method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
    if (inv->length < RETYPE_ARGS || inv->extra[0] == NULL) {
        user_error("Untyped Retype: too few arguments");
        return syscall_error(seL4_TruncatedMessage);
    }
    retype_t r = { 0 };
    exception_t status = check_object(inv, &r);
    if (status == EXCEPTION_NONE) {
        status = check_destination(inv, &r);
    }
    if (status == EXCEPTION_NONE) {
        status = check_memory(inv, &r);
    }
    return status != EXCEPTION_NONE ? status : perform_retype(&r);
}
