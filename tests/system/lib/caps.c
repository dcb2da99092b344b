// SPDX-License-Identifier: BSD-2-Clause
/* Slot and untyped bookkeeping for test root tasks. */
#include "caps.h"

static seL4_Word next_free;
static seL4_Word untyped_used[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];

seL4_CPtr test_slot(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    if (next_free < bi->empty.start) {
        next_free = bi->empty.start;
    }
    return next_free < bi->empty.end ? next_free++ : 0;
}

seL4_CPtr test_untyped(unsigned min_bits, unsigned *bits)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_Word count = bi->untyped.end - bi->untyped.start;
    for (seL4_Word i = 0; i < count; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!untyped_used[i] && !d->isDevice && d->sizeBits >= min_bits) {
            untyped_used[i] = 1;
            if (bits != seL4_Null) {
                *bits = d->sizeBits;
            }
            return bi->untyped.start + i;
        }
    }
    return 0;
}

seL4_CPtr test_create(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits,
                      seL4_Error *error)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_Untyped_Retype(untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0,
                                         slot, 1);
    if (error != seL4_Null) {
        *error = err;
    }
    return err == seL4_NoError ? slot : 0;
}
