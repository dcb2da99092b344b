// SPDX-License-Identifier: BSD-2-Clause
/*
 * The capability-type switch (kernel/src/object/objecttype.c): object sizes
 * and creation, Mint/Mutate data, rights masks, derivation, revocability,
 * finalisation and the same-object relation, plus the dispatch of
 * invocations on dead caps.
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

/* --- The object-type switch -------------------------------------------------- */

static void test_object_size_bits(void **state)
{
    (void)state;
    assert_int_equal(object_size_bits(seL4_UntypedObject, 20), 20);
    assert_int_equal(object_size_bits(seL4_TCBObject, 99), seL4_TCBBits);
    assert_int_equal(object_size_bits(seL4_EndpointObject, 0), seL4_EndpointBits);
    assert_int_equal(object_size_bits(seL4_NotificationObject, 0), seL4_NotificationBits);
    assert_int_equal(object_size_bits(seL4_CapTableObject, 3), seL4_SlotBits + 3);
    assert_int_equal(object_size_bits(seL4_ARM_SmallPageObject, 0), seL4_PageBits);
    assert_int_equal(object_size_bits(seL4_ARM_LargePageObject, 0), seL4_LargePageBits);
    assert_int_equal(object_size_bits(seL4_ARM_HugePageObject, 0), seL4_HugePageBits);
    assert_int_equal(object_size_bits(seL4_ARM_PageTableObject, 0), seL4_PageTableBits);
    assert_int_equal(object_size_bits(seL4_ARM_VSpaceObject, 0), seL4_VSpaceBits);
    assert_int_equal(object_size_bits(seL4_ObjectTypeCount, 0), 0);
    /* The kernel's structures fit the sizes the ABI promises. */
    assert_true(sizeof(tcb_t) <= BIT(seL4_TCBBits));
    assert_int_equal(sizeof(cte_t), BIT(seL4_SlotBits));
}

static void test_object_create(void **state)
{
    (void)state;
    void *p = arena;
    cap_t cap = object_create(seL4_UntypedObject, p, 9, true);
    assert_int_equal(cap_get_type(cap), CAP_UNTYPED);
    assert_ptr_equal(cap_get_ptr(cap), p);
    assert_int_equal(cap_untyped_get_size_bits(cap), 9);
    assert_int_equal(cap_untyped_get_is_device(cap), 1);
    assert_int_equal(cap_untyped_get_free_index(cap), 0);

    cap = object_create(seL4_TCBObject, p, 0, false);
    assert_int_equal(cap_get_type(cap), CAP_THREAD);
    assert_string_equal(((tcb_t *)p)->name, "thread");

    cap = object_create(seL4_EndpointObject, p, 0, false);
    assert_int_equal(cap_get_type(cap), CAP_ENDPOINT);
    assert_int_equal(cap_endpoint_get_badge(cap), 0);
    assert_true(cap_endpoint_get_can_send(cap) && cap_endpoint_get_can_receive(cap) &&
                cap_endpoint_get_can_grant(cap) && cap_endpoint_get_can_grant_reply(cap));

    cap = object_create(seL4_NotificationObject, p, 0, false);
    assert_int_equal(cap_get_type(cap), CAP_NOTIFICATION);
    assert_true(cap_notification_get_can_send(cap) && cap_notification_get_can_receive(cap));

    cap = object_create(seL4_CapTableObject, p, 6, false);
    assert_int_equal(cap_get_type(cap), CAP_CNODE);
    assert_int_equal(cap_cnode_get_radix(cap), 6);
    assert_int_equal(cap_cnode_get_guard_size(cap), 0);
    assert_int_equal(cap_cnode_get_guard(cap), 0);

    const word_t frames[] = { seL4_ARM_SmallPageObject, seL4_ARM_LargePageObject,
                              seL4_ARM_HugePageObject };
    for (unsigned i = 0; i < 3; i++) {
        for (int device = 0; device < 2; device++) {
            cap = object_create(frames[i], p, 0, device);
            assert_int_equal(cap_get_type(cap), CAP_FRAME);
            assert_int_equal(cap_frame_get_size(cap), i);
            assert_int_equal(cap_frame_get_is_device(cap), device);
            assert_int_equal(cap_frame_get_vm_rights(cap), 3); /* read-write */
            assert_int_equal(cap_frame_get_mapped(cap), 0);
            assert_ptr_equal(cap_get_ptr(cap), p);
        }
    }
    assert_int_equal(cap_get_type(object_create(seL4_ARM_PageTableObject, p, 0, false)),
                     CAP_PAGE_TABLE);
    assert_int_equal(cap_get_type(object_create(seL4_ARM_VSpaceObject, p, 0, false)),
                     CAP_VSPACE);
    assert_int_equal(cap_get_type(object_create(seL4_ObjectTypeCount, p, 0, false)), CAP_NULL);
}

