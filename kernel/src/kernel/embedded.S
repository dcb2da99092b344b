/* SPDX-License-Identifier: BSD-2-Clause */
/* The board's DTB, built into every image (fallback when none is passed). */
    .section .rodata.builtin_dtb, "a"
    .balign 8
    .global _builtin_dtb_start, _builtin_dtb_end
_builtin_dtb_start:
    .incbin CAIRN_BOARD_DTB
_builtin_dtb_end:
