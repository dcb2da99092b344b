// SPDX-License-Identifier: BSD-2-Clause
/*
 * The current thread and leaving the kernel. There is one user thread so far
 * (the root task); when it cannot run, the core idles. Builds for tests
 * (CAIRN_HALT_WHEN_IDLE) end the system instead, since with no thread and no
 * interrupt source nothing could ever run again.
 */
#include <kernel/thread.h>

#include <arch.h>
#include <kernel/printk.h>

tcb_t *ks_current_thread;

void thread_stop(tcb_t *thread, const char *reason)
{
    thread->state = THREAD_INACTIVE;
    printk("cairn: thread '%s' stopped: %s\n", thread->name, reason);
}

NORETURN static void idle(void)
{
    printk("cairn: no runnable thread; idle\n");
#ifdef CAIRN_HALT_WHEN_IDLE
    arch_system_exit(0);
#else
    for (;;) {
        __asm__ volatile("wfi");
    }
#endif
}

void schedule_and_return(void)
{
    tcb_t *thread = ks_current_thread;
    if (thread != NULL && thread->state == THREAD_RUNNING) {
        arch_enter_user(thread);
    }
    idle();
}
