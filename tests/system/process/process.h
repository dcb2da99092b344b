/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A child process built by the root task: its own VSpace with an ASID from
 * seL4_CapInitThreadASIDPool, its own CNode (2^CHILD_CNODE_BITS slots, guard
 * for depth 64), a TCB, an IPC buffer, a stack, and the child program
 * (child/, embedded in this image by child_image.S) loaded from its ELF
 * PT_LOAD segments. The root task holds a cap to every object; the child's
 * CNode holds only the caps protocol.h names and what tests give it.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "protocol.h"
#include "vm.h"

typedef struct process {
    proc_env_t *env;
    seL4_CPtr vspace;
    seL4_CPtr cnode;
    seL4_CPtr tcb;
    seL4_CPtr ipc_frame;
    seL4_CPtr cmd_ep; /* the root task's cap to the child's command endpoint */
    seL4_Word entry;
    seL4_Word badge;    /* of its report and fault caps */
    const char *failed; /* the step that failed, or NULL */
    seL4_Error error;   /* and its error */
} process_t;

/* The child program's ELF file in this image. */
extern const uint8_t child_elf_start[];
extern const uint8_t child_elf_end[];

/* Builds the whole process from env (nothing runs yet). Its report and
 * fault caps are badged copies of report_ep and fault_ep (root CNode). */
bool process_build(process_t *p, proc_env_t *env, seL4_CPtr report_ep, seL4_CPtr fault_ep,
                   seL4_Word badge);

/* Configures the TCB (seL4_TCB_Configure) and starts it at prio. */
bool process_start(process_t *p, seL4_Word prio);

/* Mints src (root CNode) into the child's CNode at child_slot. */
seL4_Error process_give(process_t *p, seL4_CPtr src, seL4_Word child_slot,
                        seL4_CapRights_t rights, seL4_Word badge);
