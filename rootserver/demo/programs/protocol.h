/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the demo root task (rootserver/demo/) and its programs agree on: the
 * slot each cap is given in, the badges the root mints, the message labels
 * and the addresses the root maps pages at. Every program gets its report
 * endpoint in slot 1 (badged with the program's number) and says "done" on
 * it with a Call the root never answers; the root then tears it down.
 */
#pragma once

/* Every program: its line to the root (also the faulty program's fault endpoint). */
#define SLOT_REPORT 1

/* server: the service endpoint, unbadged (it receives on it). */
#define SLOT_SERVICE 2

/* clients: the server's endpoint, minted with the client's badge; the
 * endpoint the root hands out the pass on; the client's own CNode (for its
 * receive path); the slot the pass arrives in. */
#define SLOT_SERVER 2
#define SLOT_GIFT 3
#define SLOT_SELF_CNODE 4
#define SLOT_PASS 5

/* uart: its IRQ handler cap and the notification the interrupt signals. */
#define SLOT_IRQ_HANDLER 2
#define SLOT_IRQ_NTFN 3

/* Badges on the server's endpoint: how the server tells callers apart. */
#define BADGE_CLIENT_A 1
#define BADGE_CLIENT_B 2
#define BADGE_PASS 3

/* The badge the UART's interrupt signals its notification with. */
#define UART_IRQ_BADGE 1

/* Badges on the report endpoint: who is reporting. */
#define REPORT_SERVER 0x10
#define REPORT_CLIENT_A 0x11
#define REPORT_CLIENT_B 0x12
#define REPORT_FAULTY 0x13
#define REPORT_UART 0x14

/* Labels (above every fault label, so a report is never taken for a fault). */
#define LABEL_ADD 0x100     /* to the server: MR0 = amount; reply MR0 = caller's total */
#define LABEL_DONE 0x101    /* to the root: finished (uart: MR0 = characters received) */
#define LABEL_USED 0x102    /* client-b to the root: the pass worked */
#define LABEL_GIFT 0x103    /* root to client-b: carries the pass */

/* faulty: the page it reads before anyone has mapped it. */
#define FAULTY_VADDR 0x20000000UL
/* uart: where the root maps the PL011's registers. */
#define UART_VADDR 0x30000000UL
/* uart: how long the driver waits for input unless built interactive. */
#define UART_WAIT_SECONDS 5
