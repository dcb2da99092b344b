/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Chapter 3, CNode operations, the derivation tree and revoke
 * (docs/tutorial/03-cnode-ops.md): the functions the student writes in
 * exercise.c (solution.c: one answer). Every slot is a root-CNode slot.
 */
#pragma once

#include <sel4/sel4.h>

/* The badge of exercise 3.1. */
#define CH03_BADGE 42

/* 3.1: mints from the notification cap `ntfn` a cap in `dest` that can
 * only signal (write) and carries badge CH03_BADGE. */
seL4_Error ch03_mint_badged(seL4_CPtr ntfn, seL4_CPtr dest);

/* 3.2: moves the cap in `src` to `dest` (src ends up empty). */
seL4_Error ch03_move(seL4_CPtr src, seL4_CPtr dest);

/* 3.3: deletes every cap derived from the one in `original`, keeping it. */
seL4_Error ch03_revoke(seL4_CPtr original);

/* 3.4: deletes the cap in `slot`. */
seL4_Error ch03_delete(seL4_CPtr slot);
