/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sizes and limits of the user API. Names are libsel4's; object sizes are
 * Cairn's own (they happen to match seL4's AArch64 sizes). Code must use
 * the names, never the numbers.
 */
#pragma once

#include <sel4/basic_types.h>

/* Object sizes, as log2 of bytes. */
#define seL4_SlotBits 5
#define seL4_TCBBits 11
#define seL4_EndpointBits 4
#define seL4_NotificationBits 5
#define seL4_ReplyBits 5
#define seL4_PageTableBits 12
#define seL4_PageTableEntryBits 3
#define seL4_PageTableIndexBits 9
#define seL4_VSpaceBits 12
#define seL4_VSpaceIndexBits 9
#define seL4_ASIDPoolBits 12
#define seL4_ASIDPoolIndexBits 9
#define seL4_PageBits 12
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_MinUntypedBits 4
#define seL4_MaxUntypedBits 47
#define seL4_IPCBufferSizeBits 10
/* Size a virtual CPU object would have; Cairn has none (objecttype.h). */
#define seL4_ARM_VCPUBits 12

/* Messages. */
#define seL4_MsgLengthBits 7
#define seL4_MsgMaxLength 120
#define seL4_MsgExtraCapBits 2
#define seL4_MsgMaxExtraCaps ((1 << seL4_MsgExtraCapBits) - 1)
#define seL4_FastMessageRegisters 4
#define seL4_MsgMaxLabel ((1UL << 52) - 1)

/* Addresses. */
#define seL4_UserTop 0x00007FFFFFFFFFFFUL
#define seL4_GuardSizeBits 6
#define seL4_GuardBits 58
#define seL4_BadgeBits 64
#define seL4_NumASIDPoolsBits 7

/* Scheduling. */
#define seL4_MinPrio 0
#define seL4_MaxPrio 255
/* Domains: set at build time (CMake CAIRN_NUM_DOMAINS), one by default. */
#ifndef CAIRN_NUM_DOMAINS
#define CAIRN_NUM_DOMAINS 1
#endif
#define seL4_NumDomains CAIRN_NUM_DOMAINS

/* Untyped retype: most objects one call may create. */
#define CONFIG_RETYPE_FAN_OUT_LIMIT 256
#define seL4_MaxRetypeFanOut CONFIG_RETYPE_FAN_OUT_LIMIT

#define seL4_CapRightsBits 4

typedef enum {
    seL4_NoFailure = 0,
    seL4_InvalidRoot,
    seL4_MissingCapability,
    seL4_DepthMismatch,
    seL4_GuardMismatch,
} seL4_LookupFailureType;

/* Where the lookup-failure details sit in the message registers of an
 * error reply (after the "was source" word for CNode operations). */
enum {
    seL4_CapFault_IP = 0,
    seL4_CapFault_Addr,
    seL4_CapFault_InRecvPhase,
    seL4_CapFault_LookupFailureType,
    seL4_CapFault_BitsLeft,
    seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_GuardFound = seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_BitsFound,
};
