// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lazy FP/SIMD switching. fpu_owner is the thread whose values are in the
 * registers. Returning to any other thread sets CPACR_EL1.FPEN to trap EL0
 * FP/SIMD use; the trap (ESR class 0x07) claims the registers for the
 * thread. A thread with seL4_TCBFlag_fpuDisabled is never given them.
 */
#include <arch.h>

#include <arch/aarch64/sysreg_bits.h>
#include <kernel/thread.h>

#define CPACR_FPEN_TRAP_EL0 (1UL << 20)

static tcb_t *fpu_owner;
static bool el0_trapped;

static void set_el0_trap(bool trap)
{
    if (trap != el0_trapped) {
        uint64_t cpacr = trap ? CPACR_FPEN_TRAP_EL0 : CPACR_EL1_FPEN_NONE;
        __asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(cpacr));
        el0_trapped = trap;
    }
}

void arch_fpu_claim(tcb_t *thread)
{
    set_el0_trap(false); /* EL1 needs access to move the registers */
    if (fpu_owner != thread) {
        if (fpu_owner != NULL) {
            arch_fpu_save(&fpu_owner->fpu);
        }
        arch_fpu_restore(&thread->fpu);
        fpu_owner = thread;
    }
}

void arch_fpu_forget(const tcb_t *thread)
{
    if (fpu_owner == thread) {
        fpu_owner = NULL; /* a new TCB at this address must load its own state */
    }
}

/* Called on every return to EL0. */
void arch_fpu_prepare_return(const tcb_t *thread);
void arch_fpu_prepare_return(const tcb_t *thread)
{
    set_el0_trap(thread != fpu_owner);
}
