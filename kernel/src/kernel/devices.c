// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's own devices: the debug UART and the GICv2 distributor and CPU
 * interface, at the physical addresses platgen found in the board's DTS. Each
 * gets a fixed window in the kernel's device region; nothing else of the
 * board's I/O space is ever mapped by the kernel.
 */
#include <plat.h>

#include <arch/aarch64/memory_layout.h>
#include <util.h>

static const kernel_device_desc_t devices[KERNEL_DEVICE_COUNT] = {
    [KERNEL_DEVICE_UART] = { "uart", PLAT_UART_PADDR, PAGE_SIZE, KERNEL_DEVICE_VBASE,
                             PLAT_UART_SIZE },
    [KERNEL_DEVICE_GIC_DIST] = { "gic-dist", PLAT_GICD_PADDR, PAGE_SIZE,
                                 KERNEL_DEVICE_VBASE + 1 * PAGE_SIZE, PLAT_GICD_SIZE },
    [KERNEL_DEVICE_GIC_CPU] = { "gic-cpu", PLAT_GICC_PADDR, 2 * PAGE_SIZE,
                                KERNEL_DEVICE_VBASE + 2 * PAGE_SIZE, PLAT_GICC_SIZE },
};

/* The last window (the GIC CPU interface, two pages from the third page on)
 * must end inside the one level-3 table that maps the device region. */
_Static_assert(2 * PAGE_SIZE + 2 * PAGE_SIZE <= KERNEL_DEVICE_SIZE, "device windows fit");

const kernel_device_desc_t *plat_kernel_device(enum kernel_device device)
{
    return &devices[device];
}

extern const uint8_t _builtin_dtb_start[];
extern const uint8_t _builtin_dtb_end[];

const void *plat_builtin_dtb(void)
{
    return _builtin_dtb_start;
}

size_t plat_builtin_dtb_size(void)
{
    return SYMBOL_SPAN(_builtin_dtb_start, _builtin_dtb_end);
}
