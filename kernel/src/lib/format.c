// SPDX-License-Identifier: BSD-2-Clause
/*
 * printf-style formatting through a character callback. Kept deliberately
 * small: integers in decimal or hex, strings, characters and pointers, which
 * is all kernel diagnostics and test output need.
 */
#include <lib/format.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct sink {
    format_putc_fn putc;
    void *context;
    size_t count;
} sink_t;

typedef struct spec {
    unsigned width;
    bool zero_pad;
    bool left;
} spec_t;

static void emit(sink_t *s, char c)
{
    s->putc(c, s->context);
    s->count++;
}

static void emit_padded(sink_t *s, const spec_t *spec, const char *text, size_t len)
{
    char pad = (spec->zero_pad && !spec->left) ? '0' : ' ';
    size_t fill = spec->width > len ? spec->width - len : 0;
    if (!spec->left) {
        for (size_t i = 0; i < fill; i++) {
            emit(s, pad);
        }
    }
    for (size_t i = 0; i < len; i++) {
        emit(s, text[i]);
    }
    if (spec->left) {
        for (size_t i = 0; i < fill; i++) {
            emit(s, ' ');
        }
    }
}

/* Writes value in base 10 or 16 into the end of buf; returns the start. */
static char *utoa(uint64_t value, unsigned base, bool upper, char *end)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        *--p = digits[value % base];
        value /= base;
    } while (value != 0);
    return p;
}

static void emit_number(sink_t *s, spec_t *spec, uint64_t value, bool negative,
                        unsigned base, bool upper)
{
    char buf[24];
    char *end = buf + sizeof(buf);
    char *p = utoa(value, base, upper, end);
    if (negative) {
        if (spec->zero_pad && spec->width > 0) {
            emit(s, '-');
            spec->width--;
        } else {
            *--p = '-';
        }
    }
    emit_padded(s, spec, p, (size_t)(end - p));
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *parse_spec(const char *f, spec_t *spec)
{
    while (*f == '0' || *f == '-') {
        if (*f == '0') {
            spec->zero_pad = true;
        } else {
            spec->left = true;
        }
        f++;
    }
    while (is_digit(*f)) {
        spec->width = spec->width * 10 + (unsigned)(*f - '0');
        f++;
    }
    return f;
}

/* Length modifier: 0 = int, 1 = long / size_t, 2 = long long. */
static const char *parse_length(const char *f, int *length)
{
    *length = 0;
    if (*f == 'z') {
        *length = 1;
        return f + 1;
    }
    while (*f == 'l' && *length < 2) {
        (*length)++;
        f++;
    }
    return f;
}

static int64_t signed_arg(va_list *args, int length)
{
    if (length == 0) {
        return va_arg(*args, int);
    }
    return length == 1 ? va_arg(*args, long) : va_arg(*args, long long);
}

static uint64_t unsigned_arg(va_list *args, int length)
{
    if (length == 0) {
        return va_arg(*args, unsigned int);
    }
    return length == 1 ? va_arg(*args, unsigned long) : va_arg(*args, unsigned long long);
}

static void format_one(sink_t *s, char conv, spec_t *spec, int length, va_list *args)
{
    switch (conv) {
    case 'd':
    case 'i': {
        int64_t v = signed_arg(args, length);
        uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        emit_number(s, spec, magnitude, v < 0, 10, false);
        break;
    }
    case 'u':
        emit_number(s, spec, unsigned_arg(args, length), false, 10, false);
        break;
    case 'x':
    case 'X':
        emit_number(s, spec, unsigned_arg(args, length), false, 16, conv == 'X');
        break;
    case 'p':
        emit(s, '0');
        emit(s, 'x');
        emit_number(s, spec, (uint64_t)(uintptr_t)va_arg(*args, void *), false, 16, false);
        break;
    case 's': {
        const char *str = va_arg(*args, const char *);
        size_t len = 0;
        if (str == NULL) {
            str = "(null)";
        }
        while (str[len] != '\0') {
            len++;
        }
        emit_padded(s, spec, str, len);
        break;
    }
    case 'c': {
        char c = (char)va_arg(*args, int);
        emit_padded(s, spec, &c, 1);
        break;
    }
    default:
        /* '%%' and unknown conversions print themselves. */
        emit(s, conv);
        break;
    }
}

size_t format_vprint(format_putc_fn putc, void *context, const char *fmt, va_list args)
{
    sink_t s = { putc, context, 0 };
    va_list ap;
    va_copy(ap, args);
    for (const char *f = fmt; *f != '\0'; f++) {
        if (*f != '%') {
            emit(&s, *f);
            continue;
        }
        spec_t spec = { 0, false, false };
        int length;
        f = parse_spec(f + 1, &spec);
        f = parse_length(f, &length);
        if (*f == '\0') {
            break;
        }
        format_one(&s, *f, &spec, length, &ap);
    }
    va_end(ap);
    return s.count;
}

typedef struct buffer {
    char *buf;
    size_t size;
    size_t used;
} buffer_t;

static void buffer_putc(char c, void *context)
{
    buffer_t *b = context;
    if (b->used + 1 < b->size) {
        b->buf[b->used] = c;
    }
    b->used++;
}

size_t format_snprint(char *buf, size_t size, const char *fmt, ...)
{
    buffer_t b = { buf, size, 0 };
    va_list args;
    va_start(args, fmt);
    size_t n = format_vprint(buffer_putc, &b, fmt, args);
    va_end(args);
    if (size > 0) {
        buf[b.used < size ? b.used : size - 1] = '\0';
    }
    return n;
}
