// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address spaces (kernel/invariants.h). What a user thread can touch is
 * what its page tables say, whatever the caps say; so every entry of every
 * live VSpace must be accounted for by a cap, or a deleted frame's memory,
 * once reused, would still be reachable:
 *
 *   - every pool in the ASID table has a pool cap for that slot of the
 *     table, and no pool is in it twice;
 *   - every VSpace a pool holds has a VSpace cap mapped at that ASID;
 *   - every table entry in that VSpace points at a page table whose cap
 *     says it is mapped in this ASID at this address, and this is the one
 *     place the walk for that address reaches it (so no table is shared
 *     between VSpaces or places);
 *   - every page or block entry maps a frame whose cap says it is mapped
 *     in this ASID at this address, with this size.
 *
 * The converse need not hold: caps keep a stale mapping after their table,
 * VSpace or ASID is gone, and every use checks the tables first (vspace.h).
 */
#include <kernel/invariants.h>

#include <arch.h>
#include <arch/aarch64/pt_index.h>
#include <arch/aarch64/vspace.h>
#include <object/cdt.h>

static paddr_t kernel_to_paddr(const void *p)
{
    return (paddr_t)(uintptr_t)p - KERNEL_WINDOW_BASE;
}

static bool pool_has_cap(const asid_pool_t *pool, word_t index)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (cap_get_type(s->cap) == CAP_ASID_POOL && cap_get_ptr(s->cap) == pool &&
            cap_asid_pool_get_asid_base(s->cap) == (index << ASID_LOW_BITS)) {
            return true;
        }
    }
    return false;
}

static bool vspace_has_cap(const pte_t *vspace, word_t asid)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (cap_get_type(s->cap) == CAP_VSPACE && cap_get_ptr(s->cap) == vspace &&
            cap_vspace_get_mapped(s->cap) && cap_vspace_get_mapped_asid(s->cap) == asid) {
            return true;
        }
    }
    return false;
}

/* A frame cap for the page or block entry that maps vaddr with 2^bits. */
static bool leaf_has_cap(pte_t entry, word_t asid, vaddr_t vaddr, unsigned bits)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        cap_t cap = s->cap;
        if (cap_get_type(cap) == CAP_FRAME && cap_frame_get_mapped(cap) &&
            cap_frame_get_mapped_asid(cap) == asid && cap_frame_get_mapped_vaddr(cap) == vaddr &&
            frame_bits(cap) == bits && kernel_to_paddr(cap_get_ptr(cap)) == pte_paddr(entry)) {
            return true;
        }
    }
    return false;
}

/* A page-table cap for the table entry at *entry, in the VSpace for asid. */
static bool table_has_cap(pte_t *vspace, const pte_t *entry, word_t asid)
{
    const pte_t *table = paddr_to_kernel(pte_paddr(*entry));
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        cap_t cap = s->cap;
        if (cap_get_type(cap) == CAP_PAGE_TABLE && cap_get_ptr(cap) == table &&
            cap_page_table_get_mapped(cap) && cap_page_table_get_mapped_asid(cap) == asid &&
            vspace_table_parent(vspace, cap_page_table_get_mapped_vaddr(cap),
                                pte_paddr(*entry)) == entry) {
            return true;
        }
    }
    return false;
}

/* Every entry of the table at `level` that covers the addresses from base. */
static void check_table(pte_t *vspace, word_t asid, const pte_t *table, unsigned level,
                        vaddr_t base)
{
    unsigned bits = pt_level_shift(level);
    for (word_t i = 0; i < PT_ENTRIES; i++) {
        const pte_t *entry = &table[i];
        vaddr_t vaddr = base + (i << bits);
        if (*entry == 0) {
            continue;
        }
        if (level < PT_LEVELS - 1 && pte_is_table(*entry, bits)) {
            if (!table_has_cap(vspace, entry, asid)) {
                invariant_report("a page table no cap says is mapped here", entry);
            } else {
                check_table(vspace, asid, paddr_to_kernel(pte_paddr(*entry)), level + 1, vaddr);
            }
        } else if ((*entry & 1) == 0 || level == 0) {
            invariant_report("a page-table entry that is neither table, block nor page", entry);
        } else if (!leaf_has_cap(*entry, asid, vaddr, bits)) {
            invariant_report("a mapping no frame cap says is mapped here", entry);
        }
    }
}

static void check_pool(const asid_pool_t *pool, word_t index)
{
    for (word_t i = 0; i < ASID_POOL_SIZE; i++) {
        word_t asid = (index << ASID_LOW_BITS) | i;
        pte_t *vspace = pool->vspace[i];
        if (vspace == NULL) {
            continue;
        }
        if (asid == 0) {
            invariant_report("ASID 0 has a VSpace", vspace);
        } else if (!vspace_has_cap(vspace, asid)) {
            invariant_report("a VSpace in the ASID table with no cap mapped at its ASID", vspace);
        } else {
            check_table(vspace, asid, vspace, 0, 0);
        }
    }
}

void vspace_check_invariants(void)
{
    for (word_t index = 0; index < ASID_POOL_COUNT; index++) {
        const asid_pool_t *pool = asid_table[index];
        if (pool == NULL) {
            continue;
        }
        for (word_t other = 0; other < index; other++) {
            if (asid_table[other] == pool) {
                invariant_report("an ASID pool in the ASID table twice", pool);
            }
        }
        if (!pool_has_cap(pool, index)) {
            invariant_report("an ASID pool in the ASID table with no cap for that place", pool);
        } else {
            check_pool(pool, index);
        }
    }
}
