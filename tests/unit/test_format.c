// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the kernel's printf-style formatter (kernel/src/lib/format.c):
 * every conversion (%d %i %u %x %X %p %s %c %%), the l, ll and z modifiers,
 * widths with the '0' and '-' flags, extreme values, NULL strings, the
 * callback interface (format_vprint) and format_snprint's truncation,
 * NUL-termination and return value. Where the formatter promises printf's
 * behaviour the host's snprintf is the reference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <lib/format.h>

/* ---- Helpers. ---- */

typedef struct capture {
    char text[512];
    size_t len;
    size_t calls;
} capture_t;

static void capture_putc(char c, void *context)
{
    capture_t *cap = context;
    if (cap->len < sizeof(cap->text)) {
        cap->text[cap->len++] = c;
    }
    cap->calls++;
}

/* Formats through format_vprint into a capture. No format attribute, so that
 * deliberately odd formats can be tested without compiler warnings. */
static size_t vrender(capture_t *cap, const char *fmt, va_list args)
{
    memset(cap, 0, sizeof(*cap));
    return format_vprint(capture_putc, cap, fmt, args);
}

static size_t render(capture_t *cap, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    size_t n = vrender(cap, fmt, args);
    va_end(args);
    return n;
}

/* Checks that fmt with the following arguments prints exactly expected, and
 * that the count returned and the callback calls agree with it. */
static void check(const char *expected, const char *fmt, ...)
{
    capture_t cap;
    va_list args;
    va_start(args, fmt);
    size_t n = vrender(&cap, fmt, args);
    va_end(args);
    size_t len = strlen(expected);
    if (cap.len != len || memcmp(cap.text, expected, len) != 0) {
        fail_msg("format \"%s\": got \"%.*s\", expected \"%s\"", fmt, (int)cap.len, cap.text,
                 expected);
    }
    assert_int_equal(n, len);
    assert_int_equal(cap.calls, len);
}

/* ---- Conversions. ---- */

static void test_plain_text(void **state)
{
    (void)state;
    check("", "");
    check("hello, world\n", "hello, world\n");
    check("100%", "100%%");
    check("%", "%%");
    check("%%", "%%%%");
    check("a%b", "a%%b");
}

static void test_signed_decimal(void **state)
{
    (void)state;
    check("0", "%d", 0);
    check("42", "%d", 42);
    check("-42", "%d", -42);
    check("-1", "%d", -1);
    check("2147483647", "%d", INT_MAX);
    check("-2147483648", "%d", INT_MIN);
    check("7 -7", "%i %i", 7, -7);
    check("2147483647", "%i", INT_MAX);
    check("-2147483648", "%i", INT_MIN);
}

static void test_unsigned_decimal(void **state)
{
    (void)state;
    check("0", "%u", 0u);
    check("42", "%u", 42u);
    check("4294967295", "%u", UINT_MAX);
    check("2147483648", "%u", (unsigned)INT_MAX + 1u);
}

static void test_hex(void **state)
{
    (void)state;
    check("0", "%x", 0u);
    check("deadbeef", "%x", 0xdeadbeefu);
    check("DEADBEEF", "%X", 0xdeadbeefu);
    check("abcdef0123456789", "%llx", 0xabcdef0123456789ull);
    check("ABCDEF0123456789", "%llX", 0xabcdef0123456789ull);
    check("ffffffff", "%x", UINT_MAX);
    check("ffffffff", "%x", -1); /* an int read as unsigned */
    check("a", "%x", 10u);
    check("F", "%X", 15u);
}

static void test_pointer(void **state)
{
    (void)state;
    check("0x1234", "%p", (void *)0x1234);
    check("0xffffffff80080000", "%p", (void *)(uintptr_t)0xffffffff80080000ull);
    check("0x0", "%p", (void *)NULL);
    /* The width and flags apply to the digits after "0x". */
    check("0x00001234", "%08p", (void *)0x1234);
}

static void test_string(void **state)
{
    (void)state;
    check("abc", "%s", "abc");
    check("", "%s", "");
    check("(null)", "%s", (const char *)NULL);
    check("[(null)]", "[%s]", (const char *)NULL);
    check("a-b-c", "%s-%s-%s", "a", "b", "c");
    check("  abc", "%5s", "abc");
    check("abc  |", "%-5s|", "abc");
    check("abcdef", "%3s", "abcdef"); /* width is a minimum, no precision */
    check("    (null)", "%10s", (const char *)NULL);
}

