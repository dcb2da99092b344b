// SPDX-License-Identifier: BSD-2-Clause
/*
 * SYSCALL0001-0016: every system call leaves the registers it does not
 * return in as they were (the libsel4 stubs tell the compiler that only
 * x0-x5 change): x6, x7, x8-x30 and sp, whether the call returns at once,
 * blocks and switches to another thread, takes the fast path or answers
 * with an error. SYSCALL0016 does the same for timer preemption between two
 * spinning threads, for x2-x30 and sp.
 *
 * syscall_preserves() loads x0-x5 and x7 from its argument, fills x6 and
 * x8-x30 with patterns, traps, and returns a mask of the registers that
 * changed (bit n for xn, bit 31 for sp).
 */
#include "../lib/test.h"
#include "thread_util.h"

enum { ARG_X0, ARG_X1, ARG_MR0, ARG_MR1, ARG_MR2, ARG_MR3, ARG_NUMBER, ARG_COUNT };

seL4_Word syscall_preserves(const seL4_Word *args);
seL4_Word spin_preserves(uint64_t deadline, seL4_Word salt);

/* The pattern of xr: 0xC0DE_00rr_5A5A_rrrr (rr = r, rrrr = r * 0x0101). */
#define PATTERN_FILL(reg)                    \
    "    movz " reg ", #0xC0DE, lsl #48\n"   \
    "    movk " reg ", #\\r, lsl #32\n"      \
    "    movk " reg ", #0x5A5A, lsl #16\n"   \
    "    movk " reg ", #(\\r * 0x0101)\n"

__asm__("    .pushsection .bss\n"
        "    .balign 8\n"
        "regs_saved_sp: .quad 0\n"
        "regs_args: .quad 0\n"
        "    .popsection\n"
        "    .text\n"
        "    .global syscall_preserves\n"
        "    .type syscall_preserves, %function\n"
        "syscall_preserves:\n"
        "    sub sp, sp, #96\n"
        "    stp x19, x20, [sp, #0]\n"
        "    stp x21, x22, [sp, #16]\n"
        "    stp x23, x24, [sp, #32]\n"
        "    stp x25, x26, [sp, #48]\n"
        "    stp x27, x28, [sp, #64]\n"
        "    stp x29, x30, [sp, #80]\n"
        "    adrp x9, regs_saved_sp\n"
        "    mov x10, sp\n"
        "    str x10, [x9, :lo12:regs_saved_sp]\n"
        "    adrp x9, regs_args\n"
        "    str x0, [x9, :lo12:regs_args]\n"
        "    ldr x7, [x0, #48]\n"
        "    ldp x2, x3, [x0, #16]\n"
        "    ldp x4, x5, [x0, #32]\n"
        "    ldp x0, x1, [x0, #0]\n"
        "    .irp r, 6,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
        PATTERN_FILL("x\\r")
        "    .endr\n"
        "    svc #0\n"
        "    mov x1, #0\n"
        "    .irp r, 6,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
        PATTERN_FILL("x0")
        "    cmp x\\r, x0\n"
        "    b.eq 1f\n"
        "    orr x1, x1, #(1 << \\r)\n"
        "1:\n"
        "    .endr\n"
        "    adrp x2, regs_args\n"
        "    ldr x2, [x2, :lo12:regs_args]\n"
        "    ldr x3, [x2, #48]\n"
        "    cmp x7, x3\n"
        "    b.eq 2f\n"
        "    orr x1, x1, #(1 << 7)\n"
        "2:  adrp x2, regs_saved_sp\n"
        "    ldr x2, [x2, :lo12:regs_saved_sp]\n"
        "    mov x3, sp\n"
        "    cmp x2, x3\n"
        "    b.eq 3f\n"
        "    orr x1, x1, #0x80000000\n"
        "3:  mov x0, x1\n"
        "    ldp x19, x20, [sp, #0]\n"
        "    ldp x21, x22, [sp, #16]\n"
        "    ldp x23, x24, [sp, #32]\n"
        "    ldp x25, x26, [sp, #48]\n"
        "    ldp x27, x28, [sp, #64]\n"
        "    ldp x29, x30, [sp, #80]\n"
        "    add sp, sp, #96\n"
        "    ret\n"
        "    .size syscall_preserves, . - syscall_preserves\n");

/* spin_preserves(deadline, salt): x3-x30 hold their patterns XOR salt while
 * the thread spins until CNTVCT_EL0 reaches deadline; returns the mask of
 * registers that changed (bit 31: sp). */
