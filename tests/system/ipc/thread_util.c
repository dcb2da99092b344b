// SPDX-License-Identifier: BSD-2-Clause
/*
 * Helper threads for the IPC test images (see thread_util.h). Stacks and
 * IPC buffers are static arrays in the image's .bss: a new thread's IPC
 * buffer must sit in a frame the root task holds a cap to, and the image
 * pages are exactly the frames listed in bootinfo->userImageFrames, in
 * address order from the image base.
 */
#include "thread_util.h"

#include <cairn/tls.h>
#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */

#include "../lib/caps.h"

#define THREAD_POOL (THREAD_MAX + 1) /* one more for the watchdog */
#define IMAGE_BASE 0x400000UL        /* libsel-style/src/root_task.ld */

static uint8_t stacks[THREAD_POOL][THREAD_STACK_BYTES] __attribute__((aligned(16)));
static seL4_IPCBuffer buffers[THREAD_POOL] __attribute__((aligned(4096)));
static uint8_t tls_areas[THREAD_POOL][THREAD_TLS_BYTES] __attribute__((aligned(64)));
static bool slot_used[THREAD_POOL];

static seL4_CPtr pool_untyped;
static seL4_CPtr done_ntfn;

/* The watchdog pokes watch_cap once the clock passes watch_deadline. */
static test_thread_t watchdog_thread;
static volatile seL4_CPtr watch_cap;
static volatile uint64_t watch_deadline;
static volatile bool watch_fired;

static volatile seL4_Word trace_log[TRACE_MAX];
static volatile unsigned trace_len;

uint64_t threads_now_ms(void)
{
    uint64_t count;
    uint64_t freq;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(count));
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    return count / (freq / 1000);
}

static void arm(seL4_CPtr cap)
{
    watch_fired = false;
    watch_deadline = threads_now_ms() + WATCHDOG_MS;
    watch_cap = cap;
}

static void disarm(void)
{
    watch_cap = 0;
}

static seL4_Word watchdog(seL4_Word arg)
{
    (void)arg;
    for (;;) {
        seL4_CPtr cap = watch_cap;
        if (cap != 0 && threads_now_ms() >= watch_deadline) {
            watch_cap = 0;
            watch_fired = true;
            seL4_NBSendWithMRs(cap, seL4_MessageInfo_new(TIMEOUT_LABEL, 0, 0, 0), seL4_Null,
                               seL4_Null, seL4_Null, seL4_Null);
        }
    }
    return 0;
}

void threads_init(void)
{
    pool_untyped = test_untyped(20, seL4_Null);
    done_ntfn = threads_object(seL4_NotificationObject);
    (void)thread_start(&watchdog_thread, watchdog, 0, WATCHDOG_PRIO, seL4_CapNull, false);
}

seL4_CPtr threads_object(seL4_Word type)
{
    return test_create(pool_untyped, type, 0, seL4_Null);
}

seL4_CPtr threads_mint(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                                     seL4_CapInitThreadCNode, src, seL4_WordBits, rights, badge);
    return err == seL4_NoError ? slot : 0;
}

seL4_CPtr threads_copy(seL4_CPtr src)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_CNode_Copy(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                                     seL4_CapInitThreadCNode, src, seL4_WordBits, seL4_AllRights);
    return err == seL4_NoError ? slot : 0;
}

seL4_Error threads_delete(seL4_CPtr slot)
{
    return seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
}

seL4_CPtr threads_frame_cap(const void *addr)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    uintptr_t a = (uintptr_t)addr;
    if (a < IMAGE_BASE) {
        return 0;
    }
    seL4_CPtr cap = bi->userImageFrames.start + ((a - IMAGE_BASE) >> seL4_PageBits);
    if (cap >= bi->userImageFrames.end || seL4_DebugCapIdentify(cap) != CAP_FRAME) {
        return 0;
    }
    return cap;
}

/* Where every helper starts: x0 = its test_thread_t. */
static void thread_entry(test_thread_t *t)
{
    t->result = t->fn(t->arg);
    t->finished = true;
    seL4_Signal(done_ntfn);
    (void)seL4_TCB_Suspend(t->tcb);
    for (;;) {
        seL4_Yield(); /* not reached: the thread is suspended */
    }
}

static int take_slot(void)
{
    for (int i = 0; i < THREAD_POOL; i++) {
        if (!slot_used[i]) {
            slot_used[i] = true;
            return i;
        }
    }
    return -1;
}

static seL4_Error configure(test_thread_t *t, seL4_Word prio, seL4_CPtr fault_ep, bool ipc_buffer)
{
    seL4_Word buffer = 0;
    seL4_CPtr frame = seL4_CapNull;
    if (ipc_buffer) {
        t->ipc = &buffers[t->slot];
        *t->ipc = (seL4_IPCBuffer){ .userData = 0 };
        buffer = (seL4_Word)(uintptr_t)t->ipc;
        frame = threads_frame_cap(t->ipc);
    }
    seL4_Error err = seL4_TCB_Configure(t->tcb, fault_ep, seL4_CapInitThreadCNode, 0,
                                        seL4_CapInitThreadVSpace, 0, buffer, frame);
    if (err == seL4_NoError) {
        err = seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, prio);
    }
    /* Its own TLS; its own IPC buffer there, or else the root task's (such
     * a helper has no buffer the kernel knows of: it must not use one). */
    uintptr_t tp = cairn_tls_init(tls_areas[t->slot], sizeof(tls_areas[t->slot]));
    if (err == seL4_NoError && tp == 0) {
        err = seL4_NotEnoughMemory;
    }
    if (tp != 0) {
        cairn_tls_set_ipc_buffer(tp, t->ipc != NULL ? t->ipc : seL4_GetIPCBuffer());
    }
    seL4_UserContext regs = { .pc = (seL4_Word)(uintptr_t)thread_entry,
                              .sp = (seL4_Word)(uintptr_t)t->stack_top,
                              .x0 = (seL4_Word)(uintptr_t)t,
                              .tpidr_el0 = tp };
    if (err == seL4_NoError) {
        err = seL4_TCB_WriteRegisters(t->tcb, false, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    }
    return err;
}

