// SPDX-License-Identifier: BSD-2-Clause
/*
 * System-call dispatch. The number is bounds-checked and clamped against
 * speculation before it selects anything. Call, Send and NBSend invoke a
 * capability (api/invocation.c: kernel objects, or IPC on endpoints and
 * notifications); Recv, Reply and ReplyRecv are the other half of IPC. The
 * debug calls are in both kernels but cairn_DebugCheckInvariants, which a
 * release kernel (no CAIRN_DEBUG_BUILD) treats as unknown (docs/performance.md).
 */
#include <kernel/syscall.h>

#include <arch.h>
#include <arch/aarch64/speculation.h>
#include <kernel/cspace.h>
#include <kernel/fastpath.h>
#include <kernel/invariants.h>
#include <kernel/faults.h>
#include <kernel/sched.h>
#include <kernel/snapshot.h>
#include <object/endpoint.h>
#include <kernel/printk.h>
#include <lib/format.h>
#include <plat.h>
#include <sel4/ipc_buffer.h>
#include <sel4/syscall_numbers.h>

void handle_user_fault(tcb_t *thread, const char *kind, const char *detail, word_t pc,
                       word_t address, word_t esr)
{
    /* Only reported when nobody handles the fault (a handler gets the
     * message instead). */
    printk("cairn: thread '%s' fault: %s%s%s\n", thread->name, kind, detail[0] ? ", " : "",
           detail);
    printk("cairn:   pc 0x%lx address 0x%lx esr 0x%lx\n", pc, address, esr);
}

void handle_cap_fault(tcb_t *thread, word_t cptr, bool in_receive)
{
    static const char *const failures[] = { "no failure", "invalid root", "missing capability",
                                            "depth mismatch", "guard mismatch" };
    fault_record_cap(thread, cptr, in_receive); /* before anything else looks up a cap */
    cte_t *handler = fault_handler(thread);
    if (handler == NULL) {
        char detail[96];
        format_snprint(detail, sizeof(detail), "cptr 0x%lx%s: %s", cptr,
                       in_receive ? " (receive)" : "", failures[thread->fault.words[2] % 5]);
        handle_user_fault(thread, "capability fault", detail, thread->context.pc, cptr, 0);
    }
    fault_deliver(thread, handler);
}

/* seL4_DebugCapIdentify: the type of the cap cptr names (0 if none). */
static word_t debug_cap_identify(const tcb_t *thread, word_t cptr)
{
    cte_t *slot;
    if (cspace_lookup_slot(thread->slots[TCB_CTABLE].cap, cptr, &slot) != EXCEPTION_NONE) {
        return CAP_NULL;
    }
    return cap_get_type(slot->cap);
}

/* seL4_DebugNameThread: the name is a string in the caller's IPC buffer. */
static void debug_name_thread(tcb_t *thread, word_t cptr)
{
    cte_t *slot;
    seL4_IPCBuffer *buffer = thread_ipc_buffer(thread);
    if (buffer == NULL ||
        cspace_lookup_slot(thread->slots[TCB_CTABLE].cap, cptr, &slot) != EXCEPTION_NONE ||
        cap_get_type(slot->cap) != CAP_THREAD) {
        user_error("DebugNameThread: not a TCB cap, or no IPC buffer");
        return;
    }
    tcb_t *target = cap_get_ptr(slot->cap);
    const char *name = (const char *)buffer->msg;
    unsigned i = 0;
    for (; i + 1 < THREAD_NAME_MAX && name[i] != '\0'; i++) {
        target->name[i] = name[i];
    }
    target->name[i] = '\0';
}

