// SPDX-License-Identifier: BSD-2-Clause
/* Runs test cases and prints the per-case lines and the closing summary. */
#include "test.h"

#include <sel4/sel4.h>

static bool current_failed;

bool test_final_invariants = true;

#ifdef CONFIG_DEBUG_BUILD
/* After the last case: the kernel's own check of the derivation tree
 * (cairn_DebugCheckInvariants) over whatever the cases left behind. */
static void check_final_invariants(void)
{
    TEST_CHECK(cairn_DebugCheckInvariants() == 0);
}

static const test_case_t final_case = {
    "INVARIANTS", "the kernel's capability invariants hold after the last case",
    check_final_invariants
};
#endif

void test_fail(const char *file, int line, const char *what)
{
    if (!current_failed) {
        printf("    check failed at %s:%d: %s\n", file, line, what);
    }
    current_failed = true;
}

static void run_case(const test_case_t *c, int *passed, int *failed)
{
    current_failed = false;
    c->run();
    printf("%s %s: %s\n", current_failed ? "FAIL" : "PASS", c->id, c->description);
    if (current_failed) {
        (*failed)++;
    } else {
        (*passed)++;
    }
}

int test_run(const test_case_t *cases, size_t count)
{
    int passed = 0;
    int failed = 0;
    for (size_t i = 0; i < count; i++) {
        run_case(&cases[i], &passed, &failed);
    }
    if (test_final_invariants) {
#ifdef CONFIG_DEBUG_BUILD
        run_case(&final_case, &passed, &failed);
#else
        /* A release kernel has no invariant checker: say so, count nothing. */
        printf("SKIP INVARIANTS: a release kernel has no invariant checker\n");
#endif
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
