/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Word-sized types of the user API (libsel4's names). A capability pointer
 * (CPtr) is a word that the kernel resolves through the caller's CSpace.
 * The other libsel-style headers build on this one; <sel4/types.h> adds the
 * message and IPC-buffer types on top, as libsel4's does.
 */
#pragma once

#include <sel4/simple_types.h>

#define seL4_WordBits 64
#define seL4_WordSizeBits 3

typedef seL4_Uint64 seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_Untyped;
typedef seL4_CPtr seL4_IRQControl;
typedef seL4_CPtr seL4_IRQHandler;
typedef seL4_CPtr seL4_DomainSet;
typedef seL4_CPtr seL4_ARM_VSpace;
typedef seL4_CPtr seL4_ARM_PageTable;
typedef seL4_CPtr seL4_ARM_Page;
typedef seL4_CPtr seL4_ARM_ASIDControl;
typedef seL4_CPtr seL4_ARM_ASIDPool;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;

/* Time in microseconds (the unit of seL4's MCS scheduling contexts). */
typedef seL4_Uint64 seL4_Time;

/* Cap data meaning "no change" for the CSpace/VSpace root data arguments. */
#define seL4_NilData 0
