/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzzer's object pool: one untyped of its own, retyped at the start of
 * every batch into objects of every type, in a run of root-CNode slots that
 * the fuzzing thread reaches only through the caps in them. At the end of
 * the batch one revoke of the untyped (plus a delete of each pool slot for
 * the IRQ handler, which has no untyped) destroys everything, and retyping
 * the untyped whole shows that nothing leaked and nothing still refers to it.
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>

#define POOL_SLOTS 64

typedef struct fuzz_pool {
    seL4_CPtr untyped;      /* the pool's memory */
    unsigned untyped_bits;
    seL4_CPtr first;        /* root-CNode slots first .. first + POOL_SLOTS - 1 */
    seL4_CPtr scratch;      /* a root slot for the accounting check */
    seL4_CPtr tcbs[4];      /* the pool's threads, for the setup */
    unsigned filled;        /* slots the setup filled */
} fuzz_pool_t;

/* The slot of the k-th object of that type and size the setup makes
 * (seL4_CapNull if it makes none). */
seL4_CPtr pool_object_slot(const fuzz_pool_t *p, seL4_Word type, seL4_Word size_bits,
                           unsigned k);

/* Finds an untyped of at least 2^min_bits and the slots. */
bool pool_init(fuzz_pool_t *p, unsigned min_bits);

/* Retypes the pool's objects; false (with the step) if any step failed. */
bool pool_setup(fuzz_pool_t *p, const char **failed, seL4_Error *error);

/* Destroys everything the batch made; false if a step failed. */
bool pool_teardown(fuzz_pool_t *p, const char **failed, seL4_Error *error);

/* The accounting check: the whole untyped retypes as one child again. */
bool pool_reclaimed(fuzz_pool_t *p, seL4_Error *error);
