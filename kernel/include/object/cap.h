/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Capabilities: two words, laid out with explicit shifts and masks.
 *
 *   word 0: [63:59] type   [58:44] type-specific small fields
 *           [43:0]  object pointer >> 4 (sign-extended from bit 43 on the way
 *                   back; kernel-window pointers have bit 47 set)
 *   word 1: type-specific (badge, guard, free index, IRQ, mapping)
 *
 * Every object is at least 16-byte aligned (seL4_MinUntypedBits = 4), so the
 * low four pointer bits are free. The accessors below are the only code that
 * knows these positions.
 */
#pragma once

#include <types.h>

typedef struct cap {
    uint64_t words[2];
} cap_t;

/* seL4's numbers for AArch64 (its generated cap tags: generic types even,
 * architecture types odd), since seL4_DebugCapIdentify hands them to user
 * level and seL4's own debug libraries compare them. */
typedef enum cap_type {
    CAP_NULL = 0,
    CAP_FRAME = 1,
    CAP_UNTYPED = 2,
    CAP_PAGE_TABLE = 3,
    CAP_ENDPOINT = 4,
    CAP_NOTIFICATION = 6,
    CAP_REPLY = 8,
    CAP_VSPACE = 9,
    CAP_CNODE = 10,
    CAP_ASID_CONTROL = 11,
    CAP_THREAD = 12,
    CAP_ASID_POOL = 13,
    CAP_IRQ_CONTROL = 14,
    CAP_IRQ_HANDLER = 16,
    CAP_ZOMBIE = 18,
    CAP_DOMAIN = 20,
    CAP_TYPE_COUNT /* one past the largest; not every number below is a type */
} cap_type_t;

#define CAP_TYPE_SHIFT 59
#define CAP_PTR_BITS 44

static inline uint64_t bits_mask(unsigned width)
{
    return width >= 64 ? ~0UL : ((1UL << width) - 1);
}

static inline uint64_t bits_get(uint64_t word, unsigned shift, unsigned width)
{
    return (word >> shift) & bits_mask(width);
}

static inline uint64_t bits_set(uint64_t word, unsigned shift, unsigned width, uint64_t value)
{
    uint64_t low = bits_mask(width);
    return (word & ~(low << shift)) | ((value & low) << shift);
}

static inline cap_type_t cap_get_type(cap_t cap)
{
    return (cap_type_t)(cap.words[0] >> CAP_TYPE_SHIFT);
}

static inline cap_t cap_new(cap_type_t type, const void *ptr)
{
    uint64_t packed = ((uint64_t)(uintptr_t)ptr >> 4) & ((1UL << CAP_PTR_BITS) - 1);
    cap_t cap = { { ((uint64_t)type << CAP_TYPE_SHIFT) | packed, 0 } };
    return cap;
}

static inline cap_t cap_null(void)
{
    cap_t cap = { { 0, 0 } };
    return cap;
}

/* The object a cap refers to (types that have one). */
static inline void *cap_get_ptr(cap_t cap)
{
    int64_t packed = (int64_t)(cap.words[0] << (64 - CAP_PTR_BITS));
    return (void *)(uintptr_t)((uint64_t)(packed >> (64 - CAP_PTR_BITS)) << 4);
}

/* Defines cap_<type>_get_<field>(cap) and cap_<type>_set_<field>(cap, v). */
#define CAP_FIELD(type, field, word, shift, width)                              \
    static inline uint64_t cap_##type##_get_##field(cap_t cap)                  \
    {                                                                           \
        return bits_get(cap.words[word], shift, width);                         \
    }                                                                           \
    static inline cap_t cap_##type##_set_##field(cap_t cap, uint64_t value)     \
    {                                                                           \
        cap.words[word] = bits_set(cap.words[word], shift, width, value);       \
        return cap;                                                             \
    }

CAP_FIELD(untyped, size_bits, 0, 44, 6)
CAP_FIELD(untyped, is_device, 0, 50, 1)
CAP_FIELD(untyped, free_index, 1, 0, 48) /* bytes used from the start */

