// SPDX-License-Identifier: BSD-2-Clause
/*
 * SNAPSHOT0002: a snapshot of a system with thousands of caps. The root
 * task fills a 2^12-slot CNode: 2,048 endpoints retyped straight into its
 * first half, and a badged copy of each in the second half (badge = index
 * + 1), then takes a snapshot. check_snapshot.py --large reads it back and
 * counts them; the final INVARIANTS case shows the dump changed nothing.
 */
#include "../vm/vm_util.h"

#define BIG_RADIX 12
#define ENDPOINTS 2048
#define FAN_OUT 256 /* objects per Retype call */

static void snapshot_large(void)
{
    seL4_CPtr big = vm_object(seL4_CapTableObject, BIG_RADIX);
    seL4_CPtr ut = vm_untyped(16);
    TEST_CHECK(big != 0 && ut != 0);
    for (seL4_Word first = 0; first < ENDPOINTS; first += FAN_OUT) {
        CHECK_OK(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT_CNODE, big, seL4_WordBits,
                                     first, FAN_OUT));
    }
    for (seL4_Word i = 0; i < ENDPOINTS; i++) {
        seL4_Error err = seL4_CNode_Mint(big, ENDPOINTS + i, BIG_RADIX, big, i, BIG_RADIX,
                                         seL4_AllRights, i + 1);
        if (err != seL4_NoError) {
            CHECK_OK(err);
            break;
        }
    }
    seL4_DebugSnapshot();
}

int main(void)
{
    vm_init();
    static const test_case_t cases[] = {
        { "SNAPSHOT0002", "a snapshot of 4,096 caps in one CNode", snapshot_large },
    };
    return test_run(cases, TEST_COUNT(cases));
}
