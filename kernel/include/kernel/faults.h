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

/*
 * A fault is taken in three steps, so that the fault endpoint is looked up
 * once: record it (fault_record_*, which fill in thread->fault), find the
 * handler (fault_handler: the caller prints its report when there is none),
 * deliver (fault_deliver).
 */
void fault_record_vm(tcb_t *thread, word_t address, bool instruction, word_t esr);
void fault_record_user_exception(tcb_t *thread, word_t number, word_t code);
void fault_record_unknown_syscall(tcb_t *thread, word_t number);
/* From the lookup failure in ks_lookup_fault. */
void fault_record_cap(tcb_t *thread, word_t cptr, bool in_receive);

/* The slot of the thread's fault endpoint, if it has one a fault can be sent
 * to; NULL if not. */
cte_t *fault_handler(const tcb_t *thread);

/* Sends thread->fault through handler, from fault_handler(thread) with no
 * change to the thread's CSpace since; NULL suspends the thread instead. */
void fault_deliver(tcb_t *thread, cte_t *handler);

/* The fault message, as the receiver of the fault IPC sees it. */
void fault_transfer(tcb_t *faulter, tcb_t *receiver);

/* The handler replied: apply its message and restart or suspend. */
void fault_reply(tcb_t *faulter, tcb_t *replier);
