// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fault delivery and fault replies, with libsel4's message layouts
 * (<sel4/faults.h>). The faulting instruction's address is the thread's pc
 * while the fault is outstanding, so a restart re-executes it; for a system
 * call that is the svc itself, and a handler that wants to skip it replies
 * with FaultIP + 4.
 */
#include <kernel/faults.h>

#include <kernel/cspace.h>
#include <kernel/sched.h>
#include <object/endpoint.h>
#include <sel4/ipc_buffer.h>
#include <sel4/message_info.h>

/* seL4's handleFault looks the fault endpoint up once, at delivery; so does
 * Cairn (fault_handler, then fault_deliver with its result). */
cte_t *fault_handler(const tcb_t *thread)
{
    /* No lookup-failure details are wanted: the fast walk will do. */
    cte_t *slot = cspace_lookup_fast(thread->slots[TCB_CTABLE].cap, thread->fault_handler);
    if (slot == NULL) {
        return NULL;
    }
    cap_t cap = slot->cap;
    bool usable = cap_get_type(cap) == CAP_ENDPOINT && cap_endpoint_get_can_send(cap) &&
                  (cap_endpoint_get_can_grant(cap) || cap_endpoint_get_can_grant_reply(cap));
    return usable ? slot : NULL;
}

void fault_deliver(tcb_t *thread, cte_t *handler)
{
    if (handler == NULL) {
        thread->fault.type = seL4_Fault_NullFault;
        thread_stop(thread, "no fault handler");
        return;
    }
    cap_t cap = handler->cap;
    endpoint_send(cap_get_ptr(cap), thread, cap_endpoint_get_badge(cap),
                  cap_endpoint_get_can_grant(cap), true, true, true);
}

static void put(tcb_t *receiver, seL4_IPCBuffer *buffer, unsigned i, word_t value)
{
    if (i < seL4_FastMessageRegisters) {
        receiver->context.x[2 + i] = value;
    } else if (buffer != NULL) {
        buffer->msg[i] = value;
    }
}

void fault_transfer(tcb_t *faulter, tcb_t *receiver)
{
    seL4_IPCBuffer *buffer = thread_ipc_buffer(receiver);
    const user_context_t *c = &faulter->context;
    const fault_t *f = &faulter->fault;
    unsigned length = 0;
    switch (f->type) {
    case seL4_Fault_VMFault:
        put(receiver, buffer, seL4_VMFault_IP, c->pc);
        for (unsigned i = 0; i < 3; i++) {
            put(receiver, buffer, seL4_VMFault_Addr + i, f->words[i]);
        }
        length = seL4_VMFault_Length;
        break;
    case seL4_Fault_UnknownSyscall:
        for (unsigned i = 0; i < 8; i++) {
            put(receiver, buffer, seL4_UnknownSyscall_X0 + i, c->x[i]);
        }
        put(receiver, buffer, seL4_UnknownSyscall_FaultIP, c->pc);
        put(receiver, buffer, seL4_UnknownSyscall_SP, c->sp_el0);
        /* "LR" is ELR_EL1 as seL4 reports it: the address after the svc. */
        put(receiver, buffer, seL4_UnknownSyscall_LR, c->pc + 4);
        put(receiver, buffer, seL4_UnknownSyscall_SPSR, c->spsr);
        put(receiver, buffer, seL4_UnknownSyscall_Syscall, f->words[0]);
        length = seL4_UnknownSyscall_Length;
        break;
    case seL4_Fault_UserException:
        put(receiver, buffer, seL4_UserException_FaultIP, c->pc);
        put(receiver, buffer, seL4_UserException_SP, c->sp_el0);
        put(receiver, buffer, seL4_UserException_SPSR, c->spsr);
        put(receiver, buffer, seL4_UserException_Number, f->words[0]);
        put(receiver, buffer, seL4_UserException_Code, f->words[1]);
        length = seL4_UserException_Length;
        break;
    default: /* capability fault: address, phase, lookup failure */
        put(receiver, buffer, seL4_CapFault_IP, c->pc);
        for (unsigned i = 0; i < 6; i++) {
            put(receiver, buffer, seL4_CapFault_Addr + i, f->words[i]);
        }
        length = seL4_CapFault_Length;
        break;
    }
    if (buffer == NULL) {
        length = MIN(length, seL4_FastMessageRegisters); /* only registers arrived */
    }
    receiver->context.x[1] = seL4_MessageInfo_new(f->type, 0, 0, length).words[0];
}

