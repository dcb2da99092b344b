// SPDX-License-Identifier: BSD-2-Clause
/* The caller program (protocol.h). */
#include <sel4/sel4.h>

#include "protocol.h"

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg);

static const seL4_Word table[4] = { 0x1000000UL, 0x200000UL, 0x30000UL, 0x4567UL };
static volatile seL4_Word calls;

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg)
{
    seL4_SetIPCBuffer(ipc);
    for (seL4_Word n = 0;; n++) {
        const volatile seL4_Word *t = table; /* read .rodata, not folded constants */
        seL4_Word sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += t[i];
        }
        seL4_SetMR(0, arg + n);
        seL4_SetMR(1, sum);
        seL4_SetMR(2, calls);
        seL4_Call(CALLER_SLOT_EP, seL4_MessageInfo_new(0, 0, 0, 3));
        calls = calls + 1;
    }
}
