/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Chapter 2, untyped memory and retype (docs/tutorial/02-untyped.md): the
 * functions the student writes in exercise.c (solution.c: one answer).
 */
#pragma once

#include <sel4/sel4.h>

/* The child untyped of exercise 2.2: 2^14 bytes, 16 KiB. */
#define CH02_CHILD_BITS 14
/* How many endpoints exercise 2.3 makes in one call. */
#define CH02_ENDPOINTS 4

/* 2.1: the cptr of a RAM (not device) untyped of at least 2^min_bits
 * bytes, from the boot info's untyped list. */
seL4_CPtr ch02_find_untyped(const seL4_BootInfo *bi, unsigned min_bits);

/* 2.2: retypes `parent` into one untyped of 2^CH02_CHILD_BITS bytes in
 * root slot `dest`. */
seL4_Error ch02_make_child(seL4_CPtr parent, seL4_CPtr dest);

/* 2.3: retypes `child` into CH02_ENDPOINTS endpoints, in one call, in root
 * slots first, first + 1, ... */
seL4_Error ch02_make_endpoints(seL4_CPtr child, seL4_CPtr first);

/* 2.4: retypes what is left of `child` into 4 KiB frames in root slots
 * first, first + 1, ..., as many as fit; returns how many it made. */
seL4_Word ch02_fill_with_frames(seL4_CPtr child, seL4_CPtr first);
