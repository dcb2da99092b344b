/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel objects and mappings for building processes: every object comes
 * from one untyped (so revoking it tears all of them down) into fresh slots
 * of the root CNode. vm_map() maps a frame into any VSpace the way seL4's
 * user-level libraries do: on FailedLookup it retypes a page table, maps it
 * at the level the walk stopped (PageTable_Map), and tries again.
 */
#pragma once

#include <sel4/sel4.h>

#define ROOT_SCRATCH_VA 0x10000000UL /* the loader's window in the root task */
#define PAGE_SIZE 4096UL

typedef struct proc_env {
    seL4_CPtr untyped;       /* every object comes from here */
    seL4_CPtr (*slot)(void); /* a fresh root-CNode slot; 0 when none is left */
    unsigned tables;         /* page tables vm_map has created so far */
    seL4_CPtr asid_pool;     /* where VSpaces get their ASID; 0: seL4_CapInitThreadASIDPool */
} proc_env_t;

/* One object in a fresh slot; 0 on failure. */
seL4_CPtr env_object(proc_env_t *env, seL4_Word type, seL4_Word size_bits);

/* A copy of src (root CNode) in a fresh slot; 0 on failure. */
seL4_CPtr env_copy(proc_env_t *env, seL4_CPtr src);

seL4_Error vm_map(proc_env_t *env, seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr,
                  seL4_CapRights_t rights, seL4_Word attr);

/* A new 4 KiB frame mapped read-write at vaddr in the root task's VSpace;
 * 0 on failure. */
seL4_CPtr vm_root_page(proc_env_t *env, seL4_Word vaddr);
