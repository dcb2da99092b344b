// SPDX-License-Identifier: BSD-2-Clause
/*
 * IRQ0001-0020: IRQControl and IRQHandler caps. Every error of
 * IRQControl_Get/GetTrigger and IRQHandler_SetNotification with its message
 * registers, each followed by a check that nothing changed (the destination
 * slot is still as it was, the interrupt still free or still issued);
 * issuing, deleting and re-issuing; copies; revoking IRQControl; and, with
 * the console UART's transmit interrupt as a source a test can raise at
 * will, delivery to the bound notification with its badge, masking until
 * Ack, replacing the notification, Clear, and deletion of the handler.
 */
#include "irq_util.h"

#include <object/cap.h>
#include <sel4/generated/invocation_labels.h>

#define TIMEOUT_MS 500 /* an interrupt that should come */
#define QUIET_MS 50    /* how long to watch for one that should not */

static seL4_Word lines;
static seL4_CPtr ep;                  /* an endpoint, for wrong-type arguments */
static volatile uint32_t *uart;       /* the console PL011, mapped */

/* Three interrupts no device uses: the last lines of the controller. */
#define SPARE(i) (lines - 1 - (i))

static bool slot_empty(seL4_CPtr slot)
{
    return seL4_DebugCapIdentify(slot) == CAP_NULL;
}

static seL4_Error get_into(seL4_Word irq, seL4_CPtr slot)
{
    return seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT_CNODE, slot, seL4_WordBits);
}

static seL4_CPtr badged_ntfn(seL4_Word badge)
{
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    return threads_mint(ntfn, seL4_AllRights, badge);
}

static void lines_and_range(void)
{
    lines = irq_lines();
    printf("    %lu interrupt lines\n", lines);
    TEST_CHECK(lines >= 64 && lines % 32 == 0);
    seL4_CPtr slot = test_slot();
    CHECK_ERR2(get_into(lines, slot), seL4_RangeError, 0, lines - 1);
    TEST_CHECK(slot_empty(slot));
    CHECK_ERR2(get_into(lines + 1000, slot), seL4_RangeError, 0, lines - 1);
    CHECK_ERR2(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, lines, 1, ROOT_CNODE, slot,
                                          seL4_WordBits),
               seL4_RangeError, 0, lines - 1);
    TEST_CHECK(slot_empty(slot));
    /* The last line exists. */
    TEST_CHECK(irq_is_free(lines - 1));
}

static void sgis_reserved(void)
{
    seL4_CPtr slot = test_slot();
    for (seL4_Word irq = 0; irq < 16; irq++) {
        CHECK_ERR(get_into(irq, slot), seL4_RevokeFirst);
        CHECK_ERR(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, irq, 0, ROOT_CNODE, slot,
                                             seL4_WordBits),
                  seL4_RevokeFirst);
    }
    TEST_CHECK(slot_empty(slot));
}

static void timer_reserved(void)
{
    seL4_CPtr slot = test_slot();
    CHECK_ERR(get_into(27, slot), seL4_RevokeFirst);
    CHECK_ERR(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, 27, 0, ROOT_CNODE, slot,
                                         seL4_WordBits),
              seL4_RevokeFirst);
    TEST_CHECK(slot_empty(slot));
    /* The EL1 physical timer's PPI is not the kernel's. */
    TEST_CHECK(irq_is_free(30));
}

static void issue_once(void)
{
    seL4_CPtr first = test_slot();
    seL4_CPtr second = test_slot();
    CHECK_OK(get_into(SPARE(0), first));
    TEST_CHECK(seL4_DebugCapIdentify(first) == CAP_IRQ_HANDLER);
    CHECK_ERR(get_into(SPARE(0), second), seL4_RevokeFirst);
    CHECK_ERR(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, SPARE(0), 1, ROOT_CNODE, second,
                                         seL4_WordBits),
              seL4_RevokeFirst);
    TEST_CHECK(slot_empty(second));
    TEST_CHECK(seL4_DebugCapIdentify(first) == CAP_IRQ_HANDLER);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, first, seL4_WordBits));
    TEST_CHECK(irq_is_free(SPARE(0)));
}

