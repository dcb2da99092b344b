// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 (QEMU virt with gic-version=3), from the Arm GIC Architecture
 * Specification v3/v4 (IHI 0069), its programmers' model and register
 * descriptions (offsets and bits below are named as there). Three
 * parts, as the architecture splits them:
 *  - the distributor (MMIO, one 64 KiB frame) owns the SPIs. The kernel turns
 *    on affinity routing for the Non-secure state (GICD_CTLR.ARE_NS), which is
 *    what makes this a GICv3 rather than a GICv2 in legacy mode; every SPI is
 *    then routed by GICD_IROUTER<n> to core 0's affinity.
 *  - core 0's redistributor (MMIO, two 64 KiB frames: RD_base for control and
 *    power, SGI_base for the SGI and PPI registers that were banked in the
 *    GICv2 distributor) owns interrupt IDs 0-31, the timer's PPI among them.
 *  - the CPU interface is system registers (ICC_*_EL1). At EL2 entry head.S
 *    has already set ICC_SRE_EL2.SRE and .Enable so EL1 may use them.
 * One core, one security view: every interrupt is Non-secure Group 1 (the
 * group an OS at Non-secure EL1 acknowledges through ICC_IAR1_EL1), all start
 * disabled with one priority, and the kernel enables those it handles.
 * Register writes whose effect must be complete before going on (disabling,
 * ARE) are followed by waiting for the write-pending bit (RWP).
 */
#include <plat.h>

#include <drivers/gic_dist.h>

#include <kernel/printk.h>

/* Distributor registers (GICD_*). */
#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IGROUPR 0x0080
#define GICD_ICENABLER 0x0180
#define GICD_ICPENDR 0x0280
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER 0x6000 /* 64 bits per interrupt ID, from ID 32 */
#define GICD_PIDR2 0xFFE8

/* GICD_CTLR as seen from Non-secure (or with GICD_CTLR.DS = 1, where bits 0
 * and 1 are EnableGrp0 and EnableGrp1): setting both enables Group 1 either
 * way. */
#define GICD_CTLR_ENABLE_GRP1 (1u << 0)
#define GICD_CTLR_ENABLE_GRP1A (1u << 1)
#define GICD_CTLR_ARE_NS (1u << 4)
#define GICD_CTLR_RWP (1u << 31)

/* GICD_PIDR2/GICR_PIDR2.ArchRev, bits [7:4]: 3 = GICv3, 4 = GICv4. */
#define PIDR2_ARCH_REV(pidr2) (((pidr2) >> 4) & 0xF)

/* Redistributor, RD_base frame (GICR_*). */
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008 /* 64 bits; [63:32] the affinity it serves */
#define GICR_WAKER 0x0014
#define GICR_CTLR_RWP (1u << 3)
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)

/* Redistributor, SGI_base frame, 64 KiB on: the registers of IDs 0-31 at the
 * distributor's offsets. */
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 (GICR_SGI_BASE + GICD_IGROUPR)
#define GICR_ISENABLER0 (GICR_SGI_BASE + GICD_ISENABLER)
#define GICR_ICENABLER0 (GICR_SGI_BASE + GICD_ICENABLER)
#define GICR_ICPENDR0 (GICR_SGI_BASE + GICD_ICPENDR)
#define GICR_ICACTIVER0 (GICR_SGI_BASE + GICD_ICACTIVER)
#define GICR_IPRIORITYR (GICR_SGI_BASE + GICD_IPRIORITYR)

/* ICC_SRE_EL1.SRE: the CPU interface is used through system registers. */
#define ICC_SRE_SRE 1u
#define ICC_IGRPEN1_ENABLE 1u

#define IRQ_PRIORITY 0xA0
#define IRQ_PRIORITY_MASK 0xF0 /* PMR: lets IRQ_PRIORITY through */
#define IRQ_ID_MASK 0xFFFFFF   /* INTID is 24 bits wide in ICC_IAR1_EL1 */

/* The CPU interface registers by name (the Arm ARM, D19.3 "GIC system
 * registers"); GNU as and LLVM both know them. */
#define SYSREG_READ(reg, var) __asm__ volatile("mrs %0, " #reg : "=r"(var))
#define SYSREG_WRITE(reg, value) \
    __asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(value)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")

static volatile uint32_t *dist(unsigned offset)
{
    return (volatile uint32_t *)(plat_kernel_device(KERNEL_DEVICE_GIC_DIST)->vaddr + offset);
}

static volatile uint32_t *redist(unsigned offset)
{
    return (volatile uint32_t *)(plat_kernel_device(KERNEL_DEVICE_GIC_REDIST)->vaddr + offset);
}

static void dist_wait_for_writes(void)
{
    while (*dist(GICD_CTLR) & GICD_CTLR_RWP) {
    }
}

static void redist_wait_for_writes(void)
{
    while (*redist(GICR_CTLR) & GICR_CTLR_RWP) {
    }
}

/* This core's affinity in the layout GICD_IROUTER and GICR_TYPER use:
 * Aff2.Aff1.Aff0 in [23:0]; Aff3 at [39:32] (IROUTER) or [31:24] (TYPER). */
static uint64_t core_affinity(void)
{
    uint64_t mpidr;
    SYSREG_READ(mpidr_el1, mpidr);
    return mpidr & 0xFF00FFFFFFull;
}

static unsigned irq_lines;

unsigned plat_irq_lines(void)
{
    return irq_lines;
}

