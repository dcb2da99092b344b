// SPDX-License-Identifier: BSD-2-Clause
/*
 * Revoke and delete (kernel/src/object/cte_ops.c) in host memory
 * (cap_fixture.h): revoke deletes exactly the run of descendants after a
 * cap; deleting the last cap to a CNode or TCB turns it into a zombie that
 * is reduced one slot per step, through CNodes nested inside each other,
 * until every slot is empty and the derivation list is consistent again.
 * Preemption points are forced every N steps (kernel_stubs.c) and the
 * operation restarted until it completes; the end state must equal an
 * unpreempted run's, byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <kernel/thread.h>
#include <object/cdt.h>
#include <object/cte_ops.h>
#include <object/invocation.h>
#include <object/objecttype.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>
#include <util.h>

#include "cap_fixture.h"
#include "cdt_check.h"
#include "kernel_stubs.h"

/* --- cte_revoke -------------------------------------------------------------- */

/* root[0] untyped U over the arena, with these derived caps:
 *   root[1] E endpoint; root[2] copy; root[3] mint 5 (first); root[4] copy
 *   of root[3]; root[5] copy of root[4]; root[6] mint 5 again (first);
 *   root[7] copy of root[6]; root[8] mint 6
 *   root[10] N notification; root[11] copy
 *   root[12] U1 child untyped (1 KiB); root[13] F endpoint from U1; root[14]
 *   copy of F
 *   root[20] U2 over `other`, root[21] an endpoint from it (another list) */
static void build_revoke_tree(void)
{
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    retype_into(u, seL4_UntypedObject, 10, &root[12]);
    retype_into(&root[12], seL4_EndpointObject, 0, &root[13]);
    copy_cap(&root[13], &root[14]);
    retype_into(u, seL4_NotificationObject, 0, &root[10]);
    copy_cap(&root[10], &root[11]);
    retype_into(u, seL4_EndpointObject, 0, &root[1]);
    copy_cap(&root[1], &root[2]);
    mint_cap(&root[1], &root[8], 6);
    mint_cap(&root[1], &root[6], 5);
    copy_cap(&root[6], &root[7]);
    mint_cap(&root[1], &root[3], 5);
    copy_cap(&root[3], &root[4]);
    copy_cap(&root[4], &root[5]);
    cte_t *u2 = make_untyped(&root[20], other, 12);
    retype_into(u2, seL4_EndpointObject, 0, &root[21]);
    assert_order(u, u, &root[1], &root[3], &root[4], &root[5], &root[6], &root[7], &root[8],
                 &root[2], &root[10], &root[11], &root[12], &root[13], &root[14]);
    assert_cdt_consistent();
}

static void assert_full(const int *indexes, size_t n)
{
    for (int i = 0; i < ROOT_SLOTS; i++) {
        bool want = false;
        for (size_t k = 0; k < n; k++) {
            want = want || indexes[k] == i;
        }
        if (cte_is_empty(&root[i]) == want) {
            fail_msg("root[%d] is %s", i, want ? "empty" : "full");
        }
    }
}

