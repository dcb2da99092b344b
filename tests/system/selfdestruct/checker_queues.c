// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER0003: on a kernel whose thread state was damaged at boot
 * (corrupt_queues.c), cairn_DebugCheckInvariants reports both kinds of
 * damage: a thread in a ready queue that cannot run, and a bound
 * notification that does not point back.
 */
#include <sel4/sel4.h>

#include "../lib/test.h"

static void test_queue_damage_found(void)
{
    seL4_Word violations = cairn_DebugCheckInvariants();
    printf("  the checker reported %lu violations\n", (unsigned long)violations);
    TEST_CHECK(violations == 2);
}

static const test_case_t cases[] = {
    { "CHECKER0003", "the checker finds a thread that cannot run in a ready queue, and a one-sided binding",
      test_queue_damage_found },
};

int main(void)
{
    test_final_invariants = false; /* the damage stays */
    return test_run(cases, TEST_COUNT(cases));
}
