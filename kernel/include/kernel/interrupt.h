/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupts as the kernel sees them: taken from EL0 (the kernel itself
 * runs with them masked) or polled while idle. The kernel's own timer tick
 * drives time slices; user-level interrupt handlers arrive with the
 * interrupts issue.
 */
#pragma once

#include <types.h>

void interrupt_init(void);

/* Handles the pending interrupt, if any. */
void interrupt_handle(void);

/* Whether some interrupt could still make a blocked thread runnable. */
bool interrupt_could_wake_a_thread(void);
