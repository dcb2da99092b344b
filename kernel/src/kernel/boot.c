// SPDX-License-Identifier: BSD-2-Clause
/*
 * init_kernel: runs once, on the boot core, with the identity map from
 * head.S still in TTBR0 so the loader's DTB can be read at its physical
 * address. Order matters: devices (to print), DTB (to know RAM), the kernel
 * window (to touch RAM), then boot memory and the root task; the identity map
 * goes before any user mapping can exist.
 */
#include <kernel/boot.h>

#include <arch.h>
#include <kernel/fdt.h>
#include <kernel/interrupt.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/thread.h>
#include <plat.h>

#define MAX_RAM_REGIONS 16

extern const uint8_t _text[];
extern const uint8_t _end[];

static region_list_t boot_free;

paddr_t boot_alloc(unsigned size_bits)
{
    paddr_t pa;
    if (!region_list_alloc(&boot_free, BIT(size_bits), size_bits, &pa)) {
        return 0;
    }
    arch_zero_memory(paddr_to_kernel(pa), BIT(size_bits));
    return pa;
}

paddr_t boot_alloc_page(void)
{
    return boot_alloc(PAGE_BITS);
}

region_list_t *boot_free_memory(void)
{
    return &boot_free;
}

__attribute__((weak)) void boot_test_hook(void)
{
}

/* The loader's DTB if x0 held a valid one (read through the identity map),
 * else the board's DTB built into the image. */
static const void *select_dtb(paddr_t dtb_paddr)
{
    if (dtb_paddr != 0 && dtb_paddr < BIT(39) && fdt_header_valid((const void *)dtb_paddr,
                                                                   FDT_MAX_SIZE)) {
        printk("cairn: device tree from the loader at 0x%lx\n", dtb_paddr);
        return (const void *)dtb_paddr;
    }
    printk("cairn: no device tree passed; using the built-in %s tree\n", PLAT_NAME);
    if (!fdt_header_valid(plat_builtin_dtb(), plat_builtin_dtb_size())) {
        kernel_panic("the built-in device tree is not valid");
    }
    return plat_builtin_dtb();
}

static void find_ram(const void *dtb, region_list_t *ram)
{
    mem_region_t found[MAX_RAM_REGIONS];
    int n = fdt_memory_regions(dtb, found, MAX_RAM_REGIONS);
    if (n <= 0) {
        kernel_panic("the device tree lists no memory");
    }
    if (n > MAX_RAM_REGIONS) {
        printk("cairn: warning: only the first %d of %d memory ranges are used\n",
               MAX_RAM_REGIONS, n);
    }
    region_list_init(ram);
    for (int i = 0; i < MIN(n, MAX_RAM_REGIONS); i++) {
        if (!region_list_add(ram, found[i].base, found[i].size)) {
            kernel_panic("too many memory ranges");
        }
    }
}

/* Boot memory: RAM minus the kernel image, the loader's DTB and reservations. */
static void find_free_memory(const void *dtb, paddr_t dtb_paddr, paddr_t text_paddr,
                             const region_list_t *ram)
{
    mem_region_t reserved[MAX_RAM_REGIONS];
    boot_free = *ram;
    bool ok = region_list_remove(&boot_free, text_paddr, SYMBOL_SPAN(_text, _end));
    if (dtb != plat_builtin_dtb()) {
        ok = region_list_remove(&boot_free, dtb_paddr, fdt_total_size(dtb)) && ok;
    }
    int n = fdt_reserved_regions(dtb, reserved, MAX_RAM_REGIONS);
    if (n < 0 || n > MAX_RAM_REGIONS) {
        /* Using memory that might be reserved is not safe: stop. */
        kernel_panic("cannot read the device tree's reserved memory (%d entries)", n);
    }
    for (int i = 0; i < n; i++) {
        ok = region_list_remove(&boot_free, reserved[i].base, reserved[i].size) && ok;
    }
    if (!ok) {
        kernel_panic("memory map too fragmented to track");
    }
}

void init_kernel(paddr_t dtb_paddr, paddr_t text_paddr, word_t entry_el)
{
    arch_init_image_offset(text_paddr);
    arch_map_kernel_devices();
    plat_console_init();
    arch_init_cpu();
    arch_vspace_init();
    printk("\ncairn: booting on %s, entered at EL%lu, kernel at 0x%lx\n", PLAT_NAME, entry_el,
           text_paddr);

    const void *dtb = select_dtb(dtb_paddr);
    region_list_t listed;
    region_list_t ram;
    find_ram(dtb, &listed);
    if (!arch_map_kernel_window(&listed, &ram)) {
        printk("cairn: warning: part of RAM is outside the kernel window and unused\n");
    }
    for (int i = 0; i < ram.count; i++) {
        printk("cairn: RAM 0x%lx - 0x%lx\n", ram.region[i].base,
               ram.region[i].base + ram.region[i].size);
    }
    find_free_memory(dtb, dtb_paddr, text_paddr, &ram);
    smp_start_cores(dtb);

    /* The root task gets its own copy of the tree (extra boot info), made
     * while the loader's copy is still reachable through the identity map. */
    root_task_t root;
    create_root_task(dtb, fdt_used_size(dtb), &root);
    create_root_caps(&root, &ram, dtb);
    arch_drop_identity_map();

    boot_test_hook();
    interrupt_init();
    schedule_and_return();
}
