/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The root task's resources in one place: the slot allocator over the
 * empty part of its CNode, the untyped allocator over the boot untypeds, a
 * small arena for its own page tables and a mapper for its own VSpace, with
 * one scratch page address at which the loader maps frames to fill them.
 * rs_env_init() makes the scratch address's page tables up front, so later
 * loads take no memory for the root task and the allocator's totals only
 * move for what processes get.
 */
#pragma once

#include <rootserver/slots.h>
#include <rootserver/untyped.h>
#include <rootserver/vspace.h>
#include <sel4/sel4.h>

/* Where the loader maps frames in the root task's VSpace while it fills
 * them: far from the root task's image (0x40_0000) and stack. */
#define RS_ENV_SCRATCH_VADDR 0x7f0000000000UL

typedef struct rs_env {
    const seL4_BootInfo *bi;
    rs_slots_t slots;
    rs_ut_t ut;
    rs_arena_t arena;   /* the root task's own page tables */
    rs_vspace_t vspace; /* seL4_CapInitThreadVSpace */
    seL4_Word scratch;  /* RS_ENV_SCRATCH_VADDR */
    seL4_CPtr asid_pool; /* seL4_CapInitThreadASIDPool unless changed */
} rs_env_t;

/* Sets everything up from the boot info. */
seL4_Error rs_env_init(rs_env_t *env, const seL4_BootInfo *bi);
