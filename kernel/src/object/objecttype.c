// SPDX-License-Identifier: BSD-2-Clause
/*
 * The capability-type switch: object sizes and creation, the region and
 * object relations of the derivation tree, derivation, Mint/Mutate data,
 * rights masks and finalisation. Rules follow the seL4 reference manual
 * ("Capability Derivation", "Object Deletion and Revocation").
 */
#include <object/objecttype.h>

#include <arch.h>
#include <arch/aarch64/vspace.h>

#include <object/invocation.h>

#include <kernel/thread.h>
#include <object/cdt.h>
#include <object/endpoint.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>

_Static_assert(seL4_ASIDPoolBits == seL4_VSpaceBits, "ASID pools are sized as VSpaces");

enum frame_size { FRAME_4K = 0, FRAME_2M = 1, FRAME_1G = 2 };
/* Frame access rights, as seL4 encodes them for Arm. */
enum vm_rights { VM_KERNEL_ONLY = 1, VM_READ_ONLY = 2, VM_READ_WRITE = 3 };

word_t object_size_bits(word_t type, word_t user_size)
{
    static const uint8_t fixed_bits[seL4_ObjectTypeCount] = {
        [seL4_TCBObject] = seL4_TCBBits,
        [seL4_EndpointObject] = seL4_EndpointBits,
        [seL4_NotificationObject] = seL4_NotificationBits,
        [seL4_ARM_HugePageObject] = seL4_HugePageBits,
        [seL4_ARM_VSpaceObject] = seL4_VSpaceBits,
        [seL4_ARM_SmallPageObject] = seL4_PageBits,
        [seL4_ARM_LargePageObject] = seL4_LargePageBits,
        [seL4_ARM_PageTableObject] = seL4_PageTableBits,
    };
    if (type == seL4_UntypedObject) {
        return user_size;
    }
    if (type == seL4_CapTableObject) {
        return seL4_SlotBits + user_size;
    }
    return type < seL4_ObjectTypeCount ? fixed_bits[type] : 0;
}

static cap_t frame_cap_new(void *region, enum frame_size size, bool device)
{
    cap_t cap = cap_new(CAP_FRAME, region);
    cap = cap_frame_set_size(cap, size);
    cap = cap_frame_set_vm_rights(cap, VM_READ_WRITE);
    return cap_frame_set_is_device(cap, device);
}

cap_t object_create(word_t type, void *region, word_t user_size, bool device)
{
    switch (type) {
    case seL4_UntypedObject:
        return cap_untyped_new(region, (unsigned)user_size, device, 0);
    case seL4_TCBObject: {
        tcb_t *tcb = region;
        memcpy(tcb->name, "thread", sizeof("thread"));
        tcb->time_slice = SCHED_TIME_SLICE_TICKS;
        tcb->domain = (uint8_t)sched_current_domain();
        return cap_new(CAP_THREAD, region);
    }
    case seL4_EndpointObject:
        return cap_endpoint_new(region, 0);
    case seL4_NotificationObject:
        return cap_notification_new(region, 0);
    case seL4_CapTableObject:
        return cap_cnode_new(region, (unsigned)user_size, 0, 0);
    case seL4_ARM_SmallPageObject:
        return frame_cap_new(region, FRAME_4K, device);
    case seL4_ARM_LargePageObject:
        return frame_cap_new(region, FRAME_2M, device);
    case seL4_ARM_HugePageObject:
        return frame_cap_new(region, FRAME_1G, device);
    case seL4_ARM_PageTableObject:
        return cap_new(CAP_PAGE_TABLE, region);
    case seL4_ARM_VSpaceObject:
        return cap_new(CAP_VSPACE, region);
    default:
        return cap_null();
    }
}

/* The object type (for object_size_bits) behind a cap that names memory. */
static bool cap_object_type(cap_t cap, word_t *type, word_t *user_size)
{
    static const uint8_t frame_types[] = { seL4_ARM_SmallPageObject, seL4_ARM_LargePageObject,
                                           seL4_ARM_HugePageObject };
    *user_size = 0;
    switch (cap_get_type(cap)) {
    case CAP_UNTYPED:
        *type = seL4_UntypedObject;
        *user_size = cap_untyped_get_size_bits(cap);
        return true;
    case CAP_CNODE:
        *type = seL4_CapTableObject;
        *user_size = cap_cnode_get_radix(cap);
        return true;
    case CAP_ENDPOINT: *type = seL4_EndpointObject; return true;
    case CAP_NOTIFICATION: *type = seL4_NotificationObject; return true;
    case CAP_THREAD: *type = seL4_TCBObject; return true;
    case CAP_FRAME: *type = frame_types[cap_frame_get_size(cap) % 3]; return true;
    case CAP_PAGE_TABLE: *type = seL4_ARM_PageTableObject; return true;
    case CAP_VSPACE:
    case CAP_ASID_POOL: /* an ASID pool is also one 4 KiB page */
        *type = seL4_ARM_VSpaceObject;
        return true;
    case CAP_ZOMBIE: /* an object being destroyed still occupies its memory */
        if (cap_zombie_get_type(cap) == ZOMBIE_TCB) {
            *type = seL4_TCBObject;
        } else {
            *type = seL4_CapTableObject;
            *user_size = cap_zombie_get_type(cap);
        }
        return true;
    default: return false;
    }
}

