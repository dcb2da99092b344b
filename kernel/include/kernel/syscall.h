/* SPDX-License-Identifier: BSD-2-Clause */
/* System-call dispatch (x7 holds the number; see libsel-style's syscalls.h). */
#pragma once

#include <kernel/thread.h>

/* Handles the system call the current thread made; may stop it. */
void handle_syscall(tcb_t *thread);

/* Reports a fault taken by a user thread and stops it: with no fault
 * endpoints yet, every thread behaves as one without a handler. */
void handle_user_fault(tcb_t *thread, const char *kind, const char *detail, word_t pc,
                       word_t address, word_t esr);
