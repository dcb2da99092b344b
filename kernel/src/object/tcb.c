// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCB invocations (seL4 manual, "TCB" methods; libsel4 names). Registers go
 * through seL4_UserContext's order; a register write can never make the
 * thread return anywhere but EL0 in AArch64 with interrupts unmasked.
 */
#include <object/invocation.h>

#include <arch.h>
#include <kernel/cspace.h>
#include <kernel/sched.h>
#include <object/cdt.h>
#include <object/cte_ops.h>
#include <object/endpoint.h>
#include <object/objecttype.h>
#include <sel4/faults.h>
#include <sel4/generated/invocation_labels.h>
#include <sel4/user_context.h>

#define USER_CONTEXT_WORDS (sizeof(seL4_UserContext) / sizeof(seL4_Word))

/* seL4_UserContext word i as a pointer into the kernel's saved context. */
static word_t *context_word(user_context_t *c, unsigned i)
{
    static const uint8_t gpr[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 29, 30,
                                   9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24,
                                   25, 26, 27, 28 };
    switch (i) {
    case 0: return &c->pc;
    case 1: return &c->sp_el0;
    case 2: return &c->spsr;
    case USER_CONTEXT_WORDS - 2: return &c->tpidr_el0;
    case USER_CONTEXT_WORDS - 1: return &c->tpidrro_el0;
    default: return &c->x[gpr[i - 3]];
    }
}

static void write_context_word(user_context_t *c, unsigned i, word_t value)
{
    if (i == 2) {
        value &= 0xF0000000UL; /* NZCV only: EL0t, AArch64, nothing masked */
    }
    if (i == USER_CONTEXT_WORDS - 1) {
        return; /* TPIDRRO_EL0 is the kernel's to set */
    }
    *context_word(c, i) = value;
}

/* A new pc for a thread blocked in a system call replaces the restart of
 * that call: the thread goes on at exactly the pc written, as on seL4. */
static void note_pc_written(tcb_t *target)
{
    if (thread_is_blocked(target)) {
        target->pc_written_while_blocked = true;
    }
}

static exception_t check_count(word_t count)
{
    if (count < 1 || count > USER_CONTEXT_WORDS) {
        user_error("TCB registers: count %lu outside 1..%zu", count, USER_CONTEXT_WORDS);
        return syscall_error_range(1, USER_CONTEXT_WORDS);
    }
    return EXCEPTION_NONE;
}

/* The checks Read- and WriteRegisters share: flag word, arch flags and a
 * count of 1..36 registers, of another thread than the caller. */
static exception_t check_registers_call(const invocation_t *inv, const tcb_t *target,
                                        word_t *count)
{
    if (inv->length < 3) {
        return syscall_error(seL4_TruncatedMessage);
    }
    *count = invocation_arg(inv, 2);
    exception_t status = check_count(*count);
    if (status == EXCEPTION_NONE && target == inv->thread) {
        user_error("TCB Read/WriteRegisters: not on the calling thread itself");
        status = syscall_error(seL4_IllegalOperation);
    }
    return status;
}

static exception_t decode_read_registers(invocation_t *inv, tcb_t *target)
{
    word_t count = 0;
    exception_t status = check_registers_call(inv, target, &count);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (invocation_arg(inv, 0)) {
        thread_suspend(target);
    }
    /* The reply carries the registers as its message. */
    for (unsigned i = 0; i < count; i++) {
        word_t value = *context_word(&target->context, i);
        if (i < seL4_FastMessageRegisters) {
            inv->thread->context.x[2 + i] = value;
        } else if (inv->buffer != NULL) {
            inv->buffer->msg[i] = value;
        }
    }
    inv->reply_length = count;
    return EXCEPTION_NONE;
}

