/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupts as the kernel sees them: taken from EL0 (the kernel itself
 * runs with them masked) or polled while idle and at preemption points.
 * The kernel's timer drives time slices; every other interrupt belongs to
 * whoever holds its IRQHandler cap and arrives as a notification signal.
 * An interrupt is masked from the moment it is taken until its handler
 * calls seL4_IRQHandler_Ack.
 */
#pragma once

#include <object/cte.h>
#include <types.h>

typedef enum irq_state {
    IRQ_INACTIVE = 0, /* no handler cap issued */
    IRQ_SIGNAL,       /* a handler cap exists: deliver to its notification */
    IRQ_RESERVED,     /* the kernel's own (timer, SGIs) */
} irq_state_t;

void interrupt_init(void);

/* Handles the pending interrupt, if any. */
void interrupt_handle(void);

/* Whether some interrupt could still make a blocked thread runnable. */
bool interrupt_could_wake_a_thread(void);

/* The state of irq; IRQ_RESERVED for numbers past the controller's. */
irq_state_t interrupt_state(word_t irq);
/* A handler cap for irq was issued (IRQ_SIGNAL, unmasked) or its last cap
 * went (IRQ_INACTIVE, masked, notification dropped). */
void interrupt_set_state(word_t irq, irq_state_t state);
/* The slot holding the notification cap irq signals. */
cte_t *interrupt_notification_slot(word_t irq);

/* The slot is one of the kernel's IRQ notification slots. */
bool interrupt_is_notification_slot(const cte_t *slot);