#define assert_full_slots(...) \
    assert_full((const int[]){ __VA_ARGS__ }, sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

static void test_revoke_exact(void **state)
{
    (void)state;
    build_revoke_tree();
    /* A cap with no children, and a copy that is not an original. */
    assert_int_equal(cte_revoke(&root[8]), EXCEPTION_NONE);
    assert_int_equal(cte_revoke(&root[2]), EXCEPTION_NONE);
    assert_int_equal(cte_revoke(&root[21]), EXCEPTION_NONE);
    assert_full_slots(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 20, 21);

    /* A badged original: its copies, not the next first-badged run. */
    assert_int_equal(cte_revoke(&root[3]), EXCEPTION_NONE);
    assert_full_slots(0, 1, 2, 3, 6, 7, 8, 10, 11, 12, 13, 14, 20, 21);
    assert_order(&root[0], &root[0], &root[1], &root[3], &root[6], &root[7], &root[8],
                 &root[2], &root[10], &root[11], &root[12], &root[13], &root[14]);
    assert_cdt_consistent();

    /* The child untyped: its objects only. */
    assert_int_equal(cte_revoke(&root[12]), EXCEPTION_NONE);
    assert_full_slots(0, 1, 2, 3, 6, 7, 8, 10, 11, 12, 20, 21);
    assert_false(cdt_has_children(&root[12]));

    /* The unbadged original: every badge and copy, up to the notification. */
    assert_int_equal(cte_revoke(&root[1]), EXCEPTION_NONE);
    assert_full_slots(0, 1, 10, 11, 12, 20, 21);
    assert_order(&root[0], &root[0], &root[1], &root[10], &root[11], &root[12]);
    assert_false(cdt_has_children(&root[1]));
    assert_cdt_consistent();

    /* The untyped: everything made from it; the other list stays. */
    assert_int_equal(cte_revoke(&root[0]), EXCEPTION_NONE);
    assert_full_slots(0, 20, 21);
    assert_order(&root[0], &root[0]);
    assert_order(&root[20], &root[20], &root[21]);
    assert_cdt_consistent();
}

static void test_revoke_whole_tree_at_once(void **state)
{
    (void)state;
    build_revoke_tree();
    assert_int_equal(cte_revoke(&root[0]), EXCEPTION_NONE);
    assert_full_slots(0, 20, 21);
    assert_cdt_consistent();
}

/* --- cte_delete of CNodes: zombies ------------------------------------------- */

/* root[0] U; root[1] C1 (radix 3), the only cap to it; root[2] X endpoint.
 *   C1[0] E endpoint (only cap)      C1[1] copy of X (X survives)
 *   C1[2] copy of C3's cap           C1[7] C2 (radix 2), only cap
 *   C2[0] copy of E                  C2[3] C3 (radix 1), original
 *   C3[1] T, a TCB, only cap          T.ctable C4 (radix 1), only cap
 *   C4[0] a notification, only cap    C4[1] X minted with badge 9
 * Deleting root[1] must empty every slot of C1..C4 and T. (No cycles here:
 * a CNode holding the only cap to itself is kept alive by it, as in seL4;
 * test_delete_cnode_cycles covers those.) */
typedef struct nested {
    cte_t *c1;
    cte_t *c2;
    cte_t *c3;
    cte_t *c4;
    tcb_t *tcb;
} nested_t;

static nested_t build_nested(void)
{
    nested_t n;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    n.c1 = retype_into(u, seL4_CapTableObject, 3, &root[1]);
    retype_into(u, seL4_EndpointObject, 0, &root[2]);
    retype_into(u, seL4_EndpointObject, 0, &n.c1[0]);
    copy_cap(&root[2], &n.c1[1]);
    n.c2 = retype_into(u, seL4_CapTableObject, 2, &n.c1[7]);
    copy_cap(&n.c1[0], &n.c2[0]);
    n.c3 = retype_into(u, seL4_CapTableObject, 1, &n.c2[3]);
    copy_cap(&n.c2[3], &n.c1[2]);
    n.tcb = retype_into(u, seL4_TCBObject, 0, &n.c3[1]);
    n.tcb->state = THREAD_RUNNING;
    n.c4 = retype_into(u, seL4_CapTableObject, 1, &n.tcb->slots[TCB_CTABLE]);
    retype_into(u, seL4_NotificationObject, 0, &n.c4[0]);
    mint_cap(&root[2], &n.c4[1], 9);
    assert_cdt_consistent();
    return n;
}

static void assert_nested_deleted(const nested_t *n)
{
    for (int i = 0; i < 8; i++) {
        assert_empty_slot(&n->c1[i]);
    }
    for (int i = 0; i < 4; i++) {
        assert_empty_slot(&n->c2[i]);
    }
    for (int i = 0; i < 2; i++) {
        assert_empty_slot(&n->c3[i]);
        assert_empty_slot(&n->c4[i]);
    }
    for (int i = 0; i < TCB_SLOT_COUNT; i++) {
        assert_empty_slot(&n->tcb->slots[i]);
    }
    /* The thread was stopped, once, when its last cap went. */
    assert_int_equal(stub_calls("thread_suspend", n->tcb), 1);
    assert_int_equal(stub_calls("notification_unbind", n->tcb), 1);
    assert_empty_slot(&root[1]);
}

static void test_delete_nested_cnodes(void **state)
{
    (void)state;
    nested_t n = build_nested();
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_NONE);
    assert_nested_deleted(&n);
    assert_full_slots(0, 2);
    assert_order(&root[0], &root[0], &root[2]);
    assert_int_equal(cdt_full_slots(), 2);
    assert_cdt_consistent();
    /* Deleting an empty slot does nothing. */
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_NONE);
    assert_int_equal(stub_preemptions(), 0);
}

