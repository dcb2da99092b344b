/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * For the kernel-side halves of the CHECKER tests (corrupt_*.c): finding
 * things in the root task's CNode at boot, before the root task runs, so
 * that a hook can damage them.
 */
#pragma once

#include <kernel/thread.h>
#include <object/cap.h>

static inline cte_t *damage_root_cnode(void)
{
    return cap_get_ptr(ks_current_thread->slots[TCB_CTABLE].cap);
}

static inline word_t damage_root_slots(void)
{
    return BIT(cap_cnode_get_radix(ks_current_thread->slots[TCB_CTABLE].cap));
}

/* An empty slot of the root CNode, counting down from the top (boot fills
 * it from the bottom); the nth such slot, from 0. */
static inline cte_t *damage_empty_slot(word_t nth)
{
    cte_t *cnode = damage_root_cnode();
    for (word_t i = damage_root_slots(); i-- > 0;) {
        if (cte_is_empty(&cnode[i]) && nth-- == 0) {
            return &cnode[i];
        }
    }
    return NULL;
}

/* The nth RAM untyped of at least 2^bits bytes, from 0. */
static inline cte_t *damage_untyped(word_t nth, unsigned bits)
{
    cte_t *cnode = damage_root_cnode();
    for (word_t i = 0; i < damage_root_slots(); i++) {
        cap_t cap = cnode[i].cap;
        if (cap_get_type(cap) == CAP_UNTYPED && !cap_untyped_get_is_device(cap) &&
            cap_untyped_get_size_bits(cap) >= bits && nth-- == 0) {
            return &cnode[i];
        }
    }
    return NULL;
}
