// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fuzzing thread's operations (ops.h). Arguments mix boundary values,
 * small numbers, pool slots and page-aligned addresses with plain random
 * words, because most kernel checks are range checks: an all-random word
 * is refused by the first of them and reaches nothing behind it.
 */
#include "ops.h"

#include "rng.h"

#include <object/cap.h> /* the cap type numbers seL4_DebugCapIdentify returns */
#include <sel4/generated/invocation_labels.h>

static uint64_t run_seed;
static seL4_CPtr pool_first;
static unsigned pool_slots;

static fuzz_op_t log_ring[FUZZ_LOG];
static uint64_t log_count;
static volatile uint64_t accepted; /* invocations that returned seL4_NoError */

uint64_t ops_accepted(void)
{
    return accepted;
}

void ops_configure(uint64_t seed, seL4_CPtr first_slot, unsigned slots)
{
    run_seed = seed;
    pool_first = first_slot;
    pool_slots = slots;
}

/* A cap pointer: mostly a pool slot (full or empty), sometimes null or one
 * that fails lookup. Never one of the root task's own caps. */
static seL4_CPtr random_cptr(fuzz_rng_t *r)
{
    uint64_t pick = fuzz_rng_below(r, 20);
    if (pick == 0) {
        return seL4_CapNull;
    }
    if (pick == 1) {
        return fuzz_rng_next(r) | (1UL << 63); /* beyond any guard: lookup fails */
    }
    return pool_first + fuzz_rng_below(r, pool_slots);
}

static seL4_Word random_word(fuzz_rng_t *r)
{
    static const seL4_Word boundaries[] = {
        0, 1, 2, 3, 4, 7, 8, 12, 16, 21, 30, 31, 32, 39, 47, 48, 63, 64, 65, 120, 121, 255, 256,
        0xfff, 0x1000, 0x1001, 0x200000, 0x40000000, 0x7ffffffff000UL, 0x800000000000UL,
        ~0UL, ~0UL - 1, 1UL << 63, 0xffffffffUL,
    };
    switch (fuzz_rng_below(r, 6)) {
    case 0:
        return boundaries[fuzz_rng_below(r, sizeof(boundaries) / sizeof(boundaries[0]))];
    case 1:
        return fuzz_rng_below(r, 16); /* rights, attributes, flags, small counts */
    case 2:
        return random_cptr(r);
    case 3:
        return fuzz_rng_below(r, pool_slots + 4); /* an index inside a pool CNode */
    case 4:
        return (fuzz_rng_below(r, 0x800) << 21) | (fuzz_rng_below(r, 4) << 12); /* a vaddr */
    default:
        return fuzz_rng_next(r);
    }
}

/* The invocation labels of each cap type (the range in invocation_labels.h). */
static seL4_Word label_for(fuzz_rng_t *r, seL4_Word cap_type)
{
    seL4_Word first;
    seL4_Word last;
    switch (cap_type) {
    case CAP_UNTYPED:
        first = last = UntypedRetype;
        break;
    case CAP_CNODE:
        first = CNodeRevoke;
        last = CNodeSaveCaller;
        break;
    case CAP_THREAD:
        first = TCBReadRegisters;
        last = TCBSetFlags;
        break;
    case CAP_PAGE_TABLE:
        first = ARMPageTableMap;
        last = ARMPageTableUnmap;
        break;
    case CAP_FRAME:
        first = ARMPageMap;
        last = ARMPageGetAddress;
        break;
    case CAP_VSPACE:
        first = ARMVSpaceClean_Data;
        last = ARMVSpaceUnify_Instruction;
        break;
    case CAP_IRQ_HANDLER:
        first = IRQHandlerAck;
        last = IRQHandlerClear;
        break;
    default:
        return fuzz_rng_below(r, nInvocationLabels + 4);
    }
    if (fuzz_rng_below(r, 10) == 0) {
        return fuzz_rng_below(r, nInvocationLabels + 4); /* any label at all */
    }
    return first + fuzz_rng_below(r, last - first + 1);
}

static void record(const fuzz_op_t *op)
{
    log_ring[log_count % FUZZ_LOG] = *op;
    log_count++;
}

unsigned ops_log(fuzz_op_t out[FUZZ_LOG])
{
    unsigned n = log_count < FUZZ_LOG ? (unsigned)log_count : FUZZ_LOG;
    for (unsigned i = 0; i < n; i++) {
        out[i] = log_ring[(log_count - n + i) % FUZZ_LOG];
    }
    return n;
}

/* A raw svc: the number in x7, the registers as given. */
static void raw_svc(const fuzz_op_t *op)
{
    register seL4_Word x0 __asm__("x0") = op->target;
    register seL4_Word x1 __asm__("x1") = op->length;
    register seL4_Word x2 __asm__("x2") = op->mr[0];
    register seL4_Word x3 __asm__("x3") = op->mr[1];
    register seL4_Word x4 __asm__("x4") = op->mr[2];
    register seL4_Word x5 __asm__("x5") = op->mr[3];
    register seL4_Word x7 __asm__("x7") = op->label;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7)
                     : "x6", "memory");
}

