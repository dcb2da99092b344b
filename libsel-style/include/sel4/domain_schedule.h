/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4's run-time domain schedule calls (seL4 16). Cairn's domain schedule
 * is fixed when the kernel is built (CAIRN_NUM_DOMAINS, round robin), so it
 * has no invocation for them: both answer seL4_IllegalOperation at once,
 * without entering the kernel, as seL4 does for an operation it does not
 * offer. They exist so that code naming them (sel4test's domains.cxx)
 * compiles.
 */
#pragma once

#include <sel4/basic_types.h>
#include <sel4/errors.h>

static inline seL4_Error seL4_DomainSet_ScheduleConfigure(seL4_DomainSet _service,
                                                          seL4_Word index, seL4_Uint8 domain,
                                                          seL4_Time duration)
{
    (void)_service;
    (void)index;
    (void)domain;
    (void)duration;
    return seL4_IllegalOperation;
}

static inline seL4_Error seL4_DomainSet_ScheduleSetStart(seL4_DomainSet _service,
                                                         seL4_Word index)
{
    (void)_service;
    (void)index;
    return seL4_IllegalOperation;
}