static void bad_depth(void)
{
    seL4_CPtr slot = test_slot();
    CHECK_ERR2(seL4_IRQControl_Get(seL4_CapIRQControl, SPARE(0), ROOT_CNODE, slot, 0),
               seL4_RangeError, 1, seL4_WordBits);
    CHECK_ERR2(seL4_IRQControl_Get(seL4_CapIRQControl, SPARE(0), ROOT_CNODE, slot, 65),
               seL4_RangeError, 1, seL4_WordBits);
    CHECK_ERR2(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, SPARE(0), 0, ROOT_CNODE, slot, 0),
               seL4_RangeError, 1, seL4_WordBits);
    TEST_CHECK(slot_empty(slot));
    TEST_CHECK(irq_is_free(SPARE(0)));
}

static void failed_lookup(void)
{
    /* A slot past the end of the root CNode: the root's guard does not match
     * (MR0 0: the destination; MR1 the failure; MR2 the bits left). */
    seL4_Word beyond = root_cnode_slots();
    seL4_Error err = seL4_IRQControl_Get(seL4_CapIRQControl, SPARE(0), ROOT_CNODE, beyond,
                                         seL4_WordBits);
    CHECK_ERR3(err, seL4_FailedLookup, 0, seL4_GuardMismatch, seL4_WordBits);
    /* The root is not a CNode. */
    seL4_CPtr slot = test_slot();
    CHECK_ERR2(seL4_IRQControl_Get(seL4_CapIRQControl, SPARE(0), ep, slot, seL4_WordBits),
               seL4_FailedLookup, 0, seL4_InvalidRoot);
    /* Depth 1 is shorter than the root CNode's guard. */
    CHECK_ERR3(seL4_IRQControl_Get(seL4_CapIRQControl, SPARE(0), ROOT_CNODE, 0, 1),
               seL4_FailedLookup, 0, seL4_GuardMismatch, 1);
    TEST_CHECK(slot_empty(slot));
    TEST_CHECK(irq_is_free(SPARE(0)));
}

static void dest_occupied(void)
{
    CHECK_ERR(get_into(SPARE(0), ep), seL4_DeleteFirst);
    CHECK_ERR(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, SPARE(0), 1, ROOT_CNODE, ep,
                                         seL4_WordBits),
              seL4_DeleteFirst);
    TEST_CHECK(seL4_DebugCapIdentify(ep) == CAP_ENDPOINT);
    TEST_CHECK(irq_is_free(SPARE(0)));
}

static void truncated(void)
{
    seL4_CPtr slot = test_slot();
    seL4_Word mr[4] = { SPARE(0), slot, seL4_WordBits, 0 };
    seL4_SetCap(0, ROOT_CNODE);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(
        seL4_CapIRQControl, seL4_MessageInfo_new(IRQControlGet, 0, 1, 2), &mr[0], &mr[1], &mr[2],
        &mr[3]);
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_TruncatedMessage);
    seL4_Word mr2[4] = { SPARE(0), slot, seL4_WordBits, 0 };
    reply = seL4_CallWithMRs(seL4_CapIRQControl, seL4_MessageInfo_new(IRQControlGet, 0, 0, 3),
                             &mr2[0], &mr2[1], &mr2[2], &mr2[3]);
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_TruncatedMessage);
    seL4_Word mr3[4] = { SPARE(0), 1, slot, 0 };
    seL4_SetCap(0, ROOT_CNODE);
    reply = seL4_CallWithMRs(seL4_CapIRQControl,
                             seL4_MessageInfo_new(IRQControlGetTrigger, 0, 1, 3), &mr3[0], &mr3[1],
                             &mr3[2], &mr3[3]);
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_TruncatedMessage);
    TEST_CHECK(slot_empty(slot));
    TEST_CHECK(irq_is_free(SPARE(0)));
}

