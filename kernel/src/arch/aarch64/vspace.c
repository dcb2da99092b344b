// SPDX-License-Identifier: BSD-2-Clause
/*
 * User address spaces: walks, leaf entries, unmapping, ASIDs and TLB
 * maintenance (see arch/aarch64/vspace.h). Tables are reached through the
 * kernel window, which is cacheable like the table walker's accesses, so a
 * store plus `dsb ishst` is all a new entry needs; a removed or changed one
 * also needs its TLB entries invalidated (by VA for a leaf, by ASID for a
 * table, since walk caches may hold what it pointed to).
 */
#include <arch/aarch64/vspace.h>

#include <arch.h>
#include <arch/aarch64/pt_index.h>
#include <arch/aarch64/sysreg_bits.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <sel4/vm_attributes.h>

asid_pool_t *asid_table[ASID_POOL_COUNT];

uint64_t vspace_empty_ttbr0;

extern uint64_t boot_identity_l0[]; /* emptied once boot is done */

void arch_vspace_init(void)
{
    uint64_t mmfr0;
    __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
    if (((mmfr0 >> 4) & 0xF) != 2) {
        kernel_panic("this core has 8-bit ASIDs; Cairn needs 16");
    }
    vspace_empty_ttbr0 = kernel_image_paddr(boot_identity_l0);
}

static pte_t *table_at(pte_t entry)
{
    return paddr_to_kernel(pte_paddr(entry));
}

static void tlb_flush_va(word_t asid, vaddr_t vaddr)
{
    uint64_t arg = (asid << 48) | ((vaddr >> 12) & MASK(44));
    __asm__ volatile("dsb ishst; tlbi vae1is, %0; dsb ish; isb" ::"r"(arg) : "memory");
}

static void tlb_flush_asid(word_t asid)
{
    __asm__ volatile("dsb ishst; tlbi aside1is, %0; dsb ish; isb" ::"r"(asid << 48) : "memory");
}

pt_slot_t vspace_lookup_slot(pte_t *vspace, vaddr_t vaddr)
{
    pte_t *table = vspace;
    for (unsigned level = 0;; level++) {
        pt_slot_t slot = { &table[pt_index(vaddr, level)], pt_level_shift(level) };
        if (level == PT_LEVELS - 1 || !pte_is_table(*slot.entry, slot.bits)) {
            return slot;
        }
        table = table_at(*slot.entry);
    }
}

pte_t *vspace_table_parent(pte_t *vspace, vaddr_t vaddr, paddr_t table_paddr)
{
    pte_t *table = vspace;
    for (unsigned level = 0; level < PT_LEVELS - 1; level++) {
        pte_t *entry = &table[pt_index(vaddr, level)];
        if (!pte_is_table(*entry, pt_level_shift(level))) {
            return NULL;
        }
        if (pte_paddr(*entry) == table_paddr) {
            return entry;
        }
        table = table_at(*entry);
    }
    return NULL;
}

pte_t vspace_leaf_entry(paddr_t frame, unsigned bits, word_t rights, word_t attr, bool device)
{
    pte_t e = frame | PTE_AF | PTE_NG | PTE_PXN | (bits == 12 ? PTE_PAGE : PTE_BLOCK);
    if (rights == 3) {
        e |= PTE_AP_EL0;
    } else if (rights == 2) {
        e |= PTE_AP_EL0 | PTE_AP_RO;
    } /* kernel only: no EL0 access at all */
    if (device) {
        e |= PTE_ATTR(MAIR_IDX_DEVICE_NGNRE);
    } else if (attr & seL4_ARM_PageCacheable) {
        e |= PTE_ATTR(MAIR_IDX_NORMAL) | PTE_SH_INNER;
    } else {
        e |= PTE_ATTR(MAIR_IDX_DEVICE_NGNRNE);
    }
    /* Device memory is never executable: without XN the core may fetch
     * from it speculatively. */
    /* Nor is a page EL0 may not read: AP alone would leave it execute-only. */
    if (device || rights < 2 || !(attr & seL4_ARM_PageCacheable) ||
        (attr & seL4_ARM_ExecuteNever)) {
        e |= PTE_UXN;
    }
    return e;
}

void vspace_set_entry(pte_t *entry, pte_t value, word_t asid, vaddr_t vaddr)
{
    if (*entry != 0) {
        *entry = 0;
        tlb_flush_va(asid, vaddr);
    }
    *entry = value;
    __asm__ volatile("dsb ishst" ::: "memory");
}

