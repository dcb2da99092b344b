// SPDX-License-Identifier: BSD-2-Clause
/*
 * Checks the arm64 Image header (Linux Documentation/arch/arm64/booting.rst)
 * of the boot images the board sub-builds produce, given as arguments: code0
 * is a branch, text_offset is 0x80000, image_size covers the file and is a
 * multiple of 4 KiB, flags say little-endian, 4 KiB pages, anywhere in RAM
 * (0xA), and the magic "ARM\x64" is at byte 56. A missing or short image is a
 * failure, never a skip: the images are the product under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_SIZE 64

static int image_count;
static char **image_paths;

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static uint64_t le64(const uint8_t *p)
{
    return (uint64_t)le32(p) | ((uint64_t)le32(p + 4) << 32);
}

/* Reads the header and the file size; fails the test if it cannot. */
static void read_header(const char *path, uint8_t header[HEADER_SIZE], uint64_t *file_size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fail_msg("%s: cannot open (was the board sub-build built?)", path);
    }
    size_t n = fread(header, 1, HEADER_SIZE, f);
    int seek = fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    if (n != HEADER_SIZE || seek != 0 || size < HEADER_SIZE) {
        fail_msg("%s: shorter than an Image header", path);
    }
    *file_size = (uint64_t)size;
}

static void check_image(void **state)
{
    const char *path = *state;
    uint8_t h[HEADER_SIZE];
    uint64_t file_size = 0;
    read_header(path, h, &file_size);

    /* code0: an unconditional branch (B imm26, opcode 0b000101) to the
     * real entry, forwards and past the header. */
    uint32_t code0 = le32(h + 0);
    if ((code0 >> 26) != 0x05) {
        fail_msg("%s: code0 0x%08x is not a B instruction", path, code0);
    }
    uint32_t imm26 = code0 & 0x03FFFFFF;
    assert_true(imm26 < (1u << 25));                  /* forwards */
    assert_true((uint64_t)imm26 * 4 >= HEADER_SIZE);  /* past the header */
    assert_true((uint64_t)imm26 * 4 < file_size);     /* into the image */

    uint64_t text_offset = le64(h + 8);
    if (text_offset != 0x80000) {
        fail_msg("%s: text_offset 0x%llx, expected 0x80000", path,
                 (unsigned long long)text_offset);
    }
    uint64_t image_size = le64(h + 16);
    if (image_size < file_size || image_size % 4096 != 0) {
        fail_msg("%s: image_size 0x%llx for a file of 0x%llx bytes", path,
                 (unsigned long long)image_size, (unsigned long long)file_size);
    }
    uint64_t flags = le64(h + 24);
    if (flags != 0xA) {
        fail_msg("%s: flags 0x%llx, expected 0xa", path, (unsigned long long)flags);
    }
    /* res2, res3 and res4 are reserved, zero. */
    for (size_t i = 32; i < 56; i++) {
        assert_int_equal(h[i], 0);
    }
    if (memcmp(h + 56, "ARM\x64", 4) != 0) {
        fail_msg("%s: no \"ARM\\x64\" magic at byte 56", path);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s boot.img...\n", argv[0]);
        return 1;
    }
    image_count = argc - 1;
    image_paths = argv + 1;
    struct CMUnitTest *tests = calloc((size_t)image_count, sizeof(*tests));
    if (tests == NULL) {
        return 1;
    }
    for (int i = 0; i < image_count; i++) {
        tests[i] = (struct CMUnitTest){
            .name = image_paths[i],
            .test_func = check_image,
            .initial_state = image_paths[i],
        };
    }
    int failed = _cmocka_run_group_tests("image_header", tests, (size_t)image_count, NULL, NULL);
    free(tests);
    return failed;
}
