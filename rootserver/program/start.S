/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of a program the root-server library spawns (rs_process_create()
 * starts it with x0 = its IPC buffer, x1 = the argument the root chose, sp =
 * the top of its stack). program_main(ipc, arg) never returns; if it did,
 * the program would spin.
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
