/* SPDX-License-Identifier: BSD-2-Clause */
/* System-call dispatch (x7 holds the number; see libsel-style's syscalls.h). */
#pragma once

#include <kernel/thread.h>

/* Call, Send or NBSend on a cap: look it up, decode, perform, reply. */
void handle_invocation(tcb_t *thread, bool is_call, bool blocking);

/* Reports a fault taken by a user thread that has no fault handler. */
void handle_user_fault(tcb_t *thread, const char *kind, const char *detail, word_t pc,
                       word_t address, word_t esr);

/* A capability fault: cptr could not be looked up (details in
 * ks_lookup_fault). */
void handle_cap_fault(tcb_t *thread, word_t cptr, bool in_receive);
