/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How kernel operations fail. Decoders return an exception_t and leave the
 * details in ks_syscall_error / ks_lookup_fault (one system call at a time,
 * so one of each is enough); the reply code turns them into the seL4 error
 * code and the message registers libsel4 documents.
 */
#pragma once

#include <sel4/constants.h>
#include <sel4/errors.h>
#include <types.h>

typedef enum exception {
    EXCEPTION_NONE = 0,
    EXCEPTION_LOOKUP_FAULT, /* details in ks_lookup_fault */
    EXCEPTION_SYSCALL_ERROR, /* details in ks_syscall_error */
    EXCEPTION_PREEMPTED,    /* progress saved; the system call restarts */
} exception_t;

typedef struct lookup_fault {
    seL4_LookupFailureType type;
    word_t bits_left;
    word_t bits_found;  /* depth mismatch: bits the level needed; guard: guard size */
    word_t guard_found; /* guard mismatch: the CNode's guard */
} lookup_fault_t;

typedef struct syscall_error {
    seL4_Error type;
    word_t invalid_argument; /* seL4_InvalidArgument: which argument */
    word_t invalid_cap;      /* seL4_InvalidCapability: which cap */
    word_t range_min;        /* seL4_RangeError: the valid range */
    word_t range_max;
    bool lookup_was_source;  /* seL4_FailedLookup: in the source (1) or destination */
    word_t memory_left;      /* seL4_NotEnoughMemory: bytes available */
} syscall_error_t;

extern syscall_error_t ks_syscall_error;
extern lookup_fault_t ks_lookup_fault;

/* Each records one error and returns EXCEPTION_SYSCALL_ERROR. */
exception_t syscall_error(seL4_Error type);
exception_t syscall_error_argument(seL4_Error type, word_t argument);
exception_t syscall_error_range(word_t min, word_t max);
exception_t syscall_error_memory(word_t bytes_left);
/* seL4_FailedLookup from the lookup fault already in ks_lookup_fault. */
exception_t syscall_error_lookup(bool was_source);

/* Record a lookup fault; return EXCEPTION_LOOKUP_FAULT. */
exception_t lookup_fault(seL4_LookupFailureType type, word_t bits_left, word_t bits_found,
                         word_t guard_found);

/* Debug builds: "cairn: <thread>: <message>" explaining a refused call.
 * Otherwise nothing, not even a call: the error path of a release kernel
 * neither formats nor passes the message. */
#ifdef CAIRN_USER_ERRORS
void user_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#else
static inline __attribute__((format(printf, 1, 2))) void user_error(const char *fmt, ...)
{
    (void)fmt;
}
#endif
