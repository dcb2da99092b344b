// SPDX-License-Identifier: BSD-2-Clause
/*
 * THREADS0001-0012: the TCB register and space methods (seL4 manual, "TCB"
 * methods; sel4test THREADS/REGRESSIONS): ReadRegisters and WriteRegisters
 * of all 36 seL4_UserContext words and their errors, a thread starting with
 * exactly the registers written, CopyRegisters, SetTLSBase, an SPSR that
 * cannot take a thread out of EL0 or mask its interrupts, and the checks of
 * SetIPCBuffer and SetSpace.
 */
#include <stddef.h>

#include "../lib/test.h"
#include "thread_util.h"

#define CONTEXT_WORDS (sizeof(seL4_UserContext) / sizeof(seL4_Word))
#define WORD_SPSR 2
#define WORD_TPIDRRO (CONTEXT_WORDS - 1)
#define SPSR_NZCV 0xF0000000UL

static test_thread_t threads[3];

static void destroy_all(void)
{
    for (unsigned i = 0; i < 3; i++) {
        thread_destroy(&threads[i]);
    }
}

static seL4_Word *word(seL4_UserContext *c, unsigned i)
{
    return &((seL4_Word *)c)[i];
}

/* xN inside a seL4_UserContext. */
static seL4_Word *reg_x(seL4_UserContext *c, unsigned n)
{
    static const size_t offsets[31] = {
        offsetof(seL4_UserContext, x0),  offsetof(seL4_UserContext, x1),
        offsetof(seL4_UserContext, x2),  offsetof(seL4_UserContext, x3),
        offsetof(seL4_UserContext, x4),  offsetof(seL4_UserContext, x5),
        offsetof(seL4_UserContext, x6),  offsetof(seL4_UserContext, x7),
        offsetof(seL4_UserContext, x8),  offsetof(seL4_UserContext, x9),
        offsetof(seL4_UserContext, x10), offsetof(seL4_UserContext, x11),
        offsetof(seL4_UserContext, x12), offsetof(seL4_UserContext, x13),
        offsetof(seL4_UserContext, x14), offsetof(seL4_UserContext, x15),
        offsetof(seL4_UserContext, x16), offsetof(seL4_UserContext, x17),
        offsetof(seL4_UserContext, x18), offsetof(seL4_UserContext, x19),
        offsetof(seL4_UserContext, x20), offsetof(seL4_UserContext, x21),
        offsetof(seL4_UserContext, x22), offsetof(seL4_UserContext, x23),
        offsetof(seL4_UserContext, x24), offsetof(seL4_UserContext, x25),
        offsetof(seL4_UserContext, x26), offsetof(seL4_UserContext, x27),
        offsetof(seL4_UserContext, x28), offsetof(seL4_UserContext, x29),
        offsetof(seL4_UserContext, x30),
    };
    return (seL4_Word *)((uint8_t *)c + offsets[n]);
}

static seL4_Word pattern(unsigned i, seL4_Word salt)
{
    return 0xA5A5000000000000UL ^ (salt << 32) ^ ((seL4_Word)i << 8) ^ i;
}

static seL4_Word idle_fn(seL4_Word arg)
{
    return arg;
}

/* A created, never started thread. */
static seL4_CPtr new_thread(unsigned i)
{
    TEST_CHECK(thread_create(&threads[i], idle_fn, 0, THREAD_PRIO, seL4_CapNull, false));
    return threads[i].tcb;
}

static seL4_Error read_all(seL4_CPtr tcb, seL4_UserContext *c)
{
    return seL4_TCB_ReadRegisters(tcb, false, 0, CONTEXT_WORDS, c);
}

