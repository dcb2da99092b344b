/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every tutorial chapter's checks share (docs/tutorial/): the names of
 * the cap types seL4_DebugCapIdentify reports, and small helpers that let a
 * check look at a slot without invoking it. A check must never invoke a
 * cap the student's code may have left out: invoking an empty slot is a
 * capability fault, and the root task has no fault handler to catch it.
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>

#include "../../system/lib/caps.h"
#include "../../system/lib/test.h"

/* seL4's AArch64 cap type numbers, as seL4_DebugCapIdentify returns them. */
enum {
    TUT_NULL = 0,
    TUT_FRAME = 1,
    TUT_UNTYPED = 2,
    TUT_ENDPOINT = 4,
    TUT_NOTIFICATION = 6,
    TUT_CNODE = 10,
    TUT_THREAD = 12,
};

/* The type of the cap in a root-CNode slot (TUT_NULL when empty). */
unsigned tut_cap_type(seL4_CPtr slot);

/* True when `slot` is a slot of the root CNode and holds a cap of `type`;
 * a failed check is reported for the running case otherwise. */
bool tut_expect_type(seL4_CPtr slot, unsigned type);

/* The first of `count` consecutive fresh slots of the root CNode. */
seL4_CPtr tut_slots(seL4_Word count);

/* Prints the chapter's banner. */
void tut_begin(const char *chapter);

/* Takes the capDL snapshot the chapter's picture is drawn from. */
void tut_snapshot(const char *moment);

/* Prints the verdict line the check target looks for and returns `failed`
 * (main returns it: it becomes QEMU's exit status). */
int tut_end(int failed);
