/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A tiny in-QEMU test framework. A test root task lists its cases, each with
 * an ID and a one-line description; test_run() prints one line per case and
 * the closing "N passed, N failed", and returns the number failed (which the
 * runtime passes to cairn_DebugExit, so QEMU's exit status reflects it).
 */
#pragma once

#include <rootserver/debug_print.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct test_case {
    const char *id;
    const char *description;
    void (*run)(void);
} test_case_t;

/* Fails the running case with a message (the case goes on; the first
 * failure is what is reported). */
void test_fail(const char *file, int line, const char *what);

#define TEST_CHECK(cond)                                \
    do {                                                \
        if (!(cond)) {                                  \
            test_fail(__FILE__, __LINE__, #cond);       \
        }                                               \
    } while (0)

/* test_run() ends with one more case, INVARIANTS, that has the kernel check
 * its capability invariants over what the cases left. An image that breaks
 * them on purpose (a kernel with a bug put back) sets this false. */
extern bool test_final_invariants;

int test_run(const test_case_t *cases, size_t count);

#define TEST_COUNT(cases) (sizeof(cases) / sizeof((cases)[0]))