static void test_round_trip(void)
{
    seL4_CPtr tcb = new_thread(0);
    seL4_UserContext before;
    seL4_UserContext in;
    seL4_UserContext out;
    TEST_CHECK(read_all(tcb, &before) == seL4_NoError);
    for (unsigned i = 0; i < CONTEXT_WORDS; i++) {
        *word(&in, i) = pattern(i, 1);
    }
    TEST_CHECK(seL4_TCB_WriteRegisters(tcb, false, 0, CONTEXT_WORDS, &in) == seL4_NoError);
    TEST_CHECK(read_all(tcb, &out) == seL4_NoError);
    for (unsigned i = 0; i < CONTEXT_WORDS; i++) {
        seL4_Word expected = *word(&in, i);
        if (i == WORD_SPSR) {
            expected &= SPSR_NZCV; /* a thread always runs at EL0, nothing masked */
        } else if (i == WORD_TPIDRRO) {
            expected = *word(&before, i); /* the kernel's to set */
        }
        TEST_CHECK(*word(&out, i) == expected);
    }
    destroy_all();
}

static void test_own_registers(void)
{
    seL4_UserContext c;
    TEST_CHECK(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, false, 0, CONTEXT_WORDS, &c) ==
               seL4_IllegalOperation);
    TEST_CHECK(read_all(seL4_CapInitThreadTCB, &c) == seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_WriteRegisters(seL4_CapInitThreadTCB, false, 0, 1, &c) ==
               seL4_IllegalOperation);
}

static void check_range(seL4_Error err)
{
    TEST_CHECK(err == seL4_RangeError);
    TEST_CHECK(seL4_GetMR(0) == 1 && seL4_GetMR(1) == CONTEXT_WORDS);
}

static void test_bad_count(void)
{
    seL4_CPtr tcb = new_thread(0);
    seL4_UserContext c[2] = { { 0 } };
    check_range(seL4_TCB_ReadRegisters(tcb, false, 0, 0, &c[0]));
    check_range(seL4_TCB_ReadRegisters(tcb, false, 0, CONTEXT_WORDS + 1, &c[0]));
    check_range(seL4_TCB_WriteRegisters(tcb, false, 0, 0, &c[0]));
    check_range(seL4_TCB_WriteRegisters(tcb, false, 0, CONTEXT_WORDS + 1, &c[0]));
    destroy_all();
}

static void test_partial(void)
{
    seL4_CPtr tcb = new_thread(0);
    seL4_UserContext in;
    seL4_UserContext out;
    for (unsigned i = 0; i < CONTEXT_WORDS; i++) {
        *word(&in, i) = pattern(i, 2);
    }
    TEST_CHECK(seL4_TCB_WriteRegisters(tcb, false, 0, CONTEXT_WORDS, &in) == seL4_NoError);
    seL4_UserContext part = in;
    *word(&part, 0) = 0x1111;
    *word(&part, 1) = 0x2222;
    *word(&part, 3) = 0x3333; /* past the count: not written */
    TEST_CHECK(seL4_TCB_WriteRegisters(tcb, false, 0, 2, &part) == seL4_NoError);
    TEST_CHECK(read_all(tcb, &out) == seL4_NoError);
    TEST_CHECK(out.pc == 0x1111 && out.sp == 0x2222 && out.x0 == in.x0);
    for (unsigned i = 3; i < WORD_TPIDRRO; i++) {
        TEST_CHECK(*word(&out, i) == *word(&in, i));
    }
    /* A short read fills just the words asked for. */
    seL4_UserContext few;
    for (unsigned i = 0; i < CONTEXT_WORDS; i++) {
        *word(&few, i) = 0x5EED;
    }
    TEST_CHECK(seL4_TCB_ReadRegisters(tcb, false, 0, 6, &few) == seL4_NoError);
    TEST_CHECK(few.pc == 0x1111 && few.x2 == in.x2 && few.x3 == 0x5EED);
    destroy_all();
}

/* regs_dump_entry stores x0-x30 and sp in regs_seen, signals
 * regs_dump_args[0] (with syscall number regs_dump_args[1]) and then waits
 * on regs_dump_args[2] (syscall number regs_dump_args[3]) for ever. */
void regs_dump_entry(void);
seL4_Word regs_seen[32];
seL4_Word regs_dump_args[4];

