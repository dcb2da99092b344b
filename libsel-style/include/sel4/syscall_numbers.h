/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System-call numbers, passed in x7. The values are Cairn's own (code uses the
 * names): small and dense so the kernel can bounds-check them with one compare
 * before indexing anything.
 */
#pragma once

/* The two numbers the kernel's entry code tests in assembly. */
#define CAIRN_SYSCALL_CALL 0
#define CAIRN_SYSCALL_REPLY_RECV 1

#ifndef __ASSEMBLER__
typedef enum {
    seL4_SysCall = CAIRN_SYSCALL_CALL,
    seL4_SysReplyRecv = CAIRN_SYSCALL_REPLY_RECV,
    seL4_SysSend,
    seL4_SysNBSend,
    seL4_SysRecv,
    seL4_SysReply,
    seL4_SysYield,
    seL4_SysNBRecv,
    /* Debug builds only. */
    seL4_SysDebugPutChar,
    seL4_SysDebugDumpScheduler,
    seL4_SysDebugHalt,
    seL4_SysDebugCapIdentify,
    seL4_SysDebugSnapshot,
    seL4_SysDebugNameThread,
    /* Cairn extensions (debug builds): end the system with a status; check
     * the kernel's capability invariants. */
    cairn_SysDebugExit,
    cairn_SysDebugCheckInvariants,
    cairn_NumSyscalls
} seL4_Syscall_ID;
#endif
