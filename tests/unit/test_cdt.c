// SPDX-License-Identifier: BSD-2-Clause
/*
 * The capability derivation tree (kernel/src/object/cdt.c) and the slot
 * operations that only relink it (cte_insert, cte_move, cte_swap in
 * cte_ops.c), in host memory (cap_fixture.h). After each operation the
 * whole derivation list is checked by cdt_check: prev/next symmetry, every
 * full slot reachable from a list head, no cycles.
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

/* cdt_is_parent_of for two lone slots: a original or not, b first badged or not. */
static bool parent(cap_t a, bool a_revocable, cap_t b, bool b_first_badged)
{
    cte_t sa = lone(a, a_revocable, a_revocable);
    cte_t sb = lone(b, false, b_first_badged);
    return cdt_is_parent_of(&sa, &sb);
}

/* --- The checker itself ------------------------------------------------------ */

static void test_checker_detects_breakage(void **state)
{
    (void)state;
    cte_t *ut = make_untyped(&root[0], arena, ARENA_BITS);
    retype_into(ut, seL4_EndpointObject, 0, &root[1]);
    copy_cap(&root[1], &root[2]);
    copy_cap(&root[2], &root[3]);
    assert_null(cdt_consistency_error());
    assert_int_equal(cdt_full_slots(), 4);

    cte_t saved = root[2];
    mdb_set_prev(&root[2], &root[0]); /* prev no longer matches root[1].next */
    assert_non_null(cdt_consistency_error());
    root[2] = saved;
    mdb_set_next(&root[3], &root[1]); /* a cycle: root[3] -> root[1] */
    assert_non_null(cdt_consistency_error());
    mdb_set_next(&root[3], NULL);
    root[5].mdb_next = (uint64_t)(uintptr_t)&root[1]; /* an empty slot with a link */
    assert_non_null(cdt_consistency_error());
    root[5].mdb_next = 0;
    mdb_set_next(&root[3], &root[6]); /* a link to an empty slot */
    assert_non_null(cdt_consistency_error());
    mdb_set_next(&root[3], NULL);
    /* A two-slot cycle with no head at all. */
    root[8].cap = root[1].cap;
    root[9].cap = root[1].cap;
    mdb_set_next(&root[8], &root[9]);
    mdb_set_prev(&root[9], &root[8]);
    mdb_set_next(&root[9], &root[8]);
    mdb_set_prev(&root[8], &root[9]);
    assert_non_null(cdt_consistency_error());
    memset(&root[8], 0, 2 * sizeof(cte_t));
    assert_null(cdt_consistency_error());
}

/* --- Insert ------------------------------------------------------------------ */

