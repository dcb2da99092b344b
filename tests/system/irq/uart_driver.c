// SPDX-License-Identifier: BSD-2-Clause
/*
 * UARTDRV0001: a user-level PL011 receive driver. The root task maps the
 * console UART's device frame, takes the UART's handler cap, binds a badged
 * notification and starts a driver thread. The driver enables the receive
 * and receive-timeout interrupts, prints its cue, then for each interrupt:
 * reads every character waiting in the FIFO, echoes it (polling TXFF),
 * clears the interrupt at the UART and acknowledges it at the kernel. It
 * stops once it has seen ECHO_TEXT and reports what it did; the test (see
 * CMakeLists.txt) types ECHO_TEXT after the cue and expects its echo.
 *
 * The kernel keeps printing to the same UART (polled transmit only); it
 * never reads it, so receiving belongs to this driver alone.
 */
#include "irq_util.h"

#define ECHO_TEXT "cairn-echo-test\r"
#define DRIVER_PRIO 200
#define DRIVER_BADGE 0x4A

static volatile uint32_t *uart;
static seL4_CPtr handler;
static seL4_CPtr irq_ntfn;
static seL4_CPtr done_ntfn;

typedef struct driver_result {
    unsigned interrupts;
    unsigned chars;
    unsigned wrong_badges;
    seL4_Error ack_error;
} driver_result_t;

static driver_result_t result;

static void uart_put(char c)
{
    while (uart[UART_FR] & UART_FR_TXFF) {
    }
    uart[UART_DR] = (uint32_t)(unsigned char)c;
}

/* Reads every waiting character, echoing each; advances *matched through
 * ECHO_TEXT (restarting on a mismatch). */
static void drain(unsigned *matched)
{
    static const char want[] = ECHO_TEXT;
    while (!(uart[UART_FR] & UART_FR_RXFE)) {
        char c = (char)(uart[UART_DR] & 0xFF);
        uart_put(c);
        result.chars++;
        if (want[*matched] == c) {
            (*matched)++;
        } else {
            *matched = want[0] == c ? 1 : 0;
        }
    }
}

static seL4_Word driver(seL4_Word arg)
{
    (void)arg;
    unsigned matched = 0;
    /* Whatever arrived before the driver ran is not ours to echo. */
    while (!(uart[UART_FR] & UART_FR_RXFE)) {
        (void)uart[UART_DR];
    }
    uart[UART_ICR] = UART_INT_ALL;
    uart[UART_IMSC] = UART_INT_RX | UART_INT_RT;
    printf("UART driver ready\n");
    while (matched < sizeof(ECHO_TEXT) - 1) {
        seL4_Word badge = 0;
        seL4_Wait(irq_ntfn, &badge);
        result.interrupts++;
        if (badge != DRIVER_BADGE) {
            result.wrong_badges++;
        }
        /* Clear first: a character arriving while we drain raises the
         * interrupt again instead of being left unannounced. */
        uart[UART_ICR] = UART_INT_RX | UART_INT_RT;
        drain(&matched);
        seL4_Error err = seL4_IRQHandler_Ack(handler);
        if (err != seL4_NoError) {
            result.ack_error = err;
        }
    }
    uart[UART_IMSC] = 0;
    seL4_Signal(done_ntfn);
    return 0;
}

static void echo_driver(void)
{
    uart = uart_map();
    TEST_CHECK(uart != NULL);
    handler = irq_get(IRQ_UART, seL4_Null);
    TEST_CHECK(handler != 0);
    irq_ntfn = threads_mint(threads_object(seL4_NotificationObject), seL4_AllRights,
                            DRIVER_BADGE);
    done_ntfn = threads_object(seL4_NotificationObject);
    if (uart == NULL || handler == 0 || irq_ntfn == 0 || done_ntfn == 0) {
        return;
    }
    CHECK_OK(seL4_IRQHandler_SetNotification(handler, irq_ntfn));
    static test_thread_t t;
    TEST_CHECK(thread_start(&t, driver, 0, DRIVER_PRIO, seL4_CapNull, true));
    /* No watchdog: the input comes when the test harness sees the cue, and
     * QEMU's timeout bounds a driver that never finishes. */
    seL4_Wait(done_ntfn, seL4_Null);
    printf("\nUART driver: echoed %u characters in %u interrupts\n", result.chars,
           result.interrupts);
    TEST_CHECK(result.interrupts >= 1 && result.interrupts <= result.chars);
    TEST_CHECK(result.chars >= sizeof(ECHO_TEXT) - 1);
    TEST_CHECK(result.wrong_badges == 0);
    TEST_CHECK(result.ack_error == seL4_NoError);
    thread_destroy(&t);
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, handler, seL4_WordBits));
    TEST_CHECK(irq_is_free(IRQ_UART));
}

static const test_case_t cases[] = {
    { "UARTDRV0001", "a user-level PL011 driver echoes typed text, interrupt driven", echo_driver },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