static void get_trigger(void)
{
    seL4_CPtr level = test_slot();
    seL4_CPtr edge = test_slot();
    CHECK_OK(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, SPARE(1), 0, ROOT_CNODE, level,
                                        seL4_WordBits));
    CHECK_OK(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, SPARE(2), 1, ROOT_CNODE, edge,
                                        seL4_WordBits));
    TEST_CHECK(seL4_DebugCapIdentify(level) == CAP_IRQ_HANDLER);
    TEST_CHECK(seL4_DebugCapIdentify(edge) == CAP_IRQ_HANDLER);
    TEST_CHECK(!irq_is_free(SPARE(1)) && !irq_is_free(SPARE(2)));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, level, seL4_WordBits));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, edge, seL4_WordBits));
    TEST_CHECK(irq_is_free(SPARE(1)) && irq_is_free(SPARE(2)));
}

static void issue_delete_reissue(void)
{
    seL4_CPtr slot = test_slot();
    for (int round = 0; round < 3; round++) {
        CHECK_OK(get_into(SPARE(0), slot));
        TEST_CHECK(!irq_is_free(SPARE(0)));
        CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, slot, seL4_WordBits));
        TEST_CHECK(slot_empty(slot));
        TEST_CHECK(irq_is_free(SPARE(0)));
    }
}

static void copies(void)
{
    seL4_CPtr handler = irq_get(SPARE(0), seL4_Null);
    TEST_CHECK(handler != 0);
    seL4_CPtr copy = threads_copy(handler);
    TEST_CHECK(copy != 0 && seL4_DebugCapIdentify(copy) == CAP_IRQ_HANDLER);
    seL4_CPtr moved = test_slot();
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, moved, seL4_WordBits, ROOT_CNODE, copy, seL4_WordBits));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, handler, seL4_WordBits));
    TEST_CHECK(!irq_is_free(SPARE(0))); /* the moved copy still holds it */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, moved, seL4_WordBits));
    TEST_CHECK(irq_is_free(SPARE(0)));
}

static void revoke_irq_control(void)
{
    seL4_CPtr a = irq_get(SPARE(0), seL4_Null);
    seL4_CPtr b = irq_get(SPARE(1), seL4_Null);
    seL4_CPtr c = irq_get(SPARE(2), seL4_Null);
    TEST_CHECK(a != 0 && b != 0 && c != 0);
    seL4_CPtr copy = threads_copy(b);
    TEST_CHECK(copy != 0);
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, seL4_CapIRQControl, seL4_WordBits));
    TEST_CHECK(slot_empty(a) && slot_empty(b) && slot_empty(c) && slot_empty(copy));
    TEST_CHECK(seL4_DebugCapIdentify(seL4_CapIRQControl) == CAP_IRQ_CONTROL);
    TEST_CHECK(irq_is_free(SPARE(0)) && irq_is_free(SPARE(1)) && irq_is_free(SPARE(2)));
    /* Reserved interrupts stay reserved. */
    TEST_CHECK(!irq_is_free(27) && !irq_is_free(0));
}

static void unknown_labels(void)
{
    seL4_MessageInfo_t reply = seL4_CallWithMRs(
        seL4_CapIRQControl, seL4_MessageInfo_new(IRQHandlerAck, 0, 0, 0), seL4_Null, seL4_Null,
        seL4_Null, seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_IllegalOperation);
    seL4_CPtr handler = irq_get(SPARE(0), seL4_Null);
    reply = seL4_CallWithMRs(handler, seL4_MessageInfo_new(IRQControlGet, 0, 0, 0), seL4_Null,
                             seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_IllegalOperation);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, handler, seL4_WordBits));
}

/* ---- With a real interrupt: the UART's transmit interrupt. ---- */

static seL4_CPtr uart_handler;

/* Raises the UART interrupt and reports whether ntfn got badge within ms. */
static bool fires(seL4_CPtr ntfn, seL4_Word badge, unsigned ms)
{
    uart_raise_tx(uart);
    seL4_Word got = 0;
    bool came = ntfn_wait_ms(ntfn, ms, &got);
    if (came && got != badge) {
        printf("    badge %lx, want %lx\n", got, badge);
        return false;
    }
    return came;
}