static void test_char(void **state)
{
    (void)state;
    check("A", "%c", 'A');
    check("xyz", "%c%c%c", 'x', 'y', 'z');
    check("  A", "%3c", 'A');
    check("A  |", "%-3c|", 'A');
    check("%", "%c", '%');
    /* A NUL character is output and counted like any other. */
    capture_t cap;
    assert_int_equal(render(&cap, "a%cb", 0), 3);
    assert_int_equal(cap.len, 3);
    assert_memory_equal(cap.text, "a\0b", 3);
}

/* ---- Length modifiers. ---- */

static void test_long(void **state)
{
    (void)state;
    check("-9223372036854775808", "%ld", LONG_MIN);
    check("9223372036854775807", "%ld", LONG_MAX);
    check("18446744073709551615", "%lu", ULONG_MAX);
    check("ffffffffffffffff", "%lx", ULONG_MAX);
    check("FFFFFFFFFFFFFFFF", "%lX", ULONG_MAX);
    check("-1", "%li", -1L);
    check("4294967296", "%lu", 4294967296ul);
}

static void test_long_long(void **state)
{
    (void)state;
    check("-9223372036854775808", "%lld", (long long)INT64_MIN);
    check("9223372036854775807", "%lld", (long long)INT64_MAX);
    check("-9223372036854775808", "%lli", (long long)INT64_MIN);
    check("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
    check("ffffffffffffffff", "%llx", (unsigned long long)UINT64_MAX);
    check("-4294967296", "%lld", -4294967296ll);
    check("0", "%lld", 0ll);
}

static void test_size_t(void **state)
{
    (void)state;
    check("18446744073709551615", "%zu", SIZE_MAX);
    check("ffffffffffffffff", "%zx", SIZE_MAX);
    check("4096", "%zu", (size_t)4096);
    check("-1", "%zd", (ptrdiff_t)-1);
    check("0", "%zu", (size_t)0);
}

/* A modifier must consume the full 64-bit argument, or the next argument
 * is read from the wrong place. */
static void test_modifier_argument_sizes(void **state)
{
    (void)state;
    check("1 2 3 4 5", "%d %ld %lld %zu %d", 1, 2L, 3LL, (size_t)4, 5);
    check("100000000 x 200000000", "%lx %c %llx", 0x100000000ul, 'x', 0x200000000ull);
    check("-1 4294967295 -1", "%d %u %lld", -1, UINT_MAX, -1LL);
}

/* ---- Widths and flags. ---- */

static void test_width(void **state)
{
    (void)state;
    check("   42", "%5d", 42);
    check("  -42", "%5d", -42);
    check("42", "%1d", 42);
    check("12345", "%3d", 12345);
    check("       beef", "%11x", 0xbeefu);
    check("0000000000000000000042", "%022d", 42);
    check("                    ok", "%22s", "ok");
    check("|    0|", "|%5u|", 0u);
}

static void test_zero_flag(void **state)
{
    (void)state;
    check("00042", "%05d", 42);
    check("-0042", "%05d", -42);
    check("0000beef", "%08x", 0xbeefu);
    check("0000BEEF", "%08X", 0xbeefu);
    check("00000000deadbeef", "%016llx", 0xdeadbeefull);
    check("-000000000000000000009223372036854775808", "%040lld", (long long)INT64_MIN);
    check("12345", "%03d", 12345);
    check("-12345", "%03d", -12345);
    check("0", "%00d", 0);
}

static void test_minus_flag(void **state)
{
    (void)state;
    check("42   |", "%-5d|", 42);
    check("-42  |", "%-5d|", -42);
    check("beef    |", "%-8x|", 0xbeefu);
    check("18446744073709551615|", "%-5llu|", (unsigned long long)UINT64_MAX);
}

/* '-' wins over '0' in either order: spaces on the right. */
static void test_minus_and_zero_flags(void **state)
{
    (void)state;
    capture_t cap;
    assert_int_equal(render(&cap, "%-05d|", 42), 6);
    assert_memory_equal(cap.text, "42   |", 6);
    assert_int_equal(render(&cap, "%0-5d|", 42), 6);
    assert_memory_equal(cap.text, "42   |", 6);
    assert_int_equal(render(&cap, "%-05d|", -42), 6);
    assert_memory_equal(cap.text, "-42  |", 6);
    assert_int_equal(render(&cap, "%-05s|", "ab"), 6);
    assert_memory_equal(cap.text, "ab   |", 6);
}

/* Against the host's printf for the formats both define the same way. */
static void test_matches_host_printf(void **state)
{
    (void)state;
    static const long long values[] = {
        0, 1, -1, 9, 10, -10, 99, 100, 255, 256, -255, 4095, 4096, 65535, -65536,
        INT_MAX, INT_MIN, (long long)UINT_MAX, INT64_MAX, INT64_MIN, 0x123456789abcdefll,
    };
    static const char *const flags[] = { "", "0", "-" };
    static const char *const widths[] = { "", "1", "3", "8", "21", "25" };
    static const char convs[] = { 'd', 'i', 'u', 'x', 'X' };
    char fmt[32];
    char want[128];
    char got[128];
    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
        for (size_t f = 0; f < 3; f++) {
            for (size_t w = 0; w < 6; w++) {
                for (size_t c = 0; c < sizeof(convs); c++) {
                    snprintf(fmt, sizeof(fmt), "%%%s%sll%c", flags[f], widths[w], convs[c]);
                    int n = snprintf(want, sizeof(want), fmt, values[v]);
                    capture_t cap;
                    size_t m = render(&cap, fmt, values[v]);
                    memcpy(got, cap.text, cap.len);
                    got[cap.len] = '\0';
                    if (strcmp(got, want) != 0 || m != (size_t)n) {
                        fail_msg("%s of %lld: got \"%s\", printf gives \"%s\"", fmt, values[v],
                                 got, want);
                    }
                    /* The int-sized conversion of the low 32 bits. */
                    snprintf(fmt, sizeof(fmt), "%%%s%s%c", flags[f], widths[w], convs[c]);
                    n = snprintf(want, sizeof(want), fmt, (int)values[v]);
                    m = render(&cap, fmt, (int)values[v]);
                    memcpy(got, cap.text, cap.len);
                    got[cap.len] = '\0';
                    if (strcmp(got, want) != 0 || m != (size_t)n) {
                        fail_msg("%s of %d: got \"%s\", printf gives \"%s\"", fmt,
                                 (int)values[v], got, want);
                    }
                }
            }
        }
    }
}

