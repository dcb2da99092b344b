// SPDX-License-Identifier: BSD-2-Clause
/*
 * The snapshot's address spaces (kernel/snapshot.h), read from the tables
 * the MMU walks rather than from the caps, since those say what a thread
 * can touch: each ASID pool with the VSpaces it holds, and each table with
 * its entries, by index: the next-level table, or the frame a page or
 * block entry maps with the access EL0 has (R or RW). Cairn has one
 * page-table object for levels 1-3; capDL names them by level (pud, pd,
 * pt), and a VSpace is capDL's pgd.
 */
#include <kernel/snapshot.h>

#include <arch.h>
#include <arch/aarch64/pt_index.h>
#include <arch/aarch64/sysreg_bits.h>
#include <arch/aarch64/vspace.h>
#include <kernel/printk.h>

static const char *const level_types[PT_LEVELS] = { "pgd", "pud", "pd", "pt" };

const char *arch_snapshot_table_type(cap_t table)
{
    if (!cap_page_table_get_mapped(table)) {
        return "pt";
    }
    vaddr_t vaddr = cap_page_table_get_mapped_vaddr(table);
    paddr_t target = snapshot_paddr(cap_get_ptr(table));
    const pte_t *t = vspace_for_asid(cap_page_table_get_mapped_asid(table));
    for (unsigned level = 0; t != NULL && level < PT_LEVELS - 1; level++) {
        pte_t entry = t[pt_index(vaddr, level)];
        if (!pte_is_table(entry, pt_level_shift(level))) {
            break;
        }
        if (pte_paddr(entry) == target) {
            return level_types[level + 1];
        }
        t = paddr_to_kernel(pte_paddr(entry));
    }
    return "pt"; /* the cap's mapping is stale */
}

static const char *leaf_rights(pte_t entry)
{
    if (!(entry & PTE_AP_EL0)) {
        return ""; /* kernel only */
    }
    return (entry & PTE_AP_RO) ? " (R)" : " (RW)";
}

static bool is_table_entry(pte_t entry, unsigned level)
{
    return level < PT_LEVELS - 1 && pte_is_table(entry, pt_level_shift(level));
}

/* Prints the table (named by its prefix and address) and, after it, the
 * tables it points to. */
static void print_table(const pte_t *table, const char *prefix, unsigned level)
{
    printk("%s_%lx {\n", prefix, snapshot_paddr(table));
    for (word_t i = 0; i < PT_ENTRIES; i++) {
        pte_t entry = table[i];
        if (entry == 0) {
            continue;
        }
        if (is_table_entry(entry, level)) {
            printk("  0x%lx: pt_%lx\n", i, pte_paddr(entry));
        } else {
            printk("  0x%lx: frame_%lx%s\n", i, pte_paddr(entry), leaf_rights(entry));
        }
    }
    printk("}\n");
    for (word_t i = 0; i < PT_ENTRIES; i++) {
        if (table[i] != 0 && is_table_entry(table[i], level)) {
            print_table(paddr_to_kernel(pte_paddr(table[i])), "pt", level + 1);
        }
    }
}

static void print_pool(const asid_pool_t *pool)
{
    printk("asid_pool_%lx {\n", snapshot_paddr(pool));
    for (word_t i = 0; i < ASID_POOL_SIZE; i++) {
        if (pool->vspace[i] != NULL) {
            printk("  0x%lx: vspace_%lx\n", i, snapshot_paddr(pool->vspace[i]));
        }
    }
    printk("}\n");
}

void arch_snapshot_print_vspaces(void)
{
    for (word_t index = 0; index < ASID_POOL_COUNT; index++) {
        const asid_pool_t *pool = asid_table[index];
        if (pool == NULL) {
            continue;
        }
        print_pool(pool);
        for (word_t i = 0; i < ASID_POOL_SIZE; i++) {
            if (pool->vspace[i] != NULL && (index | i) != 0) {
                print_table(pool->vspace[i], "vspace", 0);
            }
        }
    }
}
