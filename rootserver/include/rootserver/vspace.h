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
    bool owns_tables;  /* every table in the VSpace was made by this mapper */
    unsigned count;
    seL4_CPtr tables[RS_VSPACE_MAX_TABLES];
    seL4_Word table_bits[RS_VSPACE_MAX_TABLES]; /* 39, 30 or 21: the level it fills */
    seL4_Word table_base[RS_VSPACE_MAX_TABLES]; /* the vaddr >> bits it covers */
} rs_vspace_t;

/* A mapper for a VSpace that may already have tables (the root task's). */
void rs_vspace_init(rs_vspace_t *vs, seL4_CPtr vspace, rs_arena_t *arena);

/* A mapper for a VSpace with no tables yet, whose tables only it makes: it
 * then knows which are missing and makes them before mapping, instead of
 * learning it from failed Page_Map calls (which a debug kernel reports). */
void rs_vspace_init_new(rs_vspace_t *vs, seL4_CPtr vspace, rs_arena_t *arena);

/* Maps frame (2^frame_bits bytes: seL4_PageBits, seL4_LargePageBits or
 * seL4_HugePageBits) at vaddr with rights and attributes, making tables as
 * needed. Errors are Page_Map's, or seL4_NotEnoughMemory for a table. */
seL4_Error rs_vspace_map(rs_vspace_t *vs, seL4_CPtr frame, seL4_Word frame_bits,
                         seL4_Word vaddr, seL4_CapRights_t rights, seL4_ARM_VMAttributes attr);

/* Deletes every table the mapper made (what they mapped is unmapped). */
seL4_Error rs_vspace_teardown(rs_vspace_t *vs);