static void test_mixed_arguments(void **state)
{
    (void)state;
    check("cpu 3: x=-7 y=0x0000ff name=idle c=Z 100%",
          "cpu %u: x=%d y=0x%06x name=%s c=%c 100%%", 3u, -7, 0xffu, "idle", 'Z');
    check("ESR 0x0000000096000045  FAR  0xffffffffdead0000",
          "ESR 0x%016lx  FAR  0x%016lx", 0x96000045ul, 0xffffffffdead0000ul);
}

/* Unknown conversions print themselves; a lone '%' at the end prints
 * nothing; flags and modifiers before the end are dropped. */
static void test_odd_formats(void **state)
{
    (void)state;
    check("q", "%q");
    check("abc", "abc%");
    check("abc", "abc%05");
    check("abc", "abc%ll");
    check("abc", "abc%-");
    check("[y]", "[%5y]");
}

/* ---- The callback interface. ---- */

static void test_vprint_callback_and_context(void **state)
{
    (void)state;
    capture_t cap;
    size_t n = render(&cap, "%s=%d", "answer", 42);
    assert_int_equal(n, 9);
    assert_int_equal(cap.calls, 9);
    assert_memory_equal(cap.text, "answer=42", 9);
    /* Nothing is emitted for an empty format. */
    assert_int_equal(render(&cap, ""), 0);
    assert_int_equal(cap.calls, 0);
}

/* format_vprint works on its own copy: the caller's va_list is usable for a
 * second pass after va_end/va_start. */
static size_t twice(capture_t *a, capture_t *b, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    size_t n = vrender(a, fmt, args);
    va_end(args);
    va_start(args, fmt);
    size_t m = vrender(b, fmt, args);
    va_end(args);
    assert_int_equal(n, m);
    return n;
}

