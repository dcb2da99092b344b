/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ELF64 AArch64 executables, checked before anything is loaded (no system
 * calls: host unit tests run it). rs_elf_parse() accepts a file only if
 *  - the header is whole, with the ELF magic, 64-bit class, little-endian
 *    data, version 1, type ET_EXEC and machine EM_AARCH64;
 *  - the program-header table is inside the file with 56-byte entries;
 *  - there is at least one non-empty PT_LOAD segment (at most
 *    RS_ELF_MAX_SEGMENTS; empty ones, memsz = filesz = 0, are skipped),
 *    each with filesz <= memsz, its file bytes inside the file, its memory
 *    inside [page 1, user_top], and a power-of-two p_align (or 0/1) with
 *    p_vaddr and p_offset congruent modulo it;
 *  - no two segments share a page (the loader maps each page once, with its
 *    segment's rights), which also rules out overlapping segments;
 *  - the entry point is inside an executable segment.
 * The file may sit at any alignment (a CPIO member is 4-byte aligned): every
 * field is read byte by byte.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define RS_ELF_MAX_SEGMENTS 8

#define RS_ELF_PF_X 1u
#define RS_ELF_PF_W 2u
#define RS_ELF_PF_R 4u

typedef enum rs_elf_error {
    RS_ELF_OK = 0,
    RS_ELF_TRUNCATED,          /* smaller than the ELF header */
    RS_ELF_BAD_MAGIC,
    RS_ELF_BAD_CLASS,          /* not ELFCLASS64 */
    RS_ELF_BAD_DATA,           /* not little-endian */
    RS_ELF_BAD_VERSION,
    RS_ELF_BAD_TYPE,           /* not ET_EXEC */
    RS_ELF_BAD_MACHINE,        /* not EM_AARCH64 */
    RS_ELF_BAD_PHDRS,          /* program headers outside the file or of the wrong size */
    RS_ELF_NO_SEGMENTS,
    RS_ELF_TOO_MANY_SEGMENTS,
    RS_ELF_SEGMENT_OUTSIDE_FILE,
    RS_ELF_FILESZ_OVER_MEMSZ,
    RS_ELF_SEGMENT_OUTSIDE_USER,
    RS_ELF_BAD_ALIGN,
    RS_ELF_OVERLAP,            /* two segments share a page */
    RS_ELF_BAD_ENTRY,          /* entry not in an executable segment */
} rs_elf_error_t;

typedef struct rs_elf_segment {
    uint64_t vaddr;
    uint64_t memsz;
    uint64_t offset; /* of its bytes in the file */
    uint64_t filesz;
    uint32_t flags;  /* RS_ELF_PF_* */
} rs_elf_segment_t;

typedef struct rs_elf {
    const uint8_t *file;
    size_t size;
    uint64_t entry;
    unsigned count; /* PT_LOAD segments, in file order */
    rs_elf_segment_t segments[RS_ELF_MAX_SEGMENTS];
} rs_elf_t;

/* Checks file[0, size) and fills *elf; user_top is the last user address
 * (seL4_UserTop). */
rs_elf_error_t rs_elf_parse(rs_elf_t *elf, const void *file, size_t size, uint64_t user_top);

/* A one-line explanation of an error, e.g. "segment outside the file". */
const char *rs_elf_strerror(rs_elf_error_t error);
