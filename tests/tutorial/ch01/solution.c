// SPDX-License-Identifier: BSD-2-Clause
/* Chapter 1 reference solution: exercise.c with its gaps filled in. */
#include "chapter.h"

seL4_CPtr ch01_first_empty_slot(const seL4_BootInfo *bi)
{
    /* SOLUTION 1.1 */
    return bi->empty.start;
}

seL4_Error ch01_copy_own_tcb(seL4_CPtr dest)
{
    /* SOLUTION 1.2 */
    return seL4_CNode_Copy(seL4_CapInitThreadCNode, dest, seL4_WordBits,
                           seL4_CapInitThreadCNode, seL4_CapInitThreadTCB, seL4_WordBits,
                           seL4_AllRights);
}

seL4_Error ch01_copy_into_small_cnode(seL4_CPtr small, seL4_CPtr ep)
{
    /* SOLUTION 1.3: the small CNode's cap has no guard, so its radix is
     * the whole depth. */
    return seL4_CNode_Copy(small, CH01_TARGET_INDEX, CH01_SMALL_RADIX,
                           seL4_CapInitThreadCNode, ep, seL4_WordBits, seL4_AllRights);
}