static void test_delete_not_final_cnode(void **state)
{
    (void)state;
    nested_t n = build_nested();
    copy_cap(&root[1], &root[3]);
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_NONE);
    /* Another cap to C1 remains: only the slot is emptied. */
    assert_empty_slot(&root[1]);
    assert_int_equal(cap_get_type(n.c1[7].cap), CAP_CNODE);
    assert_int_equal(stub_calls("thread_suspend", NULL), 0);
    assert_cdt_consistent();
    assert_int_equal(cte_delete(&root[3]), EXCEPTION_NONE);
    assert_nested_deleted(&n);
    assert_cdt_consistent();
}

/* A CNode whose only cap is in one of its own slots, and two CNodes each
 * holding the only cap to the other: delete ends, and empties them all. */
static void test_delete_cnode_cycles(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    cte_t *c = retype_into(u, seL4_CapTableObject, 2, &root[1]);
    retype_into(u, seL4_EndpointObject, 0, &c[3]);
    cte_move(root[1].cap, &root[1], &c[1]); /* its only cap now inside it */
    assert_int_equal(cte_delete(&c[1]), EXCEPTION_NONE);
    for (int i = 0; i < 4; i++) {
        assert_empty_slot(&c[i]);
    }
    assert_order(u, u);
    assert_cdt_consistent();

    cte_t *a = retype_into(u, seL4_CapTableObject, 2, &root[2]);
    cte_t *b = retype_into(u, seL4_CapTableObject, 1, &a[3]);
    retype_into(u, seL4_EndpointObject, 0, &b[0]);
    copy_cap(&root[2], &b[1]);       /* a's cap inside b */
    assert_int_equal(cte_delete(&root[2]), EXCEPTION_NONE);
    assert_false(cte_is_empty(&b[1])); /* not final: the cycle keeps them */
    assert_cdt_consistent();
    assert_int_equal(cte_delete(&b[1]), EXCEPTION_NONE);
    /* The slot deleted from lies inside b, which a held: b is destroyed
     * around it, and a's zombie is parked in a's own last slot (as seL4
     * leaves cyclic zombies) rather than left in b's freed memory. */
    assert_empty_slot(&b[0]);
    assert_empty_slot(&b[1]);
    assert_int_equal(cap_get_type(a[3].cap), CAP_ZOMBIE);
    assert_cdt_consistent();
    /* Revoking the untyped finishes it. */
    assert_int_equal(cte_revoke(u), EXCEPTION_NONE);
    for (int i = 0; i < 4; i++) {
        assert_empty_slot(&a[i]);
    }
    assert_order(u, u);
    assert_cdt_consistent();
}

