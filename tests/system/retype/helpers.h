/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers shared by the RETYPE and BOOTINFO test images: picking untypeds
 * from the boot info, retyping into root-CNode slots, reading how much of an
 * untyped is left, looking at slots of CNodes other than the root, and
 * checking an error code together with its message registers.
 *
 * How much is left is read the way a user of seL4 can: a retype that cannot
 * fit answers seL4_NotEnoughMemory with MR0 = the bytes left after the
 * watermark (or the whole untyped when it has no children).
 */
#pragma once

#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */
#include <sel4/sel4.h>
#include <stdbool.h>

#include "../lib/caps.h"
#include "../lib/test.h"

#define ROOT_CNODE seL4_CapInitThreadCNode
#define BIT(n) (1UL << (n))

/* Slots of the root CNode. */
seL4_Word root_cnode_slots(void);

/* n consecutive fresh empty slots of the root CNode; returns the first. */
seL4_CPtr fresh_slots(seL4_Word n);

/* Retypes n objects into root-CNode slots [dest, dest + n). */
seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits, seL4_CPtr dest,
                  seL4_Word n);

/* The bytes untyped has left, from a retype too big to fit; ~0 if the
 * kernel answered anything but seL4_NotEnoughMemory. */
seL4_Word untyped_free(seL4_CPtr untyped);

/* The smallest boot untyped of the given kind with at least min_bits that no
 * earlier call returned, or 0. *index gets its untypedList index. */
seL4_CPtr boot_untyped(unsigned min_bits, bool device, seL4_Word *index);

/* A new child untyped of 2^bits carved from a pool of RAM (already cleared,
 * so no test pays for clearing it again). */
seL4_CPtr fresh_untyped(unsigned bits);

/* The cap type in slot index of the CNode in root slot cnode (radix bits,
 * no guard): the cap is moved to a scratch root slot, identified and moved
 * back. CAP_NULL if the slot is empty. */
int cnode_slot_type(seL4_CPtr cnode, unsigned radix, seL4_Word index);

/* Every root slot in [start, start + n) holds a cap of this type. */
bool slots_have_type(seL4_CPtr start, seL4_Word n, int type);

/* Checks an invocation's error and its first `count` message registers. */
void expect_error(const char *file, int line, seL4_Error got, seL4_Error want, int count,
                  seL4_Word mr0, seL4_Word mr1, seL4_Word mr2, seL4_Word mr3);

#define CHECK_OK(e) expect_error(__FILE__, __LINE__, (e), seL4_NoError, 0, 0, 0, 0, 0)
#define CHECK_ERR(e, want) expect_error(__FILE__, __LINE__, (e), (want), 0, 0, 0, 0, 0)
#define CHECK_ERR1(e, want, a) expect_error(__FILE__, __LINE__, (e), (want), 1, (a), 0, 0, 0)
#define CHECK_ERR2(e, want, a, b) expect_error(__FILE__, __LINE__, (e), (want), 2, (a), (b), 0, 0)
#define CHECK_ERR3(e, want, a, b, c) \
    expect_error(__FILE__, __LINE__, (e), (want), 3, (a), (b), (c), 0)
#define CHECK_ERR4(e, want, a, b, c, d) \
    expect_error(__FILE__, __LINE__, (e), (want), 4, (a), (b), (c), (d))
