/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The exception vector table (Arm ARM D1.10.2, "Exception vectors"): four
 * groups of four 0x80-byte slots, by where the exception came from (current EL
 * with SP_EL0, current EL with SP_ELx, lower EL in AArch64, lower EL in
 * AArch32) and its kind (synchronous, IRQ, FIQ, SError).
 *
 * While a thread runs at EL0, SP_EL1 points at that thread's saved
 * user_context_t (restore_user_context leaves it there), so the lower-EL
 * slots store the registers straight into the thread, then move to the
 * kernel stack and call C. The kernel runs with every interrupt masked, so a
 * current-EL exception is always a kernel bug: it is reported and the system
 * halts.
 */
#include <arch/aarch64/asm.h>
#include <arch/aarch64/context.h>
#include <arch/aarch64/esr.h>
#include <arch/aarch64/exception_frame.h>
#include <sel4/syscall_numbers.h>

/* Store x0-x30, SP_EL0, ELR, SPSR and TPIDR_EL0 into the context at sp, then switch to
 * the kernel stack. Leaves x0 = the context. */
.macro save_user_context
    stp x0, x1, [sp, #CTX_X(0)]
    stp x2, x3, [sp, #CTX_X(2)]
    stp x4, x5, [sp, #CTX_X(4)]
    stp x6, x7, [sp, #CTX_X(6)]
    stp x8, x9, [sp, #CTX_X(8)]
    stp x10, x11, [sp, #CTX_X(10)]
    stp x12, x13, [sp, #CTX_X(12)]
    stp x14, x15, [sp, #CTX_X(14)]
    stp x16, x17, [sp, #CTX_X(16)]
    stp x18, x19, [sp, #CTX_X(18)]
    stp x20, x21, [sp, #CTX_X(20)]
    stp x22, x23, [sp, #CTX_X(22)]
    stp x24, x25, [sp, #CTX_X(24)]
    stp x26, x27, [sp, #CTX_X(26)]
    stp x28, x29, [sp, #CTX_X(28)]
    mrs x21, sp_el0
    stp x30, x21, [sp, #CTX_X(30)]
    mrs x22, elr_el1
    mrs x23, spsr_el1
    stp x22, x23, [sp, #CTX_PC]
    mrs x24, tpidr_el0              /* EL0 may change its TLS register freely */
    str x24, [sp, #CTX_TPIDR_EL0]
    mov x0, sp
    adrp x1, kernel_stack_top       /* page aligned (kernel.ld checks) */
    mov sp, x1
    mov x29, #0
.endm

/* Save a kernel_frame_t on the current stack; x0 = frame, x1 = slot. */
.macro save_kernel_frame slot
    sub sp, sp, #KFRAME_SIZE
    stp x0, x1, [sp, #KFRAME_X(0)]
    stp x2, x3, [sp, #KFRAME_X(2)]
    stp x4, x5, [sp, #KFRAME_X(4)]
    stp x6, x7, [sp, #KFRAME_X(6)]
    stp x8, x9, [sp, #KFRAME_X(8)]
    stp x10, x11, [sp, #KFRAME_X(10)]
    stp x12, x13, [sp, #KFRAME_X(12)]
    stp x14, x15, [sp, #KFRAME_X(14)]
    stp x16, x17, [sp, #KFRAME_X(16)]
    stp x18, x19, [sp, #KFRAME_X(18)]
    stp x20, x21, [sp, #KFRAME_X(20)]
    stp x22, x23, [sp, #KFRAME_X(22)]
    stp x24, x25, [sp, #KFRAME_X(24)]
    stp x26, x27, [sp, #KFRAME_X(26)]
    stp x28, x29, [sp, #KFRAME_X(28)]
    add x21, sp, #KFRAME_SIZE
    stp x30, x21, [sp, #KFRAME_X(30)]
    mrs x22, elr_el1
    mrs x23, spsr_el1
    stp x22, x23, [sp, #KFRAME_ELR]
    mrs x22, esr_el1
    mrs x23, far_el1
    stp x22, x23, [sp, #KFRAME_ESR]
    mov x0, sp
    mov x1, #\slot
.endm

.macro kernel_slot slot
    save_kernel_frame \slot
    b handle_kernel_exception
.endm

.macro user_slot slot
    save_user_context
    mov x1, #\slot
    b handle_user_exception
.endm

    .section .text.vectors, "ax"
    .balign 2048
FUNC(exception_vectors)
    /* Current EL with SP_EL0: the kernel never uses SP_EL0. */
    .org exception_vectors + 0x000  /* synchronous */
    kernel_slot 0
    .org exception_vectors + 0x080  /* IRQ */
    kernel_slot 1
    .org exception_vectors + 0x100  /* FIQ */
    kernel_slot 2
    .org exception_vectors + 0x180  /* SError */
    kernel_slot 3
    /* Current EL with SP_EL1: a fault in the kernel. */
    .org exception_vectors + 0x200  /* synchronous */
    kernel_slot 4
    .org exception_vectors + 0x280  /* IRQ */
    kernel_slot 5
    .org exception_vectors + 0x300  /* FIQ */
    kernel_slot 6
    .org exception_vectors + 0x380  /* SError */
    kernel_slot 7
    /* Lower EL in AArch64: user threads. */
    .org exception_vectors + 0x400  /* synchronous: system calls and faults */
    save_user_context
    b el0_sync
    .org exception_vectors + 0x480  /* IRQ */
    user_slot 9
    .org exception_vectors + 0x500  /* FIQ */
    user_slot 10
    .org exception_vectors + 0x580  /* SError */
    user_slot 11
    /* Lower EL in AArch32: Cairn never runs AArch32 code (SPSR.M[4] is always 0). */
    .org exception_vectors + 0x600  /* synchronous */
    kernel_slot 12
    .org exception_vectors + 0x680  /* IRQ */
    kernel_slot 13
    .org exception_vectors + 0x700  /* FIQ */
    kernel_slot 14
    .org exception_vectors + 0x780  /* SError */
    kernel_slot 15
    .org exception_vectors + 0x800
ENDFUNC(exception_vectors)

    .text
/*
 * Synchronous exception from EL0, registers saved (x0 = context, which is
 * the current TCB, x7 still the system-call number). Call and ReplyRecv go
 * straight to the fast path with x0 as their argument (it falls back to the
 * slow path itself), other system calls to c_handle_syscall, every other
 * exception to handle_user_exception. None returns.
 */
LOCAL_FUNC(el0_sync)
    mrs x2, esr_el1
    lsr x2, x2, #ESR_EC_SHIFT
    cmp x2, #ESR_EC_SVC64_NUMBER
    b.ne 1f
    cbz x7, fastpath_call            /* CAIRN_SYSCALL_CALL is 0 */
    cmp x7, #CAIRN_SYSCALL_REPLY_RECV
    b.eq fastpath_reply_recv
    b c_handle_syscall
1:  mov x1, #VECTOR_LOWER64_SYNC
    b handle_user_exception
ENDFUNC(el0_sync)

/*
 * restore_user_context(user_context_t *context): return to EL0.
 * Leaves SP_EL1 = context for the next entry. In ARMv8-A every exception
 * return clears the local exclusive monitor (Arm's ARMv8-A Programmer's
 * Guide, 14.1.7), so no thread can complete a store-exclusive begun by
 * another, and no clrex is needed here (REGRESSIONS tests it).
 */
FUNC(restore_user_context)
    mov sp, x0
    ldp x30, x21, [sp, #CTX_X(30)]  /* x30 and SP_EL0 sit side by side */
    msr sp_el0, x21
    ldp x22, x23, [sp, #CTX_PC]
    msr elr_el1, x22
    msr spsr_el1, x23
    ldp x24, x25, [sp, #CTX_TPIDR_EL0]
    msr tpidr_el0, x24
    msr tpidrro_el0, x25
    ldp x0, x1, [sp, #CTX_X(0)]
    ldp x2, x3, [sp, #CTX_X(2)]
    ldp x4, x5, [sp, #CTX_X(4)]
    ldp x6, x7, [sp, #CTX_X(6)]
    ldp x8, x9, [sp, #CTX_X(8)]
    ldp x10, x11, [sp, #CTX_X(10)]
    ldp x12, x13, [sp, #CTX_X(12)]
    ldp x14, x15, [sp, #CTX_X(14)]
    ldp x16, x17, [sp, #CTX_X(16)]
    ldp x18, x19, [sp, #CTX_X(18)]
    ldp x20, x21, [sp, #CTX_X(20)]
    ldp x22, x23, [sp, #CTX_X(22)]
    ldp x24, x25, [sp, #CTX_X(24)]
    ldp x26, x27, [sp, #CTX_X(26)]
    ldp x28, x29, [sp, #CTX_X(28)]
    eret
    dsb nsh                         /* no straight-line speculation past eret */
    isb
ENDFUNC(restore_user_context)
