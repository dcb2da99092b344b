// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel tick from the EL1 virtual timer (Arm ARM D11, "The Generic
 * Timer"): CNTV_TVAL_EL0 counts down from the period; the timer's PPI is the
 * one the board's DTS names for the virtual timer. The frequency is
 * CNTFRQ_EL0 unless the platform fixes it.
 */
#include <arch.h>

#include <plat.h>

static uint64_t period_ticks;

static uint64_t counter_frequency(void)
{
#if PLAT_TIMER_FREQUENCY_HZ != 0
    return PLAT_TIMER_FREQUENCY_HZ;
#else
    uint64_t freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    return freq;
#endif
}

void arch_timer_init(uint64_t period_us)
{
    period_ticks = counter_frequency() * period_us / 1000000;
    arch_timer_rearm();
}

void arch_timer_rearm(void)
{
    __asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb" ::"r"(period_ticks),
                     "r"(1UL));
}

unsigned arch_timer_irq(void)
{
    return PLAT_TIMER_VIRT_IRQ;
}