CAP_FIELD(endpoint, can_send, 0, 44, 1)
CAP_FIELD(endpoint, can_receive, 0, 45, 1)
CAP_FIELD(endpoint, can_grant, 0, 46, 1)
CAP_FIELD(endpoint, can_grant_reply, 0, 47, 1)
CAP_FIELD(endpoint, badge, 1, 0, 64)

CAP_FIELD(notification, can_send, 0, 44, 1)
CAP_FIELD(notification, can_receive, 0, 45, 1)
CAP_FIELD(notification, badge, 1, 0, 64)

CAP_FIELD(reply, master, 0, 44, 1)
CAP_FIELD(reply, can_grant, 0, 45, 1)

CAP_FIELD(cnode, radix, 0, 44, 6)
CAP_FIELD(cnode, guard_size, 0, 50, 7)
CAP_FIELD(cnode, guard, 1, 0, 64)

CAP_FIELD(irq_handler, irq, 1, 0, 16)

/* A zombie is an object being destroyed slot by slot: it points at the first
 * slot of the object (a CNode or a TCB's slots) and counts those left. */
CAP_FIELD(zombie, type, 0, 44, 7) /* CNode radix, or ZOMBIE_TCB */
CAP_FIELD(zombie, number, 1, 0, 64)
#define ZOMBIE_TCB 64

CAP_FIELD(asid_pool, asid_base, 1, 0, 16)

CAP_FIELD(frame, size, 0, 44, 2) /* 0: 4 KiB, 1: 2 MiB, 2: 1 GiB */
CAP_FIELD(frame, vm_rights, 0, 46, 2)
CAP_FIELD(frame, is_device, 0, 48, 1)
CAP_FIELD(frame, mapped, 0, 49, 1)
CAP_FIELD(frame, mapped_vaddr, 1, 0, 48)
CAP_FIELD(frame, mapped_asid, 1, 48, 16)

CAP_FIELD(page_table, mapped, 0, 44, 1)
CAP_FIELD(page_table, mapped_vaddr, 1, 0, 48)
CAP_FIELD(page_table, mapped_asid, 1, 48, 16)

CAP_FIELD(vspace, mapped, 0, 44, 1)
CAP_FIELD(vspace, mapped_asid, 1, 48, 16)

/* Constructors for the types boot and retype create. */
static inline cap_t cap_untyped_new(const void *ptr, unsigned size_bits, bool device,
                                    uint64_t free_index)
{
    cap_t cap = cap_new(CAP_UNTYPED, ptr);
    cap = cap_untyped_set_size_bits(cap, size_bits);
    cap = cap_untyped_set_is_device(cap, device);
    return cap_untyped_set_free_index(cap, free_index);
}

static inline cap_t cap_cnode_new(const void *ptr, unsigned radix, unsigned guard_size,
                                  uint64_t guard)
{
    cap_t cap = cap_new(CAP_CNODE, ptr);
    cap = cap_cnode_set_radix(cap, radix);
    cap = cap_cnode_set_guard_size(cap, guard_size);
    return cap_cnode_set_guard(cap, guard);
}

static inline cap_t cap_endpoint_new(const void *ptr, uint64_t badge)
{
    cap_t cap = cap_new(CAP_ENDPOINT, ptr);
    cap = cap_endpoint_set_can_send(cap, 1);
    cap = cap_endpoint_set_can_receive(cap, 1);
    cap = cap_endpoint_set_can_grant(cap, 1);
    cap = cap_endpoint_set_can_grant_reply(cap, 1);
    return cap_endpoint_set_badge(cap, badge);
}

static inline cap_t cap_notification_new(const void *ptr, uint64_t badge)
{
    cap_t cap = cap_new(CAP_NOTIFICATION, ptr);
    cap = cap_notification_set_can_send(cap, 1);
    cap = cap_notification_set_can_receive(cap, 1);
    return cap_notification_set_badge(cap, badge);
}

static inline cap_t cap_zombie_new(const void *first_slot, unsigned type, uint64_t number)
{
    cap_t cap = cap_new(CAP_ZOMBIE, first_slot);
    cap = cap_zombie_set_type(cap, type);
    return cap_zombie_set_number(cap, number);
}
