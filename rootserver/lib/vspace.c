// SPDX-License-Identifier: BSD-2-Clause
/* The VSpace mapper (vspace.h). */
#include <rootserver/vspace.h>

void rs_vspace_init(rs_vspace_t *vs, seL4_CPtr vspace, rs_arena_t *arena)
{
    *vs = (rs_vspace_t){ .vspace = vspace, .arena = arena };
}

void rs_vspace_init_new(rs_vspace_t *vs, seL4_CPtr vspace, rs_arena_t *arena)
{
    rs_vspace_init(vs, vspace, arena);
    vs->owns_tables = true;
}

static bool have_table(const rs_vspace_t *vs, seL4_Word bits, seL4_Word vaddr)
{
    for (unsigned i = 0; i < vs->count; i++) {
        if (vs->table_bits[i] == bits && vs->table_base[i] == vaddr >> bits) {
            return true;
        }
    }
    return false;
}

/* Makes and maps the table the walk for vaddr is missing, at the level
 * whose entries cover 2^bits bytes. */
static seL4_Error add_table(rs_vspace_t *vs, seL4_Word bits, seL4_Word vaddr)
{
    if (vs->count == RS_VSPACE_MAX_TABLES) {
        return seL4_NotEnoughMemory;
    }
    seL4_CPtr table;
    seL4_Error err = rs_arena_object(vs->arena, seL4_ARM_PageTableObject, 0, &table);
    if (err != seL4_NoError) {
        return err;
    }
    err = seL4_ARM_PageTable_Map(table, vs->vspace, vaddr, seL4_ARM_Default_VMAttributes);
    if (err != seL4_NoError) {
        (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, table, seL4_WordBits);
        return err;
    }
    vs->tables[vs->count] = table;
    vs->table_bits[vs->count] = bits;
    vs->table_base[vs->count] = vaddr >> bits;
    vs->count++;
    return seL4_NoError;
}

seL4_Error rs_vspace_map(rs_vspace_t *vs, seL4_CPtr frame, seL4_Word frame_bits,
                         seL4_Word vaddr, seL4_CapRights_t rights, seL4_ARM_VMAttributes attr)
{
    /* Levels above the frame's, from the top: 39 (level 1), 30, 21. */
    for (seL4_Word bits = 39; vs->owns_tables && bits > frame_bits; bits -= 9) {
        if (!have_table(vs, bits, vaddr)) {
            seL4_Error err = add_table(vs, bits, vaddr);
            if (err != seL4_NoError) {
                return err;
            }
        }
    }
    seL4_Word last_bits = seL4_WordBits;
    for (;;) {
        seL4_Error err = seL4_ARM_Page_Map(frame, vs->vspace, vaddr, rights, attr);
        if (err != seL4_FailedLookup) {
            return err;
        }
        /* bitsLeft: 39, 30 or 21 = the level of the missing table. Anything
         * else, or no progress since the last table, is not ours to fix. */
        seL4_Word bits = seL4_GetMR(RS_LOOKUP_BITS_LEFT_MR);
        if (bits >= last_bits || (bits != 39 && bits != 30 && bits != 21)) {
            return seL4_FailedLookup;
        }
        last_bits = bits;
        err = add_table(vs, bits, vaddr);
        if (err != seL4_NoError) {
            return err;
        }
    }
}

seL4_Error rs_vspace_teardown(rs_vspace_t *vs)
{
    seL4_Error result = seL4_NoError;
    while (vs->count > 0) {
        seL4_Error err = seL4_CNode_Delete(seL4_CapInitThreadCNode, vs->tables[--vs->count],
                                           seL4_WordBits);
        result = result != seL4_NoError ? result : err;
    }
    return result;
}
