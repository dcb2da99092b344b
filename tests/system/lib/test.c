// SPDX-License-Identifier: BSD-2-Clause
/* Runs test cases and prints the per-case lines and the closing summary. */
#include "test.h"

static bool current_failed;

void test_fail(const char *file, int line, const char *what)
{
    if (!current_failed) {
        printf("    check failed at %s:%d: %s\n", file, line, what);
    }
    current_failed = true;
}

int test_run(const test_case_t *cases, size_t count)
{
    int passed = 0;
    int failed = 0;
    for (size_t i = 0; i < count; i++) {
        current_failed = false;
        cases[i].run();
        printf("%s %s: %s\n", current_failed ? "FAIL" : "PASS", cases[i].id,
               cases[i].description);
        if (current_failed) {
            failed++;
        } else {
            passed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
