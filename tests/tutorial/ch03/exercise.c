// SPDX-License-Identifier: BSD-2-Clause
/*
 * Chapter 3 exercise: CNode operations, the derivation tree and revoke.
 * Fill in the four EXERCISE blocks (docs/tutorial/03-cnode-ops.md), then
 *   cmake --build --preset qemu-virt --target tutorial-03         (boot it)
 *   cmake --build --preset qemu-virt --target tutorial-03-check   (check it)
 * Every slot here is in the root CNode: (seL4_CapInitThreadCNode, slot,
 * seL4_WordBits), as in chapter 1.
 */
#include "chapter.h"

seL4_Error ch03_mint_badged(seL4_CPtr ntfn, seL4_CPtr dest)
{
    /* EXERCISE 3.1: seL4_CNode_Mint is Copy plus a badge. Give the new cap
     * only the right to signal (seL4_CanWrite) and badge CH03_BADGE. */
    (void)ntfn;
    (void)dest;
    return seL4_IllegalOperation;
}

seL4_Error ch03_move(seL4_CPtr src, seL4_CPtr dest)
{
    /* EXERCISE 3.2: seL4_CNode_Move. The cap keeps its place in the
     * derivation tree; only its slot changes. */
    (void)src;
    (void)dest;
    return seL4_IllegalOperation;
}

seL4_Error ch03_revoke(seL4_CPtr original)
{
    /* EXERCISE 3.3: seL4_CNode_Revoke on the original cap's slot. */
    (void)original;
    return seL4_IllegalOperation;
}

seL4_Error ch03_delete(seL4_CPtr slot)
{
    /* EXERCISE 3.4: seL4_CNode_Delete. */
    (void)slot;
    return seL4_IllegalOperation;
}
