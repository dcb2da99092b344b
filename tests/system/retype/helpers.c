// SPDX-License-Identifier: BSD-2-Clause
/* Helpers shared by the RETYPE and BOOTINFO test images (see helpers.h). */
#include "helpers.h"

static bool taken[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];

seL4_Word root_cnode_slots(void)
{
    return BIT(seL4_GetBootInfo()->initThreadCNodeSizeBits);
}

seL4_CPtr fresh_slots(seL4_Word n)
{
    seL4_CPtr first = test_slot();
    for (seL4_Word i = 1; i < n; i++) {
        if (test_slot() != first + i) {
            return 0;
        }
    }
    return first;
}

seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits, seL4_CPtr dest,
                  seL4_Word n)
{
    return seL4_Untyped_Retype(untyped, type, size_bits, ROOT_CNODE, 0, 0, dest, n);
}

seL4_Word untyped_free(seL4_CPtr untyped)
{
    static seL4_CPtr scratch;
    if (scratch == 0) {
        scratch = test_slot();
    }
    /* No untyped here reaches 2^47 bytes, so a 2^47 child never fits. */
    seL4_Error err = retype(untyped, seL4_UntypedObject, seL4_MaxUntypedBits, scratch, 1);
    if (err != seL4_NotEnoughMemory) {
        printf("    untyped_free(%lu): retype answered %d, not NotEnoughMemory\n", untyped,
               (int)err);
        return ~0UL;
    }
    return seL4_GetMR(0);
}

seL4_CPtr boot_untyped(unsigned min_bits, bool device, seL4_Word *index)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_Word count = bi->untyped.end - bi->untyped.start;
    seL4_Word best = count;
    for (seL4_Word i = 0; i < count; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!taken[i] && (d->isDevice != 0) == device && d->sizeBits >= min_bits &&
            (best == count || d->sizeBits < bi->untypedList[best].sizeBits)) {
            best = i;
        }
    }
    if (best == count) {
        return 0;
    }
    taken[best] = true;
    if (index != seL4_Null) {
        *index = best;
    }
    return bi->untyped.start + best;
}

seL4_CPtr fresh_untyped(unsigned bits)
{
    static seL4_CPtr pool;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (pool == 0) {
            pool = boot_untyped(23, false, seL4_Null);
        }
        seL4_CPtr slot = test_slot();
        seL4_Error err = retype(pool, seL4_UntypedObject, bits, slot, 1);
        if (err == seL4_NoError) {
            return slot;
        }
        pool = 0; /* used up: take the next one */
    }
    printf("    fresh_untyped(%u): no RAM left for the pool\n", bits);
    return 0;
}

int cnode_slot_type(seL4_CPtr cnode, unsigned radix, seL4_Word index)
{
    static seL4_CPtr scratch;
    if (scratch == 0) {
        scratch = test_slot();
    }
    seL4_Error err = seL4_CNode_Move(ROOT_CNODE, scratch, seL4_WordBits, cnode, index,
                                     (seL4_Uint8)radix);
    if (err == seL4_FailedLookup && seL4_GetMR(0) == 1 &&
        seL4_GetMR(1) == seL4_MissingCapability) {
        return CAP_NULL; /* the source slot is empty */
    }
    if (err != seL4_NoError) {
        return -1;
    }
    int type = (int)seL4_DebugCapIdentify(scratch);
    err = seL4_CNode_Move(cnode, index, (seL4_Uint8)radix, ROOT_CNODE, scratch, seL4_WordBits);
    return err == seL4_NoError ? type : -1;
}

bool slots_have_type(seL4_CPtr start, seL4_Word n, int type)
{
    for (seL4_Word i = 0; i < n; i++) {
        if ((int)seL4_DebugCapIdentify(start + i) != type) {
            printf("    slot %lu holds cap type %d, not %d\n", start + i,
                   (int)seL4_DebugCapIdentify(start + i), type);
            return false;
        }
    }
    return true;
}

void expect_error(const char *file, int line, seL4_Error got, seL4_Error want, int count,
                  seL4_Word mr0, seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    const seL4_Word want_mr[4] = { mr0, mr1, mr2, mr3 };
    bool ok = got == want;
    for (int i = 0; ok && i < count; i++) {
        ok = seL4_GetMR(i) == want_mr[i];
    }
    if (ok) {
        return;
    }
    printf("    got error %d MRs %lx %lx %lx %lx; want %d", (int)got, seL4_GetMR(0),
           seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3), (int)want);
    for (int i = 0; i < count; i++) {
        printf(" %lx", want_mr[i]);
    }
    printf("\n");
    test_fail(file, line, "error code and message registers");
}
