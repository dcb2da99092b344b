// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the ELF64 AArch64 checks (kernel/src/kernel/elf.c). Images
 * are laid out in memory here, from the host's <elf.h> definitions rather
 * than the kernel's, and every elf_status_t is provoked: too small, bad
 * magic, class/data/version, machine, type, program header table, segments
 * out of the file or user space, overflow, entry outside executable
 * segments. For a valid image the accessors elf_entry, elf_phdr_count and
 * elf_load_segment are checked, and every single-byte corruption of the
 * headers is run through elf_check to show that what it accepts is safe.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/elf.h>

#define USER_TOP 0x0000800000000000ull /* 47-bit user space */
#define FILE_SIZE 0x2000
#define TEXT_VADDR 0x400000ull
#define DATA_VADDR 0x410000ull
#define ENTRY (TEXT_VADDR + 0x10)

/* A file image: a header, NPHDR program headers at 64 and a payload. */
enum { NPHDR = 3, PH_TEXT = 0, PH_DATA = 1, PH_STACK = 2 };

typedef struct image {
    uint8_t *data;
    size_t size;
} image_t;

static Elf64_Ehdr *ehdr(image_t *img)
{
    return (Elf64_Ehdr *)img->data;
}

static Elf64_Phdr *phdr(image_t *img, unsigned index)
{
    return (Elf64_Phdr *)(img->data + ehdr(img)->e_phoff) + index;
}

/*
 * A valid static executable:
 *   text  PT_LOAD R+X  vaddr 0x400000 offset 0x1000 filesz 0x400 memsz 0x400
 *   data  PT_LOAD R+W  vaddr 0x410000 offset 0x1400 filesz 0x100 memsz 0x2000
 *   stack PT_GNU_STACK R+W (not loaded, all zero)
 * entry 0x400010.
 */
static image_t valid_image(void)
{
    image_t img = { calloc(1, FILE_SIZE), FILE_SIZE };
    assert_non_null(img.data);
    Elf64_Ehdr *h = ehdr(&img);
    memcpy(h->e_ident, ELFMAG, SELFMAG);
    h->e_ident[EI_CLASS] = ELFCLASS64;
    h->e_ident[EI_DATA] = ELFDATA2LSB;
    h->e_ident[EI_VERSION] = EV_CURRENT;
    h->e_ident[EI_OSABI] = ELFOSABI_NONE;
    h->e_type = ET_EXEC;
    h->e_machine = EM_AARCH64;
    h->e_version = EV_CURRENT;
    h->e_entry = ENTRY;
    h->e_phoff = sizeof(Elf64_Ehdr);
    h->e_ehsize = sizeof(Elf64_Ehdr);
    h->e_phentsize = sizeof(Elf64_Phdr);
    h->e_phnum = NPHDR;
    *phdr(&img, PH_TEXT) = (Elf64_Phdr){
        .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0x1000, .p_vaddr = TEXT_VADDR,
        .p_paddr = TEXT_VADDR, .p_filesz = 0x400, .p_memsz = 0x400, .p_align = 0x1000,
    };
    *phdr(&img, PH_DATA) = (Elf64_Phdr){
        .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x1400, .p_vaddr = DATA_VADDR,
        .p_paddr = DATA_VADDR, .p_filesz = 0x100, .p_memsz = 0x2000, .p_align = 0x1000,
    };
    *phdr(&img, PH_STACK) = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W };
    memset(img.data + 0x1000, 0xD5, 0x400); /* "code" */
    memset(img.data + 0x1400, 0x11, 0x100);
    return img;
}

static void image_free(image_t *img)
{
    free(img->data);
    img->data = NULL;
}

static elf_status_t check(image_t *img)
{
    return elf_check(img->data, img->size, USER_TOP);
}

/* The status, also by name, for a clearer failure message. */
static void assert_status(image_t *img, elf_status_t expected)
{
    elf_status_t got = check(img);
    if (got != expected) {
        fail_msg("elf_check: got %d (%s), expected %d (%s)", got, elf_status_name(got),
                 expected, elf_status_name(expected));
    }
}

/* ---- A valid image and the accessors. ---- */

static void test_valid_image(void **state)
{
    (void)state;
    image_t img = valid_image();
    assert_status(&img, ELF_OK);
    assert_int_equal(elf_entry(img.data), ENTRY);
    assert_int_equal(elf_phdr_count(img.data), NPHDR);
    image_free(&img);
}

