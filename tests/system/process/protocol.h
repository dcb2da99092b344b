/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the root task and the child process (child/) agree on: the child's
 * address-space layout, the slots of its CNode the root task fills, and the
 * commands it obeys. The child receives a command on CHILD_SLOT_CMD (label =
 * command, MRs = arguments) and answers with a report: a Send of label
 * LABEL_REPORT on CHILD_SLOT_REPORT. ECHO is answered with a Reply instead,
 * and SEND/CALL talk to the cptr they are given.
 */
#pragma once

/* Virtual layout of a child (child/child.ld links it at CHILD_LINK_BASE). */
#define CHILD_LINK_BASE 0x20000000UL
#define CHILD_IPC_VA 0x30000000UL
#define CHILD_STACK_VA 0x30010000UL
#define CHILD_STACK_PAGES 4
#define CHILD_STACK_TOP (CHILD_STACK_VA + CHILD_STACK_PAGES * 4096UL)
#define CHILD_SHARED_VA 0x30100000UL

/* The child's CNode: 2^CHILD_CNODE_BITS slots, a guard making depth 64. The
 * root task's caps sit at low slot numbers; the child's are up here. */
#define CHILD_CNODE_BITS 12
#define CHILD_SLOT_CMD 0xF01UL    /* endpoint the child receives commands on */
#define CHILD_SLOT_REPORT 0xF02UL /* badged endpoint for reports */
#define CHILD_SLOT_FAULT 0xF03UL  /* badged fault endpoint */
#define CHILD_SLOT_EXTRA 0xF10UL  /* first slot tests fill with more caps */

enum child_cmd {
    CMD_ECHO = 1, /* Reply: label = badge & 0xFFFFF, the words inverted */
    CMD_INFO,     /* report: child_load, child_store, _start, &child_counter */
    CMD_SEND,     /* (n, seed, cptr): Send n words seed+i, label LABEL_DATA */
    CMD_CALL,     /* (n, seed, cptr): Call with n words seed+i; report the reply */
    CMD_RECV,     /* (seed): Recv on CMD; report label, length, badge, mismatches */
    CMD_LOAD,     /* (addr): report the word loaded by child_load */
    CMD_STORE,    /* (addr, value): child_store, report 0 */
    CMD_INVOKE,   /* (cptr, call): report Page_GetAddress's error (if call) and CapIdentify */
    CMD_FILL,     /* (addr, n, seed): write n words seed+i, report 0 */
    CMD_SUM,      /* (addr, n, seed): report how many of n words differ from seed+i */
    CMD_EXEC,     /* (addr): call the code at addr, report what it returns in x0 */
    CMD_SERVE,    /* answer every Call on CMD with 0 words, forever (benchmarks) */
};

#define LABEL_REPORT 0x77UL
#define LABEL_DATA 0x55UL
#define ECHO_LABEL_MASK 0xFFFFFUL

/* CMD_CALL's report: the reply's label and length, and how many of its
 * words differ from ~(seed + i). CMD_RECV's: label, length, badge and how
 * many words differ from seed + i. */