/* Lowers the line and acknowledges, leaving the interrupt idle. */
static void settle(void)
{
    uart_quiet(uart);
    CHECK_OK(seL4_IRQHandler_Ack(uart_handler));
}

/* The UART cases need the mapping and the handler of the first of them. */
static bool uart_ready(void)
{
    TEST_CHECK(uart != NULL && uart_handler != 0);
    return uart != NULL && uart_handler != 0;
}

static void set_notification_errors(void)
{
    uart = uart_map();
    TEST_CHECK(uart != NULL);
    if (uart == NULL) {
        return;
    }
    uart_quiet(uart);
    uart_handler = irq_get(IRQ_UART, seL4_Null);
    if (!uart_ready()) {
        return;
    }
    seL4_CPtr ntfn = badged_ntfn(0x11);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    CHECK_ERR1(seL4_IRQHandler_SetNotification(uart_handler, ep), seL4_InvalidCapability, 0);
    seL4_CPtr no_send = threads_mint(ntfn, seL4_CanRead, 0x11);
    CHECK_ERR1(seL4_IRQHandler_SetNotification(uart_handler, no_send), seL4_InvalidCapability,
               0);
    CHECK_ERR1(seL4_IRQHandler_SetNotification(uart_handler, test_slot()),
               seL4_InvalidCapability, 0);
    CHECK_ERR1(seL4_IRQHandler_SetNotification(uart_handler, seL4_CapIRQControl),
               seL4_InvalidCapability, 0);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(
        uart_handler, seL4_MessageInfo_new(IRQHandlerSetNotification, 0, 0, 0), seL4_Null,
        seL4_Null, seL4_Null, seL4_Null);
    TEST_CHECK(seL4_MessageInfo_get_label(reply) == seL4_TruncatedMessage);
    /* Nothing changed: the interrupt still reaches the first notification. */
    TEST_CHECK(fires(ntfn, 0x11, TIMEOUT_MS));
    settle();
}

static void delivery_and_ack(void)
{
    if (!uart_ready()) {
        return;
    }
    seL4_CPtr ntfn = badged_ntfn(0x2A);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    TEST_CHECK(fires(ntfn, 0x2A, TIMEOUT_MS));
    /* Masked once taken: lowering and raising the line again signals nothing. */
    uart_quiet(uart);
    TEST_CHECK(!fires(ntfn, 0x2A, QUIET_MS));
    /* Ack unmasks; the line is still high, so it comes at once. */
    CHECK_OK(seL4_IRQHandler_Ack(uart_handler));
    seL4_Word got = 0;
    TEST_CHECK(ntfn_wait_ms(ntfn, TIMEOUT_MS, &got) && got == 0x2A);
    settle();
    /* Acknowledged with the line low: nothing more. */
    TEST_CHECK(!ntfn_wait_ms(ntfn, QUIET_MS, seL4_Null));
}

static void replace_notification(void)
{
    if (!uart_ready()) {
        return;
    }
    seL4_CPtr first = badged_ntfn(0x100);
    seL4_CPtr second = badged_ntfn(0x200);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, first));
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, second));
    TEST_CHECK(fires(second, 0x200, TIMEOUT_MS));
    TEST_CHECK(!ntfn_wait_ms(first, QUIET_MS, seL4_Null));
    settle();
    /* The replaced notification's caps are untouched. */
    TEST_CHECK(seL4_DebugCapIdentify(first) == CAP_NOTIFICATION);
}

