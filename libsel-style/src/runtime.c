// SPDX-License-Identifier: BSD-2-Clause
/*
 * C runtime of a root task: records the boot info, runs main() and ends the
 * system with main's status (a root task has nobody to return to).
 */
#include <sel4/sel4.h>

int main(void);
void cairn_runtime_start(seL4_BootInfo *bi);

void cairn_runtime_start(seL4_BootInfo *bi)
{
    seL4_InitBootInfo(bi);
    int status = main();
    cairn_DebugExit((seL4_Word)status);
    for (;;) {
        seL4_Yield();
    }
}
