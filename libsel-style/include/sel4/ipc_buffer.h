/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC buffer: one per thread, 1 KiB, aligned to its size. Message words
 * beyond the four carried in registers, the extra capabilities of a send and
 * where received capabilities go live here.
 */
#pragma once

#include <sel4/constants.h>
#include <sel4/message_info.h>

typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
    seL4_Word userData;
    seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
    seL4_CPtr receiveCNode;
    seL4_CPtr receiveIndex;
    seL4_Word receiveDepth;
} seL4_IPCBuffer __attribute__((__aligned__(sizeof(struct seL4_IPCBuffer_))));

SEL4_STATIC_ASSERT(sizeof(seL4_IPCBuffer) == (1 << seL4_IPCBufferSizeBits), "IPC buffer is 1 KiB");

/* The calling thread's IPC buffer: thread-local, as in libsel4. Set by the
 * runtime from the boot info (root task), by program start-up, or by whoever
 * creates a thread (cairn/tls.h: cairn_tls_set_ipc_buffer). */
extern __thread seL4_IPCBuffer *__sel4_ipc_buffer;

static inline seL4_IPCBuffer *seL4_GetIPCBuffer(void)
{
    return __sel4_ipc_buffer;
}

static inline void seL4_SetIPCBuffer(seL4_IPCBuffer *buffer)
{
    __sel4_ipc_buffer = buffer;
}

static inline seL4_Word seL4_GetMR(int i)
{
    return seL4_GetIPCBuffer()->msg[i];
}

static inline void seL4_SetMR(int i, seL4_Word mr)
{
    seL4_GetIPCBuffer()->msg[i] = mr;
}

static inline seL4_Word seL4_GetUserData(void)
{
    return seL4_GetIPCBuffer()->userData;
}

static inline void seL4_SetUserData(seL4_Word data)
{
    seL4_GetIPCBuffer()->userData = data;
}

static inline seL4_Word seL4_GetBadge(int i)
{
    return seL4_GetIPCBuffer()->caps_or_badges[i];
}

static inline seL4_CPtr seL4_GetCap(int i)
{
    return (seL4_CPtr)seL4_GetIPCBuffer()->caps_or_badges[i];
}

static inline void seL4_SetCap(int i, seL4_CPtr cptr)
{
    seL4_GetIPCBuffer()->caps_or_badges[i] = (seL4_Word)cptr;
}

static inline void seL4_GetCapReceivePath(seL4_CPtr *receiveCNode, seL4_CPtr *receiveIndex,
                                          seL4_Word *receiveDepth)
{
    seL4_IPCBuffer *b = seL4_GetIPCBuffer();
    if (receiveCNode != seL4_Null) {
        *receiveCNode = b->receiveCNode;
    }
    if (receiveIndex != seL4_Null) {
        *receiveIndex = b->receiveIndex;
    }
    if (receiveDepth != seL4_Null) {
        *receiveDepth = b->receiveDepth;
    }
}

static inline void seL4_SetCapReceivePath(seL4_CPtr receiveCNode, seL4_CPtr receiveIndex,
                                          seL4_Word receiveDepth)
{
    seL4_IPCBuffer *b = seL4_GetIPCBuffer();
    b->receiveCNode = receiveCNode;
    b->receiveIndex = receiveIndex;
    b->receiveDepth = receiveDepth;
}
