/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Validation and segment listing for 64-bit little-endian AArch64 ELF
 * executables (System V gABI, "ELF header" and "Program header"). The kernel
 * uses it to load the root task embedded in its image; every field that is
 * later used as an offset or address is checked here first.
 */
#pragma once

#include <types.h>

typedef enum elf_status {
    ELF_OK = 0,
    ELF_TOO_SMALL,
    ELF_BAD_MAGIC,
    ELF_BAD_CLASS,      /* not ELF64 little endian, version 1 */
    ELF_BAD_MACHINE,    /* not AArch64 */
    ELF_BAD_TYPE,       /* not ET_EXEC */
    ELF_BAD_PHDRS,      /* program header table out of the file */
    ELF_BAD_SEGMENT,    /* a PT_LOAD outside the file or user space */
    ELF_BAD_ENTRY,      /* entry point not in an executable segment */
} elf_status_t;

#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4

typedef struct elf_segment {
    uint64_t vaddr;
    uint64_t memsz;
    uint64_t offset;
    uint64_t filesz;
    uint32_t flags; /* ELF_PF_* */
} elf_segment_t;

/* Checks the whole file: header, program headers and every PT_LOAD segment
 * (inside the file, below user_top, filesz <= memsz, no overflow). */
elf_status_t elf_check(const void *file, size_t size, uint64_t user_top);

const char *elf_status_name(elf_status_t status);

/* For a file elf_check accepted. */
uint64_t elf_entry(const void *file);
unsigned elf_phdr_count(const void *file);
/* Fills *seg and returns true if program header index is PT_LOAD. */
bool elf_load_segment(const void *file, unsigned index, elf_segment_t *seg);
