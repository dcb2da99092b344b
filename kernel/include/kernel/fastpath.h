/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fast path (DESIGN §4): Call and ReplyRecv that need nothing but
 * registers switch straight to the other thread. Returns only when a
 * precondition fails, and then the slow path handles the call with the same
 * meaning. Builds with CAIRN_FASTPATH=OFF link fastpath_off.c instead.
 */
#pragma once

#include <kernel/thread.h>

/* x7 of the current thread is seL4_SysCall or seL4_SysReplyRecv. */
void fastpath_call(tcb_t *caller);
void fastpath_reply_recv(tcb_t *thread);
