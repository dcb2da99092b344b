// SPDX-License-Identifier: BSD-2-Clause
/*
 * RESTART0001-0004: a thread taken out of a blocking system call by a
 * register write goes on at exactly the pc written (as on seL4), whichever
 * way it is restarted and whatever it was blocked in: Recv, Wait, a Call
 * still sending, a Call waiting for its reply. A pc written while it waits
 * does not change how a later Suspend/Resume restarts it.
 *
 * The pc written is restart_landing. The instruction four bytes before it
 * branches to a second landing that records 2 instead of 1, so a kernel
 * that rewinds a written pc is caught, not just confused.
 */
#include "../lib/test.h"
#include "thread_util.h"

#define CONTEXT_WORDS (sizeof(seL4_UserContext) / sizeof(seL4_Word))
#define LANDED_RIGHT 1
#define LANDED_EARLY 2

void restart_landing(void);
void restart_park(seL4_Word landed_as);
volatile seL4_Word landed;
volatile seL4_Word park_wakeups;
static seL4_CPtr park_ntfn;

__asm__("    .text\n"
        "    .balign 4\n"
        "restart_early:\n"
        "    mov x0, #2\n"
        "    b 1f\n"
        "    b restart_early\n" /* restart_landing - 4 */
        "    .global restart_landing\n"
        "    .type restart_landing, %function\n"
        "restart_landing:\n"
        "    mov x0, #1\n"
        "1:  bl restart_park\n"
        "    .size restart_landing, . - restart_landing\n");

/* Records where the thread landed, then waits on park_ntfn for ever,
 * counting the wake-ups. */
void restart_park(seL4_Word landed_as)
{
    landed = landed_as;
    for (;;) {
        seL4_Wait(park_ntfn, seL4_Null);
        park_wakeups++;
    }
}

enum block_kind { IN_RECV, IN_WAIT, IN_CALL_SENDING, IN_CALL_REPLY, BLOCK_KINDS };
static const char *const kind_names[BLOCK_KINDS] = { "Recv", "Wait", "Call (sending)",
                                                     "Call (reply)" };

static test_thread_t blocked;
static test_thread_t source;
static op_thread_t op;

/* A helper blocked in the given kind of system call. */
static bool start_blocked(enum block_kind kind)
{
    landed = 0;
    park_wakeups = 0;
    op = (op_thread_t){ .op = OP_RECV, .word = 7 };
    if (kind == IN_WAIT) {
        op.op = OP_WAIT;
        op.cap = threads_object(seL4_NotificationObject);
    } else {
        op.op = kind == IN_RECV ? OP_RECV : OP_CALL;
        op.cap = threads_object(seL4_EndpointObject);
    }
    if (!thread_start(&blocked, op_run, (seL4_Word)&op, THREAD_PRIO, seL4_CapNull, false)) {
        return false;
    }
    threads_settle();
    if (kind == IN_CALL_REPLY) {
        /* Take the Call (the root now holds the reply cap) and do not answer. */
        seL4_Word badge;
        seL4_MessageInfo_t info = threads_recv(op.cap, &badge);
        if (seL4_MessageInfo_get_label(info) != 0x10) {
            return false;
        }
    }
    return !op.returned;
}

static void report(enum block_kind kind)
{
    if (landed != LANDED_RIGHT) {
        printf("    blocked in %s: landed %lu (1: at the pc, 2: 4 bytes early, 0: not at all)\n",
               kind_names[kind], (unsigned long)landed);
    }
}

static seL4_Error read_regs(seL4_CPtr tcb, seL4_UserContext *c)
{
    return seL4_TCB_ReadRegisters(tcb, false, 0, CONTEXT_WORDS, c);
}

typedef seL4_Error (*restart_fn_t)(void);

static seL4_Error write_and_resume(void)
{
    seL4_UserContext c;
    seL4_Error err = read_regs(blocked.tcb, &c);
    c.pc = (seL4_Word)(uintptr_t)restart_landing;
    return err != seL4_NoError ? err
                               : seL4_TCB_WriteRegisters(blocked.tcb, true, 0, CONTEXT_WORDS, &c);
}

