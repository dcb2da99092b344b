// SPDX-License-Identifier: BSD-2-Clause
/*
 * The server: keeps a running total per caller. It has one endpoint and no
 * idea who its callers are; the badge the kernel delivers with each message
 * is the only thing that tells them apart, and the root decided the badges
 * when it minted each client's cap. A badge it has no total for is refused.
 */
#include "program.h"

#define MAX_BADGE 3

static seL4_Word totals[MAX_BADGE + 1];

static seL4_MessageInfo_t handle(seL4_Word badge, seL4_MessageInfo_t info)
{
    if (seL4_MessageInfo_get_label(info) != LABEL_ADD || badge == 0 || badge > MAX_BADGE) {
        printf("[server] badge %lu: request refused\n", badge);
        return seL4_MessageInfo_new(seL4_IllegalOperation, 0, 0, 0);
    }
    seL4_Word amount = seL4_GetMR(0);
    totals[badge] += amount;
    printf("[server] badge %lu asks to add %lu: total for badge %lu is now %lu\n", badge, amount,
           badge, totals[badge]);
    seL4_SetMR(0, totals[badge]);
    return seL4_MessageInfo_new(0, 0, 0, 1);
}

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg)
{
    (void)arg;
    seL4_SetIPCBuffer(ipc);
    printf("[server] up; waiting for requests on my endpoint\n");
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(SLOT_SERVICE, &badge);
    for (;;) {
        info = seL4_ReplyRecv(SLOT_SERVICE, handle(badge, info), &badge);
    }
}
