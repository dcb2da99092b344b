// SPDX-License-Identifier: BSD-2-Clause
/* The echo program (protocol.h). */
#include <sel4/sel4.h>

#include "protocol.h"

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg);

static const seL4_Word ro_part[1] = { 0x1000000UL }; /* in .rodata */
static volatile seL4_Word rw_part = 0x234567UL;
static volatile seL4_Word zero;

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg)
{
    seL4_SetIPCBuffer(ipc);
    seL4_Word badge;
    seL4_Recv(ECHO_SLOT_EP, &badge);
    for (;;) {
        seL4_SetMR(0, 2 * seL4_GetMR(0) + arg);
        seL4_SetMR(1, *(const volatile seL4_Word *)ro_part + rw_part);
        seL4_SetMR(2, zero);
        seL4_ReplyRecv(ECHO_SLOT_EP, seL4_MessageInfo_new(ECHO_LABEL, 0, 0, 3), &badge);
    }
}
