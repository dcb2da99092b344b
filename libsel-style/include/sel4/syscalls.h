/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System-call stubs (AArch64 register ABI, DESIGN §4): x0 destination cptr in
 * / badge out, x1 message info, x2-x5 message registers 0-3, x7 system-call
 * number, trap with `svc #0`. One inline-assembly helper carries all six
 * registers both ways; each stub keeps only what it needs, so the compiler
 * knows exactly which registers the kernel may change.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/ipc_buffer.h>
#include <sel4/syscall_numbers.h>
#include <sel4/basic_types.h>

typedef struct cairn_regs {
    seL4_Word x0, x1, mr0, mr1, mr2, mr3;
} cairn_regs_t;

static inline void cairn_syscall(seL4_Word number, cairn_regs_t *r)
{
    register seL4_Word x0 __asm__("x0") = r->x0;
    register seL4_Word x1 __asm__("x1") = r->x1;
    register seL4_Word x2 __asm__("x2") = r->mr0;
    register seL4_Word x3 __asm__("x3") = r->mr1;
    register seL4_Word x4 __asm__("x4") = r->mr2;
    register seL4_Word x5 __asm__("x5") = r->mr3;
    register seL4_Word x7 __asm__("x7") = number;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7)
                     : "memory");
    r->x0 = x0;
    r->x1 = x1;
    r->mr0 = x2;
    r->mr1 = x3;
    r->mr2 = x4;
    r->mr3 = x5;
}

/* A system call that takes x0 and returns x0 (debug calls, raw tests). */
static inline seL4_Word cairn_syscall1(seL4_Word number, seL4_Word arg)
{
    cairn_regs_t r = { arg, 0, 0, 0, 0, 0 };
    cairn_syscall(number, &r);
    return r.x0;
}

static inline seL4_Word cairn_mr_or(const seL4_Word *p, seL4_Word fallback)
{
    return p != seL4_Null ? *p : fallback;
}

static inline void cairn_mr_out(seL4_Word *p, seL4_Word value)
{
    if (p != seL4_Null) {
        *p = value;
    }
}

/* Message registers 0-3 come from (and go back to) the IPC buffer. */
static inline cairn_regs_t cairn_regs_from_buffer(seL4_Word x0, seL4_MessageInfo_t info)
{
    seL4_IPCBuffer *b = seL4_GetIPCBuffer();
    cairn_regs_t r = { x0, info.words[0], b->msg[0], b->msg[1], b->msg[2], b->msg[3] };
    return r;
}

static inline void cairn_regs_to_buffer(const cairn_regs_t *r)
{
    seL4_IPCBuffer *b = seL4_GetIPCBuffer();
    b->msg[0] = r->mr0;
    b->msg[1] = r->mr1;
    b->msg[2] = r->mr2;
    b->msg[3] = r->mr3;
}

static inline seL4_MessageInfo_t cairn_info(seL4_Word word)
{
    seL4_MessageInfo_t info = { { word } };
    return info;
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    cairn_regs_t r = cairn_regs_from_buffer(dest, msgInfo);
    cairn_syscall(seL4_SysSend, &r);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    cairn_regs_t r = cairn_regs_from_buffer(dest, msgInfo);
    cairn_syscall(seL4_SysNBSend, &r);
}

static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    cairn_regs_t r = cairn_regs_from_buffer(dest, msgInfo);
    cairn_syscall(seL4_SysCall, &r);
    cairn_regs_to_buffer(&r);
    return cairn_info(r.x1);
}

static inline seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    cairn_regs_t r = { src, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    cairn_regs_to_buffer(&r);
    cairn_mr_out(sender, r.x0);
    return cairn_info(r.x1);
}

static inline seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    cairn_regs_t r = { src, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysNBRecv, &r);
    cairn_regs_to_buffer(&r);
    cairn_mr_out(sender, r.x0);
    return cairn_info(r.x1);
}

static inline void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    cairn_regs_t r = cairn_regs_from_buffer(0, msgInfo);
    cairn_syscall(seL4_SysReply, &r);
}

static inline seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                seL4_Word *sender)
{
    cairn_regs_t r = cairn_regs_from_buffer(src, msgInfo);
    cairn_syscall(seL4_SysReplyRecv, &r);
    cairn_regs_to_buffer(&r);
    cairn_mr_out(sender, r.x0);
    return cairn_info(r.x1);
}

/* The WithMRs forms take MR0-MR3 by pointer and leave the IPC buffer alone. */
static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                  seL4_Word *mr0, seL4_Word *mr1,
                                                  seL4_Word *mr2, seL4_Word *mr3)
{
    cairn_regs_t r = { dest, msgInfo.words[0], cairn_mr_or(mr0, 0), cairn_mr_or(mr1, 0),
                       cairn_mr_or(mr2, 0), cairn_mr_or(mr3, 0) };
    cairn_syscall(seL4_SysCall, &r);
    cairn_mr_out(mr0, r.mr0);
    cairn_mr_out(mr1, r.mr1);
    cairn_mr_out(mr2, r.mr2);
    cairn_mr_out(mr3, r.mr3);
    return cairn_info(r.x1);
}

