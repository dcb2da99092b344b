// SPDX-License-Identifier: BSD-2-Clause
/*
 * Chapter 1 exercise: capabilities and CSpace addressing. Fill in the three
 * EXERCISE blocks (docs/tutorial/01-cspace.md walks you through them), then
 *   cmake --build --preset qemu-virt --target tutorial-01         (boot it)
 *   cmake --build --preset qemu-virt --target tutorial-01-check   (check it)
 * Each block compiles as it is but does nothing useful yet.
 */
#include "chapter.h"

seL4_CPtr ch01_first_empty_slot(const seL4_BootInfo *bi)
{
    /* EXERCISE 1.1: the boot info lists which root-CNode slots the kernel
     * left empty (a seL4_SlotRegion: start, end). Return the first one. */
    (void)bi;
    return seL4_CapNull;
}

seL4_Error ch01_copy_own_tcb(seL4_CPtr dest)
{
    /* EXERCISE 1.2: copy the cap in slot seL4_CapInitThreadTCB to slot
     * `dest`, both in the root CNode (seL4_CapInitThreadCNode), with
     * seL4_CNode_Copy. In the root task a slot's cptr is its index, and
     * every lookup uses all 64 bits: depth seL4_WordBits. */
    (void)dest;
    return seL4_IllegalOperation;
}

seL4_Error ch01_copy_into_small_cnode(seL4_CPtr small, seL4_CPtr ep)
{
    /* EXERCISE 1.3: copy the endpoint at root slot `ep` into slot
     * CH01_TARGET_INDEX of the small CNode. The destination is named from
     * the small CNode itself: (small, index, depth), where the depth is the
     * number of bits that CNode resolves, CH01_SMALL_RADIX. */
    (void)small;
    (void)ep;
    return seL4_IllegalOperation;
}