static void test_insert_copy_and_mint(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    cte_t *e = &root[1];
    retype_into(u, seL4_EndpointObject, 0, e);
    assert_order(u, u, e);
    assert_true(revocable(e) && first_badged(e));

    copy_cap(e, &root[2]);
    assert_order(u, u, e, &root[2]);
    assert_false(revocable(&root[2]) || first_badged(&root[2]));
    mint_cap(e, &root[3], 5);
    assert_order(u, u, e, &root[3], &root[2]);
    assert_true(revocable(&root[3]) && first_badged(&root[3]));
    assert_int_equal(cap_endpoint_get_badge(root[3].cap), 5);
    copy_cap(&root[3], &root[4]);
    assert_order(u, u, e, &root[3], &root[4], &root[2]);
    assert_false(revocable(&root[4]) || first_badged(&root[4]));
    assert_int_equal(cap_endpoint_get_badge(root[4].cap), 5);
    mint_cap(e, &root[5], 5); /* the same badge again: a new first badged */
    mint_cap(e, &root[6], 6);
    assert_order(u, u, e, &root[6], &root[5], &root[3], &root[4], &root[2]);
    assert_true(revocable(&root[5]) && first_badged(&root[5]));
    assert_cdt_consistent();

    /* Who is whose parent. */
    for (int i = 2; i <= 6; i++) {
        assert_true(cdt_is_parent_of(e, &root[i]));
        assert_true(cdt_is_parent_of(u, &root[i]));
        assert_false(cdt_is_parent_of(&root[2], &root[i]));
        assert_false(cdt_is_parent_of(&root[4], &root[i]));
    }
    assert_true(cdt_is_parent_of(u, e));
    assert_false(cdt_is_parent_of(e, u));
    assert_true(cdt_is_parent_of(&root[3], &root[4]));
    assert_false(cdt_is_parent_of(&root[3], &root[2]));
    assert_false(cdt_is_parent_of(&root[5], &root[3]));
    assert_false(cdt_is_parent_of(&root[6], &root[5]));
    assert_true(cdt_has_children(u));
    assert_true(cdt_has_children(e));
    assert_true(cdt_has_children(&root[3]));
    assert_false(cdt_has_children(&root[5]));
    assert_false(cdt_has_children(&root[6]));
    assert_false(cdt_has_children(&root[4]));
    assert_false(cdt_has_children(&root[2]));

    /* A badge is set once; an untyped with children cannot be copied. */
    assert_int_equal(cap_get_type(cap_update_data(false, 9, root[3].cap)), CAP_NULL);
    cap_t out = cap_null();
    assert_int_equal(cap_derive(u, u->cap, &out), EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(ks_syscall_error.type, seL4_RevokeFirst);
}

/* An untyped cap copied while it has no children: the copy is an original
 * too (it may have children) and a child of the first; the first is marked
 * full, so only the copy can hand out the memory. */
static void test_insert_untyped_copy(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, 12);
    copy_cap(u, &root[1]);
    assert_int_equal(cap_untyped_get_free_index(u->cap), BIT(12));
    assert_int_equal(cap_untyped_get_free_index(root[1].cap), 0);
    assert_true(revocable(&root[1]));
    assert_true(cdt_is_parent_of(u, &root[1]));
    retype_into(&root[1], seL4_EndpointObject, 0, &root[2]);
    assert_order(u, u, &root[1], &root[2]);
    assert_true(cdt_is_parent_of(&root[1], &root[2]));
    assert_true(cdt_has_children(&root[1]));
    assert_cdt_consistent();
}

/* --- cdt_is_parent_of -------------------------------------------------------- */

static void test_parent_of_untyped_containment(void **state)
{
    (void)state;
    cap_t ut = cap_untyped_new(arena, 12, false, 0); /* [arena, arena + 4 KiB) */
    struct {
        cap_t cap;
        bool inside;
    } cases[] = {
        { cap_endpoint_new(arena, 0), true },
        { cap_endpoint_new(at(arena, 4096 - 16), 0), true },
        { cap_endpoint_new(at(arena, 4096), 0), false },
        { cap_endpoint_new(at(arena, (uintptr_t)-16), 0), false },
        { cap_notification_new(at(arena, 4096 - 32), 0), true },
        { cap_notification_new(at(arena, 4096 - 16), 0), false }, /* straddles the end */
        { cap_cnode_new(at(arena, 4096 - 128), 2, 0, 0), true },
        { cap_cnode_new(at(arena, 4096 - 64), 2, 0, 0), false },
        { cap_cnode_new(arena, 7, 0, 0), true },
        { cap_cnode_new(arena, 8, 0, 0), false },
        { cap_new(CAP_THREAD, at(arena, 2048)), true },
        { cap_new(CAP_THREAD, at(arena, 3072)), false },
        { frame_cap(arena, 0, false), true },
        { frame_cap(arena, 1, false), false },
        { cap_new(CAP_PAGE_TABLE, arena), true },
        { cap_new(CAP_VSPACE, arena), true },
        { cap_new(CAP_ASID_POOL, arena), true },
        { cap_untyped_new(arena, 12, false, 0), true },
        { cap_untyped_new(at(arena, 4096 - 16), 4, false, 0), true },
        { cap_untyped_new(arena, 13, false, 0), false },
        { cap_untyped_new(at(arena, 4096), 4, false, 0), false },
        { cap_new(CAP_IRQ_CONTROL, NULL), false },
        { cap_new(CAP_DOMAIN, NULL), false },
        { cap_new(CAP_ASID_CONTROL, NULL), false },
        { cap_null(), false },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        if (parent(ut, true, cases[i].cap, false) != cases[i].inside) {
            fail_msg("case %zu: parent_of is %d", i, !cases[i].inside);
        }
        /* Only an original (revocable) cap has children. */
        assert_false(parent(ut, false, cases[i].cap, false));
        /* Badges and first-badged flags do not matter under an untyped. */
        assert_int_equal(parent(ut, true, cases[i].cap, true), cases[i].inside);
    }
}