static void clear_notification(void)
{
    if (!uart_ready()) {
        return;
    }
    seL4_CPtr ntfn = badged_ntfn(0x300);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    CHECK_OK(seL4_IRQHandler_Clear(uart_handler));
    CHECK_OK(seL4_IRQHandler_Clear(uart_handler)); /* nothing bound: still fine */
    /* The kernel takes it, finds no notification, masks it and says so. */
    TEST_CHECK(!fires(ntfn, 0x300, QUIET_MS));
    uart_quiet(uart);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    CHECK_OK(seL4_IRQHandler_Ack(uart_handler));
    TEST_CHECK(!ntfn_wait_ms(ntfn, QUIET_MS, seL4_Null));
    TEST_CHECK(fires(ntfn, 0x300, TIMEOUT_MS));
    settle();
}

static void delete_handler_masks(void)
{
    if (!uart_ready()) {
        return;
    }
    seL4_CPtr ntfn = badged_ntfn(0x400);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, uart_handler, seL4_WordBits));
    /* Masked and unbound: the line goes high unheard. */
    TEST_CHECK(!fires(ntfn, 0x400, QUIET_MS));
    /* Issued again: enabled, but bound to nothing (the old binding went). */
    uart_handler = irq_get(IRQ_UART, seL4_Null);
    TEST_CHECK(uart_handler != 0);
    if (uart_handler == 0) {
        return;
    }
    TEST_CHECK(!ntfn_wait_ms(ntfn, QUIET_MS, seL4_Null));
    uart_quiet(uart);
    CHECK_OK(seL4_IRQHandler_Ack(uart_handler));
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    TEST_CHECK(fires(ntfn, 0x400, TIMEOUT_MS));
    settle();
}

static void revoke_with_binding(void)
{
    if (!uart_ready()) {
        return;
    }
    seL4_CPtr ntfn = badged_ntfn(0x500);
    CHECK_OK(seL4_IRQHandler_SetNotification(uart_handler, ntfn));
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, seL4_CapIRQControl, seL4_WordBits));
    TEST_CHECK(slot_empty(uart_handler));
    TEST_CHECK(!fires(ntfn, 0x500, QUIET_MS));
    uart_quiet(uart);
    TEST_CHECK(irq_is_free(IRQ_UART));
}

static const test_case_t cases[] = {
    { "IRQ0001", "Get beyond the last line: RangeError 0..lines-1, slot empty", lines_and_range },
    { "IRQ0002", "SGIs 0-15 are the kernel's: RevokeFirst, slot empty", sgis_reserved },
    { "IRQ0003", "the kernel timer PPI 27 is reserved; PPI 30 is free", timer_reserved },
    { "IRQ0004", "an interrupt is issued once: RevokeFirst, first cap intact", issue_once },
    { "IRQ0005", "destination depth 0 or 65: RangeError 1..64, nothing issued", bad_depth },
    { "IRQ0006", "destination lookup fails: FailedLookup (dest), nothing issued", failed_lookup },
    { "IRQ0007", "destination occupied: DeleteFirst, occupant and interrupt unchanged", dest_occupied },
    { "IRQ0008", "too few words or no root cap: TruncatedMessage, nothing issued", truncated },
    { "IRQ0009", "GetTrigger level and edge issue handlers", get_trigger },
    { "IRQ0010", "issue, delete, re-issue (three rounds)", issue_delete_reissue },
    { "IRQ0011", "a copy keeps the interrupt issued until the last cap goes", copies },
    { "IRQ0012", "revoking IRQControl deletes every handler and copy", revoke_irq_control },
    { "IRQ0013", "unknown methods: IllegalOperation", unknown_labels },
    { "IRQ0014", "SetNotification errors: InvalidCapability(0), binding kept", set_notification_errors },
    { "IRQ0015", "an interrupt signals with the badge, stays masked until Ack", delivery_and_ack },
    { "IRQ0016", "SetNotification replaces the notification", replace_notification },
    { "IRQ0017", "Clear unbinds; the kernel masks an unbound interrupt", clear_notification },
    { "IRQ0018", "deleting the handler masks and unbinds; re-issue works", delete_handler_masks },
    { "IRQ0019", "revoking IRQControl unbinds a bound handler", revoke_with_binding },
};

int main(void)
{
    threads_init();
    ep = threads_object(seL4_EndpointObject);
    return test_run(cases, TEST_COUNT(cases));
}
