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

/* ISR_EL1 shows pending IRQ (bit 7), FIQ (bit 6) and SError (bit 8) even
 * while PSTATE masks them (Arm ARM D19.2, ISR_EL1). */
bool arch_interrupt_pending(void)
{
    uint64_t isr;
    __asm__ volatile("mrs %0, isr_el1" : "=r"(isr));
    return (isr & (3u << 6)) != 0;
}

/* DC ZVA zeroes one naturally aligned block per instruction; the block size
 * is 4 << DCZID_EL0.BS bytes, and DZP set means the instruction is barred.
 * Words before the first and after the last whole block are stored singly. */
void arch_zero_memory(void *p, size_t bytes)
{
    uint64_t dczid;
    __asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
    uintptr_t block = (uintptr_t)4 << (dczid & 0xF);
    uintptr_t at = (uintptr_t)p;
    uintptr_t end = at + bytes;
    if ((dczid & 0x10) == 0 && block <= 2048) {
        for (; at < end && (at & (block - 1)) != 0; at += 8) {
            *(volatile uint64_t *)at = 0;
        }
        for (; at + block <= end; at += block) {
            __asm__ volatile("dc zva, %0" ::"r"(at) : "memory");
        }
    }
    for (; at < end; at += 8) {
        *(volatile uint64_t *)at = 0;
    }
}