static void test_load_segment(void **state)
{
    (void)state;
    image_t img = valid_image();
    elf_segment_t seg;
    assert_true(elf_load_segment(img.data, PH_TEXT, &seg));
    assert_int_equal(seg.vaddr, TEXT_VADDR);
    assert_int_equal(seg.memsz, 0x400);
    assert_int_equal(seg.offset, 0x1000);
    assert_int_equal(seg.filesz, 0x400);
    assert_int_equal(seg.flags, ELF_PF_R | ELF_PF_X);
    assert_true(elf_load_segment(img.data, PH_DATA, &seg));
    assert_int_equal(seg.vaddr, DATA_VADDR);
    assert_int_equal(seg.memsz, 0x2000);
    assert_int_equal(seg.offset, 0x1400);
    assert_int_equal(seg.filesz, 0x100);
    assert_int_equal(seg.flags, ELF_PF_R | ELF_PF_W);

    /* Not PT_LOAD, or past the table: false, *seg untouched. */
    elf_segment_t untouched;
    memset(&untouched, 0x5A, sizeof(untouched));
    seg = untouched;
    assert_false(elf_load_segment(img.data, PH_STACK, &seg));
    assert_memory_equal(&seg, &untouched, sizeof(seg));
    /* A PT_LOAD right after the table is not part of it. */
    *phdr(&img, NPHDR) = *phdr(&img, PH_TEXT);
    assert_false(elf_load_segment(img.data, NPHDR, &seg));
    assert_false(elf_load_segment(img.data, 1000, &seg));
    assert_false(elf_load_segment(img.data, ~0u, &seg));
    assert_memory_equal(&seg, &untouched, sizeof(seg));
    image_free(&img);
}

/* The flag values the kernel defines are the gABI's. */
static void test_flag_values(void **state)
{
    (void)state;
    assert_int_equal(ELF_PF_X, PF_X);
    assert_int_equal(ELF_PF_W, PF_W);
    assert_int_equal(ELF_PF_R, PF_R);
}

/* The file may sit at any alignment (it is embedded in the kernel image). */
static void test_unaligned_file(void **state)
{
    (void)state;
    image_t img = valid_image();
    uint8_t *buf = malloc(img.size + 7);
    assert_non_null(buf);
    for (size_t shift = 1; shift < 8; shift++) {
        memcpy(buf + shift, img.data, img.size);
        assert_int_equal(elf_check(buf + shift, img.size, USER_TOP), ELF_OK);
        assert_int_equal(elf_entry(buf + shift), ENTRY);
        assert_int_equal(elf_phdr_count(buf + shift), NPHDR);
        elf_segment_t seg;
        assert_true(elf_load_segment(buf + shift, PH_DATA, &seg));
        assert_int_equal(seg.vaddr, DATA_VADDR);
    }
    free(buf);
    image_free(&img);
}

/* Segments that are not PT_LOAD are not checked (they are never loaded). */
static void test_non_load_segments_ignored(void **state)
{
    (void)state;
    image_t img = valid_image();
    Elf64_Phdr *p = phdr(&img, PH_STACK);
    p->p_offset = UINT64_MAX;
    p->p_filesz = UINT64_MAX;
    p->p_vaddr = UINT64_MAX;
    p->p_memsz = 1;
    assert_status(&img, ELF_OK);
    p->p_type = PT_NOTE;
    assert_status(&img, ELF_OK);
    image_free(&img);
}

/* ---- Each failure. ---- */

static void test_too_small(void **state)
{
    (void)state;
    image_t img = valid_image();
    assert_int_equal(elf_check(NULL, FILE_SIZE, USER_TOP), ELF_TOO_SMALL);
    assert_int_equal(elf_check(img.data, 0, USER_TOP), ELF_TOO_SMALL);
    assert_int_equal(elf_check(img.data, sizeof(Elf64_Ehdr) - 1, USER_TOP), ELF_TOO_SMALL);
    /* A bare header is big enough to be looked at; its table is not there. */
    assert_int_equal(elf_check(img.data, sizeof(Elf64_Ehdr), USER_TOP), ELF_BAD_PHDRS);
    image_free(&img);
}

static void test_bad_magic(void **state)
{
    (void)state;
    for (size_t i = 0; i < SELFMAG; i++) {
        image_t img = valid_image();
        img.data[i] ^= 0x20;
        assert_status(&img, ELF_BAD_MAGIC);
        image_free(&img);
    }
    image_t img = valid_image();
    memset(img.data, 0, SELFMAG);
    assert_status(&img, ELF_BAD_MAGIC);
    image_free(&img);
}