__asm__("    .text\n"
        "    .global regs_dump_entry\n"
        "    .type regs_dump_entry, %function\n"
        "regs_dump_entry:\n"
        "    stp x0, x1, [sp, #-16]!\n"
        "    adrp x0, regs_seen\n"
        "    add x0, x0, :lo12:regs_seen\n"
        "    stp x2, x3, [x0, #16]\n"
        "    stp x4, x5, [x0, #32]\n"
        "    stp x6, x7, [x0, #48]\n"
        "    stp x8, x9, [x0, #64]\n"
        "    stp x10, x11, [x0, #80]\n"
        "    stp x12, x13, [x0, #96]\n"
        "    stp x14, x15, [x0, #112]\n"
        "    stp x16, x17, [x0, #128]\n"
        "    stp x18, x19, [x0, #144]\n"
        "    stp x20, x21, [x0, #160]\n"
        "    stp x22, x23, [x0, #176]\n"
        "    stp x24, x25, [x0, #192]\n"
        "    stp x26, x27, [x0, #208]\n"
        "    stp x28, x29, [x0, #224]\n"
        "    str x30, [x0, #240]\n"
        "    ldp x2, x3, [sp], #16\n"
        "    stp x2, x3, [x0]\n"
        "    mov x2, sp\n"
        "    str x2, [x0, #248]\n"
        "    adrp x3, regs_dump_args\n"
        "    add x3, x3, :lo12:regs_dump_args\n"
        "    ldr x0, [x3]\n"
        "    mov x1, #0\n"
        "    ldr x7, [x3, #8]\n"
        "    svc #0\n"
        "1:  adrp x3, regs_dump_args\n"
        "    add x3, x3, :lo12:regs_dump_args\n"
        "    ldr x0, [x3, #16]\n"
        "    mov x1, #0\n"
        "    ldr x7, [x3, #24]\n"
        "    svc #0\n"
        "    b 1b\n"
        "    .size regs_dump_entry, . - regs_dump_entry\n");

static void test_start_registers(void)
{
    seL4_CPtr tcb = new_thread(0);
    seL4_CPtr signal = threads_object(seL4_NotificationObject);
    regs_dump_args[0] = signal;
    regs_dump_args[1] = seL4_SysSend;
    regs_dump_args[2] = threads_object(seL4_NotificationObject);
    regs_dump_args[3] = seL4_SysRecv;
    seL4_UserContext c;
    for (unsigned i = 0; i < CONTEXT_WORDS; i++) {
        *word(&c, i) = pattern(i, 3);
    }
    c.pc = (seL4_Word)(uintptr_t)regs_dump_entry;
    c.sp = (seL4_Word)(uintptr_t)threads[0].stack_top;
    c.spsr = 0;
    /* resume_target starts it. */
    TEST_CHECK(seL4_TCB_WriteRegisters(tcb, true, 0, CONTEXT_WORDS, &c) == seL4_NoError);
    seL4_Word badge;
    TEST_CHECK(seL4_MessageInfo_get_label(threads_recv(signal, &badge)) != TIMEOUT_LABEL);
    for (unsigned n = 0; n < 31; n++) {
        TEST_CHECK(regs_seen[n] == *reg_x(&c, n));
    }
    TEST_CHECK(regs_seen[31] == c.sp);
    destroy_all();
}