/* A CNode or TCB being deleted (a zombie) still occupies its memory, so a
 * zombie left in a slot is still a descendant of the untyped it came from
 * (seL4: zombie caps are physical; sameRegionAs covers them). Revoking the
 * untyped must reach it, and retype must not reset the untyped under it. */
static void test_parent_of_untyped_zombie(void **state)
{
    (void)state;
    cap_t ut = cap_untyped_new(arena, 12, false, 0);
    cap_t cnode = cap_cnode_new(at(arena, 1024), 4, 0, 0);
    cap_t zombie = cap_finalise(cnode, true);
    assert_int_equal(cap_get_type(zombie), CAP_ZOMBIE);
    assert_true(parent(ut, true, cnode, false));
    assert_true(parent(ut, true, zombie, false));
    /* A TCB zombie points at the TCB's slots, not at its start: the TCB as
     * a whole (the last 2 KiB of the untyped here) is what is contained. */
    tcb_t *t = at(arena, 4096 - BIT(seL4_TCBBits));
    cap_t thread = cap_new(CAP_THREAD, t);
    cap_t tcb_zombie = cap_finalise(thread, true);
    assert_int_equal(cap_get_type(tcb_zombie), CAP_ZOMBIE);
    assert_ptr_equal(cap_get_ptr(tcb_zombie), t->slots);
    assert_true(parent(ut, true, thread, false));
    assert_true(parent(ut, true, tcb_zombie, false));
    /* A zombie of memory elsewhere is not a child. */
    cap_t far = cap_finalise(cap_cnode_new(other, 4, 0, 0), true);
    assert_false(parent(ut, true, far, false));
}

static void test_parent_of_badges(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++) {
        cap_t (*make)(const void *, uint64_t) = kind == 0 ? cap_endpoint_new
                                                           : cap_notification_new;
        void *obj = at(arena, 256);
        cap_t unbadged = make(obj, 0);
        cap_t badge7 = make(obj, 7);
        cap_t badge8 = make(obj, 8);
        /* An unbadged original is the parent of every cap to the object. */
        assert_true(parent(unbadged, true, unbadged, false));
        assert_true(parent(unbadged, true, badge7, false));
        assert_true(parent(unbadged, true, badge7, true));
        assert_false(parent(unbadged, false, badge7, false));
        /* A badged original: same badge, not itself first badged. */
        assert_true(parent(badge7, true, badge7, false));
        assert_false(parent(badge7, true, badge7, true));
        assert_false(parent(badge7, true, badge8, false));
        assert_false(parent(badge7, true, unbadged, false));
        assert_false(parent(badge7, false, badge7, false));
        /* Another object, or another type at the same address. */
        assert_false(parent(unbadged, true, make(at(arena, 512), 0), false));
        cap_t other_type = kind == 0 ? cap_notification_new(obj, 0) : cap_endpoint_new(obj, 0);
        assert_false(parent(unbadged, true, other_type, false));
    }
}

