// SPDX-License-Identifier: BSD-2-Clause
/*
 * FP/SIMD switching, lazy with an eager streak. fpu_owner is the thread
 * whose values are in the registers. Returning to another thread normally
 * traps its EL0 FP/SIMD use (CPACR_EL1.FPEN = 01); the trap (ESR class 0x07)
 * moves the registers over. A thread that trapped recently is likely to use
 * FP/SIMD again right away, so for its next FPU_EAGER_SWITCHES returns the
 * registers are moved before it runs, saving the trap; when the streak runs
 * out it goes back to trapping, which shows whether it still uses them.
 * Threads that never touch FP/SIMD never pay (docs/performance.md).
 */
#include <arch.h>

#include <arch/aarch64/fpu_switch.h>
#include <arch/aarch64/sysreg_bits.h>

#define CPACR_FPEN_TRAP_EL0 (1UL << 20)
#define FPU_EAGER_SWITCHES 64

tcb_t *arch_fpu_owner;
bool arch_fpu_el0_trapped;

void arch_fpu_set_el0_trap(bool trap)
{
    uint64_t cpacr = trap ? CPACR_FPEN_TRAP_EL0 : CPACR_EL1_FPEN_NONE;
    __asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(cpacr));
    arch_fpu_el0_trapped = trap;
}

/* Moves the registers to thread (EL1 needs access to do it). */
static void load_for(tcb_t *thread)
{
    if (arch_fpu_el0_trapped) {
        arch_fpu_set_el0_trap(false);
    }
    if (arch_fpu_owner != thread) {
        if (arch_fpu_owner != NULL) {
            arch_fpu_save(&arch_fpu_owner->fpu);
        }
        arch_fpu_restore(&thread->fpu);
        arch_fpu_owner = thread;
    }
}

void arch_fpu_claim(tcb_t *thread)
{
    load_for(thread);
    thread->fpu_eager = FPU_EAGER_SWITCHES;
}

void arch_fpu_eager_load(tcb_t *thread)
{
    if (thread->fpu_eager > 0) {
        thread->fpu_eager--;
    }
    load_for(thread);
}

void arch_fpu_forget(const tcb_t *thread)
{
    if (arch_fpu_owner == thread) {
        arch_fpu_owner = NULL; /* a new TCB at this address must load its own state */
    }
}

void arch_fpu_release(tcb_t *thread)
{
    if (arch_fpu_owner == thread) {
        if (arch_fpu_el0_trapped) {
            arch_fpu_set_el0_trap(false);
        }
        arch_fpu_save(&thread->fpu); /* its next FP/SIMD use traps */
        arch_fpu_owner = NULL;
    }
    thread->fpu_eager = 0;
}