static void test_vprint_reusable_va_list(void **state)
{
    (void)state;
    capture_t a;
    capture_t b;
    size_t n = twice(&a, &b, "%lld/%s/%c", (long long)INT64_MIN, "x", 'y');
    assert_int_equal(n, 24);
    assert_memory_equal(a.text, "-9223372036854775808/x/y", 24);
    assert_memory_equal(b.text, a.text, 24);
}

/* ---- format_snprint. ---- */

static void test_snprint_fits(void **state)
{
    (void)state;
    char buf[32];
    memset(buf, '#', sizeof(buf));
    assert_int_equal(format_snprint(buf, sizeof(buf), "%s %d", "abc", -12), 7);
    assert_string_equal(buf, "abc -12");
    assert_int_equal(buf[8], '#'); /* nothing written past the NUL */

    memset(buf, '#', sizeof(buf));
    assert_int_equal(format_snprint(buf, 8, "%s %d", "abc", -12), 7); /* exactly fits */
    assert_string_equal(buf, "abc -12");
    assert_int_equal(buf[8], '#');

    assert_int_equal(format_snprint(buf, sizeof(buf), "%s", ""), 0);
    assert_string_equal(buf, "");
}

static void test_snprint_truncates(void **state)
{
    (void)state;
    char buf[16];
    for (size_t size = 1; size <= 8; size++) {
        memset(buf, '#', sizeof(buf));
        /* The return value is the full length, whatever the buffer. */
        assert_int_equal(format_snprint(buf, size, "%s-%05d", "abc", 42), 9);
        assert_int_equal(strlen(buf), size - 1);
        assert_memory_equal(buf, "abc-00042", size - 1);
        for (size_t i = size; i < sizeof(buf); i++) {
            assert_int_equal(buf[i], '#');
        }
    }
}

static void test_snprint_size_one(void **state)
{
    (void)state;
    char buf[4] = { '#', '#', '#', '#' };
    assert_int_equal(format_snprint(buf, 1, "%lld", (long long)INT64_MIN), 20);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], '#');
}

static void test_snprint_size_zero(void **state)
{
    (void)state;
    char buf[4] = { '#', '#', '#', '#' };
    assert_int_equal(format_snprint(buf, 0, "%s", "hello"), 5);
    assert_memory_equal(buf, "####", 4);
    /* With size 0 the buffer is never touched, so it may be NULL. */
    assert_int_equal(format_snprint(NULL, 0, "%d items", 12345), 11);
}

/* The host's snprintf, out of sight of the compiler's truncation warnings. */
static int host_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}

/* Truncation in the middle of padding and of a number matches snprintf. */
static void test_snprint_matches_host(void **state)
{
    (void)state;
    char want[64];
    char got[64];
    for (size_t size = 0; size <= 24; size++) {
        memset(want, '#', sizeof(want));
        memset(got, '#', sizeof(got));
        int n = host_snprintf(want, size, "[%-6s|%08x|%lld]", "ab", 0xc0ffeeu, -123456789LL);
        size_t m = format_snprint(got, size, "[%-6s|%08x|%lld]", "ab", 0xc0ffeeu, -123456789LL);
        assert_int_equal(m, (size_t)n);
        assert_memory_equal(got, want, sizeof(got));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_signed_decimal),
        cmocka_unit_test(test_unsigned_decimal),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_pointer),
        cmocka_unit_test(test_string),
        cmocka_unit_test(test_char),
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_long_long),
        cmocka_unit_test(test_size_t),
        cmocka_unit_test(test_modifier_argument_sizes),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_zero_flag),
        cmocka_unit_test(test_minus_flag),
        cmocka_unit_test(test_minus_and_zero_flags),
        cmocka_unit_test(test_matches_host_printf),
        cmocka_unit_test(test_mixed_arguments),
        cmocka_unit_test(test_odd_formats),
        cmocka_unit_test(test_vprint_callback_and_context),
        cmocka_unit_test(test_vprint_reusable_va_list),
        cmocka_unit_test(test_snprint_fits),
        cmocka_unit_test(test_snprint_truncates),
        cmocka_unit_test(test_snprint_size_one),
        cmocka_unit_test(test_snprint_size_zero),
        cmocka_unit_test(test_snprint_matches_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