static void test_parent_of_other_types(void **state)
{
    (void)state;
    cap_t cnode = cap_cnode_new(arena, 4, 0, 0);
    assert_true(parent(cnode, true, cap_cnode_new(arena, 4, 3, 5), false));
    assert_false(parent(cnode, true, cap_cnode_new(arena, 5, 0, 0), false));
    assert_false(parent(cnode, true, cap_cnode_new(at(arena, 512), 4, 0, 0), false));
    assert_false(parent(cnode, false, cnode, false));

    cap_t thread = cap_new(CAP_THREAD, arena);
    assert_true(parent(thread, true, thread, false));
    assert_false(parent(thread, true, cap_new(CAP_THREAD, at(arena, 2048)), false));

    cap_t control = cap_new(CAP_IRQ_CONTROL, NULL);
    cap_t irq5 = cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 5);
    cap_t irq6 = cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 6);
    assert_true(parent(control, true, irq5, false));
    assert_true(parent(control, true, control, false));
    assert_true(parent(irq5, true, irq5, false));
    assert_false(parent(irq5, true, irq6, false));
    assert_false(parent(irq5, true, control, false));

    cap_t big = frame_cap(arena, 1, false); /* 2 MiB from arena */
    assert_true(parent(big, true, frame_cap(at(arena, 4096), 0, false), false));
    assert_true(parent(big, true, frame_cap(at(arena, (2 << 20) - 4096), 0, false), false));
    assert_false(parent(big, true, frame_cap(at(arena, 2 << 20), 0, false), false));
    assert_false(parent(big, true, cap_untyped_new(arena, 12, false, 0), false));

    cap_t pt = cap_new(CAP_PAGE_TABLE, arena);
    assert_true(parent(pt, true, pt, false));
    assert_false(parent(pt, true, cap_new(CAP_VSPACE, arena), false));

    cap_t reply = cap_new(CAP_REPLY, arena);
    assert_true(parent(reply, true, reply, false));
    assert_true(parent(cap_new(CAP_DOMAIN, NULL), true, cap_new(CAP_DOMAIN, NULL), false));
    assert_true(parent(cap_new(CAP_ASID_CONTROL, NULL), true, cap_new(CAP_ASID_CONTROL, NULL),
                       false));
    assert_false(parent(cap_null(), true, cap_null(), false));
}

/* --- cdt_is_final ------------------------------------------------------------ */

static void test_is_final(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    retype_into(u, seL4_EndpointObject, 0, &root[1]);
    assert_true(cdt_is_final(&root[1])); /* its prev is the untyped */
    copy_cap(&root[1], &root[2]);
    assert_false(cdt_is_final(&root[1]));
    assert_false(cdt_is_final(&root[2]));
    mint_cap(&root[1], &root[3], 4); /* badged caps are still the same object */
    assert_false(cdt_is_final(&root[3]));
    cdt_empty_slot(&root[2]);
    cdt_empty_slot(&root[3]);
    assert_true(cdt_is_final(&root[1]));

    /* Untyped caps never share: a copy of an untyped next to it is final,
     * and so is the original. */
    cte_t *u2 = make_untyped(&root[5], other, 12);
    copy_cap(u2, &root[6]);
    assert_true(cdt_is_final(u2));
    assert_true(cdt_is_final(&root[6]));

    /* A lone cap with no links is final. */
    cte_t alone = lone(cap_endpoint_new(other, 0), true, true);
    assert_true(cdt_is_final(&alone));

    /* Frames: the same object needs the same base, size and device flag. */
    cte_t frames[3] __attribute__((aligned(32)));
    memset(frames, 0, sizeof(frames));
    frames[0].cap = frame_cap(other, 0, false);
    frames[1].cap = frame_cap(other, 1, false);
    frames[2].cap = frame_cap(other, 0, true);
    mdb_set_next(&frames[0], &frames[1]);
    mdb_set_prev(&frames[1], &frames[0]);
    mdb_set_next(&frames[1], &frames[2]);
    mdb_set_prev(&frames[2], &frames[1]);
    assert_true(cdt_is_final(&frames[0]));
    assert_true(cdt_is_final(&frames[1]));
    assert_true(cdt_is_final(&frames[2]));
    frames[1].cap = frame_cap(other, 0, false);
    assert_false(cdt_is_final(&frames[0]));
    assert_false(cdt_is_final(&frames[1]));
    assert_true(cdt_is_final(&frames[2]));

    /* IRQ control then a handler: different objects. */
    frames[0].cap = cap_new(CAP_IRQ_CONTROL, NULL);
    frames[1].cap = cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 3);
    frames[2].cap = cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 3);
    assert_true(cdt_is_final(&frames[0]));
    assert_false(cdt_is_final(&frames[1]));
    /* CNode caps of one address but different radix are different objects. */
    frames[0].cap = cap_cnode_new(other, 2, 0, 0);
    frames[1].cap = cap_cnode_new(other, 3, 0, 0);
    frames[2].cap = cap_cnode_new(other, 3, 4, 1);
    assert_true(cdt_is_final(&frames[0]));
    assert_false(cdt_is_final(&frames[1]));
    assert_false(cdt_is_final(&frames[2]));
}

