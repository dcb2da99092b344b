// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER0003: linked only into the checker_queues image. Just before the
 * root task starts, the kernel's thread state is damaged in two ways the
 * root task never touches, so that the invariant checker has something to
 * find: a thread that cannot run is put in a ready queue (below the root
 * task's priority, so it is never chosen), and the root task's thread is
 * marked bound to a notification that is bound to nobody.
 */
#include <kernel/boot.h>
#include <kernel/sched.h>
#include <object/endpoint.h>

static tcb_t stopped_thread __attribute__((aligned(2048)));
static notification_t unbound_notification;

void boot_test_hook(void)
{
    stopped_thread.state = THREAD_INACTIVE;
    stopped_thread.priority = 7;
    sched_enqueue(&stopped_thread);
    ks_current_thread->bound_notification = &unbound_notification;
}
