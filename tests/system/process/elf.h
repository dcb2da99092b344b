/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Just enough ELF64 to load a static AArch64 executable: the header checks
 * and its PT_LOAD segments (System V gABI, "Program Header").
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_PF_X 1U
#define ELF_PF_W 2U
#define ELF_PF_R 4U

typedef struct elf_segment {
    uint64_t vaddr;
    uint64_t memsz;
    const uint8_t *data; /* filesz bytes of the file */
    uint64_t filesz;
    uint32_t flags; /* ELF_PF_* */
} elf_segment_t;

/* True if image[0, size) is a static little-endian AArch64 ELF64 executable
 * whose program headers lie inside it. */
bool elf_valid(const void *image, size_t size);

uint64_t elf_entry(const void *image);

/* The index-th PT_LOAD segment (counting only PT_LOAD); false past the last
 * or if the segment's file bytes are not inside the image. */
bool elf_load_segment(const void *image, size_t size, unsigned index, elf_segment_t *out);
