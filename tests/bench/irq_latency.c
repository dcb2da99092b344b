// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt latency, in instructions from the moment an interrupt is raised
 * to the first instruction of the user-level handler after its Wait
 * returns (docs/interrupts.md, "Latency").
 *
 * The source is the EL1 physical timer (PPI 30; the kernel ticks with the
 * virtual timer). This image's kernel hook lets EL0 program it, so a user
 * thread sets CNTP_CVAL_EL0 and the interrupt is raised exactly when the
 * counter reaches that value: under -icount shift=0 the clock advances one
 * nanosecond per instruction, and the counter one tick per period_ns =
 * 10^9 / CNTFRQ (integer ns, as QEMU computes it; 16 on virt at 62.5 MHz).
 *
 * A counter read alone places an instant to within one period. The handler
 * does better: right after its Wait returns it reads the PMU (p1), then
 * spins until the counter ticks over to c2 and reads the PMU again (p2).
 * The tick-over happened within the 3-instruction spin loop, so the clock
 * at p1 was period_ns * c2 - (p2 - p1), to about 3 instructions, and the
 * latency is period_ns * (c2 - cval) - (p2 - p1). Virtual time that QEMU
 * skips while the CPU idles (sleep=off) only ever passes before the raise,
 * never between the raise and the handler, so the idle case is measured
 * the same way.
 *
 * irq_latency_idle: the system has nothing to run (the kernel waits in
 * WFI) when the interrupt is raised. irq_latency_worst: a lower-priority
 * thread runs a long kernel operation at the largest size the scaling
 * series measure (a revoke of 10,000 children, the deletion of a CNode
 * holding 10,000 caps), the reset of an 8 MiB untyped,
 * CancelBadgedSends with 128 queued senders) and the interrupt is raised
 * at points spread over it; the largest latency is reported, with each
 * operation's own maximum.
 */
#include "irq_latency.h"

#include <rootserver/debug_print.h>
#include <stdbool.h>

#define PAGE 4096UL
#define IMAGE_BASE 0x400000UL
#define TIMER_PPI 30
#define HANDLER_PRIO seL4_MaxPrio
#define WORKER_PRIO 100

static struct {
    char stack[8192] __attribute__((aligned(16)));
    seL4_IPCBuffer buffer __attribute__((aligned(PAGE)));
    char pad[PAGE - sizeof(seL4_IPCBuffer)];
} handler_mem __attribute__((aligned(PAGE)));

static seL4_CPtr untyped;
static seL4_CPtr *next_slot;
static seL4_CPtr timer_irq;
static seL4_CPtr timer_ntfn;
static seL4_CPtr done_ntfn;
static seL4_Word period_ns;
static volatile seL4_Word deadline; /* CVAL of the interrupt being measured */
static volatile seL4_Word latency;  /* the handler's measurement */

static inline seL4_Word pmu(void)
{
    seL4_Word v;
    __asm__ volatile("mrs %0, pmevcntr0_el0" : "=r"(v)::"memory");
    return v;
}

static inline seL4_Word counter(void)
{
    seL4_Word v;
    __asm__ volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v)::"memory");
    return v;
}

/* Spins until the counter ticks over; *count gets the new value and the
 * PMU count right after. */
static inline seL4_Word edge(seL4_Word *count)
{
    seL4_Word before;
    seL4_Word now;
    seL4_Word p;
    __asm__ volatile("mrs %0, cntpct_el0\n"
                     "1:\tmrs %1, cntpct_el0\n\t"
                     "cmp %1, %0\n\t"
                     "b.eq 1b\n\t"
                     "mrs %2, pmevcntr0_el0"
                     : "=&r"(before), "=&r"(now), "=r"(p)::"cc", "memory");
    *count = now;
    return p;
}

static inline void timer_arm(seL4_Word cval)
{
    __asm__ volatile("msr cntp_cval_el0, %0\n\tmsr cntp_ctl_el0, %1\n\tisb" ::"r"(cval),
                     "r"(1UL) : "memory");
}

static inline void timer_off(void)
{
    __asm__ volatile("msr cntp_ctl_el0, xzr\n\tisb" ::: "memory");
}

static seL4_CPtr create(seL4_Word type, seL4_Word bits)
{
    seL4_CPtr slot = (*next_slot)++;
    seL4_Error e = seL4_Untyped_Retype(untyped, type, bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    if (e != seL4_NoError) {
        printf("bench: retype failed (%d)\n", e);
    }
    return slot;
}

static void handler_main(void)
{
    for (;;) {
        seL4_Wait(timer_ntfn, seL4_Null);
        seL4_Word p1 = pmu();
        seL4_Word c2;
        seL4_Word p2 = edge(&c2);
        timer_off();
        latency = period_ns * (c2 - deadline) - (p2 - p1);
        seL4_IRQHandler_Ack(timer_irq);
        seL4_Signal(done_ntfn);
    }
}

static void start_handler(void)
{
    seL4_CPtr tcb = create(seL4_TCBObject, 0);
    seL4_CPtr frame = seL4_GetBootInfo()->userImageFrames.start +
                      ((seL4_Word)&handler_mem.buffer - IMAGE_BASE) / PAGE;
    seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                       (seL4_Word)&handler_mem.buffer, frame);
    seL4_UserContext ctx = { 0 };
    ctx.pc = (seL4_Word)handler_main;
    ctx.sp = (seL4_Word)(handler_mem.stack + sizeof(handler_mem.stack));
    seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
    seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, HANDLER_PRIO);
    seL4_TCB_Resume(tcb);
}

