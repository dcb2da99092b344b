/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faults (seL4 manual, "Faults"): a thread that faults sends a fault message
 * to its fault endpoint (a cptr in its own CSpace, looked up at fault time)
 * as if it made a Call, and waits for the reply; label 0 restarts it. With no
 * usable fault endpoint the thread is suspended and the kernel says why.
 */
#pragma once

#include <kernel/thread.h>
#include <sel4/faults.h>

/* Whether the thread has a fault endpoint a fault could be sent to (else a
 * fault suspends it; callers print a detailed report first). */
bool fault_has_handler(const tcb_t *thread);

/* Delivers thread->fault (already filled in). */
void fault_deliver(tcb_t *thread);

/* The fault message, as the receiver of the fault IPC sees it. */
void fault_transfer(tcb_t *faulter, tcb_t *receiver);

/* The handler replied: apply its message and restart or suspend. */
void fault_reply(tcb_t *faulter, tcb_t *replier);

/* Builders for each fault type; each then calls fault_deliver. */
void fault_vm(tcb_t *thread, word_t address, bool instruction, word_t esr);
void fault_user_exception(tcb_t *thread, word_t number, word_t code);
void fault_unknown_syscall(tcb_t *thread, word_t number);
void fault_cap(tcb_t *thread, word_t cptr, bool in_receive);