static exception_t decode_write_registers(invocation_t *inv, tcb_t *target)
{
    word_t count = 0;
    exception_t status = check_registers_call(inv, target, &count);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (inv->length < 3 + count) {
        return syscall_error(seL4_TruncatedMessage);
    }
    for (unsigned i = 0; i < count; i++) {
        write_context_word(&target->context, i, invocation_arg(inv, 3 + i));
    }
    note_pc_written(target); /* count >= 1: word 0, the pc, was written */
    if (invocation_arg(inv, 0)) {
        thread_resume(target);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_copy_registers(invocation_t *inv, tcb_t *target)
{
    if (inv->length < 5 || inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    if (cap_get_type(inv->extra[0]->cap) != CAP_THREAD) {
        return syscall_error_argument(seL4_InvalidCapability, 1);
    }
    tcb_t *source = cap_get_ptr(inv->extra[0]->cap);
    if (invocation_arg(inv, 0)) {
        thread_suspend(source);
    }
    bool frame = invocation_arg(inv, 2);
    bool integer = invocation_arg(inv, 3);
    for (unsigned i = 0; i < USER_CONTEXT_WORDS; i++) {
        bool is_frame = i < 17; /* pc, sp, spsr, x0-x8, x16-x18, x29, x30 */
        if ((is_frame && frame) || (!is_frame && integer)) {
            write_context_word(&target->context, i, *context_word(&source->context, i));
        }
    }
    if (frame) {
        note_pc_written(target);
    }
    if (invocation_arg(inv, 1)) {
        thread_resume(target);
    }
    return EXCEPTION_NONE;
}

/* The priority/MCP an authority may grant: at most its own MCP. */
static exception_t check_priority(const invocation_t *inv, unsigned extra, word_t value)
{
    if (inv->extra[extra] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    if (cap_get_type(inv->extra[extra]->cap) != CAP_THREAD) {
        return syscall_error_argument(seL4_InvalidCapability, 1);
    }
    const tcb_t *authority = cap_get_ptr(inv->extra[extra]->cap);
    if (value > authority->mcp) {
        user_error("TCB: priority %lu above the authority's MCP %u", value, authority->mcp);
        return syscall_error_range(seL4_MinPrio, authority->mcp);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_sched(invocation_t *inv, tcb_t *target)
{
    word_t label = inv->label;
    word_t needed = label == TCBSetSchedParams ? 2 : 1;
    if (inv->length < needed) {
        return syscall_error(seL4_TruncatedMessage);
    }
    word_t a = invocation_arg(inv, 0);
    word_t b = invocation_arg(inv, 1);
    exception_t status = check_priority(inv, 0, a);
    if (status == EXCEPTION_NONE && label == TCBSetSchedParams) {
        status = check_priority(inv, 0, b);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (label == TCBSetPriority) {
        sched_set_priority(target, (unsigned)a);
    } else if (label == TCBSetMCPriority) {
        target->mcp = (uint8_t)a;
    } else {
        target->mcp = (uint8_t)a;
        sched_set_priority(target, (unsigned)b);
    }
    return EXCEPTION_NONE;
}

/* The new cap for a TCB slot: the given one, with Mint-style data applied
 * when data is non-zero, and derivable. */
static exception_t slot_cap(cte_t *src, word_t data, cap_t *out)
{
    if (src == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t cap = src->cap;
    if (data != 0) {
        cap = cap_update_data(false, data, cap);
    }
    exception_t status = cap_derive(src, cap, out);
    if (status == EXCEPTION_NONE && cap_get_type(*out) == CAP_NULL) {
        status = syscall_error(seL4_IllegalOperation);
    }
    return status;
}

static exception_t check_ipc_buffer(word_t vaddr, const cte_t *frame)
{
    if (cap_get_type(frame->cap) != CAP_FRAME || cap_frame_get_is_device(frame->cap)) {
        user_error("TCB: IPC buffer must be a RAM frame");
        return syscall_error(seL4_IllegalOperation);
    }
    if (vaddr & ((1UL << seL4_IPCBufferSizeBits) - 1)) {
        user_error("TCB: IPC buffer address not aligned to 1 KiB");
        return syscall_error(seL4_AlignmentError);
    }
    return EXCEPTION_NONE;
}

/* One test image overrides this (tests/system/selfdestruct/unchecked.c) to
 * install without the checks below, so that it can show the invariant
 * checker catching what they prevent. */
__attribute__((weak)) bool tcb_test_unchecked_installs(void)
{
    return false;
}

/* seL4's rule for a call that deletes before it installs: an install
 * happens only while the invoked TCB cap and the new cap's source are both
 * still where the decoder found them. A TCB whose last cap went with its
 * old CSpace is dead: nothing may be installed in it. */
static bool may_install(const invocation_t *inv, cap_t cap, const cte_t *src)
{
    if (tcb_test_unchecked_installs()) {
        return src != NULL; /* issue 16's bug, put back for the checker's test */
    }
    return cte_still_holds(inv->slot, inv->cap) && cte_still_holds(src, cap);
}

/* Replaces one of the TCB's slots: delete what is there (preemptible), then
 * insert the new cap if may_install() allows. */
static exception_t replace_slot(const invocation_t *inv, tcb_t *t, unsigned which, cap_t cap,
                                cte_t *src)
{
    exception_t status = cte_delete(&t->slots[which]);
    if (status == EXCEPTION_NONE && may_install(inv, cap, src)) {
        cte_insert(cap, src, &t->slots[which]);
    }
    return status;
}

typedef struct space_args {
    word_t fault_ep;
    cte_t *cspace;
    word_t cspace_data;
    cte_t *vspace;
    word_t vspace_data;
    word_t buffer;
    cte_t *buffer_frame; /* NULL: no IPC buffer */
} space_args_t;

static exception_t decode_space_args(const invocation_t *inv, bool configure, space_args_t *a)
{
    word_t needed = configure ? 4 : 3; /* fault_ep, cspace data, vspace data[, buffer] */
    if (inv->length < needed || inv->extra[0] == NULL || inv->extra[1] == NULL ||
        (configure && inv->extra[2] == NULL)) {
        return syscall_error(seL4_TruncatedMessage);
    }
    a->fault_ep = invocation_arg(inv, 0);
    a->cspace = inv->extra[0];
    a->cspace_data = invocation_arg(inv, 1);
    a->vspace = inv->extra[1];
    a->vspace_data = invocation_arg(inv, 2);
    a->buffer = configure ? invocation_arg(inv, 3) : 0;
    a->buffer_frame = configure && a->buffer != 0 ? inv->extra[2] : NULL;
    return EXCEPTION_NONE;
}

static exception_t decode_space(invocation_t *inv, tcb_t *target, bool configure)
{
    space_args_t a = { 0, NULL, 0, NULL, 0, 0, NULL };
    exception_t status = decode_space_args(inv, configure, &a);
    cap_t cspace = cap_null();
    cap_t vspace = cap_null();
    cap_t buffer = cap_null();
    if (status == EXCEPTION_NONE) {
        status = slot_cap(a.cspace, a.cspace_data, &cspace);
    }
    if (status == EXCEPTION_NONE && cap_get_type(cspace) != CAP_CNODE) {
        user_error("TCB SetSpace/Configure: CSpace root is not a CNode");
        status = syscall_error(seL4_IllegalOperation);
    }
    if (status == EXCEPTION_NONE) {
        status = slot_cap(a.vspace, a.vspace_data, &vspace);
    }
    if (status == EXCEPTION_NONE && cap_get_type(vspace) != CAP_VSPACE) {
        user_error("TCB SetSpace/Configure: VSpace root is not a VSpace");
        status = syscall_error(seL4_IllegalOperation);
    }
    if (status == EXCEPTION_NONE && a.buffer_frame != NULL) {
        status = check_ipc_buffer(a.buffer, a.buffer_frame);
        if (status == EXCEPTION_NONE) {
            status = cap_derive(a.buffer_frame, a.buffer_frame->cap, &buffer);
        }
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    target->fault_handler = a.fault_ep;
    /* The deletes run whatever happens (a dead TCB's slots are already
     * empty); the installs and field writes only while the TCB cap is still
     * in its slot, since a TCB whose last cap went is not the kernel's to
     * write. */
    status = replace_slot(inv, target, TCB_CTABLE, cspace, a.cspace);
    if (status == EXCEPTION_NONE) {
        status = replace_slot(inv, target, TCB_VTABLE, vspace, a.vspace);
    }
    if (status == EXCEPTION_NONE && cte_still_holds(inv->slot, inv->cap)) {
        target->ttbr0_epoch = 0; /* its cached TTBR0 named the old VSpace */
    }
    if (status == EXCEPTION_NONE && configure) {
        status = cte_delete(&target->slots[TCB_IPC_BUFFER]);
        if (status == EXCEPTION_NONE && cte_still_holds(inv->slot, inv->cap)) {
            target->ipc_buffer = a.buffer;
        }
        /* The frame's source slot may have gone with the old CSpace. */
        if (status == EXCEPTION_NONE && a.buffer_frame != NULL &&
            may_install(inv, buffer, a.buffer_frame)) {
            cte_insert(buffer, a.buffer_frame, &target->slots[TCB_IPC_BUFFER]);
        }
    }
    return status;
}

static exception_t decode_set_ipc_buffer(invocation_t *inv, tcb_t *target)
{
    if (inv->length < 1 || inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    word_t vaddr = invocation_arg(inv, 0);
    cap_t buffer = cap_null();
    if (vaddr != 0) {
        exception_t status = check_ipc_buffer(vaddr, inv->extra[0]);
        if (status == EXCEPTION_NONE) {
            status = cap_derive(inv->extra[0], inv->extra[0]->cap, &buffer);
        }
        if (status != EXCEPTION_NONE) {
            return status;
        }
    }
    exception_t status = cte_delete(&target->slots[TCB_IPC_BUFFER]);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    target->ipc_buffer = vaddr;
    /* Deleting a frame cap destroys nothing else today; the check keeps the
     * rule of decode_space all the same. */
    if (vaddr != 0 && may_install(inv, buffer, inv->extra[0])) {
        cte_insert(buffer, inv->extra[0], &target->slots[TCB_IPC_BUFFER]);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_bind(invocation_t *inv, tcb_t *target)
{
    if (inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    cap_t cap = inv->extra[0]->cap;
    if (target->bound_notification != NULL) {
        user_error("TCB BindNotification: already bound");
        return syscall_error(seL4_IllegalOperation);
    }
    if (cap_get_type(cap) != CAP_NOTIFICATION) {
        user_error("TCB BindNotification: not a notification");
        return syscall_error(seL4_IllegalOperation);
    }
    const notification_t *ntfn = cap_get_ptr(cap);
    if (!cap_notification_get_can_receive(cap) || ntfn->bound != 0 || ntfn->head != 0) {
        user_error("TCB BindNotification: notification cannot be bound");
        return syscall_error(seL4_IllegalOperation);
    }
    notification_bind(cap_get_ptr(cap), target);
    return EXCEPTION_NONE;
}

static exception_t decode_flags(invocation_t *inv, tcb_t *target)
{
    if (inv->length < 2) {
        return syscall_error(seL4_TruncatedMessage);
    }
    target->flags &= ~invocation_arg(inv, 0);
    target->flags |= invocation_arg(inv, 1) & seL4_TCBFlag_MASK;
    if (target->flags & seL4_TCBFlag_fpuDisabled) {
        arch_fpu_release(target); /* traps from now on, and the trap faults */
    }
    inv->thread->context.x[2] = target->flags;
    inv->reply_length = 1;
    return EXCEPTION_NONE;
}

exception_t tcb_decode_invocation(invocation_t *inv)
{
    tcb_t *target = cap_get_ptr(inv->cap);
    switch (inv->label) {
    case TCBReadRegisters: return decode_read_registers(inv, target);
    case TCBWriteRegisters: return decode_write_registers(inv, target);
    case TCBCopyRegisters: return decode_copy_registers(inv, target);
    case TCBConfigure: return decode_space(inv, target, true);
    case TCBSetSpace: return decode_space(inv, target, false);
    case TCBSetIPCBuffer: return decode_set_ipc_buffer(inv, target);
    case TCBSetPriority:
    case TCBSetMCPriority:
    case TCBSetSchedParams: return decode_sched(inv, target);
    case TCBSuspend:
        thread_suspend(target);
        return EXCEPTION_NONE;
    case TCBResume:
        thread_resume(target);
        return EXCEPTION_NONE;
    case TCBBindNotification: return decode_bind(inv, target);
    case TCBUnbindNotification:
        if (target->bound_notification == NULL) {
            user_error("TCB UnbindNotification: not bound");
            return syscall_error(seL4_IllegalOperation);
        }
        notification_unbind(target);
        return EXCEPTION_NONE;
    case TCBSetTLSBase:
        if (inv->length < 1) {
            return syscall_error(seL4_TruncatedMessage);
        }
        target->context.tpidr_el0 = invocation_arg(inv, 0);
        return EXCEPTION_NONE;
    case TCBSetFlags: return decode_flags(inv, target);
    default:
        user_error("TCB: not a TCB method (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
}

exception_t domain_decode_invocation(invocation_t *inv)
{
    if (inv->label != DomainSetSet) {
        return syscall_error(seL4_IllegalOperation);
    }
    if (inv->length < 1 || inv->extra[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    word_t domain = invocation_arg(inv, 0);
    if (domain >= seL4_NumDomains) {
        user_error("DomainSet Set: domain %lu does not exist", domain);
        return syscall_error_argument(seL4_InvalidArgument, 0);
    }
    if (cap_get_type(inv->extra[0]->cap) != CAP_THREAD) {
        return syscall_error_argument(seL4_InvalidArgument, 1);
    }
    sched_set_domain(cap_get_ptr(inv->extra[0]->cap), (unsigned)domain);
    return EXCEPTION_NONE;
}