bool cap_region(cap_t cap, uintptr_t *base, unsigned *size_bits)
{
    word_t type;
    word_t user_size;
    *base = (uintptr_t)cap_get_ptr(cap);
    *size_bits = 0;
    if (!cap_object_type(cap, &type, &user_size)) {
        return false;
    }
    if (cap_get_type(cap) == CAP_ZOMBIE && type == seL4_TCBObject) {
        *base -= __builtin_offsetof(tcb_t, slots); /* a TCB zombie points at its slots */
    }
    *size_bits = (unsigned)object_size_bits(type, user_size);
    return true;
}

static bool region_contains(cap_t a, cap_t b)
{
    uintptr_t a_base;
    uintptr_t b_base;
    unsigned a_bits;
    unsigned b_bits;
    if (!cap_region(b, &b_base, &b_bits) || !cap_region(a, &a_base, &a_bits)) {
        return false;
    }
    uintptr_t a_last = a_base + (((uintptr_t)1 << a_bits) - 1);
    uintptr_t b_last = b_base + (((uintptr_t)1 << b_bits) - 1);
    return a_base <= b_base && b_last <= a_last && b_base <= b_last;
}

bool cap_same_region_as(cap_t a, cap_t b)
{
    cap_type_t tb = cap_get_type(b);
    switch (cap_get_type(a)) {
    case CAP_UNTYPED:
        return region_contains(a, b);
    case CAP_ENDPOINT:
    case CAP_NOTIFICATION:
    case CAP_THREAD:
    case CAP_PAGE_TABLE:
    case CAP_VSPACE:
    case CAP_ASID_POOL:
        return tb == cap_get_type(a) && cap_get_ptr(a) == cap_get_ptr(b);
    case CAP_CNODE:
        return tb == CAP_CNODE && cap_get_ptr(a) == cap_get_ptr(b) &&
               cap_cnode_get_radix(a) == cap_cnode_get_radix(b);
    case CAP_REPLY:
        return tb == CAP_REPLY && cap_get_ptr(a) == cap_get_ptr(b);
    case CAP_FRAME:
        return tb == CAP_FRAME && region_contains(a, b);
    case CAP_DOMAIN:
    case CAP_ASID_CONTROL:
        return tb == cap_get_type(a);
    case CAP_IRQ_CONTROL:
        return tb == CAP_IRQ_CONTROL || tb == CAP_IRQ_HANDLER;
    case CAP_IRQ_HANDLER:
        return tb == CAP_IRQ_HANDLER && cap_irq_handler_get_irq(a) == cap_irq_handler_get_irq(b);
    default:
        return false;
    }
}

bool cap_same_object_as(cap_t a, cap_t b)
{
    if (cap_get_type(a) == CAP_UNTYPED) {
        return false; /* untyped caps are each final: they never share */
    }
    if (cap_get_type(a) == CAP_IRQ_CONTROL && cap_get_type(b) == CAP_IRQ_HANDLER) {
        return false;
    }
    if (cap_get_type(a) == CAP_FRAME && cap_get_type(b) == CAP_FRAME) {
        return cap_get_ptr(a) == cap_get_ptr(b) && cap_frame_get_size(a) == cap_frame_get_size(b) &&
               cap_frame_get_is_device(a) == cap_frame_get_is_device(b);
    }
    return cap_same_region_as(a, b);
}

bool cap_is_revocable(cap_t derived, cap_t src)
{
    switch (cap_get_type(derived)) {
    case CAP_ENDPOINT:
        return cap_endpoint_get_badge(derived) != cap_endpoint_get_badge(src);
    case CAP_NOTIFICATION:
        return cap_notification_get_badge(derived) != cap_notification_get_badge(src);
    case CAP_IRQ_HANDLER:
        return cap_get_type(src) == CAP_IRQ_CONTROL;
    case CAP_UNTYPED:
        return true;
    default:
        return false;
    }
}

