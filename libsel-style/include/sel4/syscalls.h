/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System-call stubs as inline assembly (AArch64 register ABI, DESIGN §4):
 * x0 destination cptr in / badge out, x1 message info, x2-x5 MR0-MR3,
 * x7 system-call number, trap with `svc #0`. Every register the kernel may
 * write is listed as an output or clobber, so the compiler keeps nothing live
 * in it across the trap.
 */
#pragma once

#include <sel4/types.h>
#include <sel4/syscall_numbers.h>

/* Issue a system call that takes x0 and returns x0; x1-x5 are clobbered. */
static inline seL4_Word cairn_syscall1(seL4_Word number, seL4_Word arg)
{
    register seL4_Word x0 __asm__("x0") = arg;
    register seL4_Word x7 __asm__("x7") = number;
    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x7)
                     : "x1", "x2", "x3", "x4", "x5", "memory");
    return x0;
}

static inline void seL4_Yield(void)
{
    (void)cairn_syscall1(seL4_SysYield, 0);
}

static inline void seL4_DebugPutChar(char c)
{
    (void)cairn_syscall1(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

/* Stops the whole system (seL4: halts the kernel). Under QEMU it ends the run. */
static inline void seL4_DebugHalt(void)
{
    (void)cairn_syscall1(seL4_SysDebugHalt, 0);
}

/*
 * Cairn extension, debug builds: end the system with an exit status, which
 * QEMU (with -semihosting) returns as its own status. Test root tasks use it.
 */
static inline void cairn_DebugExit(seL4_Word status)
{
    (void)cairn_syscall1(cairn_SysDebugExit, status);
}
