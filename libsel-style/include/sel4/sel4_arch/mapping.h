/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Why a mapping failed (AArch64). When seL4_ARM_Page_Map or
 * seL4_ARM_PageTable_Map fails with seL4_FailedLookup because a page table
 * on the way is missing, message register 2 holds how many address bits
 * were left to translate; that number names the level to create next.
 */
#pragma once

#include <sel4/ipc_buffer.h>

#define SEL4_MAPPING_LOOKUP_LEVEL 2

/* Bits left at the level whose table is missing. */
#define SEL4_MAPPING_LOOKUP_NO_PT 21  /* needs a last-level table (maps 2 MiB) */
#define SEL4_MAPPING_LOOKUP_NO_PD 30  /* needs a table that maps 1 GiB */
#define SEL4_MAPPING_LOOKUP_NO_PUD 39 /* needs a table that maps 512 GiB */

static inline seL4_Word seL4_MappingFailedLookupLevel(void)
{
    return seL4_GetMR(SEL4_MAPPING_LOOKUP_LEVEL);
}
