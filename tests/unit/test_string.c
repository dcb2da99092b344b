// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the kernel's memset and memcpy (kernel/src/lib/string.c),
 * which move whole words between a byte-wise head and tail: every length from
 * 0 to 200 at every destination (and source) offset within a word, against a
 * byte-by-byte reference, with guard bytes on both sides that must stay
 * untouched. The kernel's functions are compiled here under other names
 * (kstring_*), beside the host's own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

void *kstring_memset(void *dst, int value, size_t n);
void *kstring_memcpy(void *dst, const void *src, size_t n);

#define MAX_LEN 200
#define GUARD 24
#define BUFFER (GUARD + 16 + MAX_LEN + GUARD)
#define GUARD_BYTE 0xA5

/* Word-aligned buffers, so an offset is an offset within a word. */
static _Alignas(16) unsigned char dst_buf[BUFFER];
static _Alignas(16) unsigned char ref_buf[BUFFER];
static _Alignas(16) unsigned char src_buf[BUFFER];

static void fill_pattern(unsigned char *b, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        b[i] = (unsigned char)(seed + i * 7);
    }
}

static void check_memset(size_t offset, size_t len, int value)
{
    memset(dst_buf, GUARD_BYTE, sizeof(dst_buf));
    memset(ref_buf, GUARD_BYTE, sizeof(ref_buf));
    unsigned char *d = dst_buf + GUARD + offset;
    for (size_t i = 0; i < len; i++) {
        ref_buf[GUARD + offset + i] = (unsigned char)value;
    }
    assert_ptr_equal(kstring_memset(d, value, len), d);
    assert_memory_equal(dst_buf, ref_buf, sizeof(dst_buf));
}

/* Every length at every alignment; values whose byte is 0, 0xff, and one
 * where only the low byte of the int counts. */
static void test_memset_lengths_and_offsets(void **state)
{
    (void)state;
    static const int values[] = { 0, 0xff, 0x3c, 0x1234 };
    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
        for (size_t offset = 0; offset < 16; offset++) {
            for (size_t len = 0; len <= MAX_LEN; len++) {
                check_memset(offset, len, values[v]);
            }
        }
    }
}

static void check_memcpy(size_t dst_offset, size_t src_offset, size_t len)
{
    memset(dst_buf, GUARD_BYTE, sizeof(dst_buf));
    fill_pattern(src_buf, sizeof(src_buf), (unsigned)(dst_offset * 31 + src_offset));
    memcpy(ref_buf, dst_buf, sizeof(ref_buf));
    const unsigned char *s = src_buf + GUARD + src_offset;
    for (size_t i = 0; i < len; i++) {
        ref_buf[GUARD + dst_offset + i] = s[i];
    }
    unsigned char *d = dst_buf + GUARD + dst_offset;
    assert_ptr_equal(kstring_memcpy(d, s, len), d);
    assert_memory_equal(dst_buf, ref_buf, sizeof(dst_buf));
}

/* Same alignment (the word loop) and different alignment (bytes only). */
static void test_memcpy_lengths_and_offsets(void **state)
{
    (void)state;
    for (size_t dst_offset = 0; dst_offset < 16; dst_offset++) {
        for (size_t src_offset = 0; src_offset < 16; src_offset++) {
            for (size_t len = 0; len <= MAX_LEN; len++) {
                check_memcpy(dst_offset, src_offset, len);
            }
        }
    }
}

/* A large aligned copy and clear, as boot does them. */
static void test_large_blocks(void **state)
{
    (void)state;
    enum { BIG = 1 << 16 };
    static _Alignas(16) unsigned char a[BIG + 16];
    static _Alignas(16) unsigned char b[BIG + 16];
    fill_pattern(a, sizeof(a), 3);
    memset(b, 0, sizeof(b));
    kstring_memcpy(b + 8, a + 8, BIG);
    assert_memory_equal(b + 8, a + 8, BIG);
    assert_int_equal(b[7], 0);
    assert_int_equal(b[BIG + 8], 0);
    kstring_memset(a, 0, BIG);
    for (size_t i = 0; i < BIG; i++) {
        assert_int_equal(a[i], 0);
    }
    assert_int_equal(a[BIG], (unsigned char)(3 + BIG * 7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memset_lengths_and_offsets),
        cmocka_unit_test(test_memcpy_lengths_and_offsets),
        cmocka_unit_test(test_large_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
