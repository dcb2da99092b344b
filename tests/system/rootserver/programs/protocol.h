/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the rootserver-library test (rslib.c) and its two programs agree on.
 *
 * echo: serves Calls on ECHO_SLOT_EP: replies label ECHO_LABEL with
 *       MR0 = 2 * MR0 + arg, MR1 = its data checksum, MR2 = its .bss word.
 * caller: Calls CALLER_SLOT_EP forever with MR0 = arg + n (n = 0, 1, ...),
 *       MR1 = its data checksum, MR2 = its .bss word; bumps the .bss word.
 * Both checksums are DATA_SUM when .data and .rodata were loaded right.
 */
#pragma once

#define ECHO_SLOT_EP 1
#define CALLER_SLOT_EP 1
#define ECHO_LABEL 0x42
#define DATA_SUM 0x1234567UL
