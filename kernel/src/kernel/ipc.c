// SPDX-License-Identifier: BSD-2-Clause
/*
 * Moving a message from one thread to another (seL4 manual, "Message
 * Transfer"): the label and up to seL4_MsgMaxLength words (four in
 * registers, the rest through both IPC buffers), the badge, and with the
 * Grant right up to seL4_MsgMaxExtraCaps caps. A cap to the very endpoint the
 * message travels through is "unwrapped" to its badge; any other cap goes to
 * the receiver's single receive slot. A faulting sender's message is its
 * fault instead (kernel/src/kernel/faults.c).
 */
#include <object/endpoint.h>

#include <kernel/cspace.h>
#include <kernel/faults.h>
#include <object/cte_ops.h>
#include <object/objecttype.h>
#include <sel4/ipc_buffer.h>
#include <sel4/message_info.h>

/* The receiver's empty receive slot, or NULL (seL4 getReceiveSlots). A
 * receiver without one is ordinary IPC, not an error: the caps are not
 * transferred, and nothing is printed or recorded as a system-call error. */
static cte_t *receive_slot(const tcb_t *receiver, const seL4_IPCBuffer *rbuf)
{
    cte_t *cnode_slot;
    if (rbuf == NULL || cspace_lookup_slot(receiver->slots[TCB_CTABLE].cap, rbuf->receiveCNode,
                                           &cnode_slot) != EXCEPTION_NONE) {
        return NULL;
    }
    word_t depth = rbuf->receiveDepth;
    resolve_result_t r;
    if (depth < 1 || depth > seL4_WordBits ||
        cspace_resolve(cnode_slot->cap, rbuf->receiveIndex, (unsigned)depth, &r) !=
            EXCEPTION_NONE ||
        r.bits_remaining != 0 || !cte_is_empty(r.slot)) {
        return NULL;
    }
    return r.slot;
}

/* Transfers the extra caps; returns the message info's caps fields. */
static seL4_MessageInfo_t transfer_caps(tcb_t *sender, const seL4_IPCBuffer *sbuf,
                                        const endpoint_t *ep, tcb_t *receiver,
                                        seL4_IPCBuffer *rbuf, seL4_MessageInfo_t info)
{
    word_t extra = seL4_MessageInfo_get_extraCaps(info);
    word_t count = 0;
    word_t unwrapped = 0;
    cte_t *dest = receive_slot(receiver, rbuf);
    for (; count < extra; count++) {
        cte_t *src;
        if (cspace_lookup_slot(sender->slots[TCB_CTABLE].cap, sbuf->caps_or_badges[count],
                               &src) != EXCEPTION_NONE) {
            break;
        }
        cap_t cap = src->cap;
        if (cap_get_type(cap) == CAP_ENDPOINT && cap_get_ptr(cap) == ep && rbuf != NULL) {
            rbuf->caps_or_badges[count] = cap_endpoint_get_badge(cap);
            unwrapped |= 1UL << count;
            continue;
        }
        cap_t derived;
        if (dest == NULL || cap_derive(src, cap, &derived) != EXCEPTION_NONE ||
            cap_get_type(derived) == CAP_NULL) {
            break;
        }
        cte_insert(derived, src, dest);
        dest = NULL; /* one receive slot per message */
    }
    info = seL4_MessageInfo_set_extraCaps(info, count);
    return seL4_MessageInfo_set_capsUnwrapped(info, unwrapped);
}

static void transfer_message(tcb_t *sender, const endpoint_t *ep, bool can_grant,
                             tcb_t *receiver)
{
    seL4_MessageInfo_t info = { { sender->context.x[1] } };
    seL4_IPCBuffer *sbuf = thread_ipc_buffer(sender);
    seL4_IPCBuffer *rbuf = thread_ipc_buffer(receiver);
    word_t length = seL4_MessageInfo_get_length(info);
    word_t max = (sbuf != NULL && rbuf != NULL) ? seL4_MsgMaxLength : seL4_FastMessageRegisters;
    length = MIN(length, max);
    for (word_t i = 0; i < length; i++) {
        if (i < seL4_FastMessageRegisters) {
            receiver->context.x[2 + i] = sender->context.x[2 + i];
        } else {
            rbuf->msg[i] = sbuf->msg[i];
        }
    }
    info = seL4_MessageInfo_set_length(info, length);
    if (can_grant && sbuf != NULL && seL4_MessageInfo_get_extraCaps(info) > 0) {
        info = transfer_caps(sender, sbuf, ep, receiver, rbuf, info);
    } else {
        info = seL4_MessageInfo_set_extraCaps(info, 0);
        info = seL4_MessageInfo_set_capsUnwrapped(info, 0);
    }
    receiver->context.x[1] = info.words[0];
}

void ipc_transfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool can_grant, tcb_t *receiver)
{
    if (sender->fault.type != seL4_Fault_NullFault) {
        fault_transfer(sender, receiver);
    } else {
        transfer_message(sender, ep, can_grant, receiver);
    }
    receiver->context.x[0] = badge;
}
