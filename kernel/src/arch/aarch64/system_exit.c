// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ending the system. Builds for QEMU use Arm semihosting (the "Semihosting
 * for AArch32 and AArch64" specification): SYS_EXIT (0x18) with a parameter
 * block {ADP_Stopped_ApplicationExit, status}, trapped with HLT #0xF000.
 * QEMU (-semihosting) then exits with that status. Without semihosting (a
 * real board) HLT would be an undefined instruction, so the core just stops.
 */
#include <arch.h>

#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void arch_system_exit(word_t status)
{
#ifdef CAIRN_SEMIHOSTING
    volatile uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, status };
    register uint64_t x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
    register volatile uint64_t *x1 __asm__("x1") = block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
#else
    (void)status;
#endif
    for (;;) {
        __asm__ volatile("msr daifset, #0xf; wfi");
    }
}
