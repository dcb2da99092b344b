// SPDX-License-Identifier: BSD-2-Clause
/* Chapter 2 reference solution: exercise.c with its gaps filled in. */
#include "chapter.h"

seL4_CPtr ch02_find_untyped(const seL4_BootInfo *bi, unsigned min_bits)
{
    /* SOLUTION 2.1 */
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        const seL4_UntypedDesc *d = &bi->untypedList[slot - bi->untyped.start];
        if (!d->isDevice && d->sizeBits >= min_bits) {
            return slot;
        }
    }
    return seL4_CapNull;
}

seL4_Error ch02_make_child(seL4_CPtr parent, seL4_CPtr dest)
{
    /* SOLUTION 2.2 */
    return seL4_Untyped_Retype(parent, seL4_UntypedObject, CH02_CHILD_BITS,
                               seL4_CapInitThreadCNode, 0, 0, dest, 1);
}

seL4_Error ch02_make_endpoints(seL4_CPtr child, seL4_CPtr first)
{
    /* SOLUTION 2.3 */
    return seL4_Untyped_Retype(child, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                               first, CH02_ENDPOINTS);
}

seL4_Word ch02_fill_with_frames(seL4_CPtr child, seL4_CPtr first)
{
    /* SOLUTION 2.4: the kernel knows best; retype until it refuses. */
    seL4_Word made = 0;
    while (seL4_Untyped_Retype(child, seL4_ARM_SmallPageObject, 0, seL4_CapInitThreadCNode,
                               0, 0, first + made, 1) == seL4_NoError) {
        made++;
    }
    return made;
}
