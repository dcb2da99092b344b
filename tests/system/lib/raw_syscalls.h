/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System calls as the benchmarks make them (tests/bench/, and the child
 * process's server loop): raw `svc` in inline assembly, so every user
 * instruction per operation is known and the compiler adds none
 * (docs/performance.md, "What a figure includes").
 *
 * A round trip costs 11 user instructions, as in seL4's IPC benchmark: the
 * caller's loop is 6 (three moves, svc, count, branch), the server's 5
 * (three moves, svc, branch). The other loops are also 6 per operation;
 * raw_syscall is 4 (three moves, svc).
 */
#pragma once

#include <sel4/sel4.h>

/* What the kernel may change across a system call: x0-x5 carry results. */
#define RAW_CLOBBERS "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory"

/* n system calls `number` with x0 = cptr and x1 = info: 6 user
 * instructions each. */
static inline void raw_loop(seL4_Word number, seL4_Word cptr, seL4_Word info, seL4_Word n)
{
    __asm__ volatile("1: mov x0, %[cptr]\n"
                     "   mov x1, %[info]\n"
                     "   mov x7, %[number]\n"
                     "   svc #0\n"
                     "   subs %[n], %[n], #1\n"
                     "   b.ne 1b\n"
                     : [n] "+r"(n)
                     : [cptr] "r"(cptr), [info] "r"(info), [number] "r"(number)
                     : RAW_CLOBBERS);
}

/* One system call: 4 user instructions. */
static inline void raw_syscall(seL4_Word number, seL4_Word cptr, seL4_Word info)
{
    __asm__ volatile("mov x0, %[cptr]\n"
                     "mov x1, %[info]\n"
                     "mov x7, %[number]\n"
                     "svc #0\n"
                     :
                     : [cptr] "r"(cptr), [info] "r"(info), [number] "r"(number)
                     : RAW_CLOBBERS);
}

/* A server: Recv on ep, then ReplyRecv with `info` for ever, 5 user
 * instructions a round. */
static inline _Noreturn void raw_server(seL4_Word ep, seL4_Word info)
{
    __asm__ volatile("   mov x0, %[ep]\n"
                     "   mov x7, %[recv]\n"
                     "   svc #0\n"
                     "1: mov x0, %[ep]\n"
                     "   mov x1, %[info]\n"
                     "   mov x7, %[reply_recv]\n"
                     "   svc #0\n"
                     "   b 1b\n"
                     :
                     : [ep] "r"(ep), [info] "r"(info), [recv] "r"((seL4_Word)seL4_SysRecv),
                       [reply_recv] "r"((seL4_Word)seL4_SysReplyRecv)
                     : RAW_CLOBBERS);
    __builtin_unreachable();
}

/* Recv on ep for ever (a waiter on a notification): 4 user instructions a
 * round (two moves, svc, branch). */
static inline _Noreturn void raw_receive_loop(seL4_Word ep)
{
    __asm__ volatile("1: mov x0, %[ep]\n"
                     "   mov x7, %[recv]\n"
                     "   svc #0\n"
                     "   b 1b\n"
                     :
                     : [ep] "r"(ep), [recv] "r"((seL4_Word)seL4_SysRecv)
                     : RAW_CLOBBERS);
    __builtin_unreachable();
}

/* The FP/SIMD variant of raw_server: each round also touches FP/SIMD, two
 * instructions more (7 a round). */
static inline _Noreturn void raw_server_fpu(seL4_Word ep, seL4_Word info)
{
    __asm__ volatile("   mov x0, %[ep]\n"
                     "   mov x7, %[recv]\n"
                     "   svc #0\n"
                     "1: fmov d0, xzr\n"
                     "   fadd d1, d0, d0\n"
                     "   mov x0, %[ep]\n"
                     "   mov x1, %[info]\n"
                     "   mov x7, %[reply_recv]\n"
                     "   svc #0\n"
                     "   b 1b\n"
                     :
                     : [ep] "r"(ep), [info] "r"(info), [recv] "r"((seL4_Word)seL4_SysRecv),
                       [reply_recv] "r"((seL4_Word)seL4_SysReplyRecv)
                     : RAW_CLOBBERS, "d0", "d1");
    __builtin_unreachable();
}

/* raw_loop of Calls that touch FP/SIMD first: 8 user instructions each. */
static inline void raw_call_loop_fpu(seL4_Word ep, seL4_Word info, seL4_Word n)
{
    __asm__ volatile("1: fmov d0, xzr\n"
                     "   fadd d1, d0, d0\n"
                     "   mov x0, %[ep]\n"
                     "   mov x1, %[info]\n"
                     "   mov x7, %[call]\n"
                     "   svc #0\n"
                     "   subs %[n], %[n], #1\n"
                     "   b.ne 1b\n"
                     : [n] "+r"(n)
                     : [ep] "r"(ep), [info] "r"(info), [call] "r"((seL4_Word)seL4_SysCall)
                     : RAW_CLOBBERS, "d0", "d1");
}
