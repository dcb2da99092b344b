/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Returning to a thread at EL0: its address space, its FP/SIMD access, then
 * its registers. arch_enter_user (user_entry.c) does the whole of it; the
 * IPC fast path inlines arch_return_to_user, which switches TTBR0 itself
 * and hands over to user_entry.c when there is more to do.
 *
 * TTBR0 carries the thread's ASID in bits [63:48] (TCR_EL1.A1 = 0), so a
 * switch needs no TLB flush: each address space has its own ASID. Each TCB
 * caches its TTBR0, valid while its ttbr0_epoch equals arch_cpu.vspace_epoch.
 */
#pragma once

#include <arch.h>
#include <arch/aarch64/cpu_state.h>
#include <arch/aarch64/fpu_switch.h>
#include <arch/aarch64/vspace.h>
#include <kernel/thread.h>

/* vectors.S: loads the context (and the TLS registers) and erets. */
NORETURN void restore_user_context(user_context_t *context);

/* The return when arch_fpu_return_needs_work says so (fpu_switch.c). */
NORETURN void arch_enter_user_fpu(tcb_t *thread);

static ALWAYS_INLINE NORETURN void arch_return_to_user(tcb_t *thread)
{
    uint64_t ttbr0 = thread->ttbr0;
    if (unlikely(thread->ttbr0_epoch != arch_cpu.vspace_epoch)) {
        arch_enter_user(thread);
    }
    vspace_activate(ttbr0);
    if (unlikely(arch_fpu_return_needs_work(thread)) && !arch_fpu_quick_switch(thread)) {
        arch_enter_user_fpu(thread);
    }
    restore_user_context(&thread->context);
}
