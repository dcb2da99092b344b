/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An invocation being decoded: who invoked which cap with what message.
 * Decoders read arguments only through invocation_arg() and extra caps only
 * through inv->extra[], then either fail (changing nothing) or perform.
 */
#pragma once

#include <kernel/errors.h>
#include <kernel/thread.h>
#include <sel4/ipc_buffer.h>

typedef struct invocation {
    tcb_t *thread;
    word_t label;
    word_t length;           /* message words available to the decoder */
    cte_t *slot;             /* the invoked cap's slot */
    cap_t cap;
    cte_t *extra[seL4_MsgMaxExtraCaps]; /* NULL where none was sent */
    seL4_IPCBuffer *buffer;  /* the caller's IPC buffer (kernel view) or NULL */
    word_t reply_length;     /* words a successful Call gets back (already placed) */
    bool is_call;
    bool blocking;
} invocation_t;

/* Message word i: the first four from registers x2-x5, the rest from the
 * IPC buffer (0 when there is none). */
static inline word_t invocation_arg(const invocation_t *inv, unsigned i)
{
    if (i < seL4_FastMessageRegisters) {
        return inv->thread->context.x[2 + i];
    }
    return (inv->buffer != NULL && i < seL4_MsgMaxLength) ? inv->buffer->msg[i] : 0;
}

/* The object-type switch: decode the invocation and, if valid, perform it. */
exception_t decode_invocation(invocation_t *inv);

exception_t cnode_decode_invocation(invocation_t *inv);
exception_t untyped_decode_invocation(invocation_t *inv);
exception_t tcb_decode_invocation(invocation_t *inv);
/* Test hook (weak, false): install TCB caps without the issue-16 checks. */
bool tcb_test_unchecked_installs(void);
exception_t domain_decode_invocation(invocation_t *inv);
exception_t frame_decode_invocation(invocation_t *inv);
exception_t page_table_decode_invocation(invocation_t *inv);
exception_t vspace_decode_invocation(invocation_t *inv);
exception_t asid_control_decode_invocation(invocation_t *inv);
exception_t asid_pool_decode_invocation(invocation_t *inv);
exception_t irq_control_decode_invocation(invocation_t *inv);
exception_t irq_handler_decode_invocation(invocation_t *inv);
/* The last handler cap of irq went: mask it and drop its notification. */
void irq_handler_deleted(word_t irq);
