// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the root-server library's ELF checks (rootserver/lib/elf.c).
 * Files are laid out here with the host's <elf.h>: a valid executable, then
 * one corruption per error (truncated header, bad magic, class, data,
 * version, type, machine, program headers out of the file, segments out of
 * the file or of user space, filesz > memsz, bad alignment, overlapping and
 * page-sharing segments, too many segments, a bad entry point). Each single
 * byte of the headers is also corrupted in turn, and whatever is accepted
 * is checked to stay inside the file and user space.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include <rootserver/elf.h>

#define USER_TOP 0x00007fffffffffffull
#define FILE_SIZE 0x3000
#define TEXT_VADDR 0x10000000ull
#define DATA_VADDR 0x10002000ull
#define ENTRY (TEXT_VADDR + 0x10)

typedef struct image {
    uint8_t data[FILE_SIZE];
} image_t;

static Elf64_Ehdr *ehdr(image_t *img)
{
    return (Elf64_Ehdr *)img->data;
}

static Elf64_Phdr *phdr(image_t *img, unsigned i)
{
    return (Elf64_Phdr *)(img->data + sizeof(Elf64_Ehdr)) + i;
}

/* text R+X at 0x10000000 (file 0x1000, 0x800 bytes), an empty PT_LOAD that
 * is skipped, a PT_GNU_STACK, data R+W at 0x10002000 (file 0x2000, 0x100
 * bytes, 0x3000 in memory). */
static image_t *valid(void)
{
    image_t *img = calloc(1, sizeof(*img));
    assert_non_null(img);
    Elf64_Ehdr *h = ehdr(img);
    memcpy(h->e_ident, ELFMAG, SELFMAG);
    h->e_ident[EI_CLASS] = ELFCLASS64;
    h->e_ident[EI_DATA] = ELFDATA2LSB;
    h->e_ident[EI_VERSION] = EV_CURRENT;
    h->e_type = ET_EXEC;
    h->e_machine = EM_AARCH64;
    h->e_version = EV_CURRENT;
    h->e_entry = ENTRY;
    h->e_phoff = sizeof(Elf64_Ehdr);
    h->e_ehsize = sizeof(Elf64_Ehdr);
    h->e_phentsize = sizeof(Elf64_Phdr);
    h->e_phnum = 4;
    *phdr(img, 0) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0x1000,
                                  .p_vaddr = TEXT_VADDR, .p_filesz = 0x800, .p_memsz = 0x800,
                                  .p_align = 0x1000 };
    *phdr(img, 1) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0xe8 };
    *phdr(img, 2) = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W };
    *phdr(img, 3) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x2000,
                                  .p_vaddr = DATA_VADDR, .p_filesz = 0x100, .p_memsz = 0x3000,
                                  .p_align = 0x1000 };
    return img;
}

static rs_elf_error_t parse(image_t *img, size_t size)
{
    rs_elf_t elf;
    return rs_elf_parse(&elf, img->data, size, USER_TOP);
}

static void test_valid(void **state)
{
    (void)state;
    image_t *img = valid();
    rs_elf_t elf;
    assert_int_equal(rs_elf_parse(&elf, img->data, FILE_SIZE, USER_TOP), RS_ELF_OK);
    assert_int_equal(elf.entry, ENTRY);
    assert_int_equal(elf.count, 2); /* the empty PT_LOAD and PT_GNU_STACK are skipped */
    assert_int_equal(elf.segments[0].vaddr, TEXT_VADDR);
    assert_int_equal(elf.segments[0].flags, RS_ELF_PF_R | RS_ELF_PF_X);
    assert_int_equal(elf.segments[1].offset, 0x2000);
    assert_int_equal(elf.segments[1].filesz, 0x100);
    assert_int_equal(elf.segments[1].memsz, 0x3000);
    free(img);
}

static void test_unaligned_file(void **state)
{
    (void)state;
    /* A CPIO member is only 4-byte aligned: parse at an odd address. */
    image_t *img = valid();
    uint8_t *shifted = malloc(FILE_SIZE + 1);
    assert_non_null(shifted);
    memcpy(shifted + 1, img->data, FILE_SIZE);
    rs_elf_t elf;
    assert_int_equal(rs_elf_parse(&elf, shifted + 1, FILE_SIZE, USER_TOP), RS_ELF_OK);
    assert_int_equal(elf.entry, ENTRY);
    free(shifted);
    free(img);
}

static void test_header_errors(void **state)
{
    (void)state;
    image_t *img = valid();
    assert_int_equal(parse(img, 0), RS_ELF_TRUNCATED);
    assert_int_equal(parse(img, sizeof(Elf64_Ehdr) - 1), RS_ELF_TRUNCATED);
    img->data[1] = 'X';
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_MAGIC);
    img->data[1] = 'E';
    img->data[EI_CLASS] = ELFCLASS32;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_CLASS);
    img->data[EI_CLASS] = ELFCLASS64;
    img->data[EI_DATA] = ELFDATA2MSB;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_DATA);
    img->data[EI_DATA] = ELFDATA2LSB;
    ehdr(img)->e_version = 2;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_VERSION);
    ehdr(img)->e_version = EV_CURRENT;
    ehdr(img)->e_type = ET_DYN;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_TYPE);
    ehdr(img)->e_type = ET_EXEC;
    ehdr(img)->e_machine = EM_X86_64;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_MACHINE);
    ehdr(img)->e_machine = EM_AARCH64;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_OK);
    free(img);
}

