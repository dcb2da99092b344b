// SPDX-License-Identifier: BSD-2-Clause
/*
 * ELF64 executable checks (elf.h), after the System V ABI's "Object Files"
 * chapter and the AArch64 ELF supplement (EM_AARCH64 = 183). Every offset
 * and size read from the file is checked for overflow before it is used.
 */
#include <rootserver/elf.h>

#include <stdbool.h>

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define PAGE_SIZE 4096u
#define PT_LOAD 1
#define ET_EXEC 2
#define EM_AARCH64 183

static uint64_t load_le(const uint8_t *p, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = bytes; i > 0; i--) {
        v = (v << 8) | p[i - 1];
    }
    return v;
}

static rs_elf_error_t check_header(const uint8_t *f, size_t size)
{
    if (size < EHDR_SIZE) {
        return RS_ELF_TRUNCATED;
    }
    if (f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F') {
        return RS_ELF_BAD_MAGIC;
    }
    if (f[4] != 2) {
        return RS_ELF_BAD_CLASS;
    }
    if (f[5] != 1) {
        return RS_ELF_BAD_DATA;
    }
    if (f[6] != 1 || load_le(f + 20, 4) != 1) {
        return RS_ELF_BAD_VERSION;
    }
    if (load_le(f + 16, 2) != ET_EXEC) {
        return RS_ELF_BAD_TYPE;
    }
    if (load_le(f + 18, 2) != EM_AARCH64) {
        return RS_ELF_BAD_MACHINE;
    }
    uint64_t phoff = load_le(f + 32, 8);
    uint64_t phentsize = load_le(f + 54, 2);
    uint64_t phnum = load_le(f + 56, 2);
    if (phnum != 0 && (phentsize != PHDR_SIZE || phoff > size ||
                       phnum * PHDR_SIZE > size - phoff)) {
        return RS_ELF_BAD_PHDRS;
    }
    return RS_ELF_OK;
}

static rs_elf_error_t check_segment(const rs_elf_segment_t *s, uint64_t align, size_t size,
                                    uint64_t user_top)
{
    if (s->offset > size || s->filesz > size - s->offset) {
        return RS_ELF_SEGMENT_OUTSIDE_FILE;
    }
    if (s->filesz > s->memsz) {
        return RS_ELF_FILESZ_OVER_MEMSZ;
    }
    if (s->vaddr < PAGE_SIZE || s->vaddr > user_top || s->memsz == 0 ||
        s->memsz - 1 > user_top - s->vaddr) {
        return RS_ELF_SEGMENT_OUTSIDE_USER;
    }
    if (align > 1 && ((align & (align - 1)) != 0 || s->vaddr % align != s->offset % align)) {
        return RS_ELF_BAD_ALIGN;
    }
    return RS_ELF_OK;
}

/* First and last page of a segment (memsz >= 1 and inside user space). */
static bool pages_meet(const rs_elf_segment_t *a, const rs_elf_segment_t *b)
{
    uint64_t a_first = a->vaddr / PAGE_SIZE, a_last = (a->vaddr + a->memsz - 1) / PAGE_SIZE;
    uint64_t b_first = b->vaddr / PAGE_SIZE, b_last = (b->vaddr + b->memsz - 1) / PAGE_SIZE;
    return a_first <= b_last && b_first <= a_last;
}

static rs_elf_error_t read_segments(rs_elf_t *elf, uint64_t user_top)
{
    const uint8_t *f = elf->file;
    uint64_t phoff = load_le(f + 32, 8);
    uint64_t phnum = load_le(f + 56, 2);
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = f + phoff + i * PHDR_SIZE;
        if (load_le(ph, 4) != PT_LOAD) {
            continue;
        }
        if (load_le(ph + 40, 8) == 0 && load_le(ph + 32, 8) == 0) {
            continue; /* an empty segment (a section the linker emptied): nothing to load */
        }
        if (elf->count == RS_ELF_MAX_SEGMENTS) {
            return RS_ELF_TOO_MANY_SEGMENTS;
        }
        rs_elf_segment_t *s = &elf->segments[elf->count];
        *s = (rs_elf_segment_t){ .flags = (uint32_t)load_le(ph + 4, 4),
                                 .offset = load_le(ph + 8, 8),
                                 .vaddr = load_le(ph + 16, 8),
                                 .filesz = load_le(ph + 32, 8),
                                 .memsz = load_le(ph + 40, 8) };
        rs_elf_error_t err = check_segment(s, load_le(ph + 48, 8), elf->size, user_top);
        if (err != RS_ELF_OK) {
            return err;
        }
        for (unsigned j = 0; j < elf->count; j++) {
            if (pages_meet(s, &elf->segments[j])) {
                return RS_ELF_OVERLAP;
            }
        }
        elf->count++;
    }
    return elf->count == 0 ? RS_ELF_NO_SEGMENTS : RS_ELF_OK;
}

static bool entry_ok(const rs_elf_t *elf)
{
    for (unsigned i = 0; i < elf->count; i++) {
        const rs_elf_segment_t *s = &elf->segments[i];
        if ((s->flags & RS_ELF_PF_X) && elf->entry >= s->vaddr &&
            elf->entry - s->vaddr < s->memsz) {
            return true;
        }
    }
    return false;
}

rs_elf_error_t rs_elf_parse(rs_elf_t *elf, const void *file, size_t size, uint64_t user_top)
{
    *elf = (rs_elf_t){ .file = file, .size = size };
    rs_elf_error_t err = check_header(elf->file, size);
    if (err != RS_ELF_OK) {
        return err;
    }
    elf->entry = load_le(elf->file + 24, 8);
    err = read_segments(elf, user_top);
    if (err != RS_ELF_OK) {
        return err;
    }
    return entry_ok(elf) ? RS_ELF_OK : RS_ELF_BAD_ENTRY;
}

const char *rs_elf_strerror(rs_elf_error_t error)
{
    switch (error) {
    case RS_ELF_OK: return "no error";
    case RS_ELF_TRUNCATED: return "file shorter than the ELF header";
    case RS_ELF_BAD_MAGIC: return "not an ELF file (bad magic)";
    case RS_ELF_BAD_CLASS: return "not a 64-bit ELF file";
    case RS_ELF_BAD_DATA: return "not little-endian";
    case RS_ELF_BAD_VERSION: return "unknown ELF version";
    case RS_ELF_BAD_TYPE: return "not an executable (ET_EXEC)";
    case RS_ELF_BAD_MACHINE: return "not an AArch64 executable";
    case RS_ELF_BAD_PHDRS: return "program headers outside the file or of the wrong size";
    case RS_ELF_NO_SEGMENTS: return "no PT_LOAD segment";
    case RS_ELF_TOO_MANY_SEGMENTS: return "too many PT_LOAD segments";
    case RS_ELF_SEGMENT_OUTSIDE_FILE: return "segment outside the file";
    case RS_ELF_FILESZ_OVER_MEMSZ: return "segment's file size exceeds its memory size";
    case RS_ELF_SEGMENT_OUTSIDE_USER: return "segment outside user space";
    case RS_ELF_BAD_ALIGN: return "segment misaligned";
    case RS_ELF_OVERLAP: return "segments overlap or share a page";
    case RS_ELF_BAD_ENTRY: return "entry point not in an executable segment";
    }
    return "unknown ELF error";
}
