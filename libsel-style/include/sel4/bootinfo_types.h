/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot information the kernel hands the root task (x0 at entry), laid out
 * with libsel4's field names and order. Extra boot information follows the
 * boot-info frame as a sequence of {id, len} headed chunks.
 */
#pragma once

#include <sel4/basic_types.h>

#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230

/* Initial capability slots of the root task's CNode, in libsel4's order. */
enum seL4_RootCNodeCapSlots {
    seL4_CapNull = 0,
    seL4_CapInitThreadTCB,
    seL4_CapInitThreadCNode,
    seL4_CapInitThreadVSpace,
    seL4_CapIRQControl,
    seL4_CapASIDControl,
    seL4_CapInitThreadASIDPool,
    seL4_CapIOPortControl,
    seL4_CapIOSpace,
    seL4_CapBootInfoFrame,
    seL4_CapInitThreadIPCBuffer,
    seL4_CapDomain,
    seL4_CapSMMUSIDControl,
    seL4_CapSMMUCBControl,
    seL4_CapInitThreadSC,
    seL4_CapSMC,
    seL4_NumInitialCaps
};

/* The older name of the root task's top-level page table cap. */
#define seL4_CapInitThreadPD seL4_CapInitThreadVSpace

/* The boot information fills one small page; extra boot information starts
 * right after it. */
#define seL4_BootInfoFrameBits 12
#define seL4_BootInfoFrameSize (1UL << seL4_BootInfoFrameBits)

typedef seL4_Word seL4_SlotPos;

typedef struct seL4_SlotRegion {
    seL4_SlotPos start; /* first slot */
    seL4_SlotPos end;   /* first slot after the region */
} seL4_SlotRegion;

typedef struct seL4_UntypedDesc {
    seL4_Word paddr;
    seL4_Uint8 sizeBits;
    seL4_Uint8 isDevice;
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;

typedef struct seL4_BootInfo {
    seL4_Word extraLen;
    seL4_NodeId nodeID;
    seL4_Word numNodes;
    seL4_Word numIOPTLevels;
    struct seL4_IPCBuffer_ *ipcBuffer;
    seL4_SlotRegion empty;
    seL4_SlotRegion sharedFrames;
    seL4_SlotRegion userImageFrames;
    seL4_SlotRegion userImagePaging;
    seL4_SlotRegion ioSpaceCaps;
    seL4_SlotRegion extraBIPages;
    seL4_Word initThreadCNodeSizeBits;
    seL4_Domain initThreadDomain;
    seL4_SlotRegion untyped;
    seL4_UntypedDesc untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
} seL4_BootInfo;

/* Chunk identifiers of the extra boot information. */
#define SEL4_BOOTINFO_HEADER_PADDING 0
#define SEL4_BOOTINFO_HEADER_X86_VBE 1
#define SEL4_BOOTINFO_HEADER_X86_MBMMAP 2
#define SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP 3
#define SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER 4
#define SEL4_BOOTINFO_HEADER_X86_TSC_FREQ 5
#define SEL4_BOOTINFO_HEADER_FDT 6

typedef struct seL4_BootInfoHeader {
    seL4_Word id;
    seL4_Word len; /* bytes, this header included */
} seL4_BootInfoHeader;

SEL4_STATIC_ASSERT(sizeof(seL4_BootInfo) <= seL4_BootInfoFrameSize, "boot info must fit one 4 KiB frame");