__asm__("    .text\n"
        "    .global spin_preserves\n"
        "    .type spin_preserves, %function\n"
        "spin_preserves:\n"
        "    sub sp, sp, #112\n"
        "    stp x19, x20, [sp, #0]\n"
        "    stp x21, x22, [sp, #16]\n"
        "    stp x23, x24, [sp, #32]\n"
        "    stp x25, x26, [sp, #48]\n"
        "    stp x27, x28, [sp, #64]\n"
        "    stp x29, x30, [sp, #80]\n"
        "    mov x2, sp\n"
        "    str x2, [sp, #96]\n"
        "    .irp r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
        PATTERN_FILL("x\\r")
        "    eor x\\r, x\\r, x1\n"
        "    .endr\n"
        "1:  isb\n"
        "    mrs x2, cntvct_el0\n"
        "    cmp x2, x0\n"
        "    b.lo 1b\n"
        "    mov x0, #0\n"
        "    .irp r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n"
        PATTERN_FILL("x2")
        "    eor x2, x2, x1\n"
        "    cmp x\\r, x2\n"
        "    b.eq 2f\n"
        "    orr x0, x0, #(1 << \\r)\n"
        "2:\n"
        "    .endr\n"
        "    ldr x2, [sp, #96]\n"
        "    mov x1, sp\n"
        "    cmp x1, x2\n"
        "    b.eq 3f\n"
        "    orr x0, x0, #0x80000000\n"
        "3:  ldp x19, x20, [sp, #0]\n"
        "    ldp x21, x22, [sp, #16]\n"
        "    ldp x23, x24, [sp, #32]\n"
        "    ldp x25, x26, [sp, #48]\n"
        "    ldp x27, x28, [sp, #64]\n"
        "    ldp x29, x30, [sp, #80]\n"
        "    add sp, sp, #112\n"
        "    ret\n"
        "    .size spin_preserves, . - spin_preserves\n");

#define STOP_LABEL 0x5709UL

static test_thread_t threads[2];
static op_thread_t op;

/* Answers every Call (label + 1, words unchanged) until STOP_LABEL. */
static seL4_Word echo(seL4_Word ep)
{
    seL4_Word badge;
    seL4_Word m[4] = { 0, 0, 0, 0 };
    seL4_MessageInfo_t info = seL4_RecvWithMRs(ep, &badge, &m[0], &m[1], &m[2], &m[3]);
    while (seL4_MessageInfo_get_label(info) != STOP_LABEL) {
        seL4_MessageInfo_t reply = seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0,
                                                        0, seL4_MessageInfo_get_length(info));
        info = seL4_ReplyRecvWithMRs(ep, reply, &badge, &m[0], &m[1], &m[2], &m[3]);
    }
    seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 0), seL4_Null, seL4_Null, seL4_Null,
                      seL4_Null);
    return 0;
}

static void destroy_all(void)
{
    for (unsigned i = 0; i < 2; i++) {
        thread_destroy(&threads[i]);
    }
}

/* Runs one system call through syscall_preserves; all must be kept. */
static void check_call(seL4_Word x0, seL4_MessageInfo_t info, seL4_Word number)
{
    const seL4_Word args[ARG_COUNT] = { x0, info.words[0], 0x1001, 0x1002, 0x1003, 0x1004,
                                        number };
    seL4_Word changed = syscall_preserves(args);
    if (changed != 0) {
        printf("    registers changed: mask 0x%lx\n", changed);
    }
    TEST_CHECK(changed == 0);
}

static seL4_MessageInfo_t no_message(void)
{
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

static void test_yield(void)
{
    check_call(0, no_message(), seL4_SysYield);
}

static void test_nbsend(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    check_call(ep, seL4_MessageInfo_new(1, 0, 0, 2), seL4_SysNBSend);
}

static void test_signal(void)
{
    check_call(threads_object(seL4_NotificationObject), no_message(), seL4_SysSend);
}

static void test_poll(void)
{
    check_call(threads_object(seL4_NotificationObject), no_message(), seL4_SysNBRecv);
}

static void test_wait_pending(void)
{
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    seL4_Signal(ntfn);
    check_call(ntfn, no_message(), seL4_SysRecv);
}

static void call_server(seL4_Word prio)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(thread_start(&threads[0], echo, ep, prio, seL4_CapNull, false));
    threads_settle(); /* the server waits in Recv: the Call can take the fast path */
    check_call(ep, seL4_MessageInfo_new(1, 0, 0, 4), seL4_SysCall);
    check_call(ep, seL4_MessageInfo_new(1, 0, 0, 4), seL4_SysCall);
    (void)seL4_CallWithMRs(ep, seL4_MessageInfo_new(STOP_LABEL, 0, 0, 0), seL4_Null, seL4_Null,
                           seL4_Null, seL4_Null);
    TEST_CHECK(thread_join(&threads[0]));
    destroy_all();
}

static void test_call_lower(void)
{
    call_server(THREAD_PRIO);
}

static void test_call_same(void)
{
    call_server(ROOT_PRIO);
}