/* Only the condition flags of a user-supplied SPSR are kept: a thread always
 * returns to EL0 in AArch64 with interrupts unmasked. */
static word_t sanitise_spsr(word_t spsr)
{
    return spsr & 0xF0000000UL;
}

static word_t reply_word(const tcb_t *replier, const seL4_IPCBuffer *buffer, unsigned i)
{
    if (i < seL4_FastMessageRegisters) {
        return replier->context.x[2 + i];
    }
    return buffer != NULL ? buffer->msg[i] : 0;
}

void fault_reply(tcb_t *faulter, tcb_t *replier)
{
    seL4_MessageInfo_t info = { { replier->context.x[1] } };
    word_t length = seL4_MessageInfo_get_length(info);
    const seL4_IPCBuffer *buffer = thread_ipc_buffer(replier);
    user_context_t *c = &faulter->context;
    word_t next_ip = 0; /* "LR": the restart uses FaultIP, so it is not kept (as seL4) */
    if (faulter->fault.type == seL4_Fault_UnknownSyscall) {
        word_t *targets[] = { &c->x[0], &c->x[1], &c->x[2], &c->x[3], &c->x[4], &c->x[5],
                              &c->x[6], &c->x[7], &c->pc, &c->sp_el0, &next_ip, &c->spsr };
        for (unsigned i = 0; i < MIN(length, ARRAY_SIZE(targets)); i++) {
            *targets[i] = reply_word(replier, buffer, i);
        }
    } else if (faulter->fault.type == seL4_Fault_UserException) {
        word_t *targets[] = { &c->pc, &c->sp_el0, &c->spsr };
        for (unsigned i = 0; i < MIN(length, ARRAY_SIZE(targets)); i++) {
            *targets[i] = reply_word(replier, buffer, i);
        }
    }
    c->spsr = sanitise_spsr(c->spsr);
    /* seL4: VM and capability faults restart whatever the label; the others
     * restart only with label 0 and otherwise leave the thread stopped. */
    bool label_decides = faulter->fault.type == seL4_Fault_UnknownSyscall ||
                         faulter->fault.type == seL4_Fault_UserException;
    faulter->fault.type = seL4_Fault_NullFault;
    if (!label_decides || seL4_MessageInfo_get_label(info) == 0) {
        thread_set_state(faulter, THREAD_RUNNING);
        sched_possible_switch_to(faulter);
    } else {
        thread_set_state(faulter, THREAD_INACTIVE);
    }
}

void fault_record_vm(tcb_t *thread, word_t address, bool instruction, word_t esr)
{
    thread->fault = (fault_t){ seL4_Fault_VMFault, { address, instruction, esr, 0, 0, 0 } };
}

void fault_record_user_exception(tcb_t *thread, word_t number, word_t code)
{
    thread->fault = (fault_t){ seL4_Fault_UserException, { number, code, 0, 0, 0, 0 } };
}

void fault_record_unknown_syscall(tcb_t *thread, word_t number)
{
    thread->context.pc -= 4; /* the svc is the faulting instruction */
    thread->fault = (fault_t){ seL4_Fault_UnknownSyscall, { number, 0, 0, 0, 0, 0 } };
}

void fault_record_cap(tcb_t *thread, word_t cptr, bool in_receive)
{
    const lookup_fault_t *l = &ks_lookup_fault;
    word_t second = l->type == seL4_GuardMismatch ? l->guard_found : l->bits_found;
    thread->context.pc -= 4;
    thread->fault = (fault_t){ seL4_Fault_CapFault,
                               { cptr, in_receive, l->type, l->bits_left, second, l->bits_found } };
}
