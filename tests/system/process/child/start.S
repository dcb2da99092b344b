/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the child process. The root task starts it with
 *   pc  _start, sp  CHILD_STACK_TOP, x0  its IPC buffer's address
 * and everything else zero. child_main never returns.
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
    bl child_main
1:  b 1b
    .size _start, . - _start

/* The probes whose faults the root task checks: one instruction each. */
    .text
    .global child_load
    .type child_load, %function
child_load:
    ldr x0, [x0]
    ret
    .size child_load, . - child_load

    .global child_store
    .type child_store, %function
child_store:
    str x1, [x0]
    ret
    .size child_store, . - child_store
