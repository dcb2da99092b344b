/* SPDX-License-Identifier: BSD-2-Clause */
/* Interrupt-latency measures of the benchmark image (irq_latency.c). */
#pragma once

#include <sel4/sel4.h>

/* Prints irq_latency_idle and irq_latency_worst (runs samples each), using
 * untyped for objects and root-CNode slots from *next_slot on. */
void bench_irq_latency(seL4_CPtr untyped, seL4_CPtr *next_slot, seL4_Word runs);