static void test_call_kernel_error(void)
{
    check_call(seL4_CapInitThreadCNode, seL4_MessageInfo_new(0x7FFF, 0, 0, 0), seL4_SysCall);
}

static void test_call_kernel(void)
{
    seL4_CPtr tcb = threads_object(seL4_TCBObject);
    check_call(tcb, seL4_MessageInfo_new(TCBSuspend, 0, 0, 0), seL4_SysCall);
    check_call(tcb, seL4_MessageInfo_new(TCBSetTLSBase, 0, 0, 1), seL4_SysSend);
}

static void test_reply_no_caller(void)
{
    check_call(0, no_message(), seL4_SysReply);
}

/* A helper queued on ep doing `o` (settled, so it is waiting). */
static void start_op(enum thread_op o, seL4_CPtr ep)
{
    op = (op_thread_t){ .op = o, .cap = ep, .word = 0x42 };
    TEST_CHECK(thread_start(&threads[1], op_run, (seL4_Word)(uintptr_t)&op, THREAD_PRIO,
                            seL4_CapNull, false));
    threads_settle();
}

static void test_recv_sender(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(OP_SEND, ep);
    check_call(ep, no_message(), seL4_SysRecv);
    TEST_CHECK(thread_join(&threads[1]));
    destroy_all();
}

static void test_send_receiver(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(OP_RECV, ep);
    check_call(ep, seL4_MessageInfo_new(0, 0, 0, 1), seL4_SysSend);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(op.got == 0x1001);
    destroy_all();
}

static void test_send_blocks(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    op = (op_thread_t){ .op = OP_RECV, .cap = ep };
    TEST_CHECK(thread_start(&threads[1], op_run, (seL4_Word)(uintptr_t)&op, THREAD_PRIO,
                            seL4_CapNull, false));
    /* No receiver yet: the root task blocks, the helper runs, receives. */
    check_call(ep, seL4_MessageInfo_new(0, 0, 0, 1), seL4_SysSend);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(op.got == 0x1001);
    destroy_all();
}

static void test_reply_recv(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    start_op(OP_CALL, ep);
    seL4_Word badge;
    (void)seL4_Recv(ep, &badge);
    /* Replies to the caller, then waits (blocks) for the next message, which
     * another helper sends. */
    static op_thread_t second;
    second = (op_thread_t){ .op = OP_SEND, .cap = ep, .word = 0x43 };
    TEST_CHECK(thread_start(&threads[0], op_run, (seL4_Word)(uintptr_t)&second, THREAD_PRIO,
                            seL4_CapNull, false));
    check_call(ep, seL4_MessageInfo_new(0, 0, 0, 1), seL4_SysReplyRecv);
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    TEST_CHECK(op.got == 0x1001);
    destroy_all();
}

static void test_debug_call(void)
{
    check_call(seL4_CapInitThreadTCB, no_message(), seL4_SysDebugCapIdentify);
}

static seL4_Word spin_check(seL4_Word salt)
{
    uint64_t freq;
    uint64_t now;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
    return spin_preserves(now + freq / 5, salt); /* 200 ms: many ticks, many switches */
}

static void test_preemption(void)
{
    TEST_CHECK(thread_start(&threads[0], spin_check, 0x1111, THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(thread_start(&threads[1], spin_check, 0x2222, THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    TEST_CHECK(threads[0].result == 0);
    TEST_CHECK(threads[1].result == 0);
    destroy_all();
}

static const test_case_t cases[] = {
    { "SYSCALL0001", "Yield", test_yield },
    { "SYSCALL0002", "NBSend with no receiver", test_nbsend },
    { "SYSCALL0003", "Signal", test_signal },
    { "SYSCALL0004", "Poll of an idle notification", test_poll },
    { "SYSCALL0005", "Wait on a pending notification", test_wait_pending },
    { "SYSCALL0006", "Call to a lower-priority server (switches away and back)", test_call_lower },
    { "SYSCALL0007", "Call to a server at the same priority (fast path)", test_call_same },
    { "SYSCALL0008", "Call to a kernel object that answers with an error", test_call_kernel_error },
    { "SYSCALL0009", "Call and Send to a kernel object that succeeds", test_call_kernel },
    { "SYSCALL0010", "Reply with no caller", test_reply_no_caller },
    { "SYSCALL0011", "Recv from a waiting sender", test_recv_sender },
    { "SYSCALL0012", "Send to a waiting receiver", test_send_receiver },
    { "SYSCALL0013", "Send that blocks until a receiver comes", test_send_blocks },
    { "SYSCALL0014", "ReplyRecv that replies, then blocks", test_reply_recv },
    { "SYSCALL0015", "a debug call (CapIdentify)", test_debug_call },
    { "SYSCALL0016", "timer preemption between spinning threads keeps x2-x30 and sp", test_preemption },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
