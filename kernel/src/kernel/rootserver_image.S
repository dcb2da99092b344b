/* SPDX-License-Identifier: BSD-2-Clause */
/* The root task's ELF file, linked into the image; one object per image. */
    .section .rodata.rootserver, "a"
    .balign 16
    .global _rootserver_elf_start, _rootserver_elf_end
_rootserver_elf_start:
    .incbin CAIRN_ROOTSERVER_ELF
_rootserver_elf_end:
