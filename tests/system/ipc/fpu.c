// SPDX-License-Identifier: BSD-2-Clause
/*
 * FPU0001-0007: FP/SIMD state per thread (sel4test FPU; seL4 manual, TCB
 * SetFlags). All 32 V registers, FPSR and FPCR survive system calls and
 * switches on the fast path (Call/ReplyRecv) and the slow path (Yield),
 * over more switches than the kernel's eager streak lasts, so both the
 * eager hand-over and the trap on first use are exercised; a new thread
 * starts with zeroed registers, never another thread's; SetFlags with
 * seL4_TCBFlag_fpuDisabled turns the thread's next FP instruction into a
 * UserException fault, and clearing it lets the same instruction run.
 *
 * The compiler uses q registers in ordinary code, so every value is loaded
 * and read back inside one assembly routine around the system call.
 */
#include "../lib/test.h"
#include "thread_util.h"

#define EC_FP_ACCESS 0x07
#define FPSR_MASK 0x0800009FUL /* QC and the cumulative exception flags */
#define FPCR_MASK 0x07C00000UL /* AHP, DN, FZ, RMode */
#define ROUNDS 200             /* more than the kernel's 64-switch streak */
#define PROBE_REGS 11          /* pc, sp, spsr, x0-x7 of seL4_UserContext */

typedef struct fp_image {
    uint64_t v[64]; /* q0..q31, low then high half */
    uint64_t fpsr;
    uint64_t fpcr;
} __attribute__((aligned(16))) fp_image_t;

/* fp_across_syscall(in, out, x0, x1, number): loads the V registers, FPSR
 * and FPCR from in, makes system call number with x0 and x1, stores them
 * all to out, and returns x0. d8-d15 are kept for the caller (AAPCS).
 * Two thread entries, each ending in a wait on the notification in x1 for
 * good (x7 must hold seL4_SysRecv): fp_zero_probe(out, ntfn) stores the
 * registers it starts with to out; fp_disabled_probe(-, ntfn) puts 1.0
 * through d0 into x19. */
seL4_Word fp_across_syscall(const fp_image_t *in, fp_image_t *out, seL4_Word x0, seL4_Word x1,
                            seL4_Word number);
void fp_zero_probe(fp_image_t *out, seL4_CPtr ntfn);
void fp_disabled_probe(seL4_Word unused, seL4_CPtr ntfn);

__asm__("    .macro store_fp to\n" /* all of FP/SIMD to [to], advancing it */
        "    st1 {v0.2d-v3.2d}, [\\to], #64\n"
        "    st1 {v4.2d-v7.2d}, [\\to], #64\n"
        "    st1 {v8.2d-v11.2d}, [\\to], #64\n"
        "    st1 {v12.2d-v15.2d}, [\\to], #64\n"
        "    st1 {v16.2d-v19.2d}, [\\to], #64\n"
        "    st1 {v20.2d-v23.2d}, [\\to], #64\n"
        "    st1 {v24.2d-v27.2d}, [\\to], #64\n"
        "    st1 {v28.2d-v31.2d}, [\\to], #64\n"
        "    mrs x11, fpsr\n"
        "    mrs x12, fpcr\n"
        "    stp x11, x12, [\\to]\n"
        "    .endm\n"
        "    .text\n"
        "    .global fp_across_syscall\n"
        "    .type fp_across_syscall, %function\n"
        "fp_across_syscall:\n"
        "    stp x29, x30, [sp, #-80]!\n"
        "    mov x29, sp\n"
        "    stp d8, d9, [sp, #16]\n"
        "    stp d10, d11, [sp, #32]\n"
        "    stp d12, d13, [sp, #48]\n"
        "    stp d14, d15, [sp, #64]\n"
        "    mov x9, x0\n"
        "    mov x10, x1\n"
        "    ld1 {v0.2d-v3.2d}, [x9], #64\n"
        "    ld1 {v4.2d-v7.2d}, [x9], #64\n"
        "    ld1 {v8.2d-v11.2d}, [x9], #64\n"
        "    ld1 {v12.2d-v15.2d}, [x9], #64\n"
        "    ld1 {v16.2d-v19.2d}, [x9], #64\n"
        "    ld1 {v20.2d-v23.2d}, [x9], #64\n"
        "    ld1 {v24.2d-v27.2d}, [x9], #64\n"
        "    ld1 {v28.2d-v31.2d}, [x9], #64\n"
        "    ldp x11, x12, [x9]\n"
        "    msr fpsr, x11\n"
        "    msr fpcr, x12\n"
        "    mov x0, x2\n"
        "    mov x1, x3\n"
        "    mov x7, x4\n"
        "    svc #0\n"
        "    store_fp x10\n"
        "    ldp d8, d9, [sp, #16]\n"
        "    ldp d10, d11, [sp, #32]\n"
        "    ldp d12, d13, [sp, #48]\n"
        "    ldp d14, d15, [sp, #64]\n"
        "    ldp x29, x30, [sp], #80\n"
        "    ret\n"
        "    .size fp_across_syscall, . - fp_across_syscall\n"
        "    .global fp_zero_probe\n"
        "    .type fp_zero_probe, %function\n"
        "fp_zero_probe:\n"
        "    store_fp x0\n"
        "    mov x0, x1\n"
        "1:  svc #0\n"
        "    b 1b\n"
        "    .size fp_zero_probe, . - fp_zero_probe\n"
        "    .global fp_disabled_probe\n"
        "    .type fp_disabled_probe, %function\n"
        "fp_disabled_probe:\n"
        "    fmov d0, #1.0\n"
        "    fmov x19, d0\n"
        "    mov x0, x1\n"
        "2:  svc #0\n"
        "    b 2b\n"
        "    .size fp_disabled_probe, . - fp_disabled_probe\n");

static fp_image_t images[4];

/* A pattern no other seed gives, in every register and in the writable
 * bits of FPSR and FPCR. */
static void make_image(fp_image_t *image, seL4_Word seed)
{
    for (unsigned i = 0; i < 64; i++) {
        image->v[i] = 0x0F0F000000000000UL ^ (seed << 24) ^ ((seL4_Word)i << 8) ^ 0x5A;
    }
    image->fpsr = ((seed * 0x13) & 0x9F) | ((seed & 1) << 27);
    image->fpcr = ((seed & 3) << 22) | ((seed & 4) << 22);
}

static bool same_image(const fp_image_t *a, const fp_image_t *b)
{
    for (unsigned i = 0; i < 64; i++) {
        if (a->v[i] != b->v[i]) {
            return false;
        }
    }
    return (a->fpsr & FPSR_MASK) == (b->fpsr & FPSR_MASK) &&
           (a->fpcr & FPCR_MASK) == (b->fpcr & FPCR_MASK);
}

static void test_arithmetic(void)
{
    static const uint32_t lanes[4] = { 1, 2, 3, 4 };
    seL4_Word product;
    uint32_t last, sum;
    /* 1.5 * 2.0 in d registers; each lane doubled, then the last lane and
     * the sum across lanes read back. */
    __asm__ volatile("fmov d0, #1.5\n\t"
                     "fmov d1, #2.0\n\t"
                     "fmul d2, d0, d1\n\t"
                     "fmov %0, d2\n\t"
                     "ld1 {v3.4s}, [%3]\n\t"
                     "add v3.4s, v3.4s, v3.4s\n\t"
                     "umov %w1, v3.s[3]\n\t"
                     "addv s4, v3.4s\n\t"
                     "fmov %w2, s4"
                     : "=&r"(product), "=&r"(last), "=&r"(sum)
                     : "r"(lanes)
                     : "v0", "v1", "v2", "v3", "v4", "memory");
    TEST_CHECK(product == 0x4008000000000000UL); /* 3.0 */
    TEST_CHECK(last == 8 && sum == 20);
}

static void test_survive_syscalls(void)
{
    make_image(&images[0], 1);
    fp_across_syscall(&images[0], &images[1], 0, 0, seL4_SysYield);
    TEST_CHECK(same_image(&images[0], &images[1]));
    seL4_CPtr ntfn = threads_object(seL4_NotificationObject);
    TEST_CHECK(ntfn != 0);
    make_image(&images[0], 2);
    fp_across_syscall(&images[0], &images[1], ntfn, 0, seL4_SysNBRecv); /* Poll */
    TEST_CHECK(same_image(&images[0], &images[1]));
    TEST_CHECK(threads_delete(ntfn) == seL4_NoError);
}

