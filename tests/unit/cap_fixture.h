/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small world of capabilities in host memory for the derivation-tree
 * tests (cap_fixture.c): a 64 KiB "untyped" arena objects are carved from,
 * 4 KiB of other memory, and 64 root slots, all at fixed addresses so two
 * runs of the same scenario can be compared byte for byte. The builders do
 * what Untyped_Retype, CNode Copy and CNode Mint do to the tree, without the
 * decoding, and register every CNode and TCB they create with cdt_check.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <object/cte.h>
#include <types.h>

#define ARENA_BITS 16
#define ROOT_SLOTS 64

extern uint8_t arena[1 << ARENA_BITS];
extern uint8_t other[1 << 12];
extern cte_t root[ROOT_SLOTS];

/* cmocka setup: clears the memory, the tracking and the stubs' state. */
int cap_fixture_setup(void **state);

/* An original untyped cap in slot, alone in its own list. */
cte_t *make_untyped(cte_t *slot, void *base, unsigned bits);
/* Retype of one object: object_create, then insert after the untyped. */
void *retype_into(cte_t *untyped, word_t type, word_t user_size, cte_t *dest);
/* CNode Copy with all rights, and Mint with a badge. */
void copy_cap(cte_t *src, cte_t *dest);
void mint_cap(cte_t *src, cte_t *dest, word_t badge);

/* A slot outside any list, with the given flags. */
cte_t lone(cap_t cap, bool is_revocable, bool is_first_badged);
bool revocable(const cte_t *slot);
bool first_badged(const cte_t *slot);
void *at(void *base, uintptr_t offset);
cap_t frame_cap(void *p, unsigned size, bool device);

/* The list from head (which must be a head) is exactly the slots given. */
void assert_order_n(const cte_t *head, const cte_t *const *expected, size_t n);
#define SLOTS(...) ((const cte_t *const[]){ __VA_ARGS__ })
#define assert_order(head, ...) \
    assert_order_n(head, SLOTS(__VA_ARGS__), sizeof(SLOTS(__VA_ARGS__)) / sizeof(const cte_t *))

/* Empty, with no links and no flags. */
void assert_empty_slot_at(const cte_t *slot, const char *name);
#define assert_empty_slot(slot) assert_empty_slot_at(slot, #slot)
