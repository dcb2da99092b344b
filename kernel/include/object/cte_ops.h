/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Operations on capability slots that keep the derivation tree consistent:
 * insert a derived cap, move, swap, delete (destroying the object when the
 * last cap goes) and revoke (delete every descendant).
 */
#pragma once

#include <kernel/errors.h>
#include <object/cte.h>

/* Puts new_cap, derived from the cap in src, into empty dest as src's child. */
void cte_insert(cap_t new_cap, cte_t *src, cte_t *dest);

/* Moves the cap in src (replaced by new_cap) to empty dest, keeping its
 * place in the tree. */
void cte_move(cap_t new_cap, cte_t *src, cte_t *dest);

/* Exchanges two slots' caps and tree positions. */
void cte_swap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2);

/* Empties the slot. If it held the last cap to a CNode or TCB, their slots
 * are deleted too, one per step; may return EXCEPTION_PREEMPTED (restart it). */
exception_t cte_delete(cte_t *slot);

/* Deletes every descendant of the cap in slot; preemptible likewise. */
exception_t cte_revoke(cte_t *slot);

exception_t cte_ensure_empty(const cte_t *slot);

/* slot still holds the object cap was decoded from: a call that deletes
 * before it installs checks its sources with this (capabilities.md §7.5). */
bool cte_still_holds(const cte_t *slot, cap_t cap);