static void test_bad_class_data_version(void **state)
{
    (void)state;
    struct {
        size_t index;
        uint8_t value;
    } idents[] = {
        { EI_CLASS, ELFCLASS32 },  { EI_CLASS, ELFCLASSNONE }, { EI_CLASS, 3 },
        { EI_DATA, ELFDATA2MSB },  { EI_DATA, ELFDATANONE },   { EI_VERSION, EV_NONE },
        { EI_VERSION, 2 },
    };
    for (size_t i = 0; i < sizeof(idents) / sizeof(idents[0]); i++) {
        image_t img = valid_image();
        img.data[idents[i].index] = idents[i].value;
        assert_status(&img, ELF_BAD_CLASS);
        image_free(&img);
    }
    const uint32_t versions[] = { EV_NONE, 2, 0x01000000 };
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_version = versions[i];
        assert_status(&img, ELF_BAD_CLASS);
        image_free(&img);
    }
}

static void test_bad_machine(void **state)
{
    (void)state;
    const uint16_t machines[] = { EM_NONE, EM_X86_64, EM_ARM, EM_RISCV, EM_AARCH64 << 8 };
    for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_machine = machines[i];
        assert_status(&img, ELF_BAD_MACHINE);
        image_free(&img);
    }
}

static void test_bad_type(void **state)
{
    (void)state;
    const uint16_t types[] = { ET_NONE, ET_REL, ET_DYN, ET_CORE, ET_EXEC << 8 };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_type = types[i];
        assert_status(&img, ELF_BAD_TYPE);
        image_free(&img);
    }
}

static void test_bad_phentsize(void **state)
{
    (void)state;
    const uint16_t sizes[] = { 0, sizeof(Elf64_Phdr) - 1, sizeof(Elf64_Phdr) + 8,
                               sizeof(Elf32_Phdr), 0xFFFF };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_phentsize = sizes[i];
        assert_status(&img, ELF_BAD_PHDRS);
        image_free(&img);
    }
}

static void test_phdrs_out_of_file(void **state)
{
    (void)state;
    const size_t table = NPHDR * sizeof(Elf64_Phdr);
    const uint64_t offsets[] = {
        FILE_SIZE - table + 1, FILE_SIZE, FILE_SIZE + 1, UINT64_MAX, UINT64_MAX - table + 1,
        (uint64_t)1 << 63,
    };
    for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_phoff = offsets[i];
        assert_status(&img, ELF_BAD_PHDRS);
        image_free(&img);
    }
    const uint16_t counts[] = { 0, 147, 0xFFFF };
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_phnum = counts[i];
        assert_status(&img, ELF_BAD_PHDRS);
        image_free(&img);
    }
}

/* The table may end exactly at the end of the file. */
static void test_phdrs_at_end_of_file(void **state)
{
    (void)state;
    image_t img = valid_image();
    const size_t table = NPHDR * sizeof(Elf64_Phdr);
    memcpy(img.data + FILE_SIZE - table, phdr(&img, 0), table);
    memset(phdr(&img, 0), 0, table);
    ehdr(&img)->e_phoff = FILE_SIZE - table;
    assert_status(&img, ELF_OK);
    image_free(&img);
}

static void test_segment_past_file(void **state)
{
    (void)state;
    image_t img = valid_image();
    Elf64_Phdr *p = phdr(&img, PH_DATA);
    p->p_offset = FILE_SIZE - p->p_filesz; /* ends exactly at the end: fine */
    assert_status(&img, ELF_OK);
    p->p_offset++;
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_offset = FILE_SIZE;
    p->p_filesz = 0;
    assert_status(&img, ELF_OK); /* empty, at the end */
    p->p_offset = FILE_SIZE + 1;
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_offset = UINT64_MAX;
    assert_status(&img, ELF_BAD_SEGMENT);
    /* offset + filesz wraps around to a small number */
    p->p_offset = 0x1000;
    p->p_filesz = UINT64_MAX - 0xFFF + 0x10;
    p->p_memsz = UINT64_MAX;
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_offset = UINT64_MAX - 0xF;
    p->p_filesz = 0x20;
    p->p_memsz = 0x2000;
    assert_status(&img, ELF_BAD_SEGMENT);
    /* The wrap alone, with every address in user space and memsz fine. */
    p->p_offset = 0x1000;
    p->p_filesz = UINT64_MAX - 0xFFF + 0x10; /* offset + filesz == 0x10 */
    p->p_memsz = p->p_filesz;
    p->p_vaddr = 0;
    assert_int_equal(elf_check(img.data, img.size, UINT64_MAX), ELF_BAD_SEGMENT);
    p->p_filesz = 0x100;
    assert_int_equal(elf_check(img.data, img.size, UINT64_MAX), ELF_OK);
    image_free(&img);
}