static void test_cap_update_data(void **state)
{
    (void)state;
    cap_t ep = cap_endpoint_new(arena, 0);
    cap_t badged = cap_update_data(false, 0x1234, ep);
    assert_int_equal(cap_get_type(badged), CAP_ENDPOINT);
    assert_int_equal(cap_endpoint_get_badge(badged), 0x1234);
    assert_int_equal(badged.words[0], ep.words[0]); /* rights and object unchanged */
    assert_int_equal(cap_get_type(cap_update_data(true, 0x1234, ep)), CAP_NULL);
    assert_int_equal(cap_get_type(cap_update_data(false, 1, badged)), CAP_NULL);
    assert_int_equal(cap_get_type(cap_update_data(true, 1, badged)), CAP_NULL);
    assert_int_equal(cap_endpoint_get_badge(cap_update_data(false, ~0UL, ep)), ~0UL);

    cap_t ntfn = cap_notification_new(arena, 0);
    assert_int_equal(cap_notification_get_badge(cap_update_data(false, 77, ntfn)), 77);
    assert_int_equal(cap_get_type(cap_update_data(true, 77, ntfn)), CAP_NULL);
    assert_int_equal(cap_get_type(cap_update_data(false, 1, cap_notification_new(arena, 2))),
                     CAP_NULL);

    /* CNodes: guard and guard size from the CNode cap data; the guard is
     * cut to its size; guard size + radix must fit in a word. */
    cap_t cnode = cap_cnode_new(arena, 8, 0, 0);
    for (int preserve = 0; preserve < 2; preserve++) {
        cap_t c = cap_update_data(preserve, seL4_CNode_CapData_new(0x3FF, 4).words[0], cnode);
        assert_int_equal(cap_get_type(c), CAP_CNODE);
        assert_int_equal(cap_cnode_get_guard_size(c), 4);
        assert_int_equal(cap_cnode_get_guard(c), 0xF);
        assert_int_equal(cap_cnode_get_radix(c), 8);
        assert_ptr_equal(cap_get_ptr(c), arena);
    }
    cap_t c = cap_update_data(false, seL4_CNode_CapData_new(5, 56).words[0], cnode);
    assert_int_equal(cap_cnode_get_guard_size(c), 56);
    assert_int_equal(cap_cnode_get_guard(c), 5);
    assert_int_equal(cap_get_type(cap_update_data(false, seL4_CNode_CapData_new(5, 57).words[0],
                                                  cnode)),
                     CAP_NULL);
    c = cap_update_data(false, seL4_CNode_CapData_new(0x3F, 0).words[0],
                        cap_cnode_new(arena, 8, 3, 5));
    assert_int_equal(cap_cnode_get_guard_size(c), 0);
    assert_int_equal(cap_cnode_get_guard(c), 0);
    c = cap_update_data(false, ~0UL, cap_cnode_new(arena, 1, 0, 0));
    assert_int_equal(cap_cnode_get_guard_size(c), 63);
    assert_int_equal(cap_cnode_get_guard(c), ~0UL >> 6);

    /* Other caps ignore the data. */
    cap_t frame = frame_cap(arena, 0, false);
    cap_t same = cap_update_data(false, 9, frame);
    assert_memory_equal(&same, &frame, sizeof(cap_t));
    cap_t ut = cap_untyped_new(arena, 12, false, 0);
    same = cap_update_data(false, 9, ut);
    assert_memory_equal(&same, &ut, sizeof(cap_t));
}

