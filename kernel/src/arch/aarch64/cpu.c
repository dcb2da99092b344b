// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-core system-register state the kernel owns, set once at boot so that
 * nothing depends on what the loader left behind (Arm ARM D19.2):
 *  - the EL1 physical and virtual timers are off (no stray interrupt until
 *    the kernel programs them);
 *  - EL0 may read the virtual counter (CNTKCTL_EL1.EL0VCTEN) and nothing else
 *    of the generic timer;
 *  - EL0 has no access to the PMU (PMUSERENR_EL0 = 0).
 */
#include <arch.h>

#define CNTKCTL_EL0VCTEN (1u << 1)

void arch_init_cpu(void)
{
    __asm__ volatile("msr cntp_ctl_el0, xzr\n\t"
                     "msr cntv_ctl_el0, xzr\n\t"
                     "msr cntkctl_el1, %0\n\t"
                     "msr pmuserenr_el0, xzr\n\t"
                     "isb" ::"r"((uint64_t)CNTKCTL_EL0VCTEN));
}