void vspace_unmap_frame(cap_t frame)
{
    if (!cap_frame_get_mapped(frame)) {
        return;
    }
    word_t asid = cap_frame_get_mapped_asid(frame);
    vaddr_t vaddr = cap_frame_get_mapped_vaddr(frame);
    pte_t *vspace = vspace_for_asid(asid);
    if (vspace == NULL) {
        return;
    }
    pt_slot_t slot = vspace_lookup_slot(vspace, vaddr);
    paddr_t paddr = (paddr_t)(uintptr_t)cap_get_ptr(frame) - KERNEL_WINDOW_BASE;
    if (slot.bits != frame_bits(frame) || *slot.entry == 0 || pte_paddr(*slot.entry) != paddr ||
        pte_is_table(*slot.entry, slot.bits)) {
        return; /* someone else's mapping now, or none */
    }
    *slot.entry = 0;
    tlb_flush_va(asid, vaddr);
}

void vspace_unmap_page_table(cap_t table)
{
    if (!cap_page_table_get_mapped(table)) {
        return;
    }
    word_t asid = cap_page_table_get_mapped_asid(table);
    pte_t *vspace = vspace_for_asid(asid);
    pte_t *pt = cap_get_ptr(table);
    if (vspace == NULL) {
        return;
    }
    pte_t *parent = vspace_table_parent(vspace, cap_page_table_get_mapped_vaddr(table),
                                        (paddr_t)(uintptr_t)pt - KERNEL_WINDOW_BASE);
    if (parent == NULL) {
        return;
    }
    *parent = 0;
    tlb_flush_asid(asid);
    /* Whatever the table mapped is gone with it (seL4 does the same). */
    memset(pt, 0, PT_ENTRIES * sizeof(pte_t));
}

/* Stop using an ASID that is going away before its TLB entries are flushed,
 * so no walk under it can start again. */
static void leave_asid(word_t asid)
{
    if ((arch_cpu.loaded_ttbr0 >> 48) == asid) {
        vspace_activate(vspace_empty_ttbr0);
    }
}

void vspace_delete_asid(word_t asid, const pte_t *vspace)
{
    asid_pool_t *pool = asid_table[asid >> ASID_LOW_BITS];
    if (pool == NULL || pool->vspace[asid & (ASID_POOL_SIZE - 1)] != vspace) {
        return;
    }
    leave_asid(asid);
    tlb_flush_asid(asid);
    pool->vspace[asid & (ASID_POOL_SIZE - 1)] = NULL;
    vspace_epoch_bump();
}

void vspace_delete_asid_pool(word_t asid_base, const asid_pool_t *pool)
{
    if (asid_table[asid_base >> ASID_LOW_BITS] != pool) {
        return;
    }
    for (word_t i = 0; i < ASID_POOL_SIZE; i++) {
        if (pool->vspace[i] != NULL) {
            leave_asid(asid_base + i);
            tlb_flush_asid(asid_base + i);
        }
    }
    asid_table[asid_base >> ASID_LOW_BITS] = NULL;
    vspace_epoch_bump();
}

void vspace_cache_op(cache_op_t op, const void *start, size_t size)
{
    uint64_t ctr;
    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    uintptr_t line = (uintptr_t)4 << ((ctr >> 16) & 0xF); /* DminLine */
    uintptr_t end = (uintptr_t)start + size;
    for (uintptr_t p = (uintptr_t)start & ~(line - 1); p < end; p += line) {
        switch (op) {
        case CACHE_CLEAN: __asm__ volatile("dc cvac, %0" ::"r"(p) : "memory"); break;
        case CACHE_INVALIDATE: __asm__ volatile("dc ivac, %0" ::"r"(p) : "memory"); break;
        case CACHE_CLEAN_INVALIDATE: __asm__ volatile("dc civac, %0" ::"r"(p) : "memory"); break;
        case CACHE_UNIFY: __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory"); break;
        }
    }
    __asm__ volatile("dsb ish" ::: "memory");
    if (op == CACHE_UNIFY) {
        /* The instruction cache may alias: drop all of it (inner shareable). */
        __asm__ volatile("ic ialluis; dsb ish; isb" ::: "memory");
    }
}
