// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the root-server library's newc CPIO reader
 * (rootserver/lib/cpio.c): an archive written by `cpio -o -H newc` at build
 * time (its path is argv[1]), archives written here member by member, and
 * malformed ones: truncated headers, bad magic, fields that are not hex,
 * names not NUL-terminated or running past the end, data past the end, no
 * trailer. Every truncation of a good archive is also tried.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rootserver/cpio.h>

static const char *archive_path;

typedef struct buffer {
    char data[4096];
    size_t size;
} buffer_t;

static void pad4(buffer_t *b)
{
    while (b->size % 4 != 0) {
        b->data[b->size++] = '\0';
    }
}

/* One newc member; namesize counts the NUL unless told otherwise. */
static void add_raw(buffer_t *b, const char *name, size_t namesize, const void *data, size_t size)
{
    char header[111];
    snprintf(header, sizeof(header),
             "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x", 1u, 0100644u, 0u,
             0u, 1u, 0u, size, 0u, 0u, 0u, 0u, namesize, 0u);
    memcpy(b->data + b->size, header, 110);
    b->size += 110;
    memcpy(b->data + b->size, name, strlen(name) + 1);
    b->size += namesize;
    pad4(b);
    memcpy(b->data + b->size, data, size);
    b->size += size;
    pad4(b);
}

static void add(buffer_t *b, const char *name, const char *text)
{
    add_raw(b, name, strlen(name) + 1, text, strlen(text));
}

static buffer_t *two_files(void)
{
    buffer_t *b = calloc(1, sizeof(*b));
    assert_non_null(b);
    add(b, "first", "one");
    add(b, "./second.bin", "the second file");
    add(b, "TRAILER!!!", "");
    return b;
}

static void test_iterate(void **state)
{
    (void)state;
    buffer_t *b = two_files();
    size_t offset = 0;
    rs_cpio_entry_t e;
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_OK);
    assert_string_equal(e.name, "first");
    assert_int_equal(e.size, 3);
    assert_memory_equal(e.data, "one", 3);
    assert_int_equal((uintptr_t)e.data % 4, (uintptr_t)b->data % 4);
    assert_int_equal(e.mode, 0100644);
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_OK);
    assert_string_equal(e.name, "./second.bin");
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_END);
    assert_int_equal(offset, b->size);
    free(b);
}

static void test_find(void **state)
{
    (void)state;
    buffer_t *b = two_files();
    rs_cpio_entry_t e;
    assert_int_equal(rs_cpio_find(b->data, b->size, "second.bin", &e), RS_CPIO_OK);
    assert_int_equal(e.size, 15);
    assert_memory_equal(e.data, "the second file", 15);
    assert_int_equal(rs_cpio_find(b->data, b->size, "./first", &e), RS_CPIO_OK);
    assert_int_equal(rs_cpio_find(b->data, b->size, "secon", &e), RS_CPIO_NOT_FOUND);
    assert_int_equal(rs_cpio_find(b->data, b->size, "second.bin2", &e), RS_CPIO_NOT_FOUND);
    free(b);
}

static void test_truncated(void **state)
{
    (void)state;
    buffer_t *b = two_files();
    rs_cpio_entry_t e;
    /* Every prefix short of the whole archive lacks the trailer. */
    for (size_t size = 0; size < b->size; size++) {
        rs_cpio_error_t err = rs_cpio_find(b->data, size, "nothing", &e);
        assert_int_not_equal(err, RS_CPIO_NOT_FOUND);
        assert_int_not_equal(err, RS_CPIO_OK);
    }
    assert_int_equal(rs_cpio_find(b->data, 0, "first", &e), RS_CPIO_TRUNCATED);
    assert_int_equal(rs_cpio_find(b->data, 109, "first", &e), RS_CPIO_TRUNCATED);
    assert_int_equal(rs_cpio_find(b->data, 112, "first", &e), RS_CPIO_NAME_PAST_END);
    assert_int_equal(rs_cpio_find(b->data, 118, "first", &e), RS_CPIO_DATA_PAST_END);
    free(b);
}

