// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER0006: linked only into the checker_vspace image. Before the root
 * task starts, its address space is damaged in three ways the root task
 * never touches (arch/aarch64/vspace_check.c): one of its frame caps is
 * deleted while the frame stays mapped, a page table is linked in a second
 * time at an address it was never mapped at, and a pool nobody has a cap
 * to is put in the ASID table.
 */
#include <arch.h>
#include <arch/aarch64/pt_index.h>
#include <arch/aarch64/vspace.h>
#include <kernel/boot.h>
#include <object/cdt.h>

#include "damage.h"

static asid_pool_t capless_pool __attribute__((aligned(4096)));

/* The last mapped frame cap goes; the frame stays mapped, so the root
 * task runs on unharmed. */
static void forget_a_frame_cap(void)
{
    cte_t *cnode = damage_root_cnode();
    for (word_t i = damage_root_slots(); i-- > 0;) {
        if (cap_get_type(cnode[i].cap) == CAP_FRAME && cap_frame_get_mapped(cnode[i].cap)) {
            cdt_empty_slot(&cnode[i]);
            return;
        }
    }
}

static pte_t *next_table(const pte_t *entry)
{
    return paddr_to_kernel(pte_paddr(*entry));
}

/* A level-2 table's first table entry, copied into its last empty one. */
static void link_a_table_twice(void)
{
    pte_t *table = cap_get_ptr(ks_current_thread->slots[TCB_VTABLE].cap);
    for (unsigned level = 0; level < 2; level++) {
        unsigned i = 0;
        while (i < PT_ENTRIES && !pte_is_table(table[i], pt_level_shift(level))) {
            i++;
        }
        table = next_table(&table[i]);
    }
    unsigned used = 0;
    while (!pte_is_table(table[used], pt_level_shift(2))) {
        used++;
    }
    unsigned spare = PT_ENTRIES - 1;
    while (table[spare] != 0) {
        spare--;
    }
    table[spare] = table[used];
}

void boot_test_hook(void)
{
    forget_a_frame_cap();
    link_a_table_twice();
    asid_table[ASID_POOL_COUNT - 1] = &capless_pool;
}
