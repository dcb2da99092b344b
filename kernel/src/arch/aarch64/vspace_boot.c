// SPDX-License-Identifier: BSD-2-Clause
/*
 * Four-level user page tables for the root task (TTBR0, 48-bit, 4 KiB pages).
 * User pages are non-global (tagged with the thread's ASID), never executable
 * at EL1 (PXN), and executable at EL0 only when asked.
 */
#include <kernel/vspace_boot.h>

#include <arch.h>
#include <arch/aarch64/pt_index.h>
#include <arch/aarch64/sysreg_bits.h>

typedef uint64_t pte_t;

static pte_t *table_at(paddr_t paddr)
{
    return paddr_to_kernel(paddr);
}

static uint64_t user_page_bits(unsigned rights)
{
    uint64_t bits = PTE_PAGE | PTE_ATTR(MAIR_IDX_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_NG |
                    PTE_AP_EL0 | PTE_PXN;
    if (!(rights & VM_WRITE)) {
        bits |= PTE_AP_RO;
    }
    if (!(rights & VM_EXEC)) {
        bits |= PTE_UXN;
    }
    return bits;
}

/* Walks to the level-3 table for vaddr, creating tables when alloc is set. */
static pte_t *leaf_table(paddr_t root, vaddr_t vaddr, page_alloc_fn alloc)
{
    pte_t *table = table_at(root);
    for (unsigned level = 0; level < PT_LEVELS - 1; level++) {
        pte_t *entry = &table[pt_index(vaddr, level)];
        if (*entry == 0) {
            paddr_t next = alloc != NULL ? alloc() : 0;
            if (next == 0) {
                return NULL;
            }
            *entry = next | PTE_TABLE;
        }
        table = table_at(*entry & PTE_ADDR_MASK);
    }
    return table;
}

bool vspace_boot_map(paddr_t root, vaddr_t vaddr, paddr_t frame, unsigned rights,
                     page_alloc_fn alloc)
{
    pte_t *leaf = leaf_table(root, vaddr, alloc);
    if (leaf == NULL || leaf[pt_index(vaddr, 3)] != 0) {
        return false;
    }
    leaf[pt_index(vaddr, 3)] = frame | user_page_bits(rights);
    return true;
}

paddr_t vspace_boot_lookup(paddr_t root, vaddr_t vaddr)
{
    pte_t *leaf = leaf_table(root, vaddr, NULL);
    return leaf == NULL ? 0 : leaf[pt_index(vaddr, 3)] & PTE_ADDR_MASK;
}

static void walk_level(paddr_t table_pa, unsigned level, vaddr_t base, const vspace_visitor_t *v)
{
    const pte_t *table = table_at(table_pa);
    for (unsigned i = 0; i < PT_ENTRIES; i++) {
        if (table[i] == 0) {
            continue;
        }
        vaddr_t vaddr = base + i * pt_entry_span(level);
        paddr_t next = table[i] & PTE_ADDR_MASK;
        if (level == PT_LEVELS - 1) {
            v->page(v->context, vaddr, next, (table[i] & PTE_AP_RO) == 0);
        } else {
            v->table(v->context, level + 1, vaddr, next);
            walk_level(next, level + 1, vaddr, v);
        }
    }
}

void vspace_boot_walk(paddr_t root, const vspace_visitor_t *visitor)
{
    walk_level(root, 0, 0, visitor);
}

void arch_sync_icache(const void *kernel_vaddr, size_t size)
{
    uint64_t ctr;
    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    uintptr_t line = (uintptr_t)4 << ((ctr >> 16) & 0xF);
    uintptr_t p = (uintptr_t)kernel_vaddr & ~(line - 1);
    for (; p < (uintptr_t)kernel_vaddr + size; p += line) {
        __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
    }
    __asm__ volatile("dsb ish; ic ialluis; dsb ish; isb" ::: "memory");
}
