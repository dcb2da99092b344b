/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The untyped allocator and object arenas, on libsel4 calls only.
 *
 * rs_ut_t owns the untypeds listed in seL4_BootInfo.untypedList. It hands
 * out untypeds of an exact size, RAM or device, splitting bigger ones in
 * halves (the arithmetic is in ut_plan.h), or the untyped at a physical
 * address (a device frame: the device untyped holding it is split down to
 * the page). rs_ut_free() revokes an untyped (destroying every object made
 * from it) and merges free halves again, so the free totals return exactly
 * to what they were.
 *
 * rs_arena_t makes objects for one owner (a process, or the root task's
 * own page tables) out of untypeds taken from the allocator in chunks, and
 * keeps their caps in a range of root-CNode slots of its own. Releasing the
 * arena is one revoke per untyped: everything made from it goes at once.
 */
#pragma once

#include <rootserver/slots.h>
#include <rootserver/ut_plan.h>
#include <sel4/sel4.h>

#define RS_UT_MAX_NODES 512

typedef struct rs_ut {
    rs_slots_t *slots;
    size_t count; /* entries of nodes[] ever used */
    rs_ut_node_t nodes[RS_UT_MAX_NODES];
} rs_ut_t;

/* Takes over the boot untypeds; their caps stay in their boot slots. */
void rs_ut_init(rs_ut_t *ua, rs_slots_t *slots, const seL4_BootInfo *bi);

/* An untyped of exactly 2^size_bits bytes, RAM or device: its cap in *ut
 * and, if paddr is not NULL, its physical address. seL4_NotEnoughMemory if
 * no free untyped is big enough (or no table entry or slot is left). */
seL4_Error rs_ut_alloc(rs_ut_t *ua, unsigned size_bits, bool device, seL4_CPtr *ut,
                       seL4_Word *paddr);

/* The untyped of 2^size_bits bytes at paddr (aligned to it), carved out of
 * the free untyped that holds it. seL4_FailedLookup if no free untyped holds
 * it (never given to the root task, or already handed out). */
seL4_Error rs_ut_alloc_at(rs_ut_t *ua, seL4_Word paddr, unsigned size_bits, seL4_CPtr *ut);

/* Revokes ut (everything made from it is deleted) and takes it back. */
seL4_Error rs_ut_free(rs_ut_t *ua, seL4_CPtr ut);

/* One object in an untyped of its own size, into a new root slot: *obj is
 * the object, *ut the untyped to give to rs_ut_free() to destroy it. */
seL4_Error rs_ut_alloc_object(rs_ut_t *ua, seL4_Word type, seL4_Word size_bits, seL4_CPtr *obj,
                              seL4_CPtr *ut);

/* The 4 KiB device frame holding paddr (e.g. a UART's registers). */
seL4_Error rs_ut_device_frame(rs_ut_t *ua, seL4_Word paddr, seL4_CPtr *frame, seL4_CPtr *ut);

/* Bytes of free RAM (device = false) or free device memory. */
seL4_Word rs_ut_free_bytes(const rs_ut_t *ua, bool device);

#define RS_ARENA_MAX_UNTYPEDS 8

typedef struct rs_arena {
    rs_ut_t *ua;
    unsigned chunk_bits;   /* size of the untypeds it takes */
    unsigned count;        /* untypeds taken */
    seL4_CPtr ut[RS_ARENA_MAX_UNTYPEDS];
    uint8_t ut_bits[RS_ARENA_MAX_UNTYPEDS];
    uint64_t ut_used[RS_ARENA_MAX_UNTYPEDS]; /* mirror of the kernel's watermark */
    seL4_CPtr slot_base;   /* its range of root-CNode slots */
    seL4_Word slot_count;
    seL4_Word slot_next;
} rs_arena_t;

/* An empty arena taking 2^chunk_bits-byte untypeds, with room for
 * max_objects caps. */
seL4_Error rs_arena_init(rs_arena_t *a, rs_ut_t *ua, unsigned chunk_bits, seL4_Word max_objects);

/* A new object of `type` (Retype's size_bits), its cap in *obj. */
seL4_Error rs_arena_object(rs_arena_t *a, seL4_Word type, seL4_Word size_bits, seL4_CPtr *obj);

/* A free slot of the arena's range (for a copy of a cap, say), or 0; it is
 * emptied when the arena is released. */
seL4_CPtr rs_arena_slot(rs_arena_t *a);

/* Destroys every object of the arena (one revoke per untyped), gives the
 * untypeds and the slot range back. */
seL4_Error rs_arena_release(rs_arena_t *a);
