// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel side of the benchmark image only: before the root task starts, set
 * the PMU to count instructions retired (event 0x08) at EL0 and EL1 in
 * counter 0, with the cycle counter, and let EL0 read them (PMUSERENR_EL0).
 * Under QEMU's -icount shift=0,sleep=off both count one per instruction
 * (DESIGN §7). Normal images never grant EL0 the PMU.
 *
 * For the interrupt-latency measures it also lets EL0 read the physical
 * counter and program the EL1 physical timer (CNTKCTL_EL1.EL0PCTEN and
 * EL0PTEN), whose PPI 30 the kernel does not use, so a user thread can
 * raise an interrupt at a counter value of its choosing. Normal images
 * give EL0 the virtual counter only.
 */
#include <kernel/boot.h>

#define PMCR_E (1u << 0)
#define PMCR_P (1u << 1)
#define PMCR_C (1u << 2)
#define PMUSERENR_EN_ER_CR (1u | 1u << 2 | 1u << 3)
#define EVENT_INST_RETIRED 0x08
#define COUNTER0_AND_CYCLES (1u | 1u << 31)
#define CNTKCTL_EL0PCTEN (1u << 0)
#define CNTKCTL_EL0PTEN (1u << 9)

void boot_test_hook(void)
{
    uint64_t cntkctl;
    __asm__ volatile("mrs %0, cntkctl_el1" : "=r"(cntkctl));
    cntkctl |= CNTKCTL_EL0PCTEN | CNTKCTL_EL0PTEN;
    __asm__ volatile("msr cntkctl_el1, %0" ::"r"(cntkctl));
    __asm__ volatile("msr pmevtyper0_el0, %0\n\t"
                     "msr pmccfiltr_el0, xzr\n\t"
                     "msr pmcr_el0, %1\n\t"
                     "msr pmcntenset_el0, %2\n\t"
                     "msr pmuserenr_el0, %3\n\t"
                     "isb" ::"r"((uint64_t)EVENT_INST_RETIRED),
                     "r"((uint64_t)(PMCR_E | PMCR_P | PMCR_C)), "r"((uint64_t)COUNTER0_AND_CYCLES),
                     "r"((uint64_t)PMUSERENR_EN_ER_CR));
}
