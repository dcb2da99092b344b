// SPDX-License-Identifier: BSD-2-Clause
/*
 * Invoking a capability: Call, Send and NBSend on a cap that is not an
 * endpoint. The cap and any extra caps are looked up in the caller's CSpace
 * (a failed lookup is a capability fault, as in seL4), the decoder checks and
 * performs, and a Call gets the reply: label 0 and no words on success, or
 * label = the seL4_Error with the details in the message registers.
 */
#include <kernel/syscall.h>

#include <kernel/cspace.h>
#include <object/invocation.h>
#include <sel4/message_info.h>

seL4_IPCBuffer *thread_ipc_buffer(const tcb_t *thread)
{
    cap_t frame = thread->slots[TCB_IPC_BUFFER].cap;
    if (cap_get_type(frame) != CAP_FRAME || cap_frame_get_is_device(frame)) {
        return NULL;
    }
    uint64_t size = 12 + 9 * cap_frame_get_size(frame);
    uint64_t offset = thread->ipc_buffer & ((1UL << size) - 1);
    return (seL4_IPCBuffer *)((uint8_t *)cap_get_ptr(frame) + offset);
}

/* Message word i of a reply: registers first, then the IPC buffer. */
static void set_reply_word(tcb_t *thread, seL4_IPCBuffer *buffer, unsigned i, word_t value)
{
    if (i < seL4_FastMessageRegisters) {
        thread->context.x[2 + i] = value;
    } else if (buffer != NULL) {
        buffer->msg[i] = value;
    }
}

/* The lookup failure layout (seL4_LookupFailureType and its details) from
 * word `at` on; returns the words written. */
static unsigned put_lookup_failure(tcb_t *thread, seL4_IPCBuffer *buffer, unsigned at)
{
    const lookup_fault_t *f = &ks_lookup_fault;
    set_reply_word(thread, buffer, at, f->type);
    switch (f->type) {
    case seL4_MissingCapability:
        set_reply_word(thread, buffer, at + 1, f->bits_left);
        return 2;
    case seL4_DepthMismatch:
        set_reply_word(thread, buffer, at + 1, f->bits_left);
        set_reply_word(thread, buffer, at + 2, f->bits_found);
        return 3;
    case seL4_GuardMismatch:
        set_reply_word(thread, buffer, at + 1, f->bits_left);
        set_reply_word(thread, buffer, at + 2, f->guard_found);
        set_reply_word(thread, buffer, at + 3, f->bits_found);
        return 4;
    default:
        return 1;
    }
}

/* The error's message words (seL4 manual, "Error Codes"); returns how many. */
static unsigned put_error_details(tcb_t *thread, seL4_IPCBuffer *buffer)
{
    const syscall_error_t *e = &ks_syscall_error;
    switch (e->type) {
    case seL4_InvalidArgument:
        set_reply_word(thread, buffer, 0, e->invalid_argument);
        return 1;
    case seL4_InvalidCapability:
        set_reply_word(thread, buffer, 0, e->invalid_cap);
        return 1;
    case seL4_RangeError:
        set_reply_word(thread, buffer, 0, e->range_min);
        set_reply_word(thread, buffer, 1, e->range_max);
        return 2;
    case seL4_FailedLookup:
        set_reply_word(thread, buffer, 0, e->lookup_was_source);
        return 1 + put_lookup_failure(thread, buffer, 1);
    case seL4_NotEnoughMemory:
        set_reply_word(thread, buffer, 0, e->memory_left);
        return 1;
    default:
        return 0;
    }
}

static void reply(tcb_t *thread, seL4_IPCBuffer *buffer, exception_t status, word_t ok_length)
{
    word_t label = 0;
    word_t length = ok_length;
    if (status == EXCEPTION_SYSCALL_ERROR) {
        label = ks_syscall_error.type;
        length = put_error_details(thread, buffer);
    }
    thread->context.x[1] = seL4_MessageInfo_new(label, 0, 0, length).words[0];
}

/* A cap lookup for an invocation: fast, then (on failure) again with the
 * details a capability fault reports. */
static bool lookup_or_fault(tcb_t *thread, word_t cptr, bool blocking, cte_t **slot)
{
    cap_t root = thread->slots[TCB_CTABLE].cap;
    *slot = cspace_lookup_fast(root, cptr);
    if (*slot == NULL && cspace_lookup_slot(root, cptr, slot) != EXCEPTION_NONE) {
        if (blocking) {
            handle_cap_fault(thread, cptr, false);
        }
        return false;
    }
    return true;
}

/* Looks up the invoked cap and the extra caps; false after a cap fault. */
static bool lookup_invocation(tcb_t *thread, seL4_MessageInfo_t info, bool blocking,
                              invocation_t *inv)
{
    if (!lookup_or_fault(thread, thread->context.x[0], blocking, &inv->slot)) {
        return false;
    }
    inv->cap = inv->slot->cap;
    for (unsigned i = 0; i < seL4_MsgMaxExtraCaps; i++) {
        inv->extra[i] = NULL;
    }
    word_t extra = inv->buffer != NULL ? seL4_MessageInfo_get_extraCaps(info) : 0;
    for (unsigned i = 0; i < extra; i++) {
        if (!lookup_or_fault(thread, inv->buffer->caps_or_badges[i], blocking, &inv->extra[i])) {
            return false;
        }
    }
    return true;
}

void handle_invocation(tcb_t *thread, bool is_call, bool blocking)
{
    seL4_MessageInfo_t info = { { thread->context.x[1] } };
    invocation_t inv;
    inv.thread = thread;
    inv.buffer = thread_ipc_buffer(thread);
    inv.label = seL4_MessageInfo_get_label(info);
    inv.length = seL4_MessageInfo_get_length(info);
    inv.reply_length = 0;
    inv.is_call = is_call;
    inv.blocking = blocking;
    if (inv.length > (inv.buffer != NULL ? seL4_MsgMaxLength : seL4_FastMessageRegisters)) {
        inv.length = inv.buffer != NULL ? seL4_MsgMaxLength : seL4_FastMessageRegisters;
    }
    if (!lookup_invocation(thread, info, blocking, &inv)) {
        return;
    }
    exception_t status = decode_invocation(&inv);
    if (status == EXCEPTION_PREEMPTED) {
        thread->context.pc -= 4; /* run the svc again: it continues the work */
        return;
    }
    /* An IPC send may have blocked the caller (it then gets its reply
     * from another thread); everything else answers a Call at once. */
    if (is_call && thread_is_runnable(thread)) {
        reply(thread, inv.buffer, status, inv.reply_length);
    }
}
