// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's half of the address space, finished in C after head.S turned
 * the MMU on with just the image mapped:
 *  - the kernel window: all RAM the device tree lists, Normal cacheable and
 *    never executable, in 1 GiB blocks where a whole GiB is RAM and 2 MiB
 *    blocks elsewhere (a partial 2 MiB block is left out rather than map
 *    whatever lies beside RAM);
 *  - the kernel's own devices, Device-nGnRnE, in 4 KiB pages.
 * Entries are only added to empty slots, so no TLB maintenance is needed
 * beyond the barriers (Arm ARM D8.14, "Translation table maintenance").
 */
#include <arch.h>

#include <arch/aarch64/memory_layout.h>
#include <arch/aarch64/pt_index.h>
#include <arch/aarch64/sysreg_bits.h>
#include <plat.h>

#define WINDOW_L2_TABLES 16

typedef uint64_t pte_t;

extern pte_t boot_identity_l0[PT_ENTRIES];
extern pte_t boot_kernel_l0[PT_ENTRIES];
extern pte_t boot_kernel_l1[PT_ENTRIES];
extern const uint8_t _text[];

static pte_t window_l1[PT_ENTRIES] ALIGNED(PAGE_SIZE);
static pte_t window_l2[WINDOW_L2_TABLES][PT_ENTRIES] ALIGNED(PAGE_SIZE);
static unsigned window_l2_used;
static pte_t device_l2[PT_ENTRIES] ALIGNED(PAGE_SIZE);
static pte_t device_l3[PT_ENTRIES] ALIGNED(PAGE_SIZE);

static paddr_t text_paddr;

#define WINDOW_BLOCK (PTE_KERNEL_BLOCK | PTE_PXN)
#define DEVICE_PAGE (PTE_PAGE | PTE_ATTR(MAIR_IDX_DEVICE_NGNRNE) | PTE_AF | PTE_PXN | PTE_UXN)

void arch_init_image_offset(paddr_t paddr)
{
    text_paddr = paddr;
}

paddr_t kernel_image_paddr(const void *p)
{
    return (paddr_t)SYMBOL_SPAN(_text, p) + text_paddr;
}

static pte_t table_entry(const pte_t *table)
{
    return kernel_image_paddr(table) | PTE_TABLE;
}

static void publish_tables(void)
{
    __asm__ volatile("dsb ishst; isb" ::: "memory");
}

void arch_map_kernel_devices(void)
{
    boot_kernel_l1[pt_index(KERNEL_DEVICE_VBASE, 1)] = table_entry(device_l2);
    device_l2[pt_index(KERNEL_DEVICE_VBASE, 2)] = table_entry(device_l3);
    for (unsigned d = 0; d < KERNEL_DEVICE_COUNT; d++) {
        const kernel_device_desc_t *dev = plat_kernel_device((enum kernel_device)d);
        for (size_t off = 0; off < dev->size; off += PAGE_SIZE) {
            device_l3[pt_index(dev->vaddr + off, 3)] = (dev->paddr + off) | DEVICE_PAGE;
        }
    }
    publish_tables();
}

/* The level-2 table under window L1 slot `index`, created on first use. */
static pte_t *window_l2_table(unsigned index)
{
    static pte_t *table_of_slot[PT_ENTRIES];
    if (table_of_slot[index] == NULL && window_l1[index] == 0 &&
        window_l2_used < WINDOW_L2_TABLES) {
        table_of_slot[index] = window_l2[window_l2_used++];
        window_l1[index] = table_entry(table_of_slot[index]);
    }
    return table_of_slot[index]; /* NULL: out of tables, or a 1 GiB block */
}

/* Maps the 2 MiB blocks of [base, end) that lie wholly inside it. */
static bool map_window_2m(uint64_t base, uint64_t end)
{
    for (uint64_t pa = ROUND_UP(base, 21); pa < end && end - pa >= BIT(21); pa += BIT(21)) {
        unsigned index = pt_index(pa, 1);
        if ((window_l1[index] & PTE_TABLE) == PTE_BLOCK) {
            continue; /* already inside a 1 GiB block */
        }
        pte_t *table = window_l2_table(index);
        if (table == NULL) {
            return false;
        }
        table[pt_index(pa, 2)] = pa | WINDOW_BLOCK;
    }
    return true;
}

bool arch_map_kernel_window(const region_list_t *ram, region_list_t *mapped)
{
    bool ok = true;
    region_list_init(mapped);
    for (int i = 0; i < ram->count; i++) {
        /* Only whole 2 MiB blocks below the window's limit can be mapped. */
        uint64_t base = ROUND_UP(ram->region[i].base, 21);
        uint64_t end = ROUND_DOWN(MIN(ram->region[i].base + ram->region[i].size,
                                      (uint64_t)KERNEL_WINDOW_SIZE), 21);
        if (end <= base) {
            continue;
        }
        for (uint64_t pa = ROUND_UP(base, 30); pa < end && end - pa >= BIT(30); pa += BIT(30)) {
            window_l1[pt_index(pa, 1)] = pa | WINDOW_BLOCK;
        }
        /* Head and tail that are not whole GiBs. */
        bool done = map_window_2m(base, MIN(end, ROUND_UP(base, 30)));
        if (end > ROUND_UP(base, 30)) {
            done = map_window_2m(MAX(base, ROUND_DOWN(end, 30)), end) && done;
        }
        if (!done || !region_list_add(mapped, base, end - base)) {
            ok = false; /* out of level-2 tables: leave this range unused */
        }
    }
    boot_kernel_l0[pt_index(KERNEL_WINDOW_BASE, 0)] = table_entry(window_l1);
    publish_tables();
    return ok && region_list_total(mapped) == region_list_total(ram);
}

void arch_drop_identity_map(void)
{
    boot_identity_l0[0] = 0;
    __asm__ volatile("dsb ishst; tlbi vmalle1; dsb ish; isb" ::: "memory");
}
