// SPDX-License-Identifier: BSD-2-Clause
/*
 * The child process the root task loads into its own address space: it
 * waits on its command endpoint and obeys (protocol.h). It has no C runtime
 * of its own and needs none: its .bss is zero because its frames are fresh,
 * and its IPC buffer address comes in x0.
 */
#include <sel4/sel4.h>
#include <stdbool.h>

#include "../../lib/raw_syscalls.h"
#include "../protocol.h"

seL4_Word child_load(seL4_Word address);
void child_store(seL4_Word address, seL4_Word value);
void _start(void);
void child_main(seL4_IPCBuffer *ipc);

volatile seL4_Word child_counter; /* in .bss: private to each process */

static void report(seL4_Word length)
{
    seL4_Send(CHILD_SLOT_REPORT, seL4_MessageInfo_new(LABEL_REPORT, 0, 0, length));
}

static void report4(seL4_Word a, seL4_Word b, seL4_Word c, seL4_Word d)
{
    seL4_SetMR(0, a);
    seL4_SetMR(1, b);
    seL4_SetMR(2, c);
    seL4_SetMR(3, d);
    report(4);
}

static seL4_Word count_mismatches(seL4_Word length, seL4_Word seed, bool inverted)
{
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < length; i++) {
        seL4_Word want = inverted ? ~(seed + i) : seed + i;
        bad += seL4_GetMR((int)i) != want;
    }
    return bad;
}

static void fill_mrs(seL4_Word length, seL4_Word seed)
{
    for (seL4_Word i = 0; i < length; i++) {
        seL4_SetMR((int)i, seed + i);
    }
}

static void do_call(seL4_Word n, seL4_Word seed, seL4_CPtr cptr)
{
    fill_mrs(n, seed);
    seL4_MessageInfo_t info = seL4_Call(cptr, seL4_MessageInfo_new(LABEL_DATA, 0, 0, n));
    seL4_Word length = seL4_MessageInfo_get_length(info);
    report4(seL4_MessageInfo_get_label(info), length, count_mismatches(length, seed, true), 0);
}

static void do_recv(seL4_Word seed)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(CHILD_SLOT_CMD, &badge);
    seL4_Word length = seL4_MessageInfo_get_length(info);
    report4(seL4_MessageInfo_get_label(info), length, badge,
            count_mismatches(length, seed, false));
}

static seL4_Word sum(const volatile seL4_Word *p, seL4_Word n, seL4_Word seed)
{
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < n; i++) {
        bad += p[i] != seed + i;
    }
    return bad;
}

static void fill(volatile seL4_Word *p, seL4_Word n, seL4_Word seed)
{
    for (seL4_Word i = 0; i < n; i++) {
        p[i] = seed + i;
    }
}

/* Answers every Call with 0 words, touching only registers (5 user
 * instructions a round, as seL4's IPC benchmark's server). */
static void serve(void)
{
    raw_server(CHILD_SLOT_CMD, seL4_MessageInfo_new(0, 0, 0, 0).words[0]);
}

/* Runs one command; returns the message to reply with (only ECHO's Call
 * has someone waiting for it). */
static seL4_MessageInfo_t obey(seL4_MessageInfo_t info, seL4_Word badge)
{
    seL4_Word a0 = seL4_GetMR(0);
    seL4_Word a1 = seL4_GetMR(1);
    seL4_Word a2 = seL4_GetMR(2);
    seL4_Word length = seL4_MessageInfo_get_length(info);
    switch (seL4_MessageInfo_get_label(info)) {
    case CMD_ECHO:
        for (seL4_Word i = 0; i < length; i++) {
            seL4_SetMR((int)i, ~seL4_GetMR((int)i));
        }
        return seL4_MessageInfo_new(badge & ECHO_LABEL_MASK, 0, 0, length);
    case CMD_INFO:
        report4((seL4_Word)child_load, (seL4_Word)child_store, (seL4_Word)_start,
                (seL4_Word)&child_counter);
        break;
    case CMD_SEND:
        fill_mrs(a0, a1);
        seL4_Send(a2, seL4_MessageInfo_new(LABEL_DATA, 0, 0, a0));
        break;
    case CMD_CALL:
        do_call(a0, a1, a2);
        break;
    case CMD_RECV:
        do_recv(a0);
        break;
    case CMD_LOAD:
        report4(child_load(a0), 0, 0, 0);
        break;
    case CMD_STORE:
        child_store(a0, a1);
        report4(0, 0, 0, 0);
        break;
    case CMD_INVOKE: {
        seL4_Error err = a1 ? seL4_ARM_Page_GetAddress(a0).error : seL4_NoError;
        report4((seL4_Word)err, seL4_DebugCapIdentify(a0), 0, 0);
        break;
    }
    case CMD_FILL:
        fill((volatile seL4_Word *)a0, a1, a2);
        report4(0, 0, 0, 0);
        break;
    case CMD_SUM:
        report4(sum((const volatile seL4_Word *)a0, a1, a2), 0, 0, 0);
        break;
    case CMD_EXEC:
        report4(((seL4_Word(*)(void))a0)(), 0, 0, 0);
        break;
    case CMD_SERVE:
        serve();
        break;
    default:
        report4(~0UL, 0, 0, 0);
        break;
    }
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

void child_main(seL4_IPCBuffer *ipc)
{
    seL4_SetIPCBuffer(ipc);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(CHILD_SLOT_CMD, &badge);
    for (;;) {
        info = seL4_ReplyRecv(CHILD_SLOT_CMD, obey(info, badge), &badge);
    }
}