/* The SPIs: Group 1, disabled, idle, one priority, routed to this core. */
static void dist_init(unsigned lines)
{
    *dist(GICD_CTLR) = 0;
    dist_wait_for_writes();
    for (unsigned i = 32; i < lines; i += 32) {
        *dist(GICD_IGROUPR + i / 8) = 0xFFFFFFFF;
        *dist(GICD_ICENABLER + i / 8) = 0xFFFFFFFF;
        *dist(GICD_ICPENDR + i / 8) = 0xFFFFFFFF;
        *dist(GICD_ICACTIVER + i / 8) = 0xFFFFFFFF;
    }
    dist_wait_for_writes();
    uint64_t route = core_affinity(); /* Interrupt_Routing_Mode 0: this PE */
    for (unsigned i = 32; i < lines; i++) {
        if (i % 4 == 0) {
            *dist(GICD_IPRIORITYR + i) = IRQ_PRIORITY * 0x01010101u;
        }
        *(volatile uint64_t *)dist(GICD_IROUTER + i * 8) = route;
    }
    /* ARE may change only while the groups are disabled (GICD_CTLR). */
    *dist(GICD_CTLR) = GICD_CTLR_ARE_NS;
    dist_wait_for_writes();
    *dist(GICD_CTLR) = GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_GRP1A | GICD_CTLR_ENABLE_GRP1;
    dist_wait_for_writes();
}

/* Core 0's redistributor: awake, and its SGIs and PPIs like the SPIs. */
static void redist_init(void)
{
    const volatile uint64_t *typer = (const volatile uint64_t *)redist(GICR_TYPER);
    uint64_t aff = core_affinity();
    uint64_t served = *typer >> 32;
    if (served != ((aff & 0xFFFFFF) | ((aff >> 32) << 24))) {
        kernel_panic("GICv3: the first redistributor serves affinity 0x%lx, not this core",
                     (unsigned long)served);
    }
    /* Leave the sleep state; the interface to the CPU is up once
     * ChildrenAsleep reads 0 (GICR_WAKER). */
    *redist(GICR_WAKER) &= ~GICR_WAKER_PROCESSOR_SLEEP;
    while (*redist(GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) {
    }
    *redist(GICR_IGROUPR0) = 0xFFFFFFFF;
    *redist(GICR_ICENABLER0) = 0xFFFFFFFF;
    *redist(GICR_ICPENDR0) = 0xFFFFFFFF;
    *redist(GICR_ICACTIVER0) = 0xFFFFFFFF;
    redist_wait_for_writes();
    for (unsigned i = 0; i < 32; i += 4) {
        *redist(GICR_IPRIORITYR + i) = IRQ_PRIORITY * 0x01010101u;
    }
}

/* The CPU interface: system registers on, priority mask open above
 * IRQ_PRIORITY, no preemption grouping, EOI both drops the running priority
 * and deactivates (ICC_CTLR_EL1.EOImode = 0), Group 1 on. */
static void cpu_interface_init(void)
{
    uint64_t sre;
    SYSREG_READ(icc_sre_el1, sre);
    SYSREG_WRITE(icc_sre_el1, sre | ICC_SRE_SRE);
    ISB();
    SYSREG_READ(icc_sre_el1, sre);
    if ((sre & ICC_SRE_SRE) == 0) {
        kernel_panic("GICv3: the CPU interface's system registers cannot be enabled");
    }
    SYSREG_WRITE(icc_pmr_el1, IRQ_PRIORITY_MASK);
    SYSREG_WRITE(icc_bpr1_el1, 0);
    SYSREG_WRITE(icc_ctlr_el1, 0);
    SYSREG_WRITE(icc_igrpen1_el1, ICC_IGRPEN1_ENABLE);
    ISB();
}

void plat_irq_init(void)
{
    unsigned rev = PIDR2_ARCH_REV(*dist(GICD_PIDR2));
    if (rev != 3 && rev != 4) {
        kernel_panic("GICv3: the distributor reports architecture revision %u", rev);
    }
    unsigned lines = 32 * ((*dist(GICD_TYPER) & 0x1F) + 1);
    irq_lines = lines < PLAT_IRQ_MAX_LINES ? lines : PLAT_IRQ_MAX_LINES;
    dist_init(irq_lines);
    redist_init();
    cpu_interface_init();
}

unsigned plat_irq_ack(void)
{
    uint64_t iar;
    SYSREG_READ(icc_iar1_el1, iar);
    /* The acknowledge is complete before the handler touches the device. */
    __asm__ volatile("dsb sy" ::: "memory");
    unsigned irq = iar & IRQ_ID_MASK;
    return irq >= PLAT_IRQ_MAX_LINES ? PLAT_IRQ_SPURIOUS : irq;
}

void plat_irq_end(unsigned irq)
{
    SYSREG_WRITE(icc_eoir1_el1, irq);
    ISB();
}

void plat_irq_set_enabled(unsigned irq, bool enabled)
{
    uint32_t bit = 1u << (irq % 32);
    if (irq < 32) {
        *redist(enabled ? GICR_ISENABLER0 : GICR_ICENABLER0) = bit;
        if (!enabled) {
            redist_wait_for_writes();
        }
        return;
    }
    *dist((enabled ? GICD_ISENABLER : GICD_ICENABLER) + (irq / 32) * 4) = bit;
    if (!enabled) {
        dist_wait_for_writes();
    }
}

void plat_irq_set_trigger(unsigned irq, bool edge)
{
    gic_dist_set_trigger(plat_kernel_device(KERNEL_DEVICE_GIC_DIST)->vaddr, irq, edge);
}