static void test_cap_mask_rights(void **state)
{
    (void)state;
    for (word_t rights = 0; rights < 16; rights++) {
        seL4_CapRights_t r = { { rights } };
        word_t w = seL4_CapRights_get_capAllowWrite(r);
        word_t rd = seL4_CapRights_get_capAllowRead(r);
        word_t g = seL4_CapRights_get_capAllowGrant(r);
        word_t gr = seL4_CapRights_get_capAllowGrantReply(r);

        cap_t ep = cap_mask_rights(rights, cap_endpoint_new(arena, 3));
        assert_int_equal(cap_endpoint_get_can_send(ep), w);
        assert_int_equal(cap_endpoint_get_can_receive(ep), rd);
        assert_int_equal(cap_endpoint_get_can_grant(ep), g);
        assert_int_equal(cap_endpoint_get_can_grant_reply(ep), gr);
        assert_int_equal(cap_endpoint_get_badge(ep), 3);
        /* Masking never adds a right. */
        cap_t send_only = cap_endpoint_set_can_receive(cap_endpoint_new(arena, 0), 0);
        send_only = cap_endpoint_set_can_grant(send_only, 0);
        send_only = cap_endpoint_set_can_grant_reply(send_only, 0);
        cap_t masked = cap_mask_rights(rights, send_only);
        assert_int_equal(cap_endpoint_get_can_send(masked), w);
        assert_int_equal(cap_endpoint_get_can_receive(masked), 0);
        assert_int_equal(cap_endpoint_get_can_grant(masked), 0);
        assert_int_equal(cap_endpoint_get_can_grant_reply(masked), 0);

        cap_t ntfn = cap_mask_rights(rights, cap_notification_new(arena, 0));
        assert_int_equal(cap_notification_get_can_send(ntfn), w);
        assert_int_equal(cap_notification_get_can_receive(ntfn), rd);

        cap_t reply = cap_reply_set_can_grant(cap_new(CAP_REPLY, arena), 1);
        reply = cap_reply_set_master(reply, 1);
        reply = cap_mask_rights(rights, reply);
        assert_int_equal(cap_reply_get_can_grant(reply), g);
        assert_int_equal(cap_reply_get_master(reply), 1);

        /* Frames: read-write, read-only or kernel-only; no write-only. */
        cap_t rw = cap_mask_rights(rights, frame_cap(arena, 0, false));
        assert_int_equal(cap_frame_get_vm_rights(rw), !rd ? 1 : w ? 3 : 2);
        cap_t ro = cap_mask_rights(rights, cap_frame_set_vm_rights(frame_cap(arena, 0, false), 2));
        assert_int_equal(cap_frame_get_vm_rights(ro), rd ? 2 : 1);
        cap_t ko = cap_mask_rights(rights, cap_frame_set_vm_rights(frame_cap(arena, 0, false), 1));
        assert_int_equal(cap_frame_get_vm_rights(ko), 1);

        cap_t cnode = cap_cnode_new(arena, 4, 2, 1);
        cap_t same = cap_mask_rights(rights, cnode);
        assert_memory_equal(&same, &cnode, sizeof(cap_t));
    }
}

