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
#include <arch/aarch64/user_return.h>

#define CPACR_FPEN_TRAP_EL0 (1UL << 20)
#define FPU_EAGER_SWITCHES 64

static void set_el0_trap(bool trap)
{
    uint64_t cpacr = trap ? CPACR_FPEN_TRAP_EL0 : CPACR_EL1_FPEN_NONE;
    __asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(cpacr));
    arch_cpu.fpu_el0_trapped = trap;
}

/* Moves the registers to thread (EL1 needs access to do it). */
static void load_for(tcb_t *thread)
{
    if (arch_cpu.fpu_el0_trapped) {
        set_el0_trap(false);
    }
    if (arch_cpu.fpu_owner != thread) {
        if (arch_cpu.fpu_owner != NULL) {
            arch_fpu_save(&arch_cpu.fpu_owner->fpu);
        }
        arch_fpu_restore(&thread->fpu);
        arch_cpu.fpu_owner = thread;
    }
}

void arch_fpu_claim(tcb_t *thread)
{
    load_for(thread);
    thread->fpu_eager = FPU_EAGER_SWITCHES;
}

static void eager_load(tcb_t *thread)
{
    arch_fpu_use_streak(thread);
    load_for(thread);
}

void arch_fpu_prepare_return(tcb_t *thread)
{
    if (thread != arch_cpu.fpu_owner) {
        if (arch_fpu_wants_eager(thread)) {
            eager_load(thread);
        } else if (!arch_cpu.fpu_el0_trapped) {
            set_el0_trap(true);
        }
    } else if (arch_cpu.fpu_el0_trapped && arch_fpu_wants_eager(thread)) {
        /* The owner's registers are in place. Untrap (and use up its
         * streak) only for a thread that used them lately; the rest keep
         * the trap, so a thread that once used FP/SIMD and another that
         * never does do not toggle CPACR on every switch between them. */
        eager_load(thread);
    }
}

void arch_enter_user_fpu(tcb_t *thread)
{
    if (!arch_fpu_quick_switch(thread)) {
        arch_fpu_prepare_return(thread);
    }
    restore_user_context(&thread->context);
}

void arch_fpu_forget(const tcb_t *thread)
{
    if (arch_cpu.fpu_owner == thread) {
        arch_cpu.fpu_owner = NULL; /* a new TCB at this address must load its own state */
    }
}

void arch_fpu_release(tcb_t *thread)
{
    if (arch_cpu.fpu_owner == thread) {
        if (arch_cpu.fpu_el0_trapped) {
            set_el0_trap(false);
        }
        arch_fpu_save(&thread->fpu); /* its next FP/SIMD use traps */
        arch_cpu.fpu_owner = NULL;
    }
    thread->fpu_eager = 0;
}
