// SPDX-License-Identifier: BSD-2-Clause
/*
 * The demo system that `run` boots. The root task owns all memory at boot;
 * it starts five processes from the CPIO archive linked into its image,
 * each in its own VSpace and CSpace with only the caps the root gives it,
 * and walks through what a capability system is for:
 *   1. a server tells its clients apart by the badges the root minted;
 *   2. a cap is passed over IPC and revoked again;
 *   3. a fault is handled at user level and the faulting process restarted;
 *   4. a user-level driver owns the UART's registers and interrupt;
 *   5. tearing everything down returns every byte of memory.
 * Before step 5, with every process in place, the kernel prints the whole
 * system as a capDL snapshot (seL4_DebugSnapshot), which the
 * demo-pictures target renders (docs/capdl-snapshot.md).
 * Each process prints its own lines, prefixed with its name. main returns
 * the system's exit status: 0 when every step went as planned.
 */
#include "demo.h"

static bool run_steps(void)
{
    return demo_badges_run() && demo_pass_run() && demo_fault_run() && demo_uart_run();
}

static void teardown_all(void)
{
    demo_uart_end();
    demo_fault_end();
    demo_badges_end();
    demo_object_free(&demo_report);
}

int main(void)
{
    printf("\n[root] Cairn demo: the root task starts processes from the CPIO archive in its image\n");
    seL4_Error err = rs_env_init(&demo_env, seL4_GetBootInfo());
    if (err != seL4_NoError) {
        printf("[root] FAIL: setting up the root-server library: error %d\n", (int)err);
        return 1;
    }
    seL4_Word ram_before = rs_ut_free_bytes(&demo_env.ut, false);
    seL4_Word dev_before = rs_ut_free_bytes(&demo_env.ut, true);
    printf("[root] free memory before any process exists: %lu bytes of RAM, %lu of devices\n",
           ram_before, dev_before);
    bool ok = demo_object_new(&demo_report, seL4_EndpointObject, "the report endpoint") &&
              run_steps();
    if (ok) {
        printf("\n[root] every process is in place: the kernel prints the system in capDL\n");
        seL4_DebugSnapshot();
    }
    printf("\n[root] step 5: tearing every process down gives its memory back\n");
    teardown_all();
    seL4_Word ram_after = rs_ut_free_bytes(&demo_env.ut, false);
    seL4_Word dev_after = rs_ut_free_bytes(&demo_env.ut, true);
    printf("[root] free memory after teardown: %lu bytes of RAM, %lu of devices\n", ram_after,
           dev_after);
    if (ram_after != ram_before || dev_after != dev_before) {
        printf("[root] FAIL: memory lost: %ld bytes of RAM, %ld of devices\n",
               (long)(ram_before - ram_after), (long)(dev_before - dev_after));
        ok = false;
    } else {
        printf("[root] every byte is back: the same totals as before the first process\n");
    }
    printf("[root] %s\n", ok ? "the demo is over, goodbye" : "FAIL: the demo did not finish");
    return ok ? 0 : 1;
}
