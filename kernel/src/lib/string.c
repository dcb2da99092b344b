// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory routines. The compiler may emit calls to memset/memcpy for structure
 * copies even in freestanding code, so these must exist. memset and memcpy
 * move whole words where alignment allows: boot clears and copies megabytes.
 */
#include <lib/string.h>

#include <stdint.h>

void *memset(void *dst, int value, size_t n)
{
    volatile unsigned char *d = dst; /* volatile: stop GCC turning this into a memset call */
    uint64_t pattern = (unsigned char)value * 0x0101010101010101UL;
    size_t i = 0;
    for (; i < n && ((uintptr_t)(d + i) & 7) != 0; i++) {
        d[i] = (unsigned char)value;
    }
    for (; i + 8 <= n; i += 8) {
        *(volatile uint64_t *)(d + i) = pattern;
    }
    for (; i < n; i++) {
        d[i] = (unsigned char)value;
    }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    volatile unsigned char *d = dst;
    const unsigned char *s = src;
    size_t i = 0;
    if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
        /* Same alignment: bytes up to a word boundary, then whole words. */
        for (; i < n && ((uintptr_t)(d + i) & 7) != 0; i++) {
            d[i] = s[i];
        }
        for (; i + 8 <= n; i += 8) {
            *(volatile uint64_t *)(d + i) = *(const uint64_t *)(s + i);
        }
    }
    for (; i < n; i++) {
        d[i] = s[i];
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    volatile unsigned char *d = dst;
    const unsigned char *s = src;
    if ((uintptr_t)d < (uintptr_t)s) {
        for (size_t i = 0; i < n; i++) {
            d[i] = s[i];
        }
    } else {
        for (size_t i = n; i > 0; i--) {
            d[i - 1] = s[i - 1];
        }
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a;
    const unsigned char *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
        }
        if (a[i] == '\0') {
            return 0;
        }
    }
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, SIZE_MAX);
}
