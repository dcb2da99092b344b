/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzzer's sandboxed thread: it runs the fuzzer's code, but its CSpace
 * is a 64-slot pool CNode that holds caps to its own TCB, to that CNode and
 * to its VSpace, and it makes random invocations on them: configuring
 * itself, changing its own space, deleting and revoking its own CSpace
 * root. Whatever it does, it can reach nothing but itself.
 *
 * Its CNode, as sandbox_fill() lays it out (cptrs resolve all 64 bits):
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>
#include <stdint.h>

enum {
    SANDBOX_FAULT_EP = 1, /* a send-only, badged cap to the supervisor */
    SANDBOX_TCB = 2,      /* its own TCB */
    SANDBOX_CNODE = 3,    /* this CNode, guarded to resolve 64 bits */
    SANDBOX_VSPACE = 4,   /* a copy of its VSpace cap (the root task's) */
    SANDBOX_ENDPOINT = 5, /* a pool endpoint and notification */
    SANDBOX_NTFN = 6,
    SANDBOX_SLOTS_USED = 8, /* what its random cptrs name: slots 0-7 */
};
#define SANDBOX_CNODE_BITS 6

/* Fills the sandbox's CNode (cnode, a root-CNode cptr to a 2^6-slot pool
 * CNode), makes it the thread's CSpace and gives the thread priority prio
 * again (it may have lowered its own). The supervisor's endpoint goes in
 * send-only with badge; scratch is an empty root slot. */
bool sandbox_fill(seL4_CPtr cnode, seL4_CPtr tcb, seL4_Word prio, seL4_CPtr supervisor_ep,
                  seL4_Word badge, seL4_CPtr endpoint, seL4_CPtr ntfn, seL4_CPtr scratch);

/* The sandbox's operation number `op`, made on its own caps. */
void sandbox_run(uint64_t seed, uint64_t op);
