/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What GICv2 and GICv3 distributors share: the register offsets both
 * drivers use and the trigger configuration of shared peripheral
 * interrupts (GIC architecture specification, GICD_ICFGR).
 */
#pragma once

#include <plat.h>

#define GICD_ISENABLER 0x100
#define GICD_ICFGR 0xC00

/* Sets irq (an SPI) edge- or level-triggered in the distributor at dist,
 * with the interrupt disabled meanwhile: changing the trigger of an enabled
 * interrupt is UNPREDICTABLE. */
static inline void gic_dist_set_trigger(uintptr_t dist, unsigned irq, bool edge)
{
    if (irq < 32) {
        return; /* SGIs are always edge, PPIs fixed by the core */
    }
    volatile uint32_t *cfg = (volatile uint32_t *)(dist + GICD_ICFGR + (uintptr_t)(irq / 16) * 4);
    uint32_t bit = 2u << ((irq % 16) * 2); /* Int_config[1]: 1 = edge */
    const volatile uint32_t *enabled = (const volatile uint32_t *)(dist + GICD_ISENABLER);
    bool was_enabled = (enabled[irq / 32] >> (irq % 32)) & 1;
    plat_irq_set_enabled(irq, false);
    *cfg = edge ? (*cfg | bit) : (*cfg & ~bit);
    if (was_enabled) {
        plat_irq_set_enabled(irq, true);
    }
}
