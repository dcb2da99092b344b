// SPDX-License-Identifier: BSD-2-Clause
/*
 * LIBC0001-0004: the C library of Cairn programs (picolibc, see
 * libsel-style/src/libc_console.c): formatting, the heap behind malloc and
 * its limit, errno as a per-thread variable, string functions.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ipc/thread_util.h"
#include "../lib/test.h"

extern char __heap_start[];
extern char __heap_end[];

static void test_format(void)
{
    char text[64];
    int n = snprintf(text, sizeof(text), "%d %u %lx %s %c %5.2f", -7, 42u, 0xabcUL, "ok", 'z',
                     2.5);
    TEST_CHECK(n == (int)strlen("-7 42 abc ok z  2.50"));
    TEST_CHECK(strcmp(text, "-7 42 abc ok z  2.50") == 0);
    TEST_CHECK(snprintf(text, 4, "%s", "truncated") == 9 && strcmp(text, "tru") == 0);
    TEST_CHECK(printf("    printf reaches the console\n") > 0);
}

static void test_heap(void)
{
    size_t heap_bytes = (size_t)((uintptr_t)__heap_end - (uintptr_t)__heap_start);
    char *a = malloc(1000);
    char *b = malloc(3000);
    TEST_CHECK(a != NULL && b != NULL && a != b);
    TEST_CHECK(a >= __heap_start && a + 1000 <= __heap_end);
    memset(a, 0x5A, 1000);
    char *grown = realloc(a, 2000);
    TEST_CHECK(grown != NULL && grown[999] == 0x5A);
    free(grown != NULL ? grown : a);
    free(b);
    /* More than the heap holds: NULL and ENOMEM, and the heap still works. */
    errno = 0;
    void *too_big = malloc(heap_bytes * 2);
    TEST_CHECK(too_big == NULL && errno == ENOMEM);
    free(too_big);
    void *again = malloc(64);
    TEST_CHECK(again != NULL);
    free(again);
}

static test_thread_t threads[2];

static seL4_Word set_errno(seL4_Word value)
{
    errno = (int)value;
    seL4_Yield(); /* the other thread sets its own meanwhile */
    return errno == (int)value;
}

static void test_errno_per_thread(void)
{
    errno = 1234;
    TEST_CHECK(thread_start(&threads[0], set_errno, 11, THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[1], set_errno, 22, THREAD_PRIO, seL4_CapNull, false));
    for (unsigned i = 0; i < 2; i++) {
        TEST_CHECK(thread_join(&threads[i]) && threads[i].result == 1);
        thread_destroy(&threads[i]);
    }
    TEST_CHECK(errno == 1234);
}

static void test_strings(void)
{
    char buffer[32];
    memcpy(buffer, "capability", 11);
    TEST_CHECK(strlen(buffer) == 10 && memcmp(buffer, "cap", 3) == 0);
    memmove(buffer + 3, buffer, 7);
    TEST_CHECK(memcmp(buffer, "capcapabil", 10) == 0);
    TEST_CHECK(strtoul("0x2a", NULL, 16) == 42 && strchr("untyped", 'y') != NULL);
}

static const test_case_t cases[] = {
    { "LIBC0001", "snprintf and printf: integers, strings, floats, truncation", test_format },
    { "LIBC0002", "malloc, realloc and free over the program's heap; too much is NULL with ENOMEM", test_heap },
    { "LIBC0003", "errno is per thread", test_errno_per_thread },
    { "LIBC0004", "memory and string functions", test_strings },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