static void test_cap_derive(void **state)
{
    (void)state;
    cte_t slot = lone(cap_null(), true, true);
    cap_t out;
    const cap_t never[] = { cap_zombie_new(arena, 3, 8), cap_new(CAP_IRQ_CONTROL, NULL),
                            cap_new(CAP_REPLY, arena) };
    for (size_t i = 0; i < ARRAY_SIZE(never); i++) {
        out = cap_endpoint_new(arena, 0);
        slot.cap = never[i];
        assert_int_equal(cap_derive(&slot, never[i], &out), EXCEPTION_NONE);
        assert_int_equal(cap_get_type(out), CAP_NULL);
    }
    /* Untyped: only without children (checked through the slot's list). */
    slot.cap = cap_untyped_new(arena, 12, false, 64);
    assert_int_equal(cap_derive(&slot, slot.cap, &out), EXCEPTION_NONE);
    assert_memory_equal(&out, &slot.cap, sizeof(cap_t));

    /* Frames: the copy is unmapped. */
    cap_t frame = frame_cap(arena, 1, true);
    frame = cap_frame_set_mapped(frame, 1);
    frame = cap_frame_set_mapped_vaddr(frame, 0x400000);
    frame = cap_frame_set_mapped_asid(frame, 9);
    assert_int_equal(cap_derive(&slot, frame, &out), EXCEPTION_NONE);
    assert_int_equal(cap_frame_get_mapped(out), 0);
    assert_int_equal(cap_frame_get_mapped_vaddr(out), 0);
    assert_int_equal(cap_frame_get_mapped_asid(out), 0);
    assert_int_equal(cap_frame_get_size(out), 1);
    assert_int_equal(cap_frame_get_is_device(out), 1);
    assert_int_equal(cap_frame_get_vm_rights(out), 3);
    assert_ptr_equal(cap_get_ptr(out), arena);

    /* Page tables and VSpaces: only mapped ones. */
    cap_t pt = cap_new(CAP_PAGE_TABLE, arena);
    assert_int_equal(cap_derive(&slot, pt, &out), EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(ks_syscall_error.type, seL4_IllegalOperation);
    pt = cap_page_table_set_mapped(pt, 1);
    assert_int_equal(cap_derive(&slot, pt, &out), EXCEPTION_NONE);
    assert_memory_equal(&out, &pt, sizeof(cap_t));
    cap_t vs = cap_new(CAP_VSPACE, arena);
    assert_int_equal(cap_derive(&slot, vs, &out), EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(ks_syscall_error.type, seL4_IllegalOperation);
    vs = cap_vspace_set_mapped(vs, 1);
    assert_int_equal(cap_derive(&slot, vs, &out), EXCEPTION_NONE);

    /* Everything else is copied as it is. */
    const cap_t plain[] = { cap_endpoint_new(arena, 5), cap_notification_new(arena, 0),
                            cap_cnode_new(arena, 4, 3, 2), cap_new(CAP_THREAD, arena),
                            cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 4),
                            cap_new(CAP_DOMAIN, NULL), cap_new(CAP_ASID_CONTROL, NULL) };
    for (size_t i = 0; i < ARRAY_SIZE(plain); i++) {
        assert_int_equal(cap_derive(&slot, plain[i], &out), EXCEPTION_NONE);
        assert_memory_equal(&out, &plain[i], sizeof(cap_t));
    }
}

static void test_cap_is_revocable(void **state)
{
    (void)state;
    cap_t ep = cap_endpoint_new(arena, 0);
    assert_true(cap_is_revocable(cap_endpoint_new(arena, 4), ep));
    assert_false(cap_is_revocable(ep, ep));
    assert_false(cap_is_revocable(cap_endpoint_new(arena, 4), cap_endpoint_new(arena, 4)));
    cap_t ntfn = cap_notification_new(arena, 0);
    assert_true(cap_is_revocable(cap_notification_new(arena, 1), ntfn));
    assert_false(cap_is_revocable(ntfn, ntfn));
    cap_t handler = cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 4);
    assert_true(cap_is_revocable(handler, cap_new(CAP_IRQ_CONTROL, NULL)));
    assert_false(cap_is_revocable(handler, handler));
    cap_t ut = cap_untyped_new(arena, 12, false, 0);
    assert_true(cap_is_revocable(ut, ut));
    cap_t cnode = cap_cnode_new(arena, 2, 0, 0);
    assert_false(cap_is_revocable(cnode, cnode));
    assert_false(cap_is_revocable(frame_cap(arena, 0, false), frame_cap(arena, 0, false)));
}