static void test_filesz_greater_than_memsz(void **state)
{
    (void)state;
    image_t img = valid_image();
    Elf64_Phdr *p = phdr(&img, PH_DATA);
    p->p_memsz = p->p_filesz;
    assert_status(&img, ELF_OK);
    p->p_memsz = p->p_filesz - 1;
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_memsz = 0;
    assert_status(&img, ELF_BAD_SEGMENT);
    image_free(&img);
}

static void test_segment_above_user_top(void **state)
{
    (void)state;
    image_t img = valid_image();
    Elf64_Phdr *p = phdr(&img, PH_DATA);
    p->p_vaddr = USER_TOP - p->p_memsz; /* ends exactly at the top: fine */
    assert_status(&img, ELF_OK);
    p->p_vaddr++;
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_vaddr = USER_TOP;
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_vaddr = 0xFFFFFFFF80000000ull; /* a kernel address */
    assert_status(&img, ELF_BAD_SEGMENT);
    /* The same image is fine for a larger user space. */
    assert_int_equal(elf_check(img.data, img.size, UINT64_MAX), ELF_OK);
    /* ... and nothing fits in an empty one. */
    assert_int_equal(elf_check(img.data, img.size, 0), ELF_BAD_SEGMENT);
    image_free(&img);
}

static void test_vaddr_plus_memsz_overflow(void **state)
{
    (void)state;
    image_t img = valid_image();
    Elf64_Phdr *p = phdr(&img, PH_DATA);
    p->p_memsz = UINT64_MAX - DATA_VADDR + 0x1001; /* vaddr + memsz wraps to 0x1000 */
    assert_status(&img, ELF_BAD_SEGMENT);
    p->p_memsz = UINT64_MAX;
    assert_status(&img, ELF_BAD_SEGMENT);
    /* Even when every address is user space. */
    p->p_vaddr = UINT64_MAX - 0x1000;
    p->p_memsz = 0x2000;
    assert_int_equal(elf_check(img.data, img.size, UINT64_MAX), ELF_BAD_SEGMENT);
    image_free(&img);
}

static void test_entry_outside_executable_segments(void **state)
{
    (void)state;
    const uint64_t bad[] = {
        0,
        TEXT_VADDR - 1,
        TEXT_VADDR + 0x400, /* one past the end of text */
        DATA_VADDR,         /* inside data, which is not executable */
        DATA_VADDR + 0x1800,
        USER_TOP,
        UINT64_MAX,
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_entry = bad[i];
        assert_status(&img, ELF_BAD_ENTRY);
        image_free(&img);
    }
    const uint64_t good[] = { TEXT_VADDR, TEXT_VADDR + 0x3FF };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        image_t img = valid_image();
        ehdr(&img)->e_entry = good[i];
        assert_status(&img, ELF_OK);
        image_free(&img);
    }
}

/* The entry may be in the bss part of an executable segment (memsz, not
 * filesz, is its extent); an executable non-LOAD segment does not count. */
static void test_entry_extent(void **state)
{
    (void)state;
    image_t img = valid_image();
    phdr(&img, PH_DATA)->p_flags |= PF_X;
    ehdr(&img)->e_entry = DATA_VADDR + 0x1800;
    assert_status(&img, ELF_OK);
    image_free(&img);

    img = valid_image();
    phdr(&img, PH_TEXT)->p_type = PT_NOTE;
    assert_status(&img, ELF_BAD_ENTRY);
    image_free(&img);

    img = valid_image();
    phdr(&img, PH_STACK)->p_flags = PF_X;
    phdr(&img, PH_STACK)->p_vaddr = 0x500000;
    phdr(&img, PH_STACK)->p_memsz = 0x1000;
    ehdr(&img)->e_entry = 0x500000;
    assert_status(&img, ELF_BAD_ENTRY);
    image_free(&img);
}

