/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VSpace mapper: maps frames into one VSpace and makes the page tables
 * the mapping needs on the way (docs/memory.md §6 and §10). seL4_ARM_Page_Map
 * fails with seL4_FailedLookup while a level is missing, and the lookup
 * failure's bitsLeft says which: 39 (a level-1 table), 30 (level 2) or 21
 * (level 3). The mapper retypes a seL4_ARM_PageTableObject from its arena,
 * maps it with seL4_ARM_PageTable_Map and tries again; bitsLeft must go
 * down each time, so at most three tables are made per mapping.
 *
 * It remembers every table it made, so rs_vspace_teardown() can delete
 * them (a process's tables also go with its arena).
 */
#pragma once

#include <rootserver/untyped.h>
#include <sel4/sel4.h>

#define RS_VSPACE_MAX_TABLES 32

/* Error-reply message register that holds the lookup failure's bitsLeft
 * (after the "failed lookup was source" word and the failure type). */
#define RS_LOOKUP_BITS_LEFT_MR 2

typedef struct rs_vspace {
    seL4_CPtr vspace; /* the VSpace's cap (with an ASID) */
    rs_arena_t *arena; /* where its page tables come from */
    unsigned count;
    seL4_CPtr tables[RS_VSPACE_MAX_TABLES];
} rs_vspace_t;

void rs_vspace_init(rs_vspace_t *vs, seL4_CPtr vspace, rs_arena_t *arena);

/* Maps frame at vaddr with rights and attributes, making tables as needed.
 * Errors are Page_Map's, or seL4_NotEnoughMemory for a table. */
seL4_Error rs_vspace_map(rs_vspace_t *vs, seL4_CPtr frame, seL4_Word vaddr,
                         seL4_CapRights_t rights, seL4_ARM_VMAttributes attr);

/* Deletes every table the mapper made (what they mapped is unmapped). */
seL4_Error rs_vspace_teardown(rs_vspace_t *vs);
