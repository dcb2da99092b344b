// SPDX-License-Identifier: BSD-2-Clause
/*
 * C runtime of a root task: sets up its thread-local storage, records the
 * boot info (and with it the IPC buffer), runs main() and ends the system
 * with main's status (a root task has nobody to return to).
 */
#include <cairn/tls.h>
#include <sel4/sel4.h>

int main(void);
void cairn_runtime_start(seL4_BootInfo *bi);

void cairn_runtime_start(seL4_BootInfo *bi)
{
    if (!cairn_tls_init_main()) {
        /* No TLS, no IPC buffer: nothing can be said but this. */
        const char *why = "cairn runtime: TLS segment aligned beyond 64 bytes\n";
        for (const char *c = why; *c != '\0'; c++) {
            seL4_DebugPutChar(*c);
        }
        cairn_DebugExit(1);
    }
    seL4_InitBootInfo(bi);
    int status = main();
    cairn_DebugExit((seL4_Word)status);
    for (;;) {
        seL4_Yield();
    }
}
