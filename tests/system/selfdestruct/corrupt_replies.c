// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER0005: linked only into the checker_replies image. Before the root
 * task starts, reply caps are forged into its CNode, breaking the rules of
 * object/reply_check.c: a reply cap to the root thread (which is running,
 * not waiting for a reply) after its master; another in the main list; and
 * a master outside any reply slot.
 */
#include <kernel/boot.h>
#include <object/cdt.h>

#include "damage.h"

static cap_t reply_to(const tcb_t *thread, bool master)
{
    return cap_reply_set_master(cap_new(CAP_REPLY, thread), master);
}

void boot_test_hook(void)
{
    tcb_t *root = ks_current_thread;
    cte_t *master = &root->slots[TCB_REPLY];
    master->cap = reply_to(root, true);
    master->mdb_prev = MDB_REVOCABLE | MDB_FIRST_BADGED;
    master->mdb_next = 0;
    cdt_insert_new(master, damage_empty_slot(0), reply_to(root, false), false);

    cdt_insert_new(&cdt_head, damage_empty_slot(1), reply_to(root, false), false);

    damage_empty_slot(2)->cap = reply_to(root, true); /* in no list at all */
}