static void test_phdr_errors(void **state)
{
    (void)state;
    image_t *img = valid();
    /* The table ends past the end of the file. */
    assert_int_equal(parse(img, sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr)), RS_ELF_BAD_PHDRS);
    ehdr(img)->e_phoff = FILE_SIZE - 8;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_PHDRS);
    ehdr(img)->e_phoff = UINT64_MAX - 8; /* offset + size overflows */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_PHDRS);
    ehdr(img)->e_phoff = sizeof(Elf64_Ehdr);
    ehdr(img)->e_phentsize = 32;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_PHDRS);
    ehdr(img)->e_phentsize = sizeof(Elf64_Phdr);
    ehdr(img)->e_phnum = 0;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_NO_SEGMENTS);
    free(img);
}

static void test_segment_errors(void **state)
{
    (void)state;
    image_t *img = valid();
    Elf64_Phdr *data = phdr(img, 3);
    data->p_offset = FILE_SIZE - 0x80; /* 0x100 bytes from here run past the end */
    data->p_vaddr = DATA_VADDR + 0xf80;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_SEGMENT_OUTSIDE_FILE);
    data->p_offset = UINT64_MAX - 0x10; /* overflow */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_SEGMENT_OUTSIDE_FILE);
    data->p_offset = 0x2000;
    data->p_vaddr = DATA_VADDR;
    data->p_memsz = 0x80;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_FILESZ_OVER_MEMSZ);
    data->p_memsz = 0x3000;
    data->p_vaddr = USER_TOP - 0x1000 + 1; /* ends past user space */
    data->p_align = 0;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_SEGMENT_OUTSIDE_USER);
    data->p_vaddr = UINT64_MAX - 0xfff; /* kernel half, and vaddr + memsz overflows */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_SEGMENT_OUTSIDE_USER);
    data->p_vaddr = 0; /* page zero stays unmapped */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_SEGMENT_OUTSIDE_USER);
    data->p_vaddr = DATA_VADDR + 0x10; /* not congruent to the offset */
    data->p_align = 0x1000;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_ALIGN);
    data->p_align = 0x1800; /* not a power of two */
    data->p_vaddr = DATA_VADDR;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_ALIGN);
    data->p_align = 0x1000;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_OK);
    free(img);
}

static void test_overlap(void **state)
{
    (void)state;
    image_t *img = valid();
    Elf64_Phdr *data = phdr(img, 3);
    data->p_vaddr = TEXT_VADDR + 0x400; /* inside text */
    data->p_offset = 0x1400;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_OVERLAP);
    data->p_vaddr = TEXT_VADDR + 0x800; /* after text, in the same page */
    data->p_offset = 0x1800;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_OVERLAP);
    data->p_vaddr = TEXT_VADDR - 0x2000; /* below text, its .bss reaching into text */
    data->p_offset = 0x2000;
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_OVERLAP);
    data->p_vaddr = TEXT_VADDR + 0x1000; /* the next page: fine */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_OK);
    free(img);
}

static void test_too_many_and_entry(void **state)
{
    (void)state;
    image_t *img = valid();
    ehdr(img)->e_phnum = RS_ELF_MAX_SEGMENTS + 2;
    for (unsigned i = 0; i < RS_ELF_MAX_SEGMENTS + 2; i++) {
        *phdr(img, i) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
                                      .p_offset = 0x1000, .p_vaddr = TEXT_VADDR + i * 0x1000,
                                      .p_filesz = 0x10, .p_memsz = 0x10, .p_align = 0x1000 };
    }
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_TOO_MANY_SEGMENTS);
    free(img);
    img = valid();
    ehdr(img)->e_entry = DATA_VADDR; /* not executable */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_ENTRY);
    ehdr(img)->e_entry = TEXT_VADDR + 0x800; /* one past text */
    assert_int_equal(parse(img, FILE_SIZE), RS_ELF_BAD_ENTRY);
    free(img);
}

static void test_every_byte(void **state)
{
    (void)state;
    size_t headers = sizeof(Elf64_Ehdr) + 4 * sizeof(Elf64_Phdr);
    for (size_t at = 0; at < headers; at++) {
        for (unsigned v = 0; v < 256; v += 0x55) {
            image_t *img = valid();
            img->data[at] = (uint8_t)v;
            rs_elf_t elf;
            if (rs_elf_parse(&elf, img->data, FILE_SIZE, USER_TOP) == RS_ELF_OK) {
                for (unsigned i = 0; i < elf.count; i++) {
                    const rs_elf_segment_t *s = &elf.segments[i];
                    assert_true(s->offset + s->filesz <= FILE_SIZE);
                    assert_true(s->filesz <= s->memsz);
                    assert_true(s->vaddr + s->memsz - 1 <= USER_TOP);
                }
            }
            free(img);
        }
    }
}

static void test_strerror(void **state)
{
    (void)state;
    for (int e = RS_ELF_OK; e <= RS_ELF_BAD_ENTRY; e++) {
        assert_string_not_equal(rs_elf_strerror((rs_elf_error_t)e), "unknown ELF error");
    }
    assert_string_equal(rs_elf_strerror(RS_ELF_SEGMENT_OUTSIDE_FILE), "segment outside the file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),          cmocka_unit_test(test_unaligned_file),
        cmocka_unit_test(test_header_errors),  cmocka_unit_test(test_phdr_errors),
        cmocka_unit_test(test_segment_errors), cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_too_many_and_entry), cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
