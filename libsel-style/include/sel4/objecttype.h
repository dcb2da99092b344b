/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel object types for Untyped_Retype (libsel4's names, AArch64). */
#pragma once

#include <sel4/basic_types.h>

typedef enum api_object {
    seL4_UntypedObject = 0,
    seL4_TCBObject,
    seL4_EndpointObject,
    seL4_NotificationObject,
    seL4_CapTableObject,
    seL4_NonArchObjectTypeCount,
} seL4_ObjectType;

typedef enum _mode_object {
    seL4_ARM_HugePageObject = seL4_NonArchObjectTypeCount,
    seL4_ARM_VSpaceObject,
    seL4_ModeObjectTypeCount,
} seL4_ModeObjectType;

typedef enum _object {
    seL4_ARM_SmallPageObject = seL4_ModeObjectTypeCount,
    seL4_ARM_LargePageObject,
    seL4_ARM_PageTableObject,
    seL4_ObjectTypeCount,
} seL4_ArchObjectType;

/* Cairn has no virtual CPUs (no hypervisor support): the name exists for
 * code that switches over object types, and its value is one no kernel
 * object has, so retyping to it fails with seL4_InvalidArgument. */
#define seL4_ARM_VCPUObject 0xfffe

typedef seL4_Word object_t;
