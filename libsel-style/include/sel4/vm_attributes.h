/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Mapping attributes for seL4_ARM_Page_Map and seL4_ARM_PageTable_Map
 * (libsel4's AArch64 names and bit values). Without PageCacheable a frame is
 * mapped as device memory (nGnRnE); frames from device untypeds are always
 * device memory and never executable, whatever is asked.
 */
#pragma once

typedef enum {
    seL4_ARM_PageCacheable = 0x01,
    seL4_ARM_ParityEnabled = 0x02, /* accepted and ignored, as on every ARMv8 core */
    seL4_ARM_Default_VMAttributes = 0x03,
    seL4_ARM_ExecuteNever = 0x04,
} seL4_ARM_VMAttributes;
