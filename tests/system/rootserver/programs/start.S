/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the test programs the root task spawns with cairn_rootserver
 * (rootserver/process.h): x0 = IPC buffer address, x1 = the argument, sp =
 * stack top. program_main never returns.
 */
    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    mov x29, #0
    mov x30, #0
    bl program_main
1:  b 1b
    .size _start, . - _start
