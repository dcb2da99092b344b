// SPDX-License-Identifier: BSD-2-Clause
/* Preemption points: stop a long operation when an interrupt is pending. */
#include <kernel/preemption.h>

#include <arch.h>

__attribute__((weak)) bool preemption_test_hook(void)
{
    return false;
}

exception_t preemption_point(void)
{
    if (arch_interrupt_pending() || preemption_test_hook()) {
        return EXCEPTION_PREEMPTED;
    }
    return EXCEPTION_NONE;
}
