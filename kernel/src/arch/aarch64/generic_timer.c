// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel tick from the EL1 virtual timer (Arm ARM D11, "The Generic
 * Timer"): the compare value CNTV_CVAL_EL0 advances by exactly one period per
 * tick, so ticks do not drift by however late each was handled; the timer's
 * PPI is the one the board's DTS names for the virtual timer. The frequency
 * is CNTFRQ_EL0 unless the platform fixes it.
 */
#include <arch.h>

#include <plat.h>

static uint64_t period_ticks;
static uint64_t next_deadline;

static uint64_t counter_now(void)
{
    uint64_t now;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
    return now;
}

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

static void program(void)
{
    __asm__ volatile("msr cntv_cval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb" ::"r"(next_deadline),
                     "r"(1UL));
}

void arch_timer_init(uint64_t period_us)
{
    period_ticks = counter_frequency() * period_us / 1000000;
    next_deadline = counter_now() + period_ticks;
    program();
}

void arch_timer_rearm(void)
{
    next_deadline += period_ticks;
    uint64_t now = counter_now();
    if (next_deadline <= now) {
        next_deadline = now + period_ticks; /* missed ticks are not made up */
    }
    program();
}

unsigned arch_timer_irq(void)
{
    return PLAT_TIMER_VIRT_IRQ;
}