/* A bad segment is reported even when the entry is also bad, and whatever
 * its place in the table. */
static void test_segment_error_takes_precedence(void **state)
{
    (void)state;
    image_t img = valid_image();
    ehdr(&img)->e_entry = 0;
    phdr(&img, PH_DATA)->p_vaddr = USER_TOP;
    assert_status(&img, ELF_BAD_SEGMENT);
    image_free(&img);
}

static void test_status_names(void **state)
{
    (void)state;
    const elf_status_t all[] = {
        ELF_OK,          ELF_TOO_SMALL,  ELF_BAD_MAGIC,   ELF_BAD_CLASS, ELF_BAD_MACHINE,
        ELF_BAD_TYPE,    ELF_BAD_PHDRS,  ELF_BAD_SEGMENT, ELF_BAD_ENTRY,
    };
    const size_t n = sizeof(all) / sizeof(all[0]);
    for (size_t i = 0; i < n; i++) {
        const char *name = elf_status_name(all[i]);
        assert_non_null(name);
        assert_true(strlen(name) > 1);
        assert_string_not_equal(name, "?");
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(name, elf_status_name(all[j]));
        }
    }
    assert_string_equal(elf_status_name(ELF_OK), "ok");
    assert_string_equal(elf_status_name((elf_status_t)(ELF_BAD_ENTRY + 1)), "?");
    assert_string_equal(elf_status_name((elf_status_t)1000), "?");
    assert_string_equal(elf_status_name((elf_status_t)-1), "?");
}

/* ---- Corruption. ---- */

/* Whatever elf_check accepts can be loaded without leaving the file or user
 * space. Each byte of the headers is set to a few telling values. */
static void test_every_header_byte_corrupted(void **state)
{
    (void)state;
    image_t ref = valid_image();
    const size_t headers = sizeof(Elf64_Ehdr) + NPHDR * sizeof(Elf64_Phdr);
    const uint8_t values[] = { 0x00, 0x01, 0x02, 0x07, 0x40, 0x7F, 0x80, 0xFE, 0xFF };
    unsigned accepted = 0;
    for (size_t at = 0; at < headers; at++) {
        for (size_t v = 0; v < sizeof(values); v++) {
            image_t img = { malloc(ref.size), ref.size };
            assert_non_null(img.data);
            memcpy(img.data, ref.data, ref.size);
            img.data[at] = values[v];
            if (check(&img) == ELF_OK) {
                accepted++;
                unsigned n = elf_phdr_count(img.data);
                assert_true(n > 0);
                uint64_t entry = elf_entry(img.data);
                bool entry_found = false;
                for (unsigned i = 0; i < n; i++) {
                    elf_segment_t seg;
                    if (!elf_load_segment(img.data, i, &seg)) {
                        continue;
                    }
                    assert_true(seg.filesz <= seg.memsz);
                    assert_true(seg.offset <= img.size && seg.filesz <= img.size - seg.offset);
                    assert_true(seg.vaddr < USER_TOP && seg.memsz <= USER_TOP - seg.vaddr);
                    if ((seg.flags & ELF_PF_X) && entry >= seg.vaddr &&
                        entry - seg.vaddr < seg.memsz) {
                        entry_found = true;
                    }
                }
                assert_true(entry_found);
            }
            image_free(&img);
        }
    }
    assert_true(accepted > 0);
    image_free(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_image),
        cmocka_unit_test(test_load_segment),
        cmocka_unit_test(test_flag_values),
        cmocka_unit_test(test_unaligned_file),
        cmocka_unit_test(test_non_load_segments_ignored),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_bad_magic),
        cmocka_unit_test(test_bad_class_data_version),
        cmocka_unit_test(test_bad_machine),
        cmocka_unit_test(test_bad_type),
        cmocka_unit_test(test_bad_phentsize),
        cmocka_unit_test(test_phdrs_out_of_file),
        cmocka_unit_test(test_phdrs_at_end_of_file),
        cmocka_unit_test(test_segment_past_file),
        cmocka_unit_test(test_filesz_greater_than_memsz),
        cmocka_unit_test(test_segment_above_user_top),
        cmocka_unit_test(test_vaddr_plus_memsz_overflow),
        cmocka_unit_test(test_entry_outside_executable_segments),
        cmocka_unit_test(test_entry_extent),
        cmocka_unit_test(test_segment_error_takes_precedence),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_every_header_byte_corrupted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
