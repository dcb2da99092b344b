// SPDX-License-Identifier: BSD-2-Clause
/*
 * IRQControl and IRQHandler caps. IRQControl_Get(Trigger) issues the one
 * handler cap an interrupt may have (a child of IRQControl, so revoking
 * IRQControl takes every handler back); the handler cap names the
 * notification the interrupt signals and acknowledges it.
 */
#include <object/invocation.h>

#include <kernel/cspace.h>
#include <kernel/interrupt.h>
#include <object/cte_ops.h>
#include <plat.h>
#include <sel4/generated/invocation_labels.h>

static exception_t decode_issue(invocation_t *inv, bool with_trigger)
{
    unsigned args = with_trigger ? 4 : 3;
    if (inv->length < args || inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    word_t irq = invocation_arg(inv, 0);
    word_t trigger = with_trigger ? invocation_arg(inv, 1) : 0;
    word_t index = invocation_arg(inv, args - 2);
    word_t depth = invocation_arg(inv, args - 1);
    if (irq >= plat_irq_lines()) {
        user_error("IRQControl: interrupt %lu does not exist (0..%u)", irq, plat_irq_lines() - 1);
        return syscall_error_range(0, plat_irq_lines() - 1);
    }
    if (interrupt_state(irq) != IRQ_INACTIVE) {
        user_error("IRQControl: interrupt %lu is %s", irq,
                   interrupt_state(irq) == IRQ_RESERVED ? "the kernel's" : "already issued");
        return syscall_error(seL4_RevokeFirst);
    }
    cte_t *dest;
    exception_t status = cspace_lookup_for_op(false, inv->extra[0]->cap, index, depth, &dest);
    if (status == EXCEPTION_NONE) {
        status = cte_ensure_empty(dest);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (with_trigger) {
        plat_irq_set_trigger((unsigned)irq, trigger != 0);
    }
    cap_t handler = cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), irq);
    cte_insert(handler, inv->slot, dest);
    interrupt_set_state(irq, IRQ_SIGNAL);
    return EXCEPTION_NONE;
}

exception_t irq_control_decode_invocation(invocation_t *inv)
{
    switch (inv->label) {
    case IRQControlGet: return decode_issue(inv, false);
    case IRQControlGetTrigger: return decode_issue(inv, true);
    default:
        user_error("IRQControl: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
}

static exception_t set_notification(invocation_t *inv, word_t irq)
{
    if (inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t ntfn = inv->extra[0]->cap;
    if (cap_get_type(ntfn) != CAP_NOTIFICATION || !cap_notification_get_can_send(ntfn)) {
        user_error("IRQHandler SetNotification: needs a notification cap with the send right");
        return syscall_error_argument(seL4_InvalidCapability, 0);
    }
    cte_t *slot = interrupt_notification_slot(irq);
    exception_t status = cte_delete(slot); /* preempted: the call restarts */
    /* Install only what is still where it was decoded (capabilities.md §7.5). */
    if (status == EXCEPTION_NONE && cte_still_holds(inv->extra[0], ntfn) &&
        cte_still_holds(inv->slot, inv->cap)) {
        cte_insert(ntfn, inv->extra[0], slot);
    }
    return status;
}

exception_t irq_handler_decode_invocation(invocation_t *inv)
{
    word_t irq = cap_irq_handler_get_irq(inv->cap);
    switch (inv->label) {
    case IRQHandlerAck:
        plat_irq_set_enabled((unsigned)irq, true);
        return EXCEPTION_NONE;
    case IRQHandlerSetNotification:
        return set_notification(inv, irq);
    case IRQHandlerClear:
        return cte_delete(interrupt_notification_slot(irq)); /* likewise */
    default:
        user_error("IRQHandler: unknown method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
}

void irq_handler_deleted(word_t irq)
{
    interrupt_set_state(irq, IRQ_INACTIVE);
    /* Inside another deletion there is no way to come back later: finish
     * (only a last notification cap with many waiters takes long). */
    while (cte_delete(interrupt_notification_slot(irq)) == EXCEPTION_PREEMPTED) {
    }
}