/* The PMU and the counter agree: 1,000 ticks are 1,000 periods of
 * instructions, to the spin loop's resolution. */
static void calibrate(void)
{
    seL4_Word c0;
    seL4_Word c1;
    seL4_Word p0 = edge(&c0);
    while (counter() < c0 + 999) {
    }
    seL4_Word p1 = edge(&c1);
    printf("bench irq_clock_check %lu (instructions in %lu ticks of %lu ns; expect %lu)\n",
           p1 - p0, c1 - c0, period_ns, (c1 - c0) * period_ns);
}

typedef struct stats {
    seL4_Word min, max, total, count;
} stats_t;

static void add(stats_t *s, seL4_Word v)
{
    if (s->count == 0 || v < s->min) {
        s->min = v;
    }
    if (v > s->max) {
        s->max = v;
    }
    s->total += v;
    s->count++;
}

static void idle_latency(seL4_Word runs)
{
    stats_t s = { 0, 0, 0, 0 };
    for (seL4_Word i = 0; i < runs; i++) {
        deadline = counter() + 200 + (i % 64);
        timer_arm(deadline);
        seL4_Wait(done_ntfn, seL4_Null); /* nothing else can run: idle */
        add(&s, latency);
    }
    printf("bench irq_latency_idle %lu\n", (s.total + s.count / 2) / s.count);
    printf("bench irq_latency_idle_range %lu %lu (min max of %lu)\n", s.min, s.max, s.count);
}

/* ---- Long operations for the worst case. ---- */

typedef struct long_op {
    const char *name;
    void (*setup)(void);
    seL4_Error (*run)(void);
} long_op_t;

#define REVOKE_CHILDREN 10000
#define CHILDREN_RADIX 14 /* a CNode with room for them */
#define RESET_BITS 23

static seL4_CPtr op_ep;
static seL4_CPtr op_cnode_untyped;
static seL4_CPtr op_cnode;
static seL4_CPtr op_big;
static seL4_CPtr op_scratch;

static void revoke_setup(void)
{
    if (op_ep == 0) {
        op_ep = create(seL4_EndpointObject, 0);
        op_cnode_untyped = create(seL4_UntypedObject, seL4_SlotBits + CHILDREN_RADIX);
        op_cnode = (*next_slot)++;
    }
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, op_cnode_untyped, seL4_WordBits);
    seL4_Untyped_Retype(op_cnode_untyped, seL4_CapTableObject, CHILDREN_RADIX,
                        seL4_CapInitThreadCNode, 0, 0,
                        op_cnode, 1);
    for (seL4_Word i = 0; i < REVOKE_CHILDREN; i++) {
        seL4_CNode_Mint(op_cnode, i, CHILDREN_RADIX, seL4_CapInitThreadCNode, op_ep,
                        seL4_WordBits, seL4_AllRights, i + 1);
    }
}

static seL4_Error revoke_run(void)
{
    return seL4_CNode_Revoke(seL4_CapInitThreadCNode, op_ep, seL4_WordBits);
}

static void cnode_setup(void)
{
    revoke_setup(); /* fills op_cnode's first REVOKE_CHILDREN slots */
}

static seL4_Error cnode_run(void)
{
    return seL4_CNode_Delete(seL4_CapInitThreadCNode, op_cnode, seL4_WordBits);
}

/* A boot untyped of 2^RESET_BITS or more other than the bench's own. */
static seL4_CPtr other_untyped(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!d->isDevice && d->sizeBits >= RESET_BITS && bi->untyped.start + i != untyped) {
            return bi->untyped.start + i;
        }
    }
    return 0;
}

static void reset_setup(void)
{
    if (op_big == 0) {
        op_big = other_untyped();
        op_scratch = (*next_slot)++;
    }
    /* A child as big as the untyped, then revoked: the whole of it is
     * used and must be cleared by the next retype. */
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, op_big, seL4_WordBits);
    seL4_Untyped_Retype(op_big, seL4_UntypedObject, RESET_BITS, seL4_CapInitThreadCNode, 0, 0,
                        op_scratch, 1);
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, op_big, seL4_WordBits);
}

static seL4_Error reset_run(void)
{
    return seL4_Untyped_Retype(op_big, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                               op_scratch, 1);
}

