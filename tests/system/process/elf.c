// SPDX-License-Identifier: BSD-2-Clause
/* ELF64 header and program-header reading for the process loader. */
#include "elf.h"

#define EM_AARCH64 183
#define ET_EXEC 2
#define PT_LOAD 1

typedef struct {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf64_ehdr_t;

typedef struct {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
} elf64_phdr_t;

_Static_assert(sizeof(elf64_ehdr_t) == 64, "ELF64 header");
_Static_assert(sizeof(elf64_phdr_t) == 56, "ELF64 program header");

bool elf_valid(const void *image, size_t size)
{
    const elf64_ehdr_t *h = image;
    if (size < sizeof(*h)) {
        return false;
    }
    static const uint8_t magic[7] = { 0x7F, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* LE */, 1 };
    for (unsigned i = 0; i < sizeof(magic); i++) {
        if (h->ident[i] != magic[i]) {
            return false;
        }
    }
    return h->type == ET_EXEC && h->machine == EM_AARCH64 &&
           h->phentsize == sizeof(elf64_phdr_t) && h->phoff <= size &&
           h->phnum <= (size - h->phoff) / sizeof(elf64_phdr_t);
}

uint64_t elf_entry(const void *image)
{
    return ((const elf64_ehdr_t *)image)->entry;
}

bool elf_load_segment(const void *image, size_t size, unsigned index, elf_segment_t *out)
{
    const elf64_ehdr_t *h = image;
    const elf64_phdr_t *ph = (const elf64_phdr_t *)((const uint8_t *)image + h->phoff);
    for (unsigned i = 0; i < h->phnum; i++) {
        if (ph[i].type != PT_LOAD) {
            continue;
        }
        if (index-- > 0) {
            continue;
        }
        if (ph[i].offset > size || ph[i].filesz > size - ph[i].offset ||
            ph[i].filesz > ph[i].memsz) {
            return false;
        }
        *out = (elf_segment_t){ .vaddr = ph[i].vaddr, .memsz = ph[i].memsz,
                                .data = (const uint8_t *)image + ph[i].offset,
                                .filesz = ph[i].filesz, .flags = ph[i].flags };
        return true;
    }
    return false;
}