static void test_delete_tcb(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    tcb_t *t = retype_into(u, seL4_TCBObject, 0, &root[1]);
    assert_string_equal(t->name, "thread");
    t->state = THREAD_RUNNING;
    copy_cap(&root[1], &root[2]);
    retype_into(u, seL4_EndpointObject, 0, &t->slots[TCB_CALLER]);
    copy_cap(&root[1], &t->slots[TCB_CTABLE]); /* a cap to itself */
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_NONE);
    assert_int_equal(stub_calls("thread_suspend", NULL), 0);
    assert_int_equal(cte_delete(&root[2]), EXCEPTION_NONE);
    assert_int_equal(stub_calls("thread_suspend", NULL), 0); /* its own slot keeps it */
    assert_int_equal(cte_delete(&t->slots[TCB_CTABLE]), EXCEPTION_NONE);
    assert_int_equal(stub_calls("thread_suspend", t), 1);
    assert_int_equal(stub_calls("notification_unbind", t), 1);
    /* The endpoint in its caller slot was the last cap to it. */
    assert_int_equal(stub_calls("endpoint_cancel_all", NULL), 1);
    for (int i = 0; i < TCB_SLOT_COUNT; i++) {
        assert_empty_slot(&t->slots[i]);
    }
    assert_order(u, u);
    assert_cdt_consistent();
}

/* A chain of radix-1 CNodes, each holding the only cap to the next in slot
 * 1 and every fourth an endpoint in slot 0, all carved from `deep`, which is
 * tracked as one run of slots. */
#define DEEP_BITS 19
static uint8_t deep[1 << DEEP_BITS] __attribute__((aligned(1 << DEEP_BITS)));

static void build_deep_chain(unsigned length)
{
    memset(deep, 0, sizeof(deep));
    cdt_track((cte_t *)deep, sizeof(deep) / sizeof(cte_t));
    cte_t *u = make_untyped(&root[30], deep, DEEP_BITS);
    cte_t *slot = &root[31];
    for (unsigned i = 0; i < length; i++) {
        cte_t *node = retype_into(u, seL4_CapTableObject, 1, slot);
        if (i % 4 == 0) {
            retype_into(u, seL4_EndpointObject, 0, &node[0]);
        }
        slot = &node[1];
    }
    assert_cdt_consistent();
}

static void test_delete_deep_chain(void **state)
{
    (void)state;
    /* 5000 CNodes nested through their only caps: one Delete reduces them
     * all (docs/capabilities.md 7.3), with a preemption point per step. */
    build_deep_chain(5000);
    assert_int_equal(cte_delete(&root[31]), EXCEPTION_NONE);
    assert_cdt_consistent();
    assert_order(&root[30], &root[30]);
    assert_int_equal(cdt_full_slots(), 1);
    assert_true(stub_preemption_points() >= 5000);

    /* The same chain, revoked through its untyped instead. */
    (void)cap_fixture_setup(NULL);
    build_deep_chain(5000);
    assert_int_equal(cte_revoke(&root[30]), EXCEPTION_NONE);
    assert_cdt_consistent();
    assert_int_equal(cdt_full_slots(), 1);
}

/* --- Preemption -------------------------------------------------------------- */

static cdt_snapshot_t snapshot_plain;
static cdt_snapshot_t snapshot_preempted;
static uint8_t arena_plain[sizeof(arena)];

static void save_plain(void)
{
    cdt_snapshot_take(&snapshot_plain);
    memcpy(arena_plain, arena, sizeof(arena));
}

static void assert_same_as_plain(unsigned every)
{
    cdt_snapshot_take(&snapshot_preempted);
    const char *difference = cdt_snapshot_difference(&snapshot_plain, &snapshot_preempted);
    if (difference != NULL) {
        fail_msg("preempted every %u: %s", every, difference);
    }
    if (memcmp(arena_plain, arena, sizeof(arena)) != 0) {
        fail_msg("preempted every %u: the arena differs", every);
    }
}

/* Runs op until it completes, checking the tree after each preemption;
 * returns how often it was preempted. */
static unsigned run_to_completion(exception_t (*op)(cte_t *), cte_t *slot)
{
    unsigned preempted = 0;
    for (;;) {
        exception_t status = op(slot);
        if (status == EXCEPTION_NONE) {
            return preempted;
        }
        assert_int_equal(status, EXCEPTION_PREEMPTED);
        assert_cdt_consistent();
        if (++preempted > 100000) {
            fail_msg("no progress after %u restarts", preempted);
        }
    }
}