static void test_cap_finalise(void **state)
{
    (void)state;
    cap_t cnode = cap_cnode_new(arena, 5, 3, 1);
    cap_t z = cap_finalise(cnode, true);
    assert_int_equal(cap_get_type(z), CAP_ZOMBIE);
    assert_ptr_equal(cap_get_ptr(z), arena);
    assert_int_equal(cap_zombie_get_type(z), 5);
    assert_int_equal(cap_zombie_get_number(z), 32);
    assert_int_equal(cap_get_type(cap_finalise(cnode, false)), CAP_NULL);
    cap_t again = cap_finalise(z, true);
    assert_memory_equal(&again, &z, sizeof(cap_t));

    tcb_t *t = (tcb_t *)arena;
    t->state = THREAD_RUNNING;
    assert_int_equal(cap_get_type(cap_finalise(cap_new(CAP_THREAD, t), false)), CAP_NULL);
    assert_int_equal(stub_calls("thread_suspend", NULL), 0);
    z = cap_finalise(cap_new(CAP_THREAD, t), true);
    assert_int_equal(cap_get_type(z), CAP_ZOMBIE);
    assert_ptr_equal(cap_get_ptr(z), t->slots);
    assert_int_equal(cap_zombie_get_type(z), ZOMBIE_TCB);
    assert_int_equal(cap_zombie_get_number(z), TCB_SLOT_COUNT);
    assert_int_equal(stub_calls("thread_suspend", t), 1);
    assert_int_equal(stub_calls("notification_unbind", t), 1);

    assert_int_equal(cap_get_type(cap_finalise(cap_untyped_new(arena, 12, false, 0), true)),
                     CAP_NULL);
    assert_int_equal(cap_get_type(cap_finalise(frame_cap(arena, 0, false), true)), CAP_NULL);
}

static void test_cap_same_object_and_cancel_rights(void **state)
{
    (void)state;
    cap_t ep = cap_endpoint_new(arena, 0);
    assert_true(cap_same_object_as(ep, cap_endpoint_new(arena, 9)));
    assert_false(cap_same_object_as(cap_untyped_new(arena, 12, false, 0),
                                    cap_untyped_new(arena, 12, false, 0)));
    assert_false(cap_same_object_as(cap_new(CAP_IRQ_CONTROL, NULL),
                                    cap_irq_handler_set_irq(cap_new(CAP_IRQ_HANDLER, NULL), 1)));
    assert_true(cap_same_object_as(frame_cap(arena, 0, false), frame_cap(arena, 0, false)));
    assert_false(cap_same_object_as(frame_cap(arena, 1, false), frame_cap(arena, 0, false)));
    assert_true(cap_same_region_as(frame_cap(arena, 1, false), frame_cap(arena, 0, false)));

    assert_true(cap_has_cancel_send_rights(ep));
    assert_false(cap_has_cancel_send_rights(cap_endpoint_set_can_grant_reply(ep, 0)));
    assert_false(cap_has_cancel_send_rights(cap_endpoint_set_can_send(ep, 0)));
    assert_false(cap_has_cancel_send_rights(cap_notification_new(arena, 0)));
}

static void test_decode_invocation_dead_caps(void **state)
{
    (void)state;
    static tcb_t thread;
    invocation_t inv = { 0 };
    inv.thread = &thread;
    inv.slot = &root[0];
    const cap_t dead[] = { cap_null(), cap_zombie_new(arena, 2, 1) };
    for (size_t i = 0; i < ARRAY_SIZE(dead); i++) {
        inv.cap = dead[i];
        assert_int_equal(decode_invocation(&inv), EXCEPTION_SYSCALL_ERROR);
        assert_int_equal(ks_syscall_error.type, seL4_InvalidCapability);
        assert_int_equal(ks_syscall_error.invalid_cap, 0);
    }
    assert_true(stub_console_contains("invoked a null cap"));
}

#define TEST(t) cmocka_unit_test_setup(t, cap_fixture_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_object_size_bits),
        TEST(test_object_create),
        TEST(test_cap_update_data),
        TEST(test_cap_mask_rights),
        TEST(test_cap_derive),
        TEST(test_cap_is_revocable),
        TEST(test_cap_finalise),
        TEST(test_cap_same_object_and_cancel_rights),
        TEST(test_decode_invocation_dead_caps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
