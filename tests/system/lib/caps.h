/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers for test root tasks that work with capabilities: free slots from
 * the boot info's empty region, untypeds from its untyped list, and
 * one-call object creation into the root CNode (addressed with depth 64).
 */
#pragma once

#include <sel4/sel4.h>

/* A fresh empty slot of the root CNode (never handed out twice). */
seL4_CPtr test_slot(void);

/* The cptr of a RAM (non-device) untyped of at least 2^min_bits bytes that
 * no earlier call returned, or 0 if none is left. *bits gets its size. */
seL4_CPtr test_untyped(unsigned min_bits, unsigned *bits);

/* Retypes one object from untyped into a fresh root-CNode slot; returns the
 * slot, or 0 (and the error in *error if not NULL) on failure. */
seL4_CPtr test_create(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits,
                      seL4_Error *error);
