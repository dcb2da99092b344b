/* SPDX-License-Identifier: BSD-2-Clause */
/* The child program's ELF file (CHILD_ELF, set by CMake), as data. */
    .section .rodata.child_elf, "a"
    .balign 16
    .global child_elf_start
    .global child_elf_end
child_elf_start:
    .incbin CHILD_ELF
child_elf_end:
