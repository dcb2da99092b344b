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

#include <arch/aarch64/sysreg_bits.h>
#include <kernel/thread.h>
#include <sel4/faults.h>

#define CPACR_FPEN_TRAP_EL0 (1UL << 20)
#define FPU_EAGER_SWITCHES 64

static tcb_t *fpu_owner;
static bool el0_trapped;

/* Writing CPACR_EL1 and moving the registers are the rare paths. */
static void write_el0_trap(bool trap)
{
    uint64_t cpacr = trap ? CPACR_FPEN_TRAP_EL0 : CPACR_EL1_FPEN_NONE;
    __asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(cpacr));
    el0_trapped = trap;
}

static inline void set_el0_trap(bool trap)
{
    if (trap != el0_trapped) {
        write_el0_trap(trap);
    }
}

static void load_for(tcb_t *thread)
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

void arch_fpu_claim(tcb_t *thread)
{
    load_for(thread);
    thread->fpu_eager = FPU_EAGER_SWITCHES;
}

void arch_fpu_forget(const tcb_t *thread)
{
    if (fpu_owner == thread) {
        fpu_owner = NULL; /* a new TCB at this address must load its own state */
    }
}

void arch_fpu_release(tcb_t *thread)
{
    if (fpu_owner == thread) {
        set_el0_trap(false);
        arch_fpu_save(&thread->fpu); /* its next FP/SIMD use traps */
        fpu_owner = NULL;
    }
    thread->fpu_eager = 0;
}

/* Called on every return to EL0. */
void arch_fpu_prepare_return(tcb_t *thread);
void arch_fpu_prepare_return(tcb_t *thread)
{
#ifdef CAIRN_FPU_EAGER
    bool eager = !(thread->flags & seL4_TCBFlag_fpuDisabled);
#else
    bool eager = thread->fpu_eager > 0;
#endif
    if (thread != fpu_owner && eager) {
        thread->fpu_eager--;
        load_for(thread);
    }
    set_el0_trap(thread != fpu_owner);
}