exception_t cap_derive(const cte_t *slot, cap_t cap, cap_t *out)
{
    switch (cap_get_type(cap)) {
    case CAP_ZOMBIE:
    case CAP_IRQ_CONTROL:
    case CAP_REPLY:
        *out = cap_null(); /* these are never copied */
        return EXCEPTION_NONE;
    case CAP_UNTYPED: {
        if (cdt_has_children(slot)) {
            user_error("cannot copy an untyped cap that has children: revoke it first");
            return syscall_error(seL4_RevokeFirst);
        }
        *out = cap;
        return EXCEPTION_NONE;
    }
    case CAP_FRAME:
        /* A copy of a frame cap starts unmapped. */
        cap = cap_frame_set_mapped(cap, 0);
        cap = cap_frame_set_mapped_vaddr(cap, 0);
        *out = cap_frame_set_mapped_asid(cap, 0);
        return EXCEPTION_NONE;
    case CAP_PAGE_TABLE:
    case CAP_VSPACE:
        /* Only a mapped table may be copied (seL4): a copy could otherwise be
         * mapped twice. */
        if ((cap_get_type(cap) == CAP_PAGE_TABLE ? cap_page_table_get_mapped(cap)
                                                 : cap_vspace_get_mapped(cap)) == 0) {
            user_error("cannot copy an unmapped page table or VSpace cap");
            return syscall_error(seL4_IllegalOperation);
        }
        *out = cap;
        return EXCEPTION_NONE;
    default:
        *out = cap;
        return EXCEPTION_NONE;
    }
}

cap_t cap_update_data(bool preserve, word_t data, cap_t cap)
{
    switch (cap_get_type(cap)) {
    case CAP_ENDPOINT:
        if (!preserve && cap_endpoint_get_badge(cap) == 0) {
            return cap_endpoint_set_badge(cap, data);
        }
        return cap_null(); /* a badge can be set once, and only by Mint */
    case CAP_NOTIFICATION:
        if (!preserve && cap_notification_get_badge(cap) == 0) {
            return cap_notification_set_badge(cap, data);
        }
        return cap_null();
    case CAP_CNODE: {
        seL4_CNode_CapData_t cap_data = { { data } };
        word_t guard_size = seL4_CNode_CapData_get_guardSize(cap_data);
        if (guard_size + cap_cnode_get_radix(cap) > seL4_WordBits) {
            return cap_null();
        }
        word_t guard = seL4_CNode_CapData_get_guard(cap_data);
        guard = guard_size >= seL4_WordBits ? guard : guard & ((1UL << guard_size) - 1);
        cap = cap_cnode_set_guard_size(cap, guard_size);
        return cap_cnode_set_guard(cap, guard);
    }
    default:
        return cap;
    }
}

cap_t cap_mask_rights(word_t rights_word, cap_t cap)
{
    seL4_CapRights_t rights = { { rights_word } };
    word_t write = seL4_CapRights_get_capAllowWrite(rights);
    word_t read = seL4_CapRights_get_capAllowRead(rights);
    switch (cap_get_type(cap)) {
    case CAP_ENDPOINT:
        cap = cap_endpoint_set_can_send(cap, cap_endpoint_get_can_send(cap) & write);
        cap = cap_endpoint_set_can_receive(cap, cap_endpoint_get_can_receive(cap) & read);
        cap = cap_endpoint_set_can_grant(cap, cap_endpoint_get_can_grant(cap) &
                                                  seL4_CapRights_get_capAllowGrant(rights));
        return cap_endpoint_set_can_grant_reply(
            cap, cap_endpoint_get_can_grant_reply(cap) & seL4_CapRights_get_capAllowGrantReply(rights));
    case CAP_NOTIFICATION:
        cap = cap_notification_set_can_send(cap, cap_notification_get_can_send(cap) & write);
        return cap_notification_set_can_receive(cap, cap_notification_get_can_receive(cap) & read);
    case CAP_REPLY:
        return cap_reply_set_can_grant(cap, cap_reply_get_can_grant(cap) &
                                                seL4_CapRights_get_capAllowGrant(rights));
    case CAP_FRAME: {
        word_t vm = cap_frame_get_vm_rights(cap);
        if (read && (vm == VM_READ_ONLY || vm == VM_READ_WRITE)) {
            vm = (vm == VM_READ_WRITE && write) ? VM_READ_WRITE : VM_READ_ONLY;
        } else {
            vm = VM_KERNEL_ONLY; /* no write-only mappings */
        }
        return cap_frame_set_vm_rights(cap, vm);
    }
    default:
        return cap;
    }
}

bool cap_has_cancel_send_rights(cap_t cap)
{
    return cap_get_type(cap) == CAP_ENDPOINT && cap_endpoint_get_can_send(cap) &&
           cap_endpoint_get_can_receive(cap) && cap_endpoint_get_can_grant(cap) &&
           cap_endpoint_get_can_grant_reply(cap);
}

