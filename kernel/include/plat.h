/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The platform seam. Generic code sees a board only through this header: the
 * constants platgen derived from the board's DTS (plat_config.h, generated in
 * the build tree), the devices the kernel itself drives, and the board's DTB
 * built into the image as a fallback for loaders that pass none.
 */
#pragma once

#include <plat_config.h>
#include <types.h>

/* Devices the kernel maps for itself (and withholds from user level). */
enum kernel_device {
    KERNEL_DEVICE_UART,
    KERNEL_DEVICE_GIC_DIST,
#if PLAT_GIC_VERSION == 3
    KERNEL_DEVICE_GIC_REDIST, /* core 0's redistributor: RD and SGI frames */
#else
    KERNEL_DEVICE_GIC_CPU,    /* the memory-mapped CPU interface */
#endif
    KERNEL_DEVICE_COUNT
};

typedef struct kernel_device_desc {
    const char *name;
    paddr_t paddr;
    size_t size;   /* bytes the kernel maps (page multiple) */
    vaddr_t vaddr; /* where the kernel maps it */
    size_t region; /* the device's whole register window: never given to user level */
} kernel_device_desc_t;

const kernel_device_desc_t *plat_kernel_device(enum kernel_device device);

/* The board DTB linked into the image. */
const void *plat_builtin_dtb(void);
size_t plat_builtin_dtb_size(void);

/* Interrupt controller: one driver per GIC version (kernel/src/drivers/),
 * chosen by the platform. IRQ numbers are GIC interrupt IDs: 0-15 SGIs,
 * 16-31 this core's PPIs, 32 on shared peripherals. */
#define PLAT_IRQ_SPURIOUS 1023
#define PLAT_IRQ_MAX_LINES 1020 /* IDs 1020-1023 are special in every GIC */
void plat_irq_init(void);
/* Interrupt IDs the controller implements: 0 .. plat_irq_lines() - 1. */
unsigned plat_irq_lines(void);
unsigned plat_irq_ack(void); /* the pending interrupt, or PLAT_IRQ_SPURIOUS */
void plat_irq_end(unsigned irq);
void plat_irq_set_enabled(unsigned irq, bool enabled);
/* Edge (true) or level (false) triggered; only SPIs can change. */
void plat_irq_set_trigger(unsigned irq, bool edge);

/* Console (the debug UART). */
void plat_console_init(void);
void plat_console_putc(char c);
