// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER0004: linked only into the checker_memory image. Before the root
 * task starts, four caps are forged into its CNode, each breaking one rule
 * of where objects lie (object/untyped_check.c): an endpoint above its
 * untyped's watermark, an endpoint and a notification in the same memory,
 * an endpoint inside an untyped but outside its descendants, and a frame
 * that is not aligned to its size. Their memory is zeroed first, so the
 * other checks see well-formed, idle objects.
 */
#include <kernel/boot.h>
#include <lib/string.h>
#include <object/cdt.h>

#include "damage.h"

static void *untyped_base(const cte_t *untyped, word_t used)
{
    void *base = cap_get_ptr(untyped->cap);
    memset(base, 0, used);
    return base;
}

void boot_test_hook(void)
{
    cte_t *above = damage_untyped(0, 12);
    cdt_insert_new(above, damage_empty_slot(0), cap_endpoint_new(untyped_base(above, 16), 0),
                   true);

    cte_t *shared = damage_untyped(1, 12);
    void *both = untyped_base(shared, 16);
    shared->cap = cap_untyped_set_free_index(shared->cap, 16);
    cdt_insert_new(shared, damage_empty_slot(1), cap_endpoint_new(both, 0), true);
    cdt_insert_new(shared, damage_empty_slot(2), cap_notification_new(both, 0), true);

    cte_t *outside = damage_untyped(2, 12);
    outside->cap = cap_untyped_set_free_index(outside->cap, 16);
    cdt_insert_new(&cdt_head, damage_empty_slot(3),
                   cap_endpoint_new(untyped_base(outside, 16), 0), true);

    cte_t *misaligned = damage_untyped(3, 13);
    uint8_t *frame = (uint8_t *)untyped_base(misaligned, 2 * BIT(12)) + 16;
    misaligned->cap = cap_untyped_set_free_index(misaligned->cap, 2 * BIT(12));
    cdt_insert_new(misaligned, damage_empty_slot(4), cap_new(CAP_FRAME, frame), true);
}
