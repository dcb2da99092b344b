// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's own devices: the debug UART and the interrupt controller, at
 * the physical addresses platgen found in the board's DTS. For a GICv2 that
 * is the distributor and the CPU interface; for a GICv3 the distributor and
 * core 0's redistributor (its CPU interface is system registers). Each gets a
 * fixed window in the kernel's device region; nothing else of the board's I/O
 * space is ever mapped by the kernel.
 */
#include <plat.h>

#include <arch/aarch64/memory_layout.h>
#include <util.h>

#if PLAT_GIC_VERSION == 3
/* GICv3 frames are 64 KiB (GIC Architecture Specification, IHI 0069):
 * the distributor is one, each redistributor two (RD_base, then SGI_base). */
#define GICD_WINDOW (16 * PAGE_SIZE)
#define GICR_WINDOW (32 * PAGE_SIZE)

static const kernel_device_desc_t devices[KERNEL_DEVICE_COUNT] = {
    [KERNEL_DEVICE_UART] = { "uart", PLAT_UART_PADDR, PAGE_SIZE, KERNEL_DEVICE_VBASE,
                             PLAT_UART_SIZE },
    [KERNEL_DEVICE_GIC_DIST] = { "gic-dist", PLAT_GICD_PADDR, GICD_WINDOW,
                                 KERNEL_DEVICE_VBASE + GICD_WINDOW, PLAT_GICD_SIZE },
    [KERNEL_DEVICE_GIC_REDIST] = { "gic-redist", PLAT_GICR_PADDR, GICR_WINDOW,
                                   KERNEL_DEVICE_VBASE + 2 * GICD_WINDOW, PLAT_GICR_SIZE },
};

_Static_assert(PLAT_GICD_SIZE >= GICD_WINDOW, "the DTS gives the distributor 64 KiB");
_Static_assert(PLAT_GICR_SIZE >= GICR_WINDOW, "the DTS gives core 0 a redistributor");
/* The last window (the redistributor, from 128 KiB on) must end inside the
 * one level-3 table that maps the device region. */
_Static_assert(2 * GICD_WINDOW + GICR_WINDOW <= KERNEL_DEVICE_SIZE, "device windows fit");
#else
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
#endif

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