static test_thread_t helper;
static volatile seL4_Word helper_errors;

/* Server at the root's priority, so both directions take the fast path. */
static seL4_Word fp_server(seL4_Word ep)
{
    fp_image_t *in = &images[2], *out = &images[3];
    cairn_regs_t r = { ep, 0, 0, 0, 0, 0 };
    cairn_syscall(seL4_SysRecv, &r);
    seL4_Word info = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    for (seL4_Word i = 0;; i++) {
        make_image(in, 0x1000 + i);
        fp_across_syscall(in, out, ep, info, seL4_SysReplyRecv);
        if (!same_image(in, out)) {
            helper_errors++;
        }
    }
    return 0;
}

static void test_fast_path_switches(void)
{
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    TEST_CHECK(ep != 0);
    helper_errors = 0;
    TEST_CHECK(thread_start(&helper, fp_server, ep, ROOT_PRIO, seL4_CapNull, false));
    seL4_Yield(); /* the server reaches its Recv */
    seL4_Word info = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    unsigned errors = 0;
    for (seL4_Word i = 0; i < ROUNDS; i++) {
        make_image(&images[0], 0x2000 + i);
        fp_across_syscall(&images[0], &images[1], ep, info, seL4_SysCall);
        errors += !same_image(&images[0], &images[1]);
    }
    TEST_CHECK(errors == 0);
    TEST_CHECK(helper_errors == 0);
    thread_destroy(&helper);
    TEST_CHECK(threads_delete(ep) == seL4_NoError);
}

static seL4_Word fp_yielder(seL4_Word rounds)
{
    fp_image_t *in = &images[2], *out = &images[3];
    seL4_Word errors = 0;
    for (seL4_Word i = 0; i < rounds; i++) {
        make_image(in, 0x3000 + i);
        fp_across_syscall(in, out, 0, 0, seL4_SysYield);
        errors += !same_image(in, out);
    }
    return errors;
}

static void test_yield_switches(void)
{
    /* Both at the root's priority: each Yield runs the other. */
    TEST_CHECK(thread_start(&helper, fp_yielder, ROUNDS, ROOT_PRIO, seL4_CapNull, false));
    unsigned errors = 0;
    for (seL4_Word i = 0; i < ROUNDS; i++) {
        make_image(&images[0], 0x4000 + i);
        fp_across_syscall(&images[0], &images[1], 0, 0, seL4_SysYield);
        errors += !same_image(&images[0], &images[1]);
    }
    TEST_CHECK(errors == 0);
    TEST_CHECK(thread_join(&helper));
    TEST_CHECK(helper.result == 0);
    thread_destroy(&helper);
}

static void test_new_thread_zeroed(void)
{
    /* Fill the registers with this thread's values first. */
    make_image(&images[0], 0x77);
    fp_across_syscall(&images[0], &images[1], 0, 0, seL4_SysYield);
    seL4_CPtr park = threads_object(seL4_NotificationObject);
    TEST_CHECK(park != 0);
    TEST_CHECK(thread_create(&helper, NULL, 0, ROOT_PRIO, seL4_CapNull, false));
    fp_image_t *probe = &images[2];
    make_image(probe, 0x99); /* overwritten by the probe */
    seL4_UserContext regs = { 0 };
    regs.pc = (seL4_Word)(uintptr_t)fp_zero_probe;
    regs.sp = (seL4_Word)(uintptr_t)helper.stack_top;
    regs.x0 = (seL4_Word)(uintptr_t)probe;
    regs.x1 = park;
    regs.x7 = seL4_SysRecv;
    TEST_CHECK(seL4_TCB_WriteRegisters(helper.tcb, true, 0, PROBE_REGS, &regs) == seL4_NoError);
    seL4_Yield(); /* the probe stores its registers and blocks */
    bool zero = probe->fpsr == 0 && probe->fpcr == 0;
    for (unsigned i = 0; i < 64; i++) {
        zero = zero && probe->v[i] == 0;
    }
    TEST_CHECK(zero);
    thread_destroy(&helper);
    TEST_CHECK(threads_delete(park) == seL4_NoError);
}