static void test_copy_registers(void)
{
    seL4_CPtr src = new_thread(0);
    seL4_CPtr dst = new_thread(1);
    seL4_UserContext s;
    seL4_UserContext d;
    seL4_UserContext out;
    for (unsigned i = 0; i < CONTEXT_WORDS; i++) {
        *word(&s, i) = pattern(i, 4);
        *word(&d, i) = pattern(i, 5);
    }
    TEST_CHECK(seL4_TCB_WriteRegisters(src, false, 0, CONTEXT_WORDS, &s) == seL4_NoError);
    TEST_CHECK(seL4_TCB_WriteRegisters(dst, false, 0, CONTEXT_WORDS, &d) == seL4_NoError);
    /* The frame registers: pc, sp, spsr, x0-x8, x16-x18, x29, x30. */
    TEST_CHECK(seL4_TCB_CopyRegisters(dst, src, false, false, true, false, 0) == seL4_NoError);
    TEST_CHECK(read_all(dst, &out) == seL4_NoError);
    TEST_CHECK(out.pc == s.pc && out.sp == s.sp && out.x0 == s.x0 && out.x8 == s.x8);
    TEST_CHECK(out.x16 == s.x16 && out.x18 == s.x18 && out.x29 == s.x29 && out.x30 == s.x30);
    TEST_CHECK(out.x9 == d.x9 && out.x15 == d.x15 && out.x19 == d.x19 && out.x28 == d.x28);
    /* Then the other integer registers. */
    TEST_CHECK(seL4_TCB_CopyRegisters(dst, src, false, false, false, true, 0) == seL4_NoError);
    TEST_CHECK(read_all(dst, &out) == seL4_NoError);
    TEST_CHECK(out.x9 == s.x9 && out.x15 == s.x15 && out.x19 == s.x19 && out.x28 == s.x28);
    TEST_CHECK(out.tpidr_el0 == s.tpidr_el0);
    /* The source must be a TCB. */
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(seL4_TCB_CopyRegisters(dst, ep, false, false, true, true, 0) ==
               seL4_InvalidCapability);
    destroy_all();
}

/* Counts for a while (so that a failing case cannot starve the root task). */
static volatile uint64_t counter;

static seL4_Word count_for_a_while(seL4_Word arg)
{
    (void)arg;
    uint64_t deadline = threads_now_ms() + 200;
    while (threads_now_ms() < deadline) {
        counter++;
    }
    return 0;
}

static seL4_Word trace_arg(seL4_Word arg)
{
    trace(arg);
    return 0;
}

static void test_copy_suspend_resume(void)
{
    counter = 0;
    TEST_CHECK(thread_start(&threads[0], count_for_a_while, 0, THREAD_PRIO, seL4_CapNull, false));
    trace_reset();
    TEST_CHECK(thread_create(&threads[1], trace_arg, 'T', THREAD_PRIO + 1, seL4_CapNull, false));
    /* No registers move; the source stops and the target starts. */
    TEST_CHECK(seL4_TCB_CopyRegisters(threads[1].tcb, threads[0].tcb, true, true, false, false,
                                      0) == seL4_NoError);
    TEST_CHECK(thread_join(&threads[1]));
    TEST_CHECK(trace_count() == 1 && trace_at(0) == 'T');
    threads_settle();
    TEST_CHECK(counter == 0); /* suspended before it ever ran */
    destroy_all();
}

static void test_read_suspends(void)
{
    counter = 0;
    TEST_CHECK(thread_start(&threads[0], count_for_a_while, 0, SETTLE_PRIO + 1, seL4_CapNull,
                            false));
    seL4_UserContext c;
    TEST_CHECK(seL4_TCB_ReadRegisters(threads[0].tcb, true, 0, CONTEXT_WORDS, &c) ==
               seL4_NoError);
    threads_settle();
    TEST_CHECK(counter == 0);
    destroy_all();
}

static seL4_Word read_tls(seL4_Word arg)
{
    (void)arg;
    seL4_Word v;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(v));
    return v;
}

static void test_tls_base(void)
{
    TEST_CHECK(thread_create(&threads[0], read_tls, 0, THREAD_PRIO, seL4_CapNull, false));
    TEST_CHECK(seL4_TCB_SetTLSBase(threads[0].tcb, 0x7E570000) == seL4_NoError);
    seL4_UserContext c;
    TEST_CHECK(read_all(threads[0].tcb, &c) == seL4_NoError);
    TEST_CHECK(c.tpidr_el0 == 0x7E570000);
    TEST_CHECK(thread_resume(&threads[0]) == seL4_NoError);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(threads[0].result == 0x7E570000);
    /* A thread may set its own. */
    seL4_Word saved = read_tls(0);
    TEST_CHECK(seL4_TCB_SetTLSBase(seL4_CapInitThreadTCB, 0xAB0000) == seL4_NoError);
    TEST_CHECK(read_tls(0) == 0xAB0000);
    TEST_CHECK(seL4_TCB_SetTLSBase(seL4_CapInitThreadTCB, saved) == seL4_NoError);
    destroy_all();
}

