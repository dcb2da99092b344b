/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fixed-width base types of the user API, as libsel4 names them. Kept free of
 * any libc header so that the kernel and freestanding root tasks can share it.
 */
#pragma once

#include <sel4/macros.h>

typedef signed char seL4_Int8;
typedef unsigned char seL4_Uint8;
typedef signed short seL4_Int16;
typedef unsigned short seL4_Uint16;
typedef signed int seL4_Int32;
typedef unsigned int seL4_Uint32;
typedef signed long seL4_Int64;
typedef unsigned long seL4_Uint64;
typedef seL4_Int8 seL4_Bool;

#define seL4_True 1
#define seL4_False 0
#define seL4_Null ((void *)0)

SEL4_STATIC_ASSERT(sizeof(seL4_Uint64) == 8, "LP64 is required");

/* printf conversions for a word (seL4_Word is seL4_Uint64, unsigned long). */
#define SEL4_PRIx_word "lx"
#define SEL4_PRIu_word "lu"
#define SEL4_PRId_word "ld"