static void test_fpu_disabled_faults(void)
{
    seL4_CPtr fault_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr fault_send = threads_mint(fault_ep, seL4_CapRights_new(1, 0, 0, 1), 0xF9);
    seL4_CPtr park = threads_object(seL4_NotificationObject);
    TEST_CHECK(fault_send != 0 && park != 0);
    TEST_CHECK(thread_create(&helper, NULL, 0, THREAD_PRIO, fault_send, false));
    seL4_TCB_SetFlags_t set = seL4_TCB_SetFlags(helper.tcb, 0, seL4_TCBFlag_fpuDisabled);
    TEST_CHECK(set.error == seL4_NoError && set.flags == seL4_TCBFlag_fpuDisabled);
    /* The probe's first instruction is an FP one. */
    seL4_UserContext regs = { 0 };
    regs.pc = (seL4_Word)(uintptr_t)fp_disabled_probe;
    regs.sp = (seL4_Word)(uintptr_t)helper.stack_top;
    regs.x1 = park;
    regs.x7 = seL4_SysRecv;
    TEST_CHECK(seL4_TCB_WriteRegisters(helper.tcb, true, 0, PROBE_REGS, &regs) == seL4_NoError);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_UserException);
    TEST_CHECK(badge == 0xF9);
    TEST_CHECK(seL4_GetMR(seL4_UserException_FaultIP) == regs.pc);
    TEST_CHECK((seL4_GetMR(seL4_UserException_Number) >> 26) == EC_FP_ACCESS);
    /* Cleared, the same instruction runs when the reply restarts it. */
    seL4_TCB_SetFlags_t clear = seL4_TCB_SetFlags(helper.tcb, seL4_TCBFlag_fpuDisabled, 0);
    TEST_CHECK(clear.error == seL4_NoError && clear.flags == 0);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    threads_settle(); /* the probe runs on to its wait */
    seL4_UserContext after;
    TEST_CHECK(seL4_TCB_ReadRegisters(helper.tcb, true, 0, sizeof(after) / sizeof(seL4_Word),
                                      &after) == seL4_NoError);
    TEST_CHECK(after.x19 == 0x3FF0000000000000UL); /* 1.0 went through d0 */
    thread_destroy(&helper);
    TEST_CHECK(threads_delete(park) == seL4_NoError);
    TEST_CHECK(threads_delete(fault_send) == seL4_NoError);
    TEST_CHECK(threads_delete(fault_ep) == seL4_NoError);
}

static void test_set_flags(void)
{
    TEST_CHECK(thread_create(&helper, NULL, 0, THREAD_PRIO, seL4_CapNull, false));
    /* Unknown bits are ignored; the answer is the flags now set. */
    seL4_TCB_SetFlags_t r = seL4_TCB_SetFlags(helper.tcb, 0, seL4_TCBFlag_fpuDisabled | 0x100);
    TEST_CHECK(r.error == seL4_NoError && r.flags == seL4_TCBFlag_fpuDisabled);
    r = seL4_TCB_SetFlags(helper.tcb, 0, 0);
    TEST_CHECK(r.error == seL4_NoError && r.flags == seL4_TCBFlag_fpuDisabled);
    r = seL4_TCB_SetFlags(helper.tcb, ~0UL, 0);
    TEST_CHECK(r.error == seL4_NoError && r.flags == 0);
    /* Not a TCB: an error and nothing changes. */
    r = seL4_TCB_SetFlags(seL4_CapInitThreadCNode, 0, seL4_TCBFlag_fpuDisabled);
    TEST_CHECK(r.error == seL4_IllegalOperation);
    thread_destroy(&helper);
}

static const test_case_t cases[] = {
    { "FPU0001", "FP and SIMD arithmetic works", test_arithmetic },
    { "FPU0002", "all V registers, FPSR and FPCR survive Yield and Poll", test_survive_syscalls },
    { "FPU0003", "two threads keep their registers over 200 fast-path round trips", test_fast_path_switches },
    { "FPU0004", "two threads keep their registers over 200 Yield switches", test_yield_switches },
    { "FPU0005", "a new thread starts with zeroed FP/SIMD registers", test_new_thread_zeroed },
    { "FPU0006", "fpuDisabled: the first FP instruction is a UserException; cleared, it runs",
      test_fpu_disabled_faults },
    { "FPU0007", "SetFlags answers the flags now set and ignores unknown bits", test_set_flags },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