/* Two spinners of one priority, one of them written an SPSR that asks for
 * EL1 with all interrupts masked (thread_util.h: spinner pair). */
static void test_spsr_sanitised(void)
{
    spinners_prepare();
    for (unsigned i = 0; i < 2; i++) {
        TEST_CHECK(thread_create(&threads[i], spinner_main, i,
                                 THREAD_PRIO, seL4_CapNull, false));
    }
    seL4_UserContext c;
    TEST_CHECK(read_all(threads[0].tcb, &c) == seL4_NoError);
    c.spsr = 0x3C5; /* EL1h, D, A, I and F masked */
    TEST_CHECK(seL4_TCB_WriteRegisters(threads[0].tcb, false, 0, 3, &c) == seL4_NoError);
    for (unsigned i = 0; i < 2; i++) {
        TEST_CHECK(thread_resume(&threads[i]) == seL4_NoError);
    }
    TEST_CHECK(thread_join(&threads[0]) && thread_join(&threads[1]));
    TEST_CHECK(spinners_both_switched());
    destroy_all();
}

static void test_set_ipc_buffer(void)
{
    seL4_CPtr tcb = new_thread(0);
    static seL4_IPCBuffer buffer __attribute__((aligned(4096)));
    seL4_CPtr frame = threads_frame_cap(&buffer);
    seL4_Word vaddr = (seL4_Word)(uintptr_t)&buffer;
    TEST_CHECK(frame != 0);
    TEST_CHECK(seL4_TCB_SetIPCBuffer(tcb, vaddr + 8, frame) == seL4_AlignmentError);
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(seL4_TCB_SetIPCBuffer(tcb, vaddr, ep) == seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_SetIPCBuffer(tcb, vaddr, frame) == seL4_NoError);
    TEST_CHECK(seL4_TCB_SetIPCBuffer(tcb, 0, seL4_CapNull) == seL4_NoError);
    destroy_all();
}

static void test_set_space(void)
{
    seL4_CPtr tcb = new_thread(0);
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(seL4_TCB_SetSpace(tcb, 0, ep, 0, seL4_CapInitThreadVSpace, 0) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, ep, 0) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_Configure(tcb, 0, ep, 0, seL4_CapInitThreadVSpace, 0, 0, seL4_CapNull) ==
               seL4_IllegalOperation);
    TEST_CHECK(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace,
                                 0) == seL4_NoError);
    destroy_all();
}

static const test_case_t cases[] = {
    { "THREADS0001", "Write then ReadRegisters of all 36 words round-trips", test_round_trip },
    { "THREADS0002", "a thread reading or writing its own registers: IllegalOperation", test_own_registers },
    { "THREADS0003", "a register count of 0 or 37: RangeError 1..36", test_bad_count },
    { "THREADS0004", "a short count writes or reads only those words", test_partial },
    { "THREADS0005", "WriteRegisters with resume starts the thread with those registers", test_start_registers },
    { "THREADS0006", "CopyRegisters copies the frame, then the other registers", test_copy_registers },
    { "THREADS0007", "CopyRegisters suspends the source and resumes the target", test_copy_suspend_resume },
    { "THREADS0008", "ReadRegisters with suspend_source stops the thread", test_read_suspends },
    { "THREADS0009", "SetTLSBase sets TPIDR_EL0 as the thread sees it", test_tls_base },
    { "THREADS0010", "an SPSR asking for EL1 or masked interrupts is cut to NZCV", test_spsr_sanitised },
    { "THREADS0011", "SetIPCBuffer: alignment and frame checks", test_set_ipc_buffer },
    { "THREADS0012", "SetSpace/Configure: the roots must be a CNode and a VSpace", test_set_space },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
