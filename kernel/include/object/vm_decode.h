/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks the VM decoders share: a VSpace cap named by an invocation, and the
 * ASID that gives it life.
 */
#pragma once

#include <arch/aarch64/vspace.h>
#include <kernel/errors.h>

/* The cap is a VSpace with an ASID; else seL4_InvalidCapability(index). */
exception_t vm_refuse_vspace_cap(word_t index);
static inline exception_t vm_check_vspace_cap(cap_t cap, word_t index)
{
    if (cap_get_type(cap) != CAP_VSPACE || !cap_vspace_get_mapped(cap)) {
        return vm_refuse_vspace_cap(index);
    }
    return EXCEPTION_NONE;
}

/* The VSpace's ASID still names it: seL4_FailedLookup if the ASID is gone,
 * seL4_InvalidCapability(index) if it names another VSpace. */
exception_t vm_refuse_asid(cap_t cap, word_t index);
static inline exception_t vm_find_vspace(cap_t cap, word_t index, pte_t **vspace, word_t *asid)
{
    *asid = cap_vspace_get_mapped_asid(cap);
    *vspace = vspace_for_asid(*asid);
    if (*vspace == NULL || *vspace != cap_get_ptr(cap)) {
        return vm_refuse_asid(cap, index);
    }
    return EXCEPTION_NONE;
}

/* The cache operation an invocation label asks for. */
cache_op_t vm_cache_op_for(word_t label);
