/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helpers of the CNODEOP and CSPACE system tests: objects carved from
 * one pool untyped, short forms of the CNode operations on root-CNode slots
 * (addressed with depth 64), and checks of the failure details seL4 puts in
 * the message registers after a failed call (seL4 manual, "Error Codes").
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>

#include "../lib/caps.h"
#include "../lib/test.h"

#define ROOT seL4_CapInitThreadCNode
#define ROOT_DEPTH seL4_WordBits

/* seL4_DebugCapIdentify's answers: seL4's AArch64 cap type numbers, which
 * the kernel's enum cap_type (kernel/include/object/cap.h) uses. */
enum {
    TYPE_NULL = 0,
    TYPE_FRAME = 1,
    TYPE_UNTYPED = 2,
    TYPE_ENDPOINT = 4,
    TYPE_NOTIFICATION = 6,
    TYPE_CNODE = 10,
    TYPE_THREAD = 12,
    TYPE_IRQ_CONTROL = 14,
};

/* Retypes one object of the given type from the image's pool untyped into a
 * fresh root slot; fails the running case (and returns 0) if that fails. */
seL4_CPtr new_object(seL4_Word type, seL4_Word size_bits);

/* A fresh untyped of 2^bits bytes, retyped from the pool: it has no children
 * and its watermark is at 0. */
seL4_CPtr new_untyped(unsigned bits);

/* The type of the cap in a root slot (TYPE_NULL when empty). */
unsigned cap_type(seL4_CPtr slot);

/* CNode operations between slots of the root CNode. */
seL4_Error root_copy(seL4_CPtr dest, seL4_CPtr src, seL4_CapRights_t rights);
seL4_Error root_mint(seL4_CPtr dest, seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge);
seL4_Error root_move(seL4_CPtr dest, seL4_CPtr src);
seL4_Error root_mutate(seL4_CPtr dest, seL4_CPtr src, seL4_Word data);
seL4_Error root_rotate(seL4_CPtr dest, seL4_CPtr pivot, seL4_CPtr src);
seL4_Error root_delete(seL4_CPtr slot);
seL4_Error root_revoke(seL4_CPtr slot);

/* The guard and guard size of a CNode cap as Mint/Mutate/Rotate data. */
seL4_Word guard_data(seL4_Word guard, seL4_Word guard_size);

/* A CNode of 2^radix slots (from the pool) with an endpoint copied into
 * slot `at`; returns its root slot. */
seL4_CPtr cnode_with_endpoint(seL4_Word radix, seL4_Word at);

/* Copies the cap at (root, index, depth) into a fresh root slot: returns the
 * error, and the copied cap's type in *type (TYPE_NULL if nothing was
 * copied); the copy is deleted again. After a failure the message registers
 * still hold the failure's details. */
seL4_Error copy_out(seL4_CPtr root, seL4_Word index, seL4_Word depth, unsigned *type);

/* The type of the cap at (root, index, depth), TYPE_NULL if the lookup fails. */
unsigned type_at(seL4_CPtr root, seL4_Word index, seL4_Word depth);

/* True if an endpoint cap keeps all four rights: CancelBadgedSends on it
 * succeeds (the only rights check reachable without IPC). */
bool has_all_rights(seL4_CPtr slot);

/* After a failed call: whether the message registers hold the seL4 layout of
 * a failed lookup (MR0 = source?, MR1 = failure type, then bitsLeft and, for
 * a depth mismatch, bitsFound; for a guard mismatch, guardFound and
 * bitsFound). Each fails the running case with a message when they do not. */
void check_missing_capability(bool source, seL4_Word bits_left);
void check_depth_mismatch(bool source, seL4_Word bits_left, seL4_Word bits_found);
void check_guard_mismatch(bool source, seL4_Word bits_left, seL4_Word guard_found,
                          seL4_Word bits_found);
void check_invalid_root(bool source);
void check_range(seL4_Word min, seL4_Word max);

/* Retypes the whole of an untyped as one untyped child into a fresh slot;
 * returns the error (seL4_NoError only if the untyped had no children, since
 * otherwise its watermark is above 0). The child is deleted again. */
seL4_Error retype_whole(seL4_CPtr untyped, unsigned bits);
