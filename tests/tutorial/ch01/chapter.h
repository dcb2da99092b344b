/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Chapter 1, capabilities and CSpace addressing (docs/tutorial/01-cspace.md):
 * the functions the student writes in exercise.c (solution.c: one answer).
 * checks.c calls them in order and judges what they did.
 */
#pragma once

#include <sel4/sel4.h>

/* The slot, in the root CNode, of the small CNode's index 7 (exercise 1.3). */
#define CH01_TARGET_INDEX 7
/* The small CNode's radix: 2^4 = 16 slots. */
#define CH01_SMALL_RADIX 4

/* 1.1: the cptr of the first empty slot of the root CNode. */
seL4_CPtr ch01_first_empty_slot(const seL4_BootInfo *bi);

/* 1.2: copies the root task's own TCB cap into root-CNode slot `dest`. */
seL4_Error ch01_copy_own_tcb(seL4_CPtr dest);

/* 1.3: copies the endpoint cap in root slot `ep` into slot
 * CH01_TARGET_INDEX of the small CNode whose cap is in root slot `small`. */
seL4_Error ch01_copy_into_small_cnode(seL4_CPtr small, seL4_CPtr ep);
