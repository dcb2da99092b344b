/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The older AArch64 paging names that seL4_libs still use. Every level below
 * the top is an ordinary page table on Cairn, as on seL4 without the
 * hypervisor extensions, and the top level is the VSpace object.
 */
#pragma once

#include <sel4/constants.h>
#include <sel4/objecttype.h>
#include <sel4/invocation.h>

#define seL4_PageDirBits seL4_PageTableBits
#define seL4_PUDBits seL4_PageTableBits
#define seL4_PGDBits seL4_VSpaceBits

#define seL4_ARM_PageDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_PageUpperDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_PageGlobalDirectoryObject seL4_ARM_VSpaceObject

/* Plain aliases, so that code may also take their address. */
#define seL4_ARM_PageDirectory_Map seL4_ARM_PageTable_Map
#define seL4_ARM_PageUpperDirectory_Map seL4_ARM_PageTable_Map