static const unsigned preempt_periods[] = { 1, 2, 3, 4, 5, 7, 11, 1000 };

static void test_delete_preempted(void **state)
{
    (void)state;
    build_nested();
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_NONE);
    unsigned points = stub_preemption_points();
    assert_true(points > 10); /* one per zombie step */
    save_plain();

    for (size_t p = 0; p < ARRAY_SIZE(preempt_periods); p++) {
        unsigned every = preempt_periods[p];
        (void)cap_fixture_setup(NULL);
        nested_t n = build_nested();
        stub_preempt_every(every);
        unsigned preempted = run_to_completion(cte_delete, &root[1]);
        assert_int_equal(preempted, stub_preemptions());
        if (every < points) {
            assert_true(preempted > 0);
        }
        assert_nested_deleted(&n);
        assert_same_as_plain(every);
    }

    /* The kernel's own test seam: preemption_test_hook. */
    (void)cap_fixture_setup(NULL);
    build_nested();
    stub_preemption_hook(true);
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_PREEMPTED);
    assert_int_equal(cap_get_type(root[1].cap), CAP_ZOMBIE);
    stub_preemption_hook(false);
    assert_int_equal(cte_delete(&root[1]), EXCEPTION_NONE);
    assert_same_as_plain(0);
}

/* Revoke with only simple caps to delete: each deletion is one step. */
static void test_revoke_preempted_simple(void **state)
{
    (void)state;
    build_revoke_tree();
    assert_int_equal(cte_revoke(&root[0]), EXCEPTION_NONE);
    save_plain();
    for (size_t p = 0; p < ARRAY_SIZE(preempt_periods); p++) {
        (void)cap_fixture_setup(NULL);
        build_revoke_tree();
        stub_preempt_every(preempt_periods[p]);
        unsigned preempted = run_to_completion(cte_revoke, &root[0]);
        if (preempt_periods[p] == 1) {
            assert_int_equal(preempted, 13); /* after each of 13 descendants */
        }
        assert_same_as_plain(preempt_periods[p]);
    }
}

/* Revoke of an untyped whose descendants include CNodes and a TCB: a
 * preempted deletion leaves a zombie among the untyped's descendants, and
 * the restarted revoke must carry on through it. */
static void test_revoke_preempted_with_cnodes(void **state)
{
    (void)state;
    nested_t n = build_nested();
    assert_int_equal(cte_revoke(&root[0]), EXCEPTION_NONE);
    assert_nested_deleted(&n);
    assert_full_slots(0);
    assert_false(cdt_has_children(&root[0]));
    save_plain();
    for (size_t p = 0; p < ARRAY_SIZE(preempt_periods); p++) {
        (void)cap_fixture_setup(NULL);
        n = build_nested();
        stub_preempt_every(preempt_periods[p]);
        (void)run_to_completion(cte_revoke, &root[0]);
        assert_cdt_consistent();
        const cte_t *next = mdb_next(&root[0]);
        if (next != NULL) {
            fail_msg("preempted every %u: revoke completed, but %zu caps remain after the "
                     "untyped, the first of type %u (CAP_ZOMBIE is %u)",
                     preempt_periods[p], cdt_full_slots() - 1, (unsigned)cap_get_type(next->cap),
                     (unsigned)CAP_ZOMBIE);
        }
        assert_nested_deleted(&n);
        assert_same_as_plain(preempt_periods[p]);
    }
}

#define TEST(t) cmocka_unit_test_setup(t, cap_fixture_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_revoke_exact),
        TEST(test_revoke_whole_tree_at_once),
        TEST(test_delete_nested_cnodes),
        TEST(test_delete_not_final_cnode),
        TEST(test_delete_cnode_cycles),
        TEST(test_delete_tcb),
        TEST(test_delete_deep_chain),
        TEST(test_delete_preempted),
        TEST(test_revoke_preempted_simple),
        TEST(test_revoke_preempted_with_cnodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
