// SPDX-License-Identifier: BSD-2-Clause
/*
 * Thread states and leaving the kernel. A thread is runnable or blocked on
 * exactly one thing; the running thread is ks_current_thread and is never in
 * a ready queue. On every exit the scheduler picks who runs; when nobody can,
 * the core idles at EL1 with interrupts masked, waking on any pending one
 * (WFI wakes regardless of PSTATE.I) and handling it by polling.
 */
#include <kernel/thread.h>

#include <arch.h>
#include <kernel/interrupt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <object/cdt.h>
#include <object/endpoint.h>
#include <sel4/faults.h>

tcb_t *ks_current_thread;

void thread_set_state(tcb_t *thread, thread_state_t state)
{
    thread->state_word = state; /* and pc_written_while_blocked = false */
    if (state != THREAD_RUNNING) {
        sched_dequeue(thread);
        if (thread == ks_current_thread) {
            sched_reschedule();
        }
    }
}

void thread_stop(tcb_t *thread, const char *reason)
{
    thread_cancel_ipc(thread);
    thread_set_state(thread, THREAD_INACTIVE);
    printk("cairn: thread '%s' stopped: %s\n", thread->name, reason);
}

void thread_cancel_ipc(tcb_t *thread)
{
    switch (thread->state) {
    case THREAD_BLOCKED_ON_SEND:
        /* A cancelled fault message is dropped: run again, the thread
         * faults again and sends a fresh one. */
        thread->fault.type = seL4_Fault_NullFault;
        endpoint_remove_thread(thread->blocked_on, thread);
        break;
    case THREAD_BLOCKED_ON_RECEIVE:
        endpoint_remove_thread(thread->blocked_on, thread);
        break;
    case THREAD_BLOCKED_ON_NOTIFICATION:
        notification_remove_thread(thread->blocked_on, thread);
        break;
    case THREAD_BLOCKED_ON_REPLY: {
        /* Whoever holds the reply cap for us loses it. */
        cte_t *master = &thread->slots[TCB_REPLY];
        cte_t *child = mdb_next(master);
        if (child != NULL && cdt_is_parent_of(master, child)) {
            cdt_empty_slot(child);
        }
        thread->fault.type = seL4_Fault_NullFault;
        break;
    }
    default:
        break;
    }
    thread->blocked_on = NULL;
}

void thread_rewind_syscall(tcb_t *thread)
{
    /* A faulting thread's pc is already the faulting instruction, and a pc
     * written since it blocked is where it must go on (as on seL4). */
    if (thread->fault.type == seL4_Fault_NullFault && !thread->pc_written_while_blocked) {
        thread->context.pc -= 4;
    }
}

bool thread_is_blocked(const tcb_t *thread)
{
    return thread->state != THREAD_RUNNING && thread->state != THREAD_INACTIVE;
}

void thread_suspend(tcb_t *thread)
{
    if (thread_is_blocked(thread)) {
        thread_rewind_syscall(thread);
    }
    thread_cancel_ipc(thread);
    thread_set_state(thread, THREAD_INACTIVE);
}

void thread_resume(tcb_t *thread)
{
    if (thread->state == THREAD_RUNNING) {
        return;
    }
    if (thread_is_blocked(thread)) {
        thread_rewind_syscall(thread);
    }
    thread_cancel_ipc(thread);
    thread_set_state(thread, THREAD_RUNNING);
    sched_possible_switch_to(thread);
}

/* Nothing can run now: wait for an interrupt (a thread of another domain
 * runs when the timer gives its domain the turn). Builds for QEMU tests end
 * the run when no thread is ready in any domain and no interrupt could ever
 * make one runnable again. */
static void idle(void)
{
    if (!interrupt_could_wake_a_thread() && !sched_anything_ready()) {
        printk("cairn: no runnable thread; idle\n");
#ifdef CAIRN_HALT_WHEN_IDLE
        arch_system_exit(0);
#endif
    }
    while (ks_current_thread == NULL) {
        __asm__ volatile("wfi");
        if (arch_interrupt_pending()) {
            interrupt_handle();
            sched_choose();
        }
    }
}

void schedule_and_return(void)
{
    for (;;) {
        sched_choose();
        if (ks_current_thread != NULL) {
            arch_enter_user(ks_current_thread);
        }
        idle();
    }
}