/* Recv and NBRecv: from an endpoint or a notification (seL4 handleRecv). */
static void handle_recv(tcb_t *thread, bool blocking)
{
    word_t cptr = thread->context.x[0];
    cte_t *slot = cspace_lookup_fast(thread->slots[TCB_CTABLE].cap, cptr);
    if (slot == NULL) {
        /* Look again the slow way for the fault's details. */
        if (cspace_lookup_slot(thread->slots[TCB_CTABLE].cap, cptr, &slot) != EXCEPTION_NONE) {
            handle_cap_fault(thread, cptr, true);
            return;
        }
    }
    cap_t cap = slot->cap;
    if (cap_get_type(cap) == CAP_ENDPOINT && cap_endpoint_get_can_receive(cap)) {
        reply_delete_caller_cap(thread);
        endpoint_receive(cap_get_ptr(cap), thread, cap_endpoint_get_can_grant(cap), blocking);
        return;
    }
    if (cap_get_type(cap) == CAP_NOTIFICATION && cap_notification_get_can_receive(cap)) {
        const notification_t *ntfn = cap_get_ptr(cap);
        tcb_t *bound = (tcb_t *)(uintptr_t)ntfn->bound;
        if (bound == NULL || bound == thread) {
            notification_wait(cap_get_ptr(cap), thread, blocking);
            return;
        }
    }
    /* Nothing to receive from through this cap. */
    (void)lookup_fault(seL4_MissingCapability, 0, 0, 0);
    handle_cap_fault(thread, cptr, true);
}

static void unknown_syscall(tcb_t *thread, word_t number)
{
    fault_record_unknown_syscall(thread, number);
    cte_t *handler = fault_handler(thread);
    if (handler == NULL) {
        printk("cairn: thread '%s' made unknown system call %ld at pc 0x%lx\n", thread->name,
               (long)number, thread->context.pc);
    }
    fault_deliver(thread, handler);
}

/* Call and ReplyRecv when the fast path declines them (or is built out). */
void slowpath_call(tcb_t *thread)
{
    handle_invocation(thread, true, true);
    schedule_and_return();
}

void slowpath_reply_recv(tcb_t *thread)
{
    reply_from(thread, true);
    handle_recv(thread, true);
    schedule_and_return();
}

/* Every other system call, straight from the vector (vectors.S, el0_sync). */
NORETURN void c_handle_syscall(void);

static void handle_syscall(tcb_t *thread);

void c_handle_syscall(void)
{
    handle_syscall(ks_current_thread);
    schedule_and_return();
}

static void handle_syscall(tcb_t *thread)
{
    user_context_t *ctx = &thread->context;
    word_t number = ctx->x[7];
    if (number >= cairn_NumSyscalls) {
        unknown_syscall(thread, number);
        return;
    }
    switch (index_nospec(number, cairn_NumSyscalls)) {
    case seL4_SysCall: /* the vector sends these straight to the fast path */
        fastpath_call(thread);
    case seL4_SysReplyRecv:
        fastpath_reply_recv(thread);
    case seL4_SysSend:
        handle_invocation(thread, false, true);
        break;
    case seL4_SysNBSend:
        handle_invocation(thread, false, false);
        break;
    case seL4_SysRecv:
        handle_recv(thread, true);
        break;
    case seL4_SysNBRecv:
        handle_recv(thread, false);
        break;
    case seL4_SysReply:
        reply_from(thread, true);
        break;
    case seL4_SysYield:
        sched_append(thread);
        sched_reschedule();
        break;
    case seL4_SysDebugSnapshot:
        snapshot_print();
        break;
    case seL4_SysDebugCapIdentify:
        ctx->x[0] = debug_cap_identify(thread, ctx->x[0]);
        break;
    case seL4_SysDebugNameThread:
        debug_name_thread(thread, ctx->x[0]);
        break;
    case seL4_SysDebugPutChar:
        plat_console_putc((char)ctx->x[0]);
        break;
    case seL4_SysDebugDumpScheduler:
        printk("cairn: scheduler: '%s' running at priority %u\n", thread->name,
               thread->priority);
        break;
    case seL4_SysDebugHalt:
        printk("cairn: halted by '%s'\n", thread->name);
        arch_system_exit(0);
    case cairn_SysDebugCheckInvariants:
#ifdef CAIRN_DEBUG_BUILD
        ctx->x[0] = kernel_check_invariants();
#else
        unknown_syscall(thread, number); /* the checker is in debug kernels only */
#endif
        break;
    default: /* cairn_SysDebugExit */
        printk("cairn: '%s' ended the system with status %lu\n", thread->name, ctx->x[0]);
        arch_system_exit(ctx->x[0]);
    }
}