bool thread_create(test_thread_t *t, thread_fn_t fn, seL4_Word arg, seL4_Word prio,
                   seL4_CPtr fault_ep, bool ipc_buffer)
{
    int slot = take_slot();
    *t = (test_thread_t){ .tcb = 0, .fn = fn, .arg = arg, .slot = slot };
    if (slot < 0) {
        return false;
    }
    t->stack_top = &stacks[slot][THREAD_STACK_BYTES];
    t->tcb = threads_object(seL4_TCBObject);
    if (t->tcb == 0 || configure(t, prio, fault_ep, ipc_buffer) != seL4_NoError) {
        thread_destroy(t);
        return false;
    }
    char name[] = "helper0";
    name[6] = (char)('0' + slot);
    seL4_DebugNameThread(t->tcb, name);
    return true;
}

seL4_Error thread_resume(test_thread_t *t)
{
    return seL4_TCB_Resume(t->tcb);
}

bool thread_start(test_thread_t *t, thread_fn_t fn, seL4_Word arg, seL4_Word prio,
                  seL4_CPtr fault_ep, bool ipc_buffer)
{
    return thread_create(t, fn, arg, prio, fault_ep, ipc_buffer) &&
           thread_resume(t) == seL4_NoError;
}

bool thread_join(test_thread_t *t)
{
    arm(done_ntfn);
    while (!t->finished && !watch_fired) {
        seL4_Wait(done_ntfn, seL4_Null);
    }
    disarm();
    return t->finished;
}

void thread_destroy(test_thread_t *t)
{
    if (t->tcb != 0) {
        (void)threads_delete(t->tcb);
        t->tcb = 0;
    }
    if (t->slot >= 0) {
        slot_used[t->slot] = false;
        t->slot = -1;
    }
}

void threads_settle(void)
{
    (void)seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, SETTLE_PRIO);
    (void)seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, ROOT_PRIO);
}

seL4_MessageInfo_t threads_recv(seL4_CPtr ep, seL4_Word *badge)
{
    arm(ep);
    seL4_MessageInfo_t info = seL4_Recv(ep, badge);
    disarm();
    return info;
}

seL4_Word op_run(seL4_Word arg)
{
    op_thread_t *o = (op_thread_t *)arg;
    seL4_Word w = o->word;
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, 0);
    seL4_MessageInfo_t msg = seL4_MessageInfo_new(0x10, 0, 0, 1);
    if (o->before != 0) {
        trace(o->before);
    }
    switch (o->op) {
    case OP_CALL:
        info = seL4_CallWithMRs(o->cap, msg, &w, seL4_Null, seL4_Null, seL4_Null);
        break;
    case OP_SEND:
        seL4_SendWithMRs(o->cap, msg, &w, seL4_Null, seL4_Null, seL4_Null);
        break;
    case OP_RECV:
        info = seL4_RecvWithMRs(o->cap, &badge, &w, seL4_Null, seL4_Null, seL4_Null);
        break;
    case OP_WAIT:
        seL4_Wait(o->cap, &badge);
        break;
    default:
        seL4_Signal(o->cap);
        break;
    }
    if (o->after != 0) {
        trace(o->after);
    }
    o->label = seL4_MessageInfo_get_label(info);
    o->badge = badge;
    o->got = w;
    o->returned = true;
    return 0;
}

void trace_reset(void)
{
    trace_len = 0;
}

void trace(seL4_Word event)
{
    unsigned i = trace_len;
    if (i < TRACE_MAX) {
        trace_log[i] = event;
        trace_len = i + 1;
    }
}

unsigned trace_count(void)
{
    return trace_len;
}

seL4_Word trace_at(unsigned i)
{
    return i < trace_len ? trace_log[i] : ~0UL;
}

bool trace_is(const seL4_Word *events, unsigned count)
{
    if (trace_len != count) {
        return false;
    }
    for (unsigned i = 0; i < count; i++) {
        if (trace_log[i] != events[i]) {
            return false;
        }
    }
    return true;
}

typedef struct spinner {
    volatile uint64_t count;
    volatile unsigned saw_other;
} spinner_t;

static spinner_t spinners[2];
static uint64_t spin_deadline;

void spinners_prepare(void)
{
    spinners[0] = (spinner_t){ 0, 0 };
    spinners[1] = (spinner_t){ 0, 0 };
    spin_deadline = threads_now_ms() + SPIN_MS;
}

bool spinners_both_switched(void)
{
    return spinners[0].saw_other >= SPIN_SWITCHES && spinners[1].saw_other >= SPIN_SWITCHES;
}

seL4_Word spinner_main(seL4_Word index)
{
    spinner_t *self = &spinners[index & 1];
    const spinner_t *other = &spinners[(index & 1) ^ 1];
    uint64_t last = other->count;
    while (threads_now_ms() < spin_deadline && !spinners_both_switched()) {
        self->count++;
        uint64_t now = other->count;
        if (now != last) {
            self->saw_other++;
            last = now;
        }
    }
    return 0;
}
