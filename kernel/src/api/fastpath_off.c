// SPDX-License-Identifier: BSD-2-Clause
/* Builds without the fast path (CAIRN_FASTPATH=OFF): every IPC takes the
 * slow path, so tests can compare both. */
#include <kernel/fastpath.h>

void fastpath_call(tcb_t *caller)
{
    slowpath_call(caller);
}

void fastpath_reply_recv(tcb_t *thread)
{
    slowpath_reply_recv(thread);
}
