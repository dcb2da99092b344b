// SPDX-License-Identifier: BSD-2-Clause
/*
 * A user-level PL011 receive driver. The root mapped the UART's registers
 * at UART_VADDR and gave it the UART's IRQ handler cap and the
 * notification the interrupt signals. It enables the receive and receive-
 * timeout interrupts, echoes what is typed, and prints each line once Enter
 * comes. Unless built with DEMO_INTERACTIVE it stops after one line or
 * after UART_WAIT_SECONDS without one, timed with the generic timer's
 * virtual count (CNTVCT_EL0, readable at EL0), and reports how many
 * characters it received. The kernel prints to the same UART but never
 * reads it: receiving is this driver's alone.
 */
#include <stdbool.h>
#include <stdint.h>

#include "program.h"

/* PL011 registers as 32-bit word indices (PL011 TRM, 3.2). */
#define UART_DR (0x00 / 4)
#define UART_FR (0x18 / 4)
#define UART_IMSC (0x38 / 4)
#define UART_ICR (0x44 / 4)
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFF (1u << 5)
#define UART_INT_RX (1u << 4)
#define UART_INT_RT (1u << 6)
#define UART_INT_ALL 0x7FFu

#define LINE_MAX 64

static volatile uint32_t *const uart = (volatile uint32_t *)UART_VADDR;
static char line[LINE_MAX + 1];
static unsigned line_len;
static unsigned received;

static uint64_t now_ticks(void)
{
    uint64_t count;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(count));
    return count;
}

static uint64_t ticks_per_second(void)
{
    uint64_t freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    return freq;
}

static void uart_put(char c)
{
    while (uart[UART_FR] & UART_FR_TXFF) {
    }
    uart[UART_DR] = (uint32_t)(unsigned char)c;
}

/* Takes every waiting character; true once a line is complete. */
static bool drain(void)
{
    bool complete = false;
    while (!(uart[UART_FR] & UART_FR_RXFE)) {
        char c = (char)(uart[UART_DR] & 0xFF);
        received++;
        if (c == '\r' || c == '\n') {
            uart_put('\n');
            line[line_len] = '\0';
            printf("[uart] echo: %s\n", line);
            line_len = 0;
            complete = true;
        } else if (line_len < LINE_MAX) {
            uart_put(c);
            line[line_len++] = c;
        }
    }
    return complete;
}

/* Waits for the interrupt's signal; false if the deadline (0: none) passed. */
static bool wait_irq(uint64_t deadline)
{
    if (deadline == 0) {
        seL4_Wait(SLOT_IRQ_NTFN, seL4_Null);
        return true;
    }
    while (now_ticks() < deadline) {
        seL4_Word bits = 0;
        seL4_Poll(SLOT_IRQ_NTFN, &bits);
        if (bits != 0) {
            return true;
        }
        seL4_Yield();
    }
    return false;
}

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg)
{
    (void)arg;
    seL4_SetIPCBuffer(ipc);
    while (!(uart[UART_FR] & UART_FR_RXFE)) {
        (void)uart[UART_DR]; /* whatever came before we ran is not ours */
    }
    uart[UART_ICR] = UART_INT_ALL;
    uart[UART_IMSC] = UART_INT_RX | UART_INT_RT;
#ifdef DEMO_INTERACTIVE
    printf("[uart] type something and press Enter; I echo each line (quit QEMU: Ctrl-A X)\n");
    uint64_t deadline = 0;
#else
    printf("[uart] type something and press Enter (or wait %d s)\n", UART_WAIT_SECONDS);
    uint64_t deadline = now_ticks() + UART_WAIT_SECONDS * ticks_per_second();
#endif
    for (;;) {
        if (!wait_irq(deadline)) {
            printf("[uart] nothing typed for %d s; the driver stops\n", UART_WAIT_SECONDS);
            break;
        }
        /* Clear before draining: a character that arrives after the last
         * read then raises the interrupt again. (Clearing after would lose
         * it: with the FIFO off, the UART takes no more until it is read.) */
        uart[UART_ICR] = UART_INT_RX | UART_INT_RT;
        bool complete = drain();
        seL4_IRQHandler_Ack(SLOT_IRQ_HANDLER);
        if (deadline != 0) {
            if (complete) {
                break;
            }
            /* Someone is typing: give them the full time again. */
            deadline = now_ticks() + UART_WAIT_SECONDS * ticks_per_second();
        }
    }
    uart[UART_IMSC] = 0;
    program_done(received);
}
