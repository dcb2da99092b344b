// SPDX-License-Identifier: BSD-2-Clause
/*
 * FUZZ0001: the system-call fuzzer (docs/robustness.md). A fuzzing thread
 * makes FUZZ_INVOCATIONS random calls, seeded by FUZZ_SEED, on an object
 * pool of every type (pool.h), in batches of FUZZ_BATCH. This root thread
 * supervises it: a fault of the fuzzing thread (a cap fault from a Call on
 * an empty slot, an unknown system call) and a block (a Recv on a pool
 * endpoint nobody sends to) both come here as messages, and the thread is
 * restarted at its next operation. After each batch the pool is destroyed,
 * the kernel checks its invariants, and the pool's untyped must retype
 * whole again. On any failure the seed and the last operations are printed.
 */
#include "ops.h"
#include "pool.h"
#include "sandbox.h"

#include "../system/ipc/thread_util.h"
#include "../system/lib/caps.h"
#include "../system/lib/test.h"

#ifndef FUZZ_SEED
#define FUZZ_SEED 1
#endif
#ifndef FUZZ_INVOCATIONS
#define FUZZ_INVOCATIONS 100000
#endif
#define FUZZ_BATCH 2000
#define FUZZ_PROGRESS 1000000 /* a progress line every million operations */
#define FUZZ_POOL_BITS 22     /* 4 MiB: room for a 2 MiB frame */
#define WORKER_PRIO 254
#define PARTNERS 2
#define PARTNER_OPS 200 /* per partner and batch; then it waits for the next */
#define BADGE_FAULT 1
#define BADGE_STUCK 2
#define BADGE_DONE 3
#define BADGE_SANDBOX 4
#define SANDBOX_RESTARTS 20
#define SANDBOX_OPS 400 /* per batch */

static fuzz_pool_t pool;
static seL4_CPtr control_ep;  /* this thread receives every event here */
static seL4_CPtr done_ep;     /* the worker's copy, badged DONE */
static seL4_CPtr stuck_ep;    /* the watchdog's copy, badged STUCK */
static test_thread_t worker;
static test_thread_t watchdog;
static seL4_UserContext worker_start; /* pc, sp, spsr, x0 at creation */

/* Partners: threads beside the worker, at its priority, doing plain IPC on
 * the pool's objects (ops_partner_run) and faulting on purpose, so that the
 * worker's calls meet threads blocked in, bound to and running through the
 * objects it deletes and reconfigures. They are restarted every batch and
 * whenever everything waits; each makes PARTNER_OPS operations, then waits
 * on a notification no one signals (blocked, it lets the watchdog run). */
static test_thread_t partners[PARTNERS];
static seL4_UserContext partner_start[PARTNERS];
static seL4_CPtr parked_ntfn;

/* The sandboxed thread (sandbox.h): restarted, at its next operation,
 * whenever it faults or sends to the supervisor, and when everything waits. */
static test_thread_t sandbox;
static seL4_UserContext sandbox_start;
static seL4_CPtr sandbox_scratch; /* a root slot for making its CNode cap */
static volatile uint64_t sandbox_next;
static volatile uint64_t sandbox_limit; /* it waits once it gets here */
static uint64_t sandbox_events;
static unsigned batch_sandbox_restarts;
static volatile uint64_t partner_base;
static volatile uint64_t partner_ops; /* made, over all partners and batches */

static volatile uint64_t next_op;
static volatile uint64_t batch_end;
static uint64_t faults;
static uint64_t blocks;

/* The fuzzing thread: operations until the batch ends, then DONE. A restart
 * begins here again, at the operation after the one that faulted or
 * blocked (next_op moved before that one was made). */
static seL4_Word fuzz_worker(seL4_Word arg)
{
    (void)arg;
    for (;;) {
        uint64_t op = next_op;
        if (op >= batch_end) {
            seL4_SendWithMRs(done_ep, seL4_MessageInfo_new(0, 0, 0, 0), seL4_Null, seL4_Null,
                             seL4_Null, seL4_Null);
            continue;
        }
        next_op = op + 1;
        ops_run(op);
    }
    return 0;
}

static seL4_Word fuzz_partner(seL4_Word index)
{
    for (uint64_t op = 0; op < PARTNER_OPS; op++) {
        partner_ops = partner_ops + 1;
        ops_partner_run((unsigned)index, partner_base + op);
    }
    for (;;) {
        seL4_Wait(parked_ntfn, seL4_Null);
    }
    return 0;
}

