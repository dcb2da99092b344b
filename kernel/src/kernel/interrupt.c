// SPDX-License-Identifier: BSD-2-Clause
/* Interrupt dispatch: the kernel timer ticks the scheduler. */
#include <kernel/interrupt.h>

#include <arch.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <plat.h>

void interrupt_init(void)
{
    plat_irq_init();
    arch_timer_init(SCHED_TICK_US);
    plat_irq_set_enabled(arch_timer_irq(), true);
}

void interrupt_handle(void)
{
    unsigned irq = plat_irq_ack();
    if (irq == PLAT_IRQ_SPURIOUS) {
        return;
    }
    if (irq == arch_timer_irq()) {
        arch_timer_rearm();
        sched_tick();
    } else {
        /* No user-level handlers exist yet: keep it from firing again. */
        printk("cairn: unexpected interrupt %u masked\n", irq);
        plat_irq_set_enabled(irq, false);
    }
    plat_irq_end(irq);
}

bool interrupt_could_wake_a_thread(void)
{
    return false; /* only the kernel's own timer is enabled */
}
