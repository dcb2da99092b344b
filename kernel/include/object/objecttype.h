/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one switch on capability type (STYLE: object/objecttype.c): what each
 * kind of cap means for derivation, rights, badges and guards, which memory
 * it covers, and what destroying its object involves.
 */
#pragma once

#include <kernel/errors.h>
#include <object/cte.h>

/* log2 of the bytes an object of this type (and user size) occupies. */
word_t object_size_bits(word_t type, word_t user_size);

/* A cap to a new object in zeroed memory at region. */
cap_t object_create(word_t type, void *region, word_t user_size, bool device);

/* The memory a cap's object occupies, [*base, *base + 2^*size_bits); false
 * for caps that name no memory. */
bool cap_region(cap_t cap, uintptr_t *base, unsigned *size_bits);

/* Same memory/object relations used by the derivation tree (seL4 manual,
 * "Capability Derivation"). */
bool cap_same_region_as(cap_t a, cap_t b);
bool cap_same_object_as(cap_t a, cap_t b);

/* Whether a cap made from src may itself have children. */
bool cap_is_revocable(cap_t derived, cap_t src);

/* The cap a Copy or Mint of the cap in slot would create; a null result
 * (with EXCEPTION_NONE) means this cap cannot be copied. */
exception_t cap_derive(const cte_t *slot, cap_t cap, cap_t *out);

/* Mint/Mutate data: a badge for endpoints and notifications, a guard for
 * CNodes. A null result means the update is not allowed. */
cap_t cap_update_data(bool preserve, word_t data, cap_t cap);

/* Copy/Mint rights mask (seL4_CapRights_t word). */
cap_t cap_mask_rights(word_t rights, cap_t cap);

/* Side effects of deleting cap (final: no other cap to the object remains)
 * and what stays in the slot: null, a zombie for objects with slots, or the
 * cap itself when an interrupt stopped the work part-way (an endpoint or
 * notification with many queued threads); deleting it again goes on. */
cap_t cap_finalise(cap_t cap, bool final);

/* Whether the cap's object may be invoked for CancelBadgedSends. */
bool cap_has_cancel_send_rights(cap_t cap);