/* --- cdt_empty_slot ---------------------------------------------------------- */

static void test_empty_slot_first_badged(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    cte_t *e = &root[1];
    retype_into(u, seL4_EndpointObject, 0, e);
    mint_cap(e, &root[2], 5);        /* first badged */
    copy_cap(&root[2], &root[3]);    /* badge 5, child of root[2] */
    copy_cap(&root[3], &root[4]);    /* badge 5, child of root[2] */
    assert_order(u, u, e, &root[2], &root[3], &root[4]);
    assert_false(first_badged(&root[3]));

    /* Removing the first badged cap makes the next one the first: the
     * remaining badge-5 caps stay separated from earlier badge-5 caps. */
    cdt_empty_slot(&root[2]);
    assert_empty_slot(&root[2]);
    assert_order(u, u, e, &root[3], &root[4]);
    assert_true(first_badged(&root[3]));
    assert_false(revocable(&root[3])); /* only the boundary moves */
    assert_false(first_badged(&root[4]));
    assert_true(cdt_is_parent_of(e, &root[3]));
    assert_cdt_consistent();

    /* A slot that is not first badged passes nothing on. */
    copy_cap(&root[4], &root[5]);
    cdt_empty_slot(&root[4]);
    assert_false(first_badged(&root[5]));
    assert_order(u, u, e, &root[3], &root[5]);

    /* The list ends: tail, head, and an empty slot (no effect). */
    cdt_empty_slot(&root[5]);
    assert_null(mdb_next(&root[3]));
    cdt_empty_slot(u);
    assert_null(mdb_prev(e));
    assert_true(first_badged(e)); /* it already was */
    assert_order(e, e, &root[3]);
    cdt_empty_slot(&root[7]);
    assert_empty_slot(&root[7]);
    cdt_empty_slot(&root[3]);
    cdt_empty_slot(e);
    assert_empty_slot(e);
    assert_int_equal(cdt_full_slots(), 0);
    assert_cdt_consistent();
}

/* --- cte_move ---------------------------------------------------------------- */

static void test_move(void **state)
{
    (void)state;
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    retype_into(u, seL4_EndpointObject, 0, &root[1]);
    copy_cap(&root[1], &root[2]);
    copy_cap(&root[2], &root[3]);
    assert_order(u, u, &root[1], &root[2], &root[3]);

    /* The middle, with the flags of an original. */
    cap_t cap = root[1].cap;
    cte_move(cap, &root[1], &root[10]);
    assert_empty_slot(&root[1]);
    assert_order(u, u, &root[10], &root[2], &root[3]);
    assert_true(revocable(&root[10]) && first_badged(&root[10]));
    assert_memory_equal(&root[10].cap, &cap, sizeof(cap));
    /* The tail, storing a different cap (as Mutate does). */
    cap_t mutated = cap_endpoint_set_can_grant(root[3].cap, 0);
    cte_move(mutated, &root[3], &root[11]);
    assert_order(u, u, &root[10], &root[2], &root[11]);
    assert_memory_equal(&root[11].cap, &mutated, sizeof(mutated));
    assert_false(revocable(&root[11]));
    /* The head. */
    cte_move(u->cap, u, &root[12]);
    assert_order(&root[12], &root[12], &root[10], &root[2], &root[11]);
    assert_true(revocable(&root[12]));
    assert_empty_slot(u);
    /* A slot in no list. */
    root[20] = lone(cap_endpoint_new(other, 3), true, false);
    cte_move(root[20].cap, &root[20], &root[21]);
    assert_empty_slot(&root[20]);
    assert_null(mdb_prev(&root[21]));
    assert_null(mdb_next(&root[21]));
    assert_true(revocable(&root[21]) && !first_badged(&root[21]));
    assert_cdt_consistent();
}

/* --- cte_swap ---------------------------------------------------------------- */