/* System-call numbers for raw svcs: every real one except those that end or
 * halt the system, DebugPutChar (random bytes in the log would make it
 * unreadable) and DebugSnapshot (hundreds of dumps would bury the log; the
 * run takes one, fuzz.c), plus numbers no kernel has. */
static seL4_Word random_syscall(fuzz_rng_t *r)
{
    static const seL4_Word numbers[] = {
        seL4_SysCall, seL4_SysReplyRecv, seL4_SysSend, seL4_SysNBSend, seL4_SysRecv,
        seL4_SysReply, seL4_SysYield, seL4_SysNBRecv,
        seL4_SysDebugCapIdentify, cairn_NumSyscalls,
        cairn_NumSyscalls + 1, (seL4_Word)-1, (seL4_Word)-14, 0xc1, 1UL << 63,
    };
    return numbers[fuzz_rng_below(r, sizeof(numbers) / sizeof(numbers[0]))];
}

void ops_run(uint64_t number)
{
    fuzz_rng_t r;
    fuzz_rng_seed(&r, run_seed ^ (number * 0x9e3779b97f4a7c15UL));
    fuzz_op_t op = { .number = number, .kind = (unsigned)fuzz_rng_below(&r, 10) };
    op.kind = op.kind < 8 ? FUZZ_OP_INVOKE : op.kind == 8 ? FUZZ_OP_RAW_SVC : FUZZ_OP_NBSEND;
    op.target = random_cptr(&r);
    for (unsigned i = 0; i < 4; i++) {
        op.mr[i] = random_word(&r);
    }

    if (op.kind == FUZZ_OP_RAW_SVC) {
        op.label = random_syscall(&r);
        op.length = fuzz_rng_next(&r);
        record(&op);
        raw_svc(&op);
        return;
    }

    op.label = label_for(&r, seL4_DebugCapIdentify(op.target));
    op.length = fuzz_rng_below(&r, 10) == 0 ? fuzz_rng_below(&r, seL4_MsgMaxLength + 1)
                                            : fuzz_rng_below(&r, 8);
    op.extra_caps = fuzz_rng_below(&r, seL4_MsgMaxExtraCaps + 1);
    for (seL4_Word i = 0; i < op.length; i++) {
        seL4_SetMR((int)i, i < 4 ? op.mr[i] : random_word(&r));
    }
    for (seL4_Word i = 0; i < op.extra_caps; i++) {
        seL4_SetCap((int)i, random_cptr(&r));
    }
    seL4_MessageInfo_t info = seL4_MessageInfo_new(op.label, 0, op.extra_caps, op.length);
    record(&op);
    if (op.kind == FUZZ_OP_NBSEND) {
        seL4_NBSend(op.target, info);
    } else {
        seL4_MessageInfo_t reply = seL4_Call(op.target, info);
        if (seL4_MessageInfo_get_label(reply) == seL4_NoError) {
            accepted = accepted + 1;
        }
    }
}

void ops_partner_run(unsigned index, uint64_t number)
{
    fuzz_rng_t r;
    fuzz_rng_seed(&r, run_seed ^ ((number + 1) * 0xbf58476d1ce4e5b9UL) ^ (index + 1));
    seL4_CPtr cap = random_cptr(&r);
    seL4_Word length = fuzz_rng_below(&r, 8);
    seL4_Word caps = fuzz_rng_below(&r, seL4_MsgMaxExtraCaps + 1);
    for (seL4_Word i = 0; i < length; i++) {
        seL4_SetMR((int)i, random_word(&r));
    }
    for (seL4_Word i = 0; i < caps; i++) {
        seL4_SetCap((int)i, random_cptr(&r));
    }
    seL4_MessageInfo_t info = seL4_MessageInfo_new(fuzz_rng_below(&r, 4), 0, caps, length);
    seL4_Word badge;
    switch (fuzz_rng_below(&r, 10)) {
    case 0:
        seL4_Send(cap, info);
        break;
    case 1:
        seL4_NBSend(cap, info);
        break;
    case 2:
        (void)seL4_Recv(cap, &badge);
        break;
    case 3:
        (void)seL4_NBRecv(cap, &badge);
        break;
    case 4:
        (void)seL4_Call(cap, info);
        break;
    case 5:
        seL4_Reply(info);
        break;
    case 6:
        seL4_Signal(cap);
        break;
    case 7:
        seL4_Wait(cap, &badge);
        break;
    case 8:
        seL4_Yield();
        break;
    default:
        /* A fault for the thread's fault endpoint (a pool slot). */
        *(volatile seL4_Word *)(uintptr_t)(fuzz_rng_below(&r, 16) << 12) = number;
        break;
    }
}
