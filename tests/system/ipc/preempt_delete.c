// SPDX-License-Identifier: BSD-2-Clause
/*
 * PREEMPT0101-0102: deleting an endpoint or a notification with threads
 * queued on it restarts them one per preemption step. This image's kernel
 * preempts at every third preemption point (../retype/preempt_hook.c, which
 * counts the restarts in the root task's userData word). Each case queues
 * WAITERS helpers, deletes the object, puts a fresh one in the same slot
 * before the helpers run again (the root task outranks them), and checks
 * that the deletion restarted, and that every helper came back and now
 * waits on the new object.
 */
#include "../lib/test.h"
#include "thread_util.h"

#define WAITERS 5
#define HELLO 0x77

static test_thread_t waiters[WAITERS];
static seL4_CPtr slot;

/* Waits on the object in `slot` until a real message or signal comes. */
static seL4_Word endpoint_waiter(seL4_Word arg)
{
    (void)arg;
    seL4_Word badge;
    seL4_Word mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_MessageInfo_t info = seL4_RecvWithMRs(slot, &badge, &mr0, &mr1, &mr2, &mr3);
    return seL4_MessageInfo_get_label(info) == HELLO;
}

static seL4_Word notification_waiter(seL4_Word arg)
{
    (void)arg;
    seL4_Word badge = 0;
    seL4_Wait(slot, &badge);
    return badge != 0;
}

static bool start_waiters(thread_fn_t fn)
{
    bool ok = true;
    for (unsigned i = 0; i < WAITERS; i++) {
        ok = thread_start(&waiters[i], fn, i, THREAD_PRIO, seL4_CapNull, false) && ok;
    }
    threads_settle(); /* all of them queue on the object */
    return ok;
}

/* Deletes the object in `slot`, counting forced restarts, and moves a new
 * one of the same type into the slot. */
static seL4_Word replace_object(seL4_Word type)
{
    seL4_SetUserData(0);
    TEST_CHECK(seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits) == seL4_NoError);
    seL4_Word restarts = seL4_GetUserData();
    seL4_CPtr fresh = threads_object(type);
    TEST_CHECK(seL4_CNode_Move(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                               seL4_CapInitThreadCNode, fresh, seL4_WordBits) == seL4_NoError);
    printf("    %lu forced restarts deleting a queue of %d\n", restarts, WAITERS);
    return restarts;
}

static void join_all(void)
{
    for (unsigned i = 0; i < WAITERS; i++) {
        TEST_CHECK(thread_join(&waiters[i]) && waiters[i].result == 1);
        thread_destroy(&waiters[i]);
    }
}

static void test_endpoint(void)
{
    slot = threads_object(seL4_EndpointObject);
    TEST_CHECK(start_waiters(endpoint_waiter));
    TEST_CHECK(replace_object(seL4_EndpointObject) >= 1);
    for (unsigned i = 0; i < WAITERS; i++) {
        seL4_Send(slot, seL4_MessageInfo_new(HELLO, 0, 0, 0)); /* one per waiter */
    }
    join_all();
}

static void test_notification(void)
{
    slot = threads_object(seL4_NotificationObject);
    TEST_CHECK(start_waiters(notification_waiter));
    TEST_CHECK(replace_object(seL4_NotificationObject) >= 1);
    threads_settle(); /* the restarted waiters queue on the new notification */
    seL4_CPtr badged = threads_mint(slot, seL4_AllRights, 1);
    for (unsigned i = 0; i < WAITERS; i++) {
        seL4_Signal(badged); /* each wakes the head of the queue */
    }
    join_all();
}

static const test_case_t cases[] = {
    { "PREEMPT0101", "deleting an endpoint restarts its queue one thread per step", test_endpoint },
    { "PREEMPT0102", "deleting a notification restarts its waiters one per step",
      test_notification },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
