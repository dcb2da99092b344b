/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Processes from ELF files: rs_process_create() builds one, rs_process_give()
 * puts caps in its CNode, rs_process_start() lets it run, and
 * rs_process_teardown() destroys it and gives its memory back.
 *
 * A process gets a CNode of 2^cnode_bits slots (its TCB sees it with a guard
 * that makes CPtrs resolve 64 bits, like the root CNode), a VSpace with an
 * ASID from env->asid_pool, a TCB (seL4_TCB_Configure) and, in its VSpace:
 *
 *   ELF PT_LOAD segments   at their addresses, with their rights (R, RW, RX)
 *   stack                  stack_pages pages below RS_PROCESS_STACK_TOP,
 *                          with an unmapped guard page above them
 *   IPC buffer             one page at RS_PROCESS_IPC_BUFFER
 *
 * It starts at the ELF entry point with sp = RS_PROCESS_STACK_TOP,
 * x0 = the IPC buffer's address and x1 = config->arg. Every object comes
 * from the process's own arena (untyped.h), so teardown is one revoke per
 * untyped and the untyped allocator's totals go back to what they were.
 * The caps the root task holds to the objects are in the rs_process_t;
 * it must stay where it is while the process exists (it holds the arena
 * its mapper points to).
 */
#pragma once

#include <rootserver/elf.h>
#include <rootserver/env.h>
#include <stddef.h>

#define RS_PROCESS_IPC_BUFFER 0x7ffffffff000UL
#define RS_PROCESS_STACK_TOP 0x7fffffffe000UL /* a guard page under the IPC buffer */
#define RS_PROCESS_MAX_GIVEN 16

typedef struct rs_process_config {
    const void *elf;        /* the executable, e.g. from rs_cpio_find() */
    size_t elf_size;
    unsigned cnode_bits;    /* 0: 8 (256 slots) */
    seL4_Word stack_pages;  /* 0: 4 */
    seL4_Word priority;     /* must be <= the root task's MCP */
    seL4_CPtr fault_ep;     /* CPtr in the process's CSpace, 0 for none */
    seL4_Word arg;          /* x1 at entry */
    unsigned arena_bits;    /* untyped chunk size, 0: 18 (256 KiB) */
} rs_process_config_t;

typedef struct rs_process {
    rs_env_t *env;
    rs_arena_t arena;       /* every object of the process */
    rs_vspace_t mapper;     /* its VSpace and the page tables made for it */
    seL4_CPtr tcb;          /* root-CNode caps to its objects */
    seL4_CPtr cnode;
    seL4_CPtr vspace;
    seL4_CPtr ipc_frame;
    unsigned cnode_bits;
    seL4_Word entry;
    unsigned given_count;   /* slots of its CNode filled by rs_process_give */
    seL4_Word given[RS_PROCESS_MAX_GIVEN];
    const char *failed;     /* which step failed, NULL if none */
    seL4_Error error;       /* and its error */
    rs_elf_error_t elf_error; /* when the ELF file was refused */
} rs_process_t;

/* Builds a process from config (nothing runs until rs_process_start). On
 * failure p->failed names the step, everything made so far is destroyed,
 * and an ELF file that does not pass rs_elf_parse() is seL4_InvalidArgument
 * with the reason in p->elf_error. */
seL4_Error rs_process_create(rs_process_t *p, rs_env_t *env, const rs_process_config_t *config);

/* Puts a copy of src (a root-CNode CPtr) with rights in slot `slot` of the
 * process's CNode: a Mint with badge if badge is not 0, else a Copy. */
seL4_Error rs_process_give(rs_process_t *p, seL4_Word slot, seL4_CPtr src, seL4_CapRights_t rights,
                           seL4_Word badge);

/* Resumes the process's thread. */
seL4_Error rs_process_start(rs_process_t *p);

/* Create, then start: for processes that need no caps before they run. */
seL4_Error rs_process_spawn(rs_process_t *p, rs_env_t *env, const rs_process_config_t *config);

/* Stops the thread, deletes the caps it was given, destroys its objects and
 * gives its untypeds and root slots back. */
seL4_Error rs_process_teardown(rs_process_t *p);