/* Not preemptible: CancelBadgedSends restarts every sender of the badge
 * in one pass (as seL4's does), so its length grows with the queue. */
#define SENDERS 128
#define SENDER_PRIO 150 /* above the worker: they block again at once */

static char sender_stacks[SENDERS][512] __attribute__((aligned(16)));
static seL4_CPtr cancel_badged;

static void sender_main(void)
{
    for (;;) {
        cairn_regs_t r = { cancel_badged, seL4_MessageInfo_new(0, 0, 0, 0).words[0], 0, 0, 0, 0 };
        cairn_syscall(seL4_SysSend, &r);
    }
}

static void cancel_setup(void)
{
    if (cancel_badged != 0) {
        return; /* the senders queued up again as soon as they were restarted */
    }
    seL4_CPtr ep = create(seL4_EndpointObject, 0);
    cancel_badged = (*next_slot)++;
    seL4_CNode_Mint(seL4_CapInitThreadCNode, cancel_badged, seL4_WordBits,
                    seL4_CapInitThreadCNode, ep, seL4_WordBits, seL4_AllRights, 5);
    for (int i = 0; i < SENDERS; i++) {
        seL4_CPtr tcb = create(seL4_TCBObject, 0);
        seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, 0);
        seL4_UserContext ctx = { 0 };
        ctx.pc = (seL4_Word)sender_main;
        ctx.sp = (seL4_Word)(sender_stacks[i] + sizeof(sender_stacks[i]));
        seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx);
        seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, SENDER_PRIO);
        seL4_TCB_Resume(tcb);
    }
}

static seL4_Error cancel_run(void)
{
    return seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, cancel_badged, seL4_WordBits);
}

static const long_op_t long_ops[] = {
    { "revoke_10000", revoke_setup, revoke_run },
    { "cnode_delete_10000", cnode_setup, cnode_run },
    { "untyped_reset_8mib", reset_setup, reset_run },
    { "cancel_badged_sends_128", cancel_setup, cancel_run },
};

/* Runs op with the interrupt raised `offset` ticks after it starts; false
 * if the operation had ended before the handler ran. */
static bool sample(const long_op_t *op, seL4_Word offset, seL4_Word *ticks)
{
    op->setup();
    latency = ~0UL;
    seL4_Word start = counter();
    if (offset != ~0UL) {
        deadline = start + offset;
        timer_arm(deadline);
    }
    seL4_Error err = op->run();
    seL4_Word end = counter();
    if (err != seL4_NoError) {
        printf("bench: %s failed (%d)\n", op->name, err);
    }
    *ticks = end - start;
    if (offset == ~0UL) {
        return false;
    }
    seL4_Wait(done_ntfn, seL4_Null);
    return deadline + 1 < end;
}

static void worst_latency(seL4_Word runs)
{
    seL4_Word worst = 0;
    for (unsigned k = 0; k < sizeof(long_ops) / sizeof(long_ops[0]); k++) {
        const long_op_t *op = &long_ops[k];
        seL4_Word ticks;
        (void)sample(op, ~0UL, &ticks); /* how long it takes undisturbed */
        seL4_Word span = ticks;
        stats_t s = { 0, 0, 0, 0 };
        for (seL4_Word i = 0; i < runs; i++) {
            /* Spread the raise over the operation, away from a regular grid. */
            seL4_Word offset = 1 + (i * 7919 + (i * i) % 61) % (span > 2 ? span - 2 : 1);
            if (sample(op, offset, &ticks)) {
                add(&s, latency);
            }
        }
        printf("bench irq_latency_during_%s %lu (max; mean %lu, min %lu, %lu samples, op %lu instructions)\n",
               op->name, s.max, s.count ? s.total / s.count : 0, s.min, s.count, span * period_ns);
        if (s.max > worst) {
            worst = s.max;
        }
    }
    printf("bench irq_latency_worst %lu\n", worst);
}

void bench_irq_latency(seL4_CPtr ut, seL4_CPtr *slots, seL4_Word runs)
{
    untyped = ut;
    next_slot = slots;
    seL4_Word freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    period_ns = 1000000000UL / freq;
    timer_off();
    timer_irq = (*next_slot)++;
    seL4_Error err = seL4_IRQControl_Get(seL4_CapIRQControl, TIMER_PPI, seL4_CapInitThreadCNode,
                                         timer_irq, seL4_WordBits);
    timer_ntfn = create(seL4_NotificationObject, 0);
    done_ntfn = create(seL4_NotificationObject, 0);
    if (err == seL4_NoError) {
        err = seL4_IRQHandler_SetNotification(timer_irq, timer_ntfn);
    }
    if (err != seL4_NoError) {
        printf("bench: no handler for PPI %d (%d)\n", TIMER_PPI, err);
        return;
    }
    start_handler();
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, WORKER_PRIO);
    calibrate();
    idle_latency(runs);
    worst_latency(runs);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
}
