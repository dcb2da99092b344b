/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers shared by the IRQ test images: issuing handler caps, asking
 * whether an interrupt is free, and a user-level mapping of the console
 * PL011 (whose page the kernel hands out as a device untyped). The UART's
 * interrupt number is the board's (IRQ_UART, set by CMake from the DTS):
 * on virt SPI 1 (INTID 33), on the Pi SPI 121 (INTID 153).
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>
#include <stdint.h>

#include "../ipc/thread_util.h"
#include "../retype/helpers.h"

/* PL011 registers, as 32-bit word indices (PL011 TRM, 3.2). */
#define UART_DR (0x00 / 4)
#define UART_FR (0x18 / 4)
#define UART_IMSC (0x38 / 4)
#define UART_MIS (0x40 / 4)
#define UART_ICR (0x44 / 4)
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFF (1u << 5)
#define UART_INT_RX (1u << 4)
#define UART_INT_TX (1u << 5)
#define UART_INT_RT (1u << 6)
#define UART_INT_ALL 0x7FFu

#define UART_VADDR 0x10000000UL

/* The number of interrupt lines, from the RangeError of an impossible Get. */
seL4_Word irq_lines(void);

/* IRQControl_Get into a fresh root slot; 0 (error in *err) on failure. */
seL4_CPtr irq_get(seL4_Word irq, seL4_Error *err);

/* Issues irq into a scratch slot and deletes it again: true if it could be
 * issued (so no handler cap existed and it is not the kernel's). */
bool irq_is_free(seL4_Word irq);

/* Maps the console UART's page at UART_VADDR (device memory, no execute). */
volatile uint32_t *uart_map(void);

/* Waits for a signal on ntfn for at most ms milliseconds (polling): true
 * if one came, with its badge in *badge. */
bool ntfn_wait_ms(seL4_CPtr ntfn, unsigned ms, seL4_Word *badge);

/* Raises the UART's transmit interrupt: enables TXIM and writes a newline
 * (QEMU's PL011 asserts TX once a character is sent). */
void uart_raise_tx(volatile uint32_t *uart);

/* Lowers every UART interrupt source and masks them. */
void uart_quiet(volatile uint32_t *uart);
