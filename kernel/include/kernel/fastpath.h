/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fast path (DESIGN §4): Call and ReplyRecv that need nothing but
 * registers switch straight to the other thread. The vector enters these
 * with the thread's registers saved; when a precondition fails they hand
 * the call to the slow path, which gives it the same meaning. Builds with
 * CAIRN_FASTPATH=OFF link fastpath_off.c instead.
 */
#pragma once

#include <kernel/thread.h>

/* x7 of the current thread is seL4_SysCall or seL4_SysReplyRecv. */
NORETURN void fastpath_call(tcb_t *caller);
NORETURN void fastpath_reply_recv(tcb_t *thread);

/* The slow path of the same calls (api/syscall.c). */
NORETURN void slowpath_call(tcb_t *thread);
NORETURN void slowpath_reply_recv(tcb_t *thread);
