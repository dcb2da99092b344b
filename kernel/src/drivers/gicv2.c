// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv2 (QEMU virt's default, the Pi 4's GIC-400), from the Arm GIC
 * Architecture Specification v2, chapter 4 (programmers' model). One core:
 * every SPI targets CPU interface 0; all interrupts start disabled with one
 * priority, and the kernel enables those it handles.
 */
#include <plat.h>

#include <drivers/gic_dist.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800

#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_BPR 0x008
#define GICC_IAR 0x00C
#define GICC_EOIR 0x010

#define IRQ_PRIORITY 0xA0
#define IRQ_ID_MASK 0x3FF

static volatile uint32_t *dist(unsigned offset)
{
    return (volatile uint32_t *)(plat_kernel_device(KERNEL_DEVICE_GIC_DIST)->vaddr + offset);
}

static volatile uint32_t *cpu(unsigned offset)
{
    return (volatile uint32_t *)(plat_kernel_device(KERNEL_DEVICE_GIC_CPU)->vaddr + offset);
}

static unsigned irq_lines;

unsigned plat_irq_lines(void)
{
    return irq_lines;
}

void plat_irq_init(void)
{
    unsigned lines = 32 * ((*dist(GICD_TYPER) & 0x1F) + 1);
    irq_lines = lines < PLAT_IRQ_MAX_LINES ? lines : PLAT_IRQ_MAX_LINES;
    *dist(GICD_CTLR) = 0;
    for (unsigned i = 0; i < lines; i += 32) {
        *dist(GICD_ICENABLER + i / 8) = 0xFFFFFFFF;
        *dist(GICD_ICPENDR + i / 8) = 0xFFFFFFFF;
    }
    for (unsigned i = 0; i < lines; i += 4) {
        *dist(GICD_IPRIORITYR + i) = IRQ_PRIORITY * 0x01010101u;
        if (i >= 32) {
            *dist(GICD_ITARGETSR + i) = 0x01010101u; /* CPU interface 0 */
        }
    }
    *dist(GICD_CTLR) = 1;
    *cpu(GICC_PMR) = 0xF0;
    *cpu(GICC_BPR) = 0;
    *cpu(GICC_CTLR) = 1;
}

unsigned plat_irq_ack(void)
{
    unsigned irq = *cpu(GICC_IAR) & IRQ_ID_MASK;
    return irq >= 1020 ? PLAT_IRQ_SPURIOUS : irq;
}

void plat_irq_end(unsigned irq)
{
    *cpu(GICC_EOIR) = irq;
}

void plat_irq_set_enabled(unsigned irq, bool enabled)
{
    *dist((enabled ? GICD_ISENABLER : GICD_ICENABLER) + (irq / 32) * 4) = 1u << (irq % 32);
}

void plat_irq_set_trigger(unsigned irq, bool edge)
{
    gic_dist_set_trigger(plat_kernel_device(KERNEL_DEVICE_GIC_DIST)->vaddr, irq, edge);
}
