// SPDX-License-Identifier: BSD-2-Clause
/* The IPC-buffer pointer behind seL4_GetMR/SetMR and the stubs: one per
 * thread (cairn/tls.h). */
#include <sel4/ipc_buffer.h>

__thread seL4_IPCBuffer *__sel4_ipc_buffer;
