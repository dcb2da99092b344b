/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Mapping attributes for seL4_ARM_Page_Map and seL4_ARM_PageTable_Map
 * (libsel4's AArch64 names and bit values). Without PageCacheable a frame is
 * mapped as device memory (nGnRnE); frames from device untypeds are always
 * device memory and never executable, whatever is asked. The type is a word
 * wide, as in libsel4, so that the map calls fit function pointers whose
 * attribute parameter is a seL4_Word (seL4_libs' libsel4vspace).
 */
#pragma once

#include <sel4/macros.h>

typedef enum {
    seL4_ARM_PageCacheable = 0x01,
    seL4_ARM_ParityEnabled = 0x02, /* accepted and ignored, as on every ARMv8 core */
    seL4_ARM_Default_VMAttributes = 0x03,
    seL4_ARM_ExecuteNever = 0x04,
    SEL4_FORCE_LONG_ENUM(seL4_ARM_VMAttributes),
} seL4_ARM_VMAttributes;
