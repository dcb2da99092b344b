/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzzing thread's operations: each one random, drawn from a generator
 * seeded by (run seed, operation number), so operation N is the same call
 * whenever it runs, however the ones before it ended (a fault, a block, a
 * restart). Each is logged before it is made; the last ones are printed
 * when a run fails.
 */
#pragma once

#include <sel4/sel4.h>
#include <stdint.h>

/* What one operation was. */
typedef struct fuzz_op {
    uint64_t number;
    unsigned kind;      /* FUZZ_OP_... */
    seL4_CPtr target;
    seL4_Word label;    /* invocation label, or the system-call number */
    seL4_Word length;
    seL4_Word extra_caps;
    seL4_Word mr[4];
} fuzz_op_t;

enum { FUZZ_OP_INVOKE, FUZZ_OP_RAW_SVC, FUZZ_OP_NBSEND, FUZZ_OP_KINDS };

/* The pool's slots as the fuzzing thread may name them. */
void ops_configure(uint64_t seed, seL4_CPtr first_slot, unsigned slots);

/* Makes operation number `op`. */
void ops_run(uint64_t op);

/* Partner thread `index`'s operation number `op`: plain IPC on the pool's
 * endpoints and notifications (Send, Recv, Call, Signal, Wait, Poll, Reply,
 * Yield) with random messages and caps, or a deliberate fault. */
void ops_partner_run(unsigned index, uint64_t op);

/* How many invocations the kernel carried out (returned seL4_NoError): the
 * share that got past every check. */
uint64_t ops_accepted(void);

/* The log: the last FUZZ_LOG operations made, oldest first. */
#define FUZZ_LOG 8
unsigned ops_log(fuzz_op_t out[FUZZ_LOG]);
