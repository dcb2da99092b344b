// SPDX-License-Identifier: BSD-2-Clause
/*
 * PL011 UART as the kernel's debug console (Arm PrimeCell UART PL011 TRM,
 * register summary). Transmit only, polled: the kernel writes diagnostics;
 * reading the console is a user-level driver's job.
 */
#include <plat.h>

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_CR 0x30
#define UART_FR_TXFF (1u << 5) /* transmit FIFO full */
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE (1u << 8)
#define UART_CR_RXE (1u << 9)

static volatile uint32_t *uart_reg(unsigned offset)
{
    return (volatile uint32_t *)(plat_kernel_device(KERNEL_DEVICE_UART)->vaddr + offset);
}

/* The loader (QEMU, U-Boot, the Pi firmware with enable_uart=1) already set
 * the baud rate; make sure the UART and its transmitter are on. */
void plat_console_init(void)
{
    *uart_reg(UART_CR) |= UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE;
}

void plat_console_putc(char c)
{
    while (*uart_reg(UART_FR) & UART_FR_TXFF) {
    }
    *uart_reg(UART_DR) = (uint32_t)(unsigned char)c;
}
