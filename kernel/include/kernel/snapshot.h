/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4_DebugSnapshot: the live system printed on the console as a capDL
 * specification, between the lines SNAPSHOT_BEGIN and SNAPSHOT_END, for a
 * host tool to cut out of the log (docs/capdl-snapshot.md). The printer
 * only reads kernel state and allocates nothing, so it may run at any
 * system call without changing what happens next.
 *
 * Objects are named by type and physical address (ep_4012a000), TCBs by
 * their debug name where it is unique (tcb_server); every part of the dump
 * names an object the same way, so the host tool can join them up.
 */
#pragma once

#include <object/cte.h>
#include <types.h>

#define SNAPSHOT_BEGIN "--- capDL snapshot begin ---"
#define SNAPSHOT_END "--- capDL snapshot end ---"

/* Long enough for "tcb_" + a 15-character thread name + "_" + an address. */
#define SNAPSHOT_NAME_MAX 48

/* Prints the whole snapshot. */
void snapshot_print(void);

/* The name of the object a cap names, or NULL when it names none the dump
 * declares (a zombie, a null cap). */
const char *snapshot_object_name(cap_t cap, char name[SNAPSHOT_NAME_MAX]);

/* The slot holds the first cap of a run of caps to one object: the
 * derivation list keeps every cap to an object next to the others (each
 * copy goes in right after the cap it was made from), so this declares
 * every object exactly once in a single pass. */
bool snapshot_starts_object(const cte_t *slot);

/* Prints "  <slot>: <name> (<parameters>)", e.g. "  0x5: ep_4012a000 (RW,
 * badge: 0x3)", or a comment for a cap that names no object (a zombie). */
void snapshot_print_cap(const char *slot, cap_t cap);

/* The caps part for CNodes and TCBs (kernel/snapshot_caps.c). */
void snapshot_print_containers(void);

/* capDL's name for slot index of a TCB ("cspace", "vspace", ...). */
const char *snapshot_tcb_slot_name(word_t index);

/* The cdt part (kernel/snapshot_cdt.c). */
void snapshot_print_cdt(void);

/* The physical address behind a kernel-window pointer. */
paddr_t snapshot_paddr(const void *p);

/* The capDL type of a page table: "pud", "pd" or "pt" for the level its
 * cap says it is mapped at, "pt" when it is not mapped (arch). */
const char *arch_snapshot_table_type(cap_t table);

/* The caps part for address spaces: ASID pools and every entry of every
 * page table reachable from them (arch). */
void arch_snapshot_print_vspaces(void);
