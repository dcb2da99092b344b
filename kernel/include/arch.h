/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The architecture seam: everything generic kernel code asks of the CPU.
 * Implemented in src/arch/aarch64/.
 */
#pragma once

#include <arch/aarch64/memory_layout.h>
#include <kernel/region_list.h>
#include <types.h>
#include <util.h>

struct tcb;

/* Ends the system: under QEMU (semihosting builds) QEMU exits with status;
 * otherwise the core stops with interrupts masked. */
NORETURN void arch_system_exit(word_t status);

/* Kernel window: every RAM byte at a fixed offset in the kernel half. */
static inline void *paddr_to_kernel(paddr_t paddr)
{
    return (void *)(paddr + KERNEL_WINDOW_BASE);
}

/* Physical address of a kernel-image object (code, data, bss). */
paddr_t kernel_image_paddr(const void *p);

/* Puts this core's timers, EL0 counter access and PMU access in a known state. */
void arch_init_cpu(void);

/* Checks that the core has 16-bit ASIDs (head.S turned them on) and finds
 * the empty user table. Once at boot, before any thread runs. */
void arch_vspace_init(void);

/* Boot-time MMU set-up (see docs/boot.md). */
void arch_init_image_offset(paddr_t text_paddr);
void arch_map_kernel_devices(void);
/* Maps RAM into the kernel window; *mapped receives the parts actually
 * mapped (the window has a granule and a size limit), which are the only
 * RAM the kernel may use. False if some RAM could not be mapped. */
bool arch_map_kernel_window(const region_list_t *ram, region_list_t *mapped);
void arch_drop_identity_map(void);

/* The kernel's tick: the EL1 virtual timer of the generic timer. */
void arch_timer_init(uint64_t period_us);
void arch_timer_rearm(void);
unsigned arch_timer_irq(void);

/* An interrupt is pending while the kernel runs with them masked. */
bool arch_interrupt_pending(void);

/* Zeroes [p, p + bytes) of Normal memory; p and bytes are multiples of 8. */
void arch_zero_memory(void *p, size_t bytes);

/* FP/SIMD: EL0 trapped on first use after a switch (arch/aarch64/fpu.h).
 * arch_fpu_claim makes the current thread the owner of the registers;
 * arch_fpu_forget drops a thread that is being destroyed. */
void arch_fpu_claim(struct tcb *thread);
void arch_fpu_forget(const struct tcb *thread);
/* The thread gives up the registers (seL4_TCBFlag_fpuDisabled set). */
void arch_fpu_release(struct tcb *thread);

/* Returns to the thread at EL0 in its address space. */
NORETURN void arch_enter_user(struct tcb *thread);
