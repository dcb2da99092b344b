// SPDX-License-Identifier: BSD-2-Clause
/*
 * C side of the exception vectors. From EL0: system calls go to the dispatcher
 * and every other synchronous exception is decoded and reported as a fault of
 * that thread. From EL1: the kernel has a bug; print everything and halt.
 */
#include <arch.h>

#include <arch/aarch64/esr.h>
#include <arch/aarch64/exception_frame.h>
#include <kernel/faults.h>
#include <sel4/faults.h>
#include <kernel/interrupt.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <kernel/thread.h>

NORETURN void handle_user_exception(const user_context_t *context, unsigned slot);
NORETURN void handle_kernel_exception(kernel_frame_t *frame, unsigned slot);

static uint64_t read_esr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, esr_el1" : "=r"(v));
    return v;
}

static uint64_t read_far(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, far_el1" : "=r"(v));
    return v;
}

/* Every synchronous exception but a system call (the vector sends those to
 * fastpath_call, fastpath_reply_recv and c_handle_syscall). */
static void user_sync(tcb_t *thread, uint64_t esr)
{
    if (esr_class(esr) == ESR_EC_FP_ACCESS && !(thread->flags & seL4_TCBFlag_fpuDisabled)) {
        arch_fpu_claim(thread); /* first FP/SIMD use since the last switch */
        return;
    }
    bool abort = esr_is_abort(esr);
    word_t address = (abort || esr_class(esr) == ESR_EC_PC_ALIGN) ? read_far() : 0;
    if (abort) {
        fault_record_vm(thread, address, esr_class(esr) == ESR_EC_IABT_LOWER, esr);
    } else {
        fault_record_user_exception(thread, esr, 0);
    }
    cte_t *handler = fault_handler(thread);
    if (handler == NULL) {
        handle_user_fault(thread, esr_class_name(esr), abort ? esr_fault_status_name(esr) : "",
                          thread->context.pc, address, esr);
    }
    fault_deliver(thread, handler);
}

static void user_serror(tcb_t *thread, uint64_t esr)
{
    fault_record_user_exception(thread, esr, 0);
    cte_t *handler = fault_handler(thread);
    if (handler == NULL) {
        handle_user_fault(thread, "SError", "", thread->context.pc, 0, esr);
    }
    fault_deliver(thread, handler);
}

void handle_user_exception(const user_context_t *context, unsigned slot)
{
    tcb_t *thread = ks_current_thread;
    kernel_assert(context == &thread->context,
                  "entry from EL0 with a context that is not the current thread's");
    switch (slot) {
    case VECTOR_LOWER64_SYNC:
        user_sync(thread, read_esr());
        break;
    case VECTOR_LOWER64_SERROR:
        user_serror(thread, read_esr());
        break;
    default: /* IRQ or FIQ */
        interrupt_handle();
        break;
    }
    schedule_and_return();
}

static const char *const slot_names[16] = {
    "synchronous (EL1, SP_EL0)", "IRQ (EL1, SP_EL0)", "FIQ (EL1, SP_EL0)", "SError (EL1, SP_EL0)",
    "synchronous (EL1)", "IRQ (EL1)", "FIQ (EL1)", "SError (EL1)",
    "synchronous (EL0)", "IRQ (EL0)", "FIQ (EL0)", "SError (EL0)",
    "synchronous (AArch32 EL0)", "IRQ (AArch32 EL0)", "FIQ (AArch32 EL0)", "SError (AArch32 EL0)",
};

void handle_kernel_exception(kernel_frame_t *frame, unsigned slot)
{
    /* A fault while reporting one (or in the semihosting call that ends the
     * run, which is undefined on hardware without a debugger): stop here. */
    static bool reporting;
    if (reporting) {
        for (;;) {
            __asm__ volatile("wfi");
        }
    }
    reporting = true;
    printk("\ncairn: KERNEL FAULT: %s exception: %s\n", slot_names[slot & 15],
           esr_class_name(frame->esr));
    if (esr_is_abort(frame->esr)) {
        printk("cairn:   %s\n", esr_fault_status_name(frame->esr));
    }
    printk("cairn:   ESR 0x%016lx  FAR  0x%016lx\n", frame->esr, frame->far);
    printk("cairn:   ELR 0x%016lx  SPSR 0x%016lx  SP 0x%016lx\n", frame->elr, frame->spsr,
           frame->sp);
    for (unsigned i = 0; i < 31; i += 2) {
        if (i + 1 < 31) {
            printk("cairn:   x%-2u 0x%016lx  x%-2u 0x%016lx\n", i, frame->x[i], i + 1,
                   frame->x[i + 1]);
        } else {
            printk("cairn:   x%-2u 0x%016lx\n", i, frame->x[i]);
        }
    }
    printk("cairn: halting\n");
    arch_system_exit(1);
}
