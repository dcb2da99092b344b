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
    mov x19, x0             /* the arguments survive the TLS set-up */
    mov x20, x1
    bl cairn_tls_init_main  /* before anything touches a TLS variable */
    mov x0, x19
    mov x1, x20
    bl program_main
1:  b 1b
    .size _start, . - _start
