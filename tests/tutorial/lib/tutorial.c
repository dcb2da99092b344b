// SPDX-License-Identifier: BSD-2-Clause
/* The checks' shared helpers (tutorial.h). */
#include "tutorial.h"

unsigned tut_cap_type(seL4_CPtr slot)
{
    return seL4_DebugCapIdentify(slot);
}

bool tut_expect_type(seL4_CPtr slot, unsigned type)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    /* Slot 0 is never a good answer, and it is what an unsolved gap returns. */
    bool ok = slot != seL4_CapNull && slot < (1ul << bi->initThreadCNodeSizeBits) &&
              tut_cap_type(slot) == type;
    TEST_CHECK(ok);
    return ok;
}

seL4_CPtr tut_slots(seL4_Word count)
{
    /* test_slot hands out slots in order, so these are consecutive. */
    seL4_CPtr first = test_slot();
    for (seL4_Word i = 1; i < count; i++) {
        (void)test_slot();
    }
    return first;
}

void tut_begin(const char *chapter)
{
    printf("=== Cairn tutorial, %s ===\n", chapter);
}

void tut_snapshot(const char *moment)
{
    printf("[tutorial] capDL snapshot %s\n", moment);
    seL4_DebugSnapshot();
}

int tut_end(int failed)
{
    if (failed == 0) {
        printf("=== all checks pass: chapter solved ===\n");
    } else {
        printf("=== %d check(s) to go: see the FAIL lines above ===\n", failed);
    }
    return failed;
}