cap_t cap_finalise(cap_t cap, bool final)
{
    switch (cap_get_type(cap)) {
    case CAP_CNODE:
        if (final) {
            return cap_zombie_new(cap_get_ptr(cap), (unsigned)cap_cnode_get_radix(cap),
                                  1UL << cap_cnode_get_radix(cap));
        }
        return cap_null();
    case CAP_THREAD:
        if (final) {
            tcb_t *tcb = cap_get_ptr(cap);
            /* A thread whose last cap goes stops for good. */
            thread_suspend(tcb);
            notification_unbind(tcb);
            arch_fpu_forget(tcb);
            return cap_zombie_new(tcb->slots, ZOMBIE_TCB, TCB_SLOT_COUNT);
        }
        return cap_null();
    case CAP_ENDPOINT:
        if (final && endpoint_cancel_all(cap_get_ptr(cap)) == EXCEPTION_PREEMPTED) {
            return cap; /* not finished: the same cap, see objecttype.h */
        }
        return cap_null();
    case CAP_NOTIFICATION:
        if (final && notification_cancel_all(cap_get_ptr(cap)) == EXCEPTION_PREEMPTED) {
            return cap;
        }
        return cap_null();
    case CAP_FRAME:
        vspace_unmap_frame(cap); /* each frame cap holds its own mapping */
        return cap_null();
    case CAP_PAGE_TABLE:
        if (final) {
            vspace_unmap_page_table(cap);
        }
        return cap_null();
    case CAP_VSPACE:
        vspace_epoch_bump(); /* it may be a TCB's VTable going */
        if (final && cap_vspace_get_mapped(cap)) {
            vspace_delete_asid(cap_vspace_get_mapped_asid(cap), cap_get_ptr(cap));
        }
        return cap_null();
    case CAP_ASID_POOL:
        if (final) {
            vspace_delete_asid_pool(cap_asid_pool_get_asid_base(cap), cap_get_ptr(cap));
        }
        return cap_null();
    case CAP_IRQ_HANDLER:
        if (final) {
            irq_handler_deleted(cap_irq_handler_get_irq(cap));
        }
        return cap_null();
    case CAP_ZOMBIE:
        return cap; /* still being destroyed */
    default:
        /* Other objects hold no state that outlives their caps. */
        return cap_null();
    }
}

exception_t decode_invocation(invocation_t *inv)
{
    switch (cap_get_type(inv->cap)) {
    case CAP_NULL:
    case CAP_ZOMBIE:
        user_error("invoked a null cap");
        return syscall_error_argument(seL4_InvalidCapability, 0);
    case CAP_UNTYPED:
        return untyped_decode_invocation(inv);
    case CAP_CNODE:
        return cnode_decode_invocation(inv);
    case CAP_THREAD:
        return tcb_decode_invocation(inv);
    case CAP_DOMAIN:
        return domain_decode_invocation(inv);
    case CAP_ENDPOINT:
        if (!cap_endpoint_get_can_send(inv->cap)) {
            user_error("endpoint cap without the send right");
            return syscall_error_argument(seL4_InvalidCapability, 0);
        }
        endpoint_send(cap_get_ptr(inv->cap), inv->thread, cap_endpoint_get_badge(inv->cap),
                      cap_endpoint_get_can_grant(inv->cap),
                      cap_endpoint_get_can_grant_reply(inv->cap), inv->blocking, inv->is_call);
        return EXCEPTION_NONE;
    case CAP_REPLY:
        if (cap_reply_get_master(inv->cap)) {
            return syscall_error_argument(seL4_InvalidCapability, 0);
        }
        reply_through(inv->thread, inv->slot, true);
        return EXCEPTION_NONE;
    case CAP_NOTIFICATION:
        if (!cap_notification_get_can_send(inv->cap)) {
            user_error("notification cap without the send right");
            return syscall_error_argument(seL4_InvalidCapability, 0);
        }
        notification_signal(cap_get_ptr(inv->cap), cap_notification_get_badge(inv->cap));
        return EXCEPTION_NONE;
    case CAP_FRAME:
        return frame_decode_invocation(inv);
    case CAP_PAGE_TABLE:
        return page_table_decode_invocation(inv);
    case CAP_VSPACE:
        return vspace_decode_invocation(inv);
    case CAP_ASID_CONTROL:
        return asid_control_decode_invocation(inv);
    case CAP_ASID_POOL:
        return asid_pool_decode_invocation(inv);
    case CAP_IRQ_CONTROL:
        return irq_control_decode_invocation(inv);
    case CAP_IRQ_HANDLER:
        return irq_handler_decode_invocation(inv);
    default:
        user_error("this object type has no methods (label %lu)", inv->label);
        return syscall_error(seL4_IllegalOperation);
    }
}
