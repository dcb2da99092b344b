/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every demo program has: the IPC buffer pointer libsel4 reads, the
 * entry point start.S calls, printf (over seL4_DebugPutChar) and the one
 * way to finish: report "done" to the root, which then tears it down.
 */
#pragma once

#include <rootserver/debug_print.h>
#include <sel4/sel4.h>

#include "protocol.h"

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg);

/* Tells the root this program is finished, with one word of result, and
 * waits for ever: the root answers by destroying the program. */
static inline void __attribute__((noreturn)) program_done(seL4_Word result)
{
    seL4_SetMR(0, result);
    seL4_Call(SLOT_REPORT, seL4_MessageInfo_new(LABEL_DONE, 0, 0, 1));
    for (;;) {
        seL4_Yield();
    }
}
