// SPDX-License-Identifier: BSD-2-Clause
/* The IPC buffer pointer behind seL4_GetMR/SetMR, one per program. */
#include <sel4/sel4.h>

seL4_IPCBuffer *__sel4_ipc_buffer;