static seL4_Error copy_and_resume(void)
{
    seL4_UserContext c;
    seL4_Error err = read_regs(blocked.tcb, &c);
    c.pc = (seL4_Word)(uintptr_t)restart_landing;
    if (err == seL4_NoError && !thread_create(&source, op_run, 0, THREAD_PRIO, seL4_CapNull,
                                              false)) {
        err = seL4_NotEnoughMemory;
    }
    if (err == seL4_NoError) {
        err = seL4_TCB_WriteRegisters(source.tcb, false, 0, CONTEXT_WORDS, &c);
    }
    if (err == seL4_NoError) {
        err = seL4_TCB_CopyRegisters(blocked.tcb, source.tcb, false, true, true, false, 0);
    }
    thread_destroy(&source);
    return err;
}

static seL4_Error write_then_resume(void)
{
    seL4_UserContext c;
    seL4_Error err = read_regs(blocked.tcb, &c);
    c.pc = (seL4_Word)(uintptr_t)restart_landing;
    if (err == seL4_NoError) {
        err = seL4_TCB_WriteRegisters(blocked.tcb, false, 0, CONTEXT_WORDS, &c);
    }
    threads_settle(); /* still blocked: nothing runs */
    if (err == seL4_NoError && landed != 0) {
        err = seL4_IllegalOperation;
    }
    return err == seL4_NoError ? seL4_TCB_Resume(blocked.tcb) : err;
}

static void check_every_kind(restart_fn_t restart)
{
    for (unsigned kind = 0; kind < BLOCK_KINDS; kind++) {
        TEST_CHECK(start_blocked(kind));
        TEST_CHECK(restart() == seL4_NoError);
        threads_settle();
        report(kind);
        TEST_CHECK(landed == LANDED_RIGHT);
        TEST_CHECK(!op.returned); /* the interrupted call never completed */
        thread_destroy(&blocked);
    }
}

static void test_write_resume(void)
{
    check_every_kind(write_and_resume);
}

static void test_copy_resume(void)
{
    check_every_kind(copy_and_resume);
}

static void test_write_then_resume(void)
{
    check_every_kind(write_then_resume);
}

static void test_written_then_woken(void)
{
    TEST_CHECK(start_blocked(IN_RECV));
    seL4_UserContext c;
    TEST_CHECK(read_regs(blocked.tcb, &c) == seL4_NoError);
    c.pc = (seL4_Word)(uintptr_t)restart_landing;
    TEST_CHECK(seL4_TCB_WriteRegisters(blocked.tcb, false, 0, CONTEXT_WORDS, &c) ==
               seL4_NoError);
    /* A message completes the Recv: it returns to the pc written. */
    seL4_SendWithMRs(op.cap, seL4_MessageInfo_new(0, 0, 0, 0), seL4_Null, seL4_Null, seL4_Null,
                     seL4_Null);
    threads_settle();
    report(IN_RECV);
    TEST_CHECK(landed == LANDED_RIGHT && !op.returned);
    /* Now parked in Wait: Suspend and Resume run the Wait again, as for
     * any blocked thread, so it does not come back without a signal. */
    TEST_CHECK(seL4_TCB_Suspend(blocked.tcb) == seL4_NoError);
    TEST_CHECK(seL4_TCB_Resume(blocked.tcb) == seL4_NoError);
    threads_settle();
    TEST_CHECK(park_wakeups == 0);
    seL4_Signal(park_ntfn);
    threads_settle();
    TEST_CHECK(park_wakeups == 1);
    thread_destroy(&blocked);
}

static const test_case_t cases[] = {
    { "RESTART0001", "WriteRegisters with resume: a blocked thread goes on at exactly the pc written", test_write_resume },
    { "RESTART0002", "CopyRegisters with resume: a blocked thread goes on at exactly the pc copied", test_copy_resume },
    { "RESTART0003", "WriteRegisters, then Resume: a blocked thread goes on at exactly the pc written", test_write_then_resume },
    { "RESTART0004", "a pc written while blocked, then a message: it goes on there; a later Suspend/Resume reruns its call", test_written_then_woken },
};

int main(void)
{
    threads_init();
    park_ntfn = threads_object(seL4_NotificationObject);
    return test_run(cases, TEST_COUNT(cases));
}
