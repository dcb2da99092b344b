// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory routines. The compiler emits calls to memset and memcpy for
 * structure copies and clears even in freestanding code, so these must exist,
 * and boot clears and copies megabytes with them. Both move whole 64-bit words,
 * four to an iteration (GCC pairs them into stp/ldp), between a byte-wise head
 * that reaches 8-byte alignment and a byte-wise tail. Every access is aligned
 * to its size: the kernel may run these with the MMU off, where all memory is
 * Device memory and an unaligned access faults (Arm ARM B2.5.2).
 *
 * Nothing here may become a call to memset or memcpy itself: CMake compiles
 * this file with -fno-tree-loop-distribute-patterns for GCC, and clang does
 * not turn loops into calls inside functions of these names.
 */
#include <lib/string.h>

#include <stdint.h>

#define WORD 8UL
#define BLOCK (4 * WORD) /* one iteration of the main loops */
#define WORD_MISALIGNED(p) (((uintptr_t)(p)) & (WORD - 1))

/* A word that may alias whatever the caller's bytes are. */
typedef uint64_t __attribute__((may_alias)) alias_word_t;

void *memset(void *dst, int value, size_t n)
{
    unsigned char *d = dst;
    unsigned char byte = (unsigned char)value;
    while (n > 0 && WORD_MISALIGNED(d) != 0) {
        *d++ = byte;
        n--;
    }
    uint64_t pattern = byte * 0x0101010101010101UL;
    alias_word_t *w = (alias_word_t *)(void *)d;
    for (; n >= BLOCK; n -= BLOCK, w += 4) {
        w[0] = pattern;
        w[1] = pattern;
        w[2] = pattern;
        w[3] = pattern;
    }
    for (; n >= WORD; n -= WORD) {
        *w++ = pattern;
    }
    d = (unsigned char *)w;
    while (n > 0) {
        *d++ = byte;
        n--;
    }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (WORD_MISALIGNED(d) == WORD_MISALIGNED(s)) {
        /* Same alignment: bytes up to a word boundary, then whole words. */
        while (n > 0 && WORD_MISALIGNED(d) != 0) {
            *d++ = *s++;
            n--;
        }
        alias_word_t *w = (alias_word_t *)(void *)d;
        const alias_word_t *r = (const alias_word_t *)(const void *)s;
        for (; n >= BLOCK; n -= BLOCK, w += 4, r += 4) {
            uint64_t a = r[0];
            uint64_t b = r[1];
            uint64_t c = r[2];
            uint64_t e = r[3];
            w[0] = a;
            w[1] = b;
            w[2] = c;
            w[3] = e;
        }
        for (; n >= WORD; n -= WORD) {
            *w++ = *r++;
        }
        d = (unsigned char *)w;
        s = (const unsigned char *)r;
    }
    while (n > 0) {
        *d++ = *s++;
        n--;
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