static void test_bad_headers(void **state)
{
    (void)state;
    buffer_t *b = two_files();
    rs_cpio_entry_t e;
    size_t offset = 0;
    b->data[5] = '7'; /* "070707" is the old portable format */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_BAD_MAGIC);
    b->data[5] = '2'; /* "070702": newc with checksums, same layout */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_OK);
    b->data[5] = '1';
    offset = 0;
    b->data[6 + 8 * 6 + 3] = 'g'; /* filesize not hex */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_BAD_FIELD);
    free(b);
}

static void test_bad_names(void **state)
{
    (void)state;
    buffer_t *b = calloc(1, sizeof(*b));
    assert_non_null(b);
    rs_cpio_entry_t e;
    size_t offset = 0;
    add_raw(b, "name", 4, "x", 1); /* namesize leaves out the NUL */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_BAD_NAME);
    b->size = 0;
    add_raw(b, "", 0, "x", 1); /* namesize 0 */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_BAD_NAME);
    b->size = 0;
    add(b, "name", "x");
    memcpy(b->data + 6 + 8 * 11, "7fffffff", 8); /* name size far past the end */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_NAME_PAST_END);
    memcpy(b->data + 6 + 8 * 11, "00000005", 8);
    memcpy(b->data + 6 + 8 * 6, "ffffffff", 8); /* file size far past the end */
    assert_int_equal(rs_cpio_next(b->data, b->size, &offset, &e), RS_CPIO_DATA_PAST_END);
    free(b);
}

static void test_no_trailer(void **state)
{
    (void)state;
    buffer_t *b = calloc(1, sizeof(*b));
    assert_non_null(b);
    add(b, "only", "data");
    rs_cpio_entry_t e;
    assert_int_equal(rs_cpio_find(b->data, b->size, "missing", &e), RS_CPIO_TRUNCATED);
    assert_int_equal(rs_cpio_find(b->data, b->size, "only", &e), RS_CPIO_OK);
    free(b);
}

/* The archive cpio(1) wrote at build time: hello.txt and sub/data.bin. */
static void test_real_archive(void **state)
{
    (void)state;
    FILE *f = fopen(archive_path, "rb");
    assert_non_null(f);
    static char data[65536];
    size_t size = fread(data, 1, sizeof(data), f);
    fclose(f);
    rs_cpio_entry_t e;
    assert_int_equal(rs_cpio_find(data, size, "hello.txt", &e), RS_CPIO_OK);
    assert_int_equal(e.size, 14);
    assert_memory_equal(e.data, "Hello, Cairn!\n", 14);
    assert_int_equal(rs_cpio_find(data, size, "sub/data.bin", &e), RS_CPIO_OK);
    assert_int_equal(e.size, 5);
    assert_int_equal(rs_cpio_find(data, size, "sub/none", &e), RS_CPIO_NOT_FOUND);
    size_t offset = 0, members = 0;
    rs_cpio_error_t err;
    while ((err = rs_cpio_next(data, size, &offset, &e)) == RS_CPIO_OK) {
        members++;
    }
    assert_int_equal(err, RS_CPIO_END);
    assert_int_equal(members, 3); /* hello.txt, sub, sub/data.bin */
}

static void test_strerror(void **state)
{
    (void)state;
    for (int e = RS_CPIO_OK; e <= RS_CPIO_NOT_FOUND; e++) {
        assert_string_not_equal(rs_cpio_strerror((rs_cpio_error_t)e), "unknown CPIO error");
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s <archive.cpio>\n", argv[0]);
        return 2;
    }
    archive_path = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iterate),     cmocka_unit_test(test_find),
        cmocka_unit_test(test_truncated),   cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_bad_names),   cmocka_unit_test(test_no_trailer),
        cmocka_unit_test(test_real_archive), cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
