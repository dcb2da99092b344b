/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of a root task. The kernel enters at EL0 with:
 *   x0  user address of seL4_BootInfo
 *   sp  top of the stack it mapped (16-byte aligned)
 * Everything else is zero. We clear the frame pointer and link register so
 * back traces end here, hand x0 to the C runtime, and never return.
 */
    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    mov x29, #0
    mov x30, #0
    bl cairn_runtime_start
1:  b 1b
    .size _start, . - _start
