// SPDX-License-Identifier: BSD-2-Clause
/*
 * ELF64 checks and PT_LOAD listing. The file may sit at any alignment inside
 * the kernel image, so fields are copied out with memcpy rather than read
 * through casted pointers.
 */
#include <kernel/elf.h>

#include <lib/string.h>

#define EM_AARCH64 183
#define ET_EXEC 2
#define PT_LOAD 1

typedef struct elf64_ehdr {
    uint8_t ident[16];
    uint16_t type;
    uint16_t machine;
    uint32_t version;
    uint64_t entry;
    uint64_t phoff;
    uint64_t shoff;
    uint32_t flags;
    uint16_t ehsize;
    uint16_t phentsize;
    uint16_t phnum;
    uint16_t shentsize;
    uint16_t shnum;
    uint16_t shstrndx;
} elf64_ehdr_t;

typedef struct elf64_phdr {
    uint32_t type;
    uint32_t flags;
    uint64_t offset;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
    uint64_t align;
} elf64_phdr_t;

_Static_assert(sizeof(elf64_ehdr_t) == 64, "ELF64 header");
_Static_assert(sizeof(elf64_phdr_t) == 56, "ELF64 program header");

static elf64_ehdr_t read_ehdr(const void *file)
{
    elf64_ehdr_t h;
    memcpy(&h, file, sizeof(h));
    return h;
}

static elf64_phdr_t read_phdr(const void *file, const elf64_ehdr_t *h, unsigned index)
{
    elf64_phdr_t p;
    memcpy(&p, (const uint8_t *)file + h->phoff + (uint64_t)index * sizeof(p), sizeof(p));
    return p;
}

static elf_status_t check_header(const elf64_ehdr_t *h, size_t size)
{
    static const uint8_t magic[4] = { 0x7F, 'E', 'L', 'F' };
    if (memcmp(h->ident, magic, 4) != 0) {
        return ELF_BAD_MAGIC;
    }
    /* EI_CLASS = ELFCLASS64, EI_DATA = little endian, EI_VERSION = 1 */
    if (h->ident[4] != 2 || h->ident[5] != 1 || h->ident[6] != 1 || h->version != 1) {
        return ELF_BAD_CLASS;
    }
    if (h->machine != EM_AARCH64) {
        return ELF_BAD_MACHINE;
    }
    if (h->type != ET_EXEC) {
        return ELF_BAD_TYPE;
    }
    uint64_t table = (uint64_t)h->phnum * sizeof(elf64_phdr_t);
    if (h->phentsize != sizeof(elf64_phdr_t) || h->phnum == 0 || h->phoff > size ||
        table > size - h->phoff) {
        return ELF_BAD_PHDRS;
    }
    return ELF_OK;
}

static bool segment_ok(const elf64_phdr_t *p, size_t size, uint64_t user_top)
{
    return p->filesz <= p->memsz && p->offset <= size && p->filesz <= size - p->offset &&
           p->vaddr < user_top && p->memsz <= user_top - p->vaddr;
}

elf_status_t elf_check(const void *file, size_t size, uint64_t user_top)
{
    if (file == NULL || size < sizeof(elf64_ehdr_t)) {
        return ELF_TOO_SMALL;
    }
    elf64_ehdr_t h = read_ehdr(file);
    elf_status_t status = check_header(&h, size);
    if (status != ELF_OK) {
        return status;
    }
    bool entry_ok = false;
    for (unsigned i = 0; i < h.phnum; i++) {
        elf64_phdr_t p = read_phdr(file, &h, i);
        if (p.type != PT_LOAD) {
            continue;
        }
        if (!segment_ok(&p, size, user_top)) {
            return ELF_BAD_SEGMENT;
        }
        if ((p.flags & ELF_PF_X) && h.entry >= p.vaddr && h.entry - p.vaddr < p.memsz) {
            entry_ok = true;
        }
    }
    return entry_ok ? ELF_OK : ELF_BAD_ENTRY;
}

const char *elf_status_name(elf_status_t status)
{
    static const char *const names[] = {
        [ELF_OK] = "ok",
        [ELF_TOO_SMALL] = "file too small for an ELF header",
        [ELF_BAD_MAGIC] = "not an ELF file",
        [ELF_BAD_CLASS] = "not ELF64 little-endian version 1",
        [ELF_BAD_MACHINE] = "not an AArch64 file",
        [ELF_BAD_TYPE] = "not a static executable",
        [ELF_BAD_PHDRS] = "program headers out of the file",
        [ELF_BAD_SEGMENT] = "loadable segment out of the file or user space",
        [ELF_BAD_ENTRY] = "entry point outside executable segments",
    };
    return (unsigned)status < sizeof(names) / sizeof(names[0]) ? names[status] : "?";
}

uint64_t elf_entry(const void *file)
{
    return read_ehdr(file).entry;
}

unsigned elf_phdr_count(const void *file)
{
    return read_ehdr(file).phnum;
}

bool elf_load_segment(const void *file, unsigned index, elf_segment_t *seg)
{
    elf64_ehdr_t h = read_ehdr(file);
    if (index >= h.phnum) {
        return false;
    }
    elf64_phdr_t p = read_phdr(file, &h, index);
    if (p.type != PT_LOAD) {
        return false;
    }
    *seg = (elf_segment_t){ p.vaddr, p.memsz, p.offset, p.filesz, p.flags };
    return true;
}
