/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Result types of seL4's MCS scheduling-context calls. Cairn has no
 * scheduling contexts (CONFIG_KERNEL_MCS is never set) and no such calls;
 * libsel4 emits these types in every configuration and seL4_libs names
 * them in code that a non-MCS build compiles but never runs.
 */
#pragma once

#include <sel4/basic_types.h>

typedef struct seL4_SchedContext_Consumed {
    int error;
    seL4_Time consumed;
} seL4_SchedContext_Consumed_t;
