// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER0003-0006: on a kernel damaged at boot by one of the corrupt_*.c
 * hooks, cairn_DebugCheckInvariants reports exactly the damage done. The
 * image says which case it is and how many violations to expect
 * (CHECKER_ID, CHECKER_WHAT, CHECKER_VIOLATIONS); the test's EXPECT lines
 * name each message.
 */
#include <sel4/sel4.h>

#include "../lib/test.h"

static void test_damage_found(void)
{
    seL4_Word violations = cairn_DebugCheckInvariants();
    printf("  the checker reported %lu violations\n", (unsigned long)violations);
    TEST_CHECK(violations == CHECKER_VIOLATIONS);
}

static const test_case_t cases[] = {
    { CHECKER_ID, CHECKER_WHAT, test_damage_found },
};

int main(void)
{
    test_final_invariants = false; /* the damage stays */
    return test_run(cases, TEST_COUNT(cases));
}
