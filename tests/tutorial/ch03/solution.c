// SPDX-License-Identifier: BSD-2-Clause
/* Chapter 3 reference solution: exercise.c with its gaps filled in. */
#include "chapter.h"

seL4_Error ch03_mint_badged(seL4_CPtr ntfn, seL4_CPtr dest)
{
    /* SOLUTION 3.1 */
    return seL4_CNode_Mint(seL4_CapInitThreadCNode, dest, seL4_WordBits,
                           seL4_CapInitThreadCNode, ntfn, seL4_WordBits, seL4_CanWrite,
                           CH03_BADGE);
}

seL4_Error ch03_move(seL4_CPtr src, seL4_CPtr dest)
{
    /* SOLUTION 3.2 */
    return seL4_CNode_Move(seL4_CapInitThreadCNode, dest, seL4_WordBits,
                           seL4_CapInitThreadCNode, src, seL4_WordBits);
}

seL4_Error ch03_revoke(seL4_CPtr original)
{
    /* SOLUTION 3.3 */
    return seL4_CNode_Revoke(seL4_CapInitThreadCNode, original, seL4_WordBits);
}

seL4_Error ch03_delete(seL4_CPtr slot)
{
    /* SOLUTION 3.4 */
    return seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
}
