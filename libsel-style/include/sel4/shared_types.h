/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Capability rights and CNode cap data, laid out with explicit shifts:
 *   rights word: bit 3 grant-reply, bit 2 grant, bit 1 read, bit 0 write;
 *   CNode cap data: guard in bits [63:6], guard size in bits [5:0].
 */
#pragma once

#include <sel4/basic_types.h>

typedef struct seL4_CapRights {
    seL4_Word words[1];
} seL4_CapRights_t;

#define SEL4_RIGHT_WRITE 0
#define SEL4_RIGHT_READ 1
#define SEL4_RIGHT_GRANT 2
#define SEL4_RIGHT_GRANT_REPLY 3

static inline seL4_CapRights_t seL4_CapRights_new(seL4_Word capAllowGrantReply,
                                                  seL4_Word capAllowGrant,
                                                  seL4_Word capAllowRead,
                                                  seL4_Word capAllowWrite)
{
    seL4_CapRights_t r = { { ((capAllowGrantReply & 1) << SEL4_RIGHT_GRANT_REPLY) |
                             ((capAllowGrant & 1) << SEL4_RIGHT_GRANT) |
                             ((capAllowRead & 1) << SEL4_RIGHT_READ) |
                             ((capAllowWrite & 1) << SEL4_RIGHT_WRITE) } };
    return r;
}

static inline seL4_Word seL4_CapRights_get_capAllowGrantReply(seL4_CapRights_t r)
{
    return (r.words[0] >> SEL4_RIGHT_GRANT_REPLY) & 1;
}

static inline seL4_Word seL4_CapRights_get_capAllowGrant(seL4_CapRights_t r)
{
    return (r.words[0] >> SEL4_RIGHT_GRANT) & 1;
}

static inline seL4_Word seL4_CapRights_get_capAllowRead(seL4_CapRights_t r)
{
    return (r.words[0] >> SEL4_RIGHT_READ) & 1;
}

static inline seL4_Word seL4_CapRights_get_capAllowWrite(seL4_CapRights_t r)
{
    return (r.words[0] >> SEL4_RIGHT_WRITE) & 1;
}

#define seL4_AllRights seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)
#define seL4_NoWrite seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead seL4_CapRights_new(1, 1, 0, 1)
#define seL4_NoRights seL4_CapRights_new(0, 0, 0, 0)
#define seL4_ReadWrite seL4_CapRights_new(0, 0, 1, 1)

typedef struct seL4_CNode_CapData {
    seL4_Word words[1];
} seL4_CNode_CapData_t;

#define SEL4_CNODE_GUARD_SIZE_BITS 6

static inline seL4_CNode_CapData_t seL4_CNode_CapData_new(seL4_Word guard, seL4_Word guardSize)
{
    seL4_CNode_CapData_t d = { { (guard << SEL4_CNODE_GUARD_SIZE_BITS) |
                                 (guardSize & ((1UL << SEL4_CNODE_GUARD_SIZE_BITS) - 1)) } };
    return d;
}

static inline seL4_Word seL4_CNode_CapData_get_guard(seL4_CNode_CapData_t d)
{
    return d.words[0] >> SEL4_CNODE_GUARD_SIZE_BITS;
}

static inline seL4_Word seL4_CNode_CapData_get_guardSize(seL4_CNode_CapData_t d)
{
    return d.words[0] & ((1UL << SEL4_CNODE_GUARD_SIZE_BITS) - 1);
}