/* A list of six distinct caps: root[0] (untyped), then the endpoints made
 * from it, each inserted right after the untyped (so root[6] .. root[1]).
 * Each slot gets its own flag pattern to see the flags travel. */
#define SWAP_N 6
static cte_t *swap_list[SWAP_N];

static void build_swap_list(void)
{
    cte_t *u = make_untyped(&root[0], arena, ARENA_BITS);
    for (int i = 1; i < SWAP_N; i++) {
        retype_into(u, seL4_EndpointObject, 0, &root[i]);
    }
    swap_list[0] = u;
    for (int i = 1; i < SWAP_N; i++) {
        swap_list[i] = &root[SWAP_N - i];
    }
    for (int i = 0; i < SWAP_N; i++) {
        mdb_set_flag(swap_list[i], MDB_REVOCABLE, i % 2 == 0);
        mdb_set_flag(swap_list[i], MDB_FIRST_BADGED, i % 3 == 0);
    }
}

static void test_swap_every_pair(void **state)
{
    (void)state;
    /* Every ordered pair of list positions: adjacent in both orders, the
     * head and the tail, and apart. */
    for (int i = 0; i < SWAP_N; i++) {
        for (int j = 0; j < SWAP_N; j++) {
            if (i == j) {
                continue;
            }
            (void)cap_fixture_setup(NULL);
            build_swap_list();
            cte_t *s1 = swap_list[i];
            cte_t *s2 = swap_list[j];
            cte_t before1 = *s1;
            cte_t before2 = *s2;
            cte_swap(s1->cap, s1, s2->cap, s2);
            /* The model: the two slots trade places in the list. */
            const cte_t *expected[SWAP_N];
            for (int k = 0; k < SWAP_N; k++) {
                expected[k] = k == i ? s2 : k == j ? s1 : swap_list[k];
            }
            assert_order_n(expected[0], expected, SWAP_N);
            assert_memory_equal(&s1->cap, &before2.cap, sizeof(cap_t));
            assert_memory_equal(&s2->cap, &before1.cap, sizeof(cap_t));
            /* The flags describe a tree position, so they travel with it. */
            assert_int_equal(revocable(s1), revocable(&before2));
            assert_int_equal(first_badged(s1), first_badged(&before2));
            assert_int_equal(revocable(s2), revocable(&before1));
            assert_int_equal(first_badged(s2), first_badged(&before1));
            assert_cdt_consistent();
        }
    }
}

static void test_swap_across_lists(void **state)
{
    (void)state;
    build_swap_list();
    /* A slot alone, and one heading a second list. */
    root[40] = lone(cap_endpoint_new(other, 1), true, true);
    cte_t *u2 = make_untyped(&root[41], at(other, 1024), 10);
    retype_into(u2, seL4_NotificationObject, 0, &root[42]);
    cap_t lone_cap = root[40].cap;

    cte_swap(root[40].cap, &root[40], swap_list[2]->cap, swap_list[2]);
    assert_order(swap_list[0], swap_list[0], swap_list[1], &root[40], swap_list[3],
                 swap_list[4], swap_list[5]);
    assert_null(mdb_prev(swap_list[2]));
    assert_null(mdb_next(swap_list[2]));
    assert_memory_equal(&swap_list[2]->cap, &lone_cap, sizeof(cap_t));
    assert_cdt_consistent();

    cte_swap(swap_list[5]->cap, swap_list[5], u2->cap, u2);
    assert_order(swap_list[0], swap_list[0], swap_list[1], &root[40], swap_list[3],
                 swap_list[4], u2);
    assert_order(swap_list[5], swap_list[5], &root[42]);
    assert_cdt_consistent();
}

#define TEST(t) cmocka_unit_test_setup(t, cap_fixture_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_checker_detects_breakage),
        TEST(test_insert_copy_and_mint),
        TEST(test_insert_untyped_copy),
        TEST(test_parent_of_untyped_containment),
        TEST(test_parent_of_untyped_zombie),
        TEST(test_parent_of_badges),
        TEST(test_parent_of_other_types),
        TEST(test_is_final),
        TEST(test_empty_slot_first_badged),
        TEST(test_move),
        TEST(test_swap_every_pair),
        TEST(test_swap_across_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