static seL4_Word fuzz_sandbox(seL4_Word arg)
{
    (void)arg;
    for (uint64_t op = sandbox_next; op < sandbox_limit; op = sandbox_next) {
        sandbox_next = op + 1;
        sandbox_run(FUZZ_SEED, op);
    }
    for (;;) {
        seL4_Wait(parked_ntfn, seL4_Null); /* blocked, it lets the watchdog run */
    }
    return 0;
}


/* Runs only when this thread and the worker both wait: the worker is then
 * blocked by what it did (the pool's threads share this priority). */
static seL4_Word stuck_watchdog(seL4_Word arg)
{
    (void)arg;
    for (;;) {
        seL4_NBSendWithMRs(stuck_ep, seL4_MessageInfo_new(0, 0, 0, 0), seL4_Null, seL4_Null,
                           seL4_Null, seL4_Null);
    }
    return 0;
}

/* Stops a thread wherever it is and starts it again from its first
 * instruction (pc, sp, spsr and x0 as it was created). */
static bool restart(seL4_CPtr tcb, const seL4_UserContext *start)
{
    seL4_UserContext regs = *start;
    if (seL4_TCB_Suspend(tcb) != seL4_NoError) {
        return false;
    }
    return seL4_TCB_WriteRegisters(tcb, true, 0, 4, &regs) == seL4_NoError;
}

static bool restart_worker(void)
{
    return restart(worker.tcb, &worker_start);
}

/* The sandbox, from its start, at its next operation (up to the batch's
 * SANDBOX_OPS). */
static bool restart_sandbox(void)
{
    return restart(sandbox.tcb, &sandbox_start);
}

/* The partners' next PARTNER_OPS operations each, from their start. */
static bool restart_partners(void)
{
    partner_base = partner_base + PARTNER_OPS;
    for (unsigned i = 0; i < PARTNERS; i++) {
        if (!restart(partners[i].tcb, &partner_start[i])) {
            return false;
        }
    }
    return true;
}

static void print_failure(const char *what, seL4_Error error)
{
    printf("FUZZ: %s (error %d) in the batch ending at operation %lu, seed %lu\n", what,
           (int)error, (unsigned long)batch_end, (unsigned long)FUZZ_SEED);
    fuzz_op_t ops[FUZZ_LOG];
    unsigned n = ops_log(ops);
    for (unsigned i = 0; i < n; i++) {
        printf("  op %lu: kind %u cap %lu label %lu length %lu caps %lu mr %lx %lx %lx %lx\n",
               (unsigned long)ops[i].number, ops[i].kind, (unsigned long)ops[i].target,
               (unsigned long)ops[i].label, (unsigned long)ops[i].length,
               (unsigned long)ops[i].extra_caps, (unsigned long)ops[i].mr[0],
               (unsigned long)ops[i].mr[1], (unsigned long)ops[i].mr[2],
               (unsigned long)ops[i].mr[3]);
    }
}

/* One batch: set up, let the worker run to its end, tear down, check. */
static bool run_batch(void)
{
    const char *failed = "";
    seL4_Error error = seL4_NoError;
    if (!pool_setup(&pool, &failed, &error)) {
        print_failure(failed, error);
        return false;
    }
    batch_end = next_op + FUZZ_BATCH;
    batch_sandbox_restarts = 0;
    sandbox_limit = sandbox_next + SANDBOX_OPS;
    if (!sandbox_fill(pool_object_slot(&pool, seL4_CapTableObject, SANDBOX_CNODE_BITS, 0),
                      sandbox.tcb, WORKER_PRIO, control_ep, BADGE_SANDBOX,
                      pool_object_slot(&pool, seL4_EndpointObject, 0, 1),
                      pool_object_slot(&pool, seL4_NotificationObject, 0, 0), sandbox_scratch)) {
        print_failure("sandbox set-up", seL4_IllegalOperation);
        return false;
    }
    if (!restart_partners() || !restart_worker() || !restart_sandbox()) {
        print_failure("worker restart", seL4_IllegalOperation);
        return false;
    }
    for (;;) {
        seL4_Word badge = 0;
        (void)seL4_Recv(control_ep, &badge);
        if (badge == BADGE_DONE) {
            break;
        }
        bool restarted;
        if (badge == BADGE_FAULT) {
            faults++;
            restarted = restart_worker();
        } else if (badge == BADGE_SANDBOX) {
            /* A sandbox that broke its own CSpace faults at every step:
             * after SANDBOX_RESTARTS in a batch it stays stopped. */
            sandbox_events++;
            restarted = ++batch_sandbox_restarts > SANDBOX_RESTARTS || restart_sandbox();
        } else {
            /* Everything waits: the partners go on with fresh operations
             * (their calls cancelled where they stand), and so does the
             * worker. */
            blocks++;
            restarted = restart_partners() && restart_worker() &&
                        restart_sandbox();
        }
        if (!restarted) {
            print_failure("worker restart", seL4_IllegalOperation);
            return false;
        }
    }
    static bool snapshot_taken;
    if (!snapshot_taken) {
        /* Once, over what the first batch left: the dump must read back
         * (the test's CHECK) and change nothing (the checks below). */
        seL4_DebugSnapshot();
        snapshot_taken = true;
    }
    (void)seL4_TCB_Suspend(worker.tcb);
    (void)seL4_TCB_Suspend(sandbox.tcb);
    for (unsigned i = 0; i < PARTNERS; i++) {
        (void)seL4_TCB_Suspend(partners[i].tcb);
    }
    if (!pool_teardown(&pool, &failed, &error)) {
        print_failure(failed, error);
        return false;
    }
    if (cairn_DebugCheckInvariants() != 0) {
        print_failure("kernel invariants", seL4_NoError);
        return false;
    }
    if (!pool_reclaimed(&pool, &error)) {
        print_failure("the pool's untyped does not retype whole", error);
        return false;
    }
    return true;
}

