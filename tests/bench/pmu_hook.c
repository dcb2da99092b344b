// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel side of the benchmark image only: before the root task starts, set
 * the PMU to count instructions retired (event 0x08) at EL0 and EL1 in
 * counter 0, with the cycle counter, and let EL0 read them (PMUSERENR_EL0).
 * Under QEMU's -icount shift=0,sleep=off both count one per instruction
 * (DESIGN §7). Normal images never grant EL0 the PMU.
 */
#include <kernel/boot.h>

#define PMCR_E (1u << 0)
#define PMCR_P (1u << 1)
#define PMCR_C (1u << 2)
#define PMUSERENR_EN_ER_CR (1u | 1u << 2 | 1u << 3)
#define EVENT_INST_RETIRED 0x08
#define COUNTER0_AND_CYCLES (1u | 1u << 31)

void boot_test_hook(void)
{
    __asm__ volatile("msr pmevtyper0_el0, %0\n\t"
                     "msr pmccfiltr_el0, xzr\n\t"
                     "msr pmcr_el0, %1\n\t"
                     "msr pmcntenset_el0, %2\n\t"
                     "msr pmuserenr_el0, %3\n\t"
                     "isb" ::"r"((uint64_t)EVENT_INST_RETIRED),
                     "r"((uint64_t)(PMCR_E | PMCR_P | PMCR_C)), "r"((uint64_t)COUNTER0_AND_CYCLES),
                     "r"((uint64_t)PMUSERENR_EN_ER_CR));
}
