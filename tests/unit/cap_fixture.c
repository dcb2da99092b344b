// SPDX-License-Identifier: BSD-2-Clause
/* The derivation-tree tests' capability world; see cap_fixture.h. */
#include "cap_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <kernel/thread.h>
#include <object/cdt.h>
#include <object/cte_ops.h>
#include <object/objecttype.h>
#include <sel4/objecttype.h>
#include <util.h>

#include "cdt_check.h"
#include "kernel_stubs.h"

uint8_t arena[1 << ARENA_BITS] __attribute__((aligned(1 << ARENA_BITS)));
uint8_t other[1 << 12] __attribute__((aligned(1 << 12)));
cte_t root[ROOT_SLOTS] __attribute__((aligned(2048)));

int cap_fixture_setup(void **state)
{
    (void)state;
    memset(arena, 0, sizeof(arena));
    memset(other, 0, sizeof(other));
    memset(root, 0, sizeof(root));
    cdt_track_reset();
    cdt_track(root, ROOT_SLOTS);
    stub_preempt_every(0);
    stub_preemption_hook(false);
    stub_console_clear();
    stub_calls_clear();
    return 0;
}

cte_t *make_untyped(cte_t *slot, void *base, unsigned bits)
{
    slot->cap = cap_untyped_new(base, bits, false, 0);
    slot->mdb_prev = 0;
    slot->mdb_next = 0;
    mdb_set_flag(slot, MDB_REVOCABLE, true);
    mdb_set_flag(slot, MDB_FIRST_BADGED, true);
    return slot;
}

void *retype_into(cte_t *untyped, word_t type, word_t user_size, cte_t *dest)
{
    cap_t ut = untyped->cap;
    word_t bits = object_size_bits(type, user_size);
    word_t offset = ROUND_UP(cap_untyped_get_free_index(ut), bits);
    assert_true(offset + BIT(bits) <= BIT(cap_untyped_get_size_bits(ut)));
    assert_true(cte_is_empty(dest));
    void *region = (uint8_t *)cap_get_ptr(ut) + offset;
    cap_t cap = object_create(type, region, user_size, false);
    assert_int_not_equal(cap_get_type(cap), CAP_NULL);
    cdt_insert_new(untyped, dest, cap, true);
    untyped->cap = cap_untyped_set_free_index(ut, offset + BIT(bits));
    if (type == seL4_CapTableObject) {
        cdt_track(region, BIT(user_size));
    } else if (type == seL4_TCBObject) {
        cdt_track(((tcb_t *)region)->slots, TCB_SLOT_COUNT);
    }
    return region;
}

void copy_cap(cte_t *src, cte_t *dest)
{
    cap_t cap;
    assert_int_equal(cap_derive(src, src->cap, &cap), EXCEPTION_NONE);
    assert_int_not_equal(cap_get_type(cap), CAP_NULL);
    assert_true(cte_is_empty(dest));
    cte_insert(cap, src, dest);
}

void mint_cap(cte_t *src, cte_t *dest, word_t badge)
{
    cap_t cap;
    assert_int_equal(cap_derive(src, src->cap, &cap), EXCEPTION_NONE);
    cap = cap_update_data(false, badge, cap);
    assert_int_not_equal(cap_get_type(cap), CAP_NULL);
    assert_true(cte_is_empty(dest));
    cte_insert(cap, src, dest);
}

void assert_order_n(const cte_t *head, const cte_t *const *expected, size_t n)
{
    assert_null(mdb_prev(head));
    const cte_t *s = head;
    for (size_t i = 0; i < n; i++, s = mdb_next(s)) {
        if (s != expected[i]) {
            fail_msg("list position %zu: %p, expected %p", i, (const void *)s,
                     (const void *)expected[i]);
        }
    }
    assert_null(s);
}

bool revocable(const cte_t *slot)
{
    return mdb_get_flag(slot, MDB_REVOCABLE);
}

bool first_badged(const cte_t *slot)
{
    return mdb_get_flag(slot, MDB_FIRST_BADGED);
}

void assert_empty_slot_at(const cte_t *slot, const char *name)
{
    if (!cte_is_empty(slot) || slot->cap.words[1] != 0 || slot->mdb_prev != 0 ||
        slot->mdb_next != 0) {
        fail_msg("%s is not empty: cap type %u (%016lx %016lx), prev %016lx, next %016lx", name,
                 (unsigned)cap_get_type(slot->cap), (unsigned long)slot->cap.words[0],
                 (unsigned long)slot->cap.words[1], (unsigned long)slot->mdb_prev,
                 (unsigned long)slot->mdb_next);
    }
}

cte_t lone(cap_t cap, bool is_revocable, bool is_first_badged)
{
    cte_t slot = { cap, 0, 0 };
    mdb_set_flag(&slot, MDB_REVOCABLE, is_revocable);
    mdb_set_flag(&slot, MDB_FIRST_BADGED, is_first_badged);
    return slot;
}

void *at(void *base, uintptr_t offset)
{
    return (void *)((uintptr_t)base + offset);
}

cap_t frame_cap(void *p, unsigned size, bool device)
{
    cap_t cap = cap_new(CAP_FRAME, p);
    cap = cap_frame_set_size(cap, size);
    cap = cap_frame_set_vm_rights(cap, 3);
    return cap_frame_set_is_device(cap, device);
}