static bool start_threads(void)
{
    threads_init();
    control_ep = threads_object(seL4_EndpointObject);
    seL4_CPtr fault_ep = threads_mint(control_ep, seL4_AllRights, BADGE_FAULT);
    done_ep = threads_mint(control_ep, seL4_AllRights, BADGE_DONE);
    stuck_ep = threads_mint(control_ep, seL4_AllRights, BADGE_STUCK);
    if (control_ep == 0 || fault_ep == 0 || done_ep == 0 || stuck_ep == 0) {
        return false;
    }
    if (!thread_create(&worker, fuzz_worker, 0, WORKER_PRIO, fault_ep, true)) {
        return false;
    }
    if (seL4_TCB_ReadRegisters(worker.tcb, false, 0, 4, &worker_start) != seL4_NoError) {
        return false;
    }
    sandbox_scratch = test_slot();
    parked_ntfn = threads_object(seL4_NotificationObject);
    for (unsigned i = 0; i < PARTNERS; i++) {
        /* Its fault endpoint is a pool slot: the batch's first endpoint. */
        if (parked_ntfn == 0 ||
            !thread_create(&partners[i], fuzz_partner, i, WORKER_PRIO, pool_object_slot(&pool, seL4_EndpointObject, 0, 0),
                           true) ||
            seL4_TCB_ReadRegisters(partners[i].tcb, false, 0, 4, &partner_start[i]) !=
                seL4_NoError) {
            return false;
        }
    }
    if (sandbox_scratch == 0 ||
        !thread_create(&sandbox, fuzz_sandbox, 0, WORKER_PRIO, SANDBOX_FAULT_EP, true) ||
        seL4_TCB_ReadRegisters(sandbox.tcb, false, 0, 4, &sandbox_start) != seL4_NoError) {
        return false;
    }
    return thread_start(&watchdog, stuck_watchdog, 0, 1, seL4_CapNull, false);
}

static void test_fuzz(void)
{
    TEST_CHECK(pool_init(&pool, FUZZ_POOL_BITS));
    TEST_CHECK(start_threads());
    ops_configure(FUZZ_SEED, pool.first, POOL_SLOTS);
    printf("FUZZ: seed %lu, %lu operations in batches of %u\n", (unsigned long)FUZZ_SEED,
           (unsigned long)FUZZ_INVOCATIONS, (unsigned)FUZZ_BATCH);
    uint64_t batches = 0;
    while (next_op < FUZZ_INVOCATIONS) {
        if (!run_batch()) {
            TEST_CHECK(!"batch failed");
            return;
        }
        batches++;
        if (next_op % FUZZ_PROGRESS < FUZZ_BATCH) {
            printf("FUZZ: %lu operations, %lu faults, %lu blocks\n", (unsigned long)next_op,
                   (unsigned long)faults, (unsigned long)blocks);
        }
    }
    printf("FUZZ: %lu operations in %lu batches: %lu invocations carried out, %lu faults and "
           "%lu blocks restarted, %lu partner operations, %lu sandbox operations, every pool "
           "reclaimed, invariants held\n",
           (unsigned long)next_op, (unsigned long)batches, (unsigned long)ops_accepted(),
           (unsigned long)faults, (unsigned long)blocks, (unsigned long)partner_ops,
           (unsigned long)sandbox_next);
}

static const test_case_t cases[] = {
    { "FUZZ0001", "random invocations and raw system calls on a pool of every object type", test_fuzz },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
