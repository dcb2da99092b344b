// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt dispatch and the IRQ state table: the kernel timer ticks the
 * scheduler; an interrupt with a handler cap is masked, acknowledged at the
 * controller and signalled to the handler's notification. It stays masked
 * until user level calls seL4_IRQHandler_Ack, so a level-triggered device
 * cannot storm the kernel before its driver has run.
 */
#include <kernel/interrupt.h>

#include <arch.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <object/endpoint.h>
#include <plat.h>

static uint8_t irq_states[PLAT_IRQ_MAX_LINES];
static cte_t irq_notifications[PLAT_IRQ_MAX_LINES];
static unsigned irqs_with_handler;

void interrupt_init(void)
{
    plat_irq_init();
    for (unsigned irq = 0; irq < 16; irq++) {
        irq_states[irq] = IRQ_RESERVED; /* SGIs: inter-core signals */
    }
    irq_states[arch_timer_irq()] = IRQ_RESERVED;
    arch_timer_init(SCHED_TICK_US);
    plat_irq_set_enabled(arch_timer_irq(), true);
}

irq_state_t interrupt_state(word_t irq)
{
    return irq < plat_irq_lines() ? (irq_state_t)irq_states[irq] : IRQ_RESERVED;
}

void interrupt_set_state(word_t irq, irq_state_t state)
{
    if (irq_states[irq] == IRQ_SIGNAL) {
        irqs_with_handler--;
    }
    if (state == IRQ_SIGNAL) {
        irqs_with_handler++;
    }
    irq_states[irq] = (uint8_t)state;
    plat_irq_set_enabled((unsigned)irq, state == IRQ_SIGNAL);
}

cte_t *interrupt_notification_slot(word_t irq)
{
    return &irq_notifications[irq];
}

bool interrupt_is_notification_slot(const cte_t *slot)
{
    uintptr_t first = (uintptr_t)&irq_notifications[0];
    uintptr_t a = (uintptr_t)slot;
    return a >= first && a < (uintptr_t)&irq_notifications[PLAT_IRQ_MAX_LINES] &&
           (a - first) % sizeof(cte_t) == 0;
}

static void signal_handler(unsigned irq)
{
    cap_t cap = irq_notifications[irq].cap;
    if (cap_get_type(cap) == CAP_NOTIFICATION && cap_notification_get_can_send(cap)) {
        notification_signal(cap_get_ptr(cap), cap_notification_get_badge(cap));
    } else {
        printk("cairn: interrupt %u has no notification; masked until acknowledged\n", irq);
    }
}

void interrupt_handle(void)
{
    unsigned irq = plat_irq_ack();
    if (irq == PLAT_IRQ_SPURIOUS) {
        return; /* withdrawn before it was taken: nothing to end */
    }
    if (irq == arch_timer_irq()) {
        arch_timer_rearm();
        sched_tick();
    } else if (interrupt_state(irq) == IRQ_SIGNAL) {
        plat_irq_set_enabled(irq, false);
        signal_handler(irq);
    } else {
        /* Enabled by nobody, so a controller quirk: keep it quiet. */
        printk("cairn: unexpected interrupt %u masked\n", irq);
        plat_irq_set_enabled(irq, false);
    }
    plat_irq_end(irq);
}

bool interrupt_could_wake_a_thread(void)
{
    return irqs_with_handler > 0;
}
