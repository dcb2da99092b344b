// SPDX-License-Identifier: BSD-2-Clause
/*
 * PREEMPT: kernel side, linked only into the preemption test image. Every
 * third preemption point reports a pending interrupt, so each long operation
 * (clearing memory for retype, revoke, deleting a CNode) stops part-way and
 * its system call restarts many times. Each forced preemption is counted in
 * the userData word of the caller's IPC buffer, so the root task can see how
 * many restarts an operation took (it clears the word beforehand).
 */
#include <kernel/preemption.h>

#include <kernel/thread.h>
#include <sel4/ipc_buffer.h>

#define PREEMPT_EVERY 3

bool preemption_test_hook(void)
{
    static unsigned long calls;
    if (++calls % PREEMPT_EVERY != 0) {
        return false;
    }
    seL4_IPCBuffer *buffer = thread_ipc_buffer(ks_current_thread);
    if (buffer != NULL) {
        buffer->userData++;
    }
    return true;
}