static inline void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    cairn_regs_t r = { dest, msgInfo.words[0], cairn_mr_or(mr0, 0), cairn_mr_or(mr1, 0),
                       cairn_mr_or(mr2, 0), cairn_mr_or(mr3, 0) };
    cairn_syscall(seL4_SysSend, &r);
}

static inline void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                      seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                      seL4_Word *mr3)
{
    cairn_regs_t r = { dest, msgInfo.words[0], cairn_mr_or(mr0, 0), cairn_mr_or(mr1, 0),
                       cairn_mr_or(mr2, 0), cairn_mr_or(mr3, 0) };
    cairn_syscall(seL4_SysNBSend, &r);
}

static inline seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                  seL4_Word *mr0, seL4_Word *mr1,
                                                  seL4_Word *mr2, seL4_Word *mr3)
{
    cairn_regs_t r = { src, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    cairn_mr_out(sender, r.x0);
    cairn_mr_out(mr0, r.mr0);
    cairn_mr_out(mr1, r.mr1);
    cairn_mr_out(mr2, r.mr2);
    cairn_mr_out(mr3, r.mr3);
    return cairn_info(r.x1);
}

static inline void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0, seL4_Word *mr1,
                                     seL4_Word *mr2, seL4_Word *mr3)
{
    cairn_regs_t r = { 0, msgInfo.words[0], cairn_mr_or(mr0, 0), cairn_mr_or(mr1, 0),
                       cairn_mr_or(mr2, 0), cairn_mr_or(mr3, 0) };
    cairn_syscall(seL4_SysReply, &r);
}

static inline seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                       seL4_Word *sender, seL4_Word *mr0,
                                                       seL4_Word *mr1, seL4_Word *mr2,
                                                       seL4_Word *mr3)
{
    cairn_regs_t r = { src, msgInfo.words[0], cairn_mr_or(mr0, 0), cairn_mr_or(mr1, 0),
                       cairn_mr_or(mr2, 0), cairn_mr_or(mr3, 0) };
    cairn_syscall(seL4_SysReplyRecv, &r);
    cairn_mr_out(sender, r.x0);
    cairn_mr_out(mr0, r.mr0);
    cairn_mr_out(mr1, r.mr1);
    cairn_mr_out(mr2, r.mr2);
    cairn_mr_out(mr3, r.mr3);
    return cairn_info(r.x1);
}

/* Notifications, as libsel4 spells them. */
static inline void seL4_Signal(seL4_CPtr dest)
{
    cairn_regs_t r = { dest, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysSend, &r);
}

static inline void seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    cairn_regs_t r = { src, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    cairn_mr_out(sender, r.x0);
}

static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    cairn_regs_t r = { src, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysNBRecv, &r);
    cairn_mr_out(sender, r.x0);
    return cairn_info(r.x1);
}

static inline void seL4_Yield(void)
{
    (void)cairn_syscall1(seL4_SysYield, 0);
}

/* Debug builds. */
static inline void seL4_DebugPutChar(char c)
{
    (void)cairn_syscall1(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

/* A NUL-terminated string, one character per call (there is no string call). */
static inline void seL4_DebugPutString(const char *str)
{
    for (const char *p = str; *p != '\0'; p++) {
        seL4_DebugPutChar(*p);
    }
}

static inline void seL4_DebugDumpScheduler(void)
{
    (void)cairn_syscall1(seL4_SysDebugDumpScheduler, 0);
}

/* Stops the whole system (seL4: halts the kernel). Under QEMU it ends the run. */
static inline void seL4_DebugHalt(void)
{
    (void)cairn_syscall1(seL4_SysDebugHalt, 0);
}

static inline void seL4_DebugSnapshot(void)
{
    (void)cairn_syscall1(seL4_SysDebugSnapshot, 0);
}

/* The type (Cairn's cap type number; 0 = null) of the cap at cap. */
static inline seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)cairn_syscall1(seL4_SysDebugCapIdentify, cap);
}

/* Names a thread in kernel messages; the name travels in the IPC buffer. */
static inline void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dest = (char *)seL4_GetIPCBuffer()->msg;
    unsigned i = 0;
    for (; i + 1 < sizeof(seL4_GetIPCBuffer()->msg) && name[i] != '\0'; i++) {
        dest[i] = name[i];
    }
    dest[i] = '\0';
    (void)cairn_syscall1(seL4_SysDebugNameThread, tcb);
}

/*
 * Cairn extension, debug builds: end the system with an exit status, which
 * QEMU (with -semihosting) returns as its own status. Test root tasks use it.
 */
static inline void cairn_DebugExit(seL4_Word status)
{
    (void)cairn_syscall1(cairn_SysDebugExit, status);
}

#ifdef CONFIG_DEBUG_BUILD
/* Checks the kernel's capability invariants (every cap in the derivation
 * tree, the tree only in live objects); the kernel prints each violation.
 * Returns how many there were: 0 when all hold. Debug kernels only: a
 * release kernel treats the call as an unknown system call. */
static inline seL4_Word cairn_DebugCheckInvariants(void)
{
    return cairn_syscall1(cairn_SysDebugCheckInvariants, 0);
}
#endif
