// SPDX-License-Identifier: BSD-2-Clause
/* The fuzzer's object pool (pool.h). */
#include "pool.h"

#include "../system/lib/caps.h"

/* What the setup retypes, in slot order; the rest of the slots stay empty
 * for the objects the fuzzing thread makes and moves. */
typedef struct pool_object {
    seL4_Word type;
    seL4_Word size_bits;
    unsigned count;
} pool_object_t;

static const pool_object_t pool_objects[] = {
    { seL4_ARM_LargePageObject, 0, 1 }, /* first: 2 MiB-aligned at the untyped's start */
    { seL4_CapTableObject, 2, 1 },   /* CNodes of 4 ... 256 slots */
    { seL4_CapTableObject, 4, 1 },
    { seL4_CapTableObject, 6, 1 },
    { seL4_CapTableObject, 8, 1 },
    { seL4_TCBObject, 0, 4 },
    { seL4_EndpointObject, 0, 4 },
    { seL4_NotificationObject, 0, 4 },
    { seL4_ARM_SmallPageObject, 0, 8 },
    { seL4_ARM_PageTableObject, 0, 4 },
    { seL4_ARM_VSpaceObject, 0, 2 },
    { seL4_UntypedObject, 12, 1 },
    { seL4_UntypedObject, 16, 1 },
};

/* IRQs the pool tries for its handler, in order: the first one the kernel
 * hands out is used (the kernel's own and out-of-range ones are refused). */
static const seL4_Word pool_irqs[] = { 40, 41, 100, 150 };

#define POOL_PRIO 1 /* the pool's threads run only when the fuzzer waits */

seL4_CPtr pool_object_slot(const fuzz_pool_t *p, seL4_Word type, seL4_Word size_bits,
                           unsigned k)
{
    seL4_CPtr slot = p->first;
    for (unsigned i = 0; i < sizeof(pool_objects) / sizeof(pool_objects[0]); i++) {
        const pool_object_t *o = &pool_objects[i];
        if (o->type == type && o->size_bits == size_bits && k < o->count) {
            return slot + k;
        }
        slot += o->count;
    }
    return seL4_CapNull;
}

bool pool_init(fuzz_pool_t *p, unsigned min_bits)
{
    p->untyped = test_untyped(min_bits, &p->untyped_bits);
    p->scratch = test_slot();
    p->first = test_slot();
    for (unsigned i = 1; i < POOL_SLOTS; i++) {
        if (test_slot() != p->first + i) {
            return false;
        }
    }
    return p->untyped != 0 && p->scratch != 0 && p->first != 0;
}

static bool step(seL4_Error err, const char *what, const char **failed, seL4_Error *error)
{
    if (err != seL4_NoError) {
        *failed = what;
        *error = err;
        return false;
    }
    return true;
}

bool pool_setup(fuzz_pool_t *p, const char **failed, seL4_Error *error)
{
    seL4_CPtr slot = p->first;
    unsigned tcbs = 0;
    for (unsigned i = 0; i < sizeof(pool_objects) / sizeof(pool_objects[0]); i++) {
        const pool_object_t *o = &pool_objects[i];
        seL4_Error err = seL4_Untyped_Retype(p->untyped, o->type, o->size_bits,
                                             seL4_CapInitThreadCNode, 0, 0, slot, o->count);
        if (!step(err, "retype of the pool objects", failed, error)) {
            return false;
        }
        for (unsigned k = 0; k < o->count; k++, slot++) {
            if (o->type == seL4_ARM_VSpaceObject) {
                err = seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, slot);
                if (!step(err, "ASID assign", failed, error)) {
                    return false;
                }
            } else if (o->type == seL4_TCBObject) {
                p->tcbs[tcbs++] = slot;
                err = seL4_TCB_SetPriority(slot, seL4_CapInitThreadTCB, POOL_PRIO);
                if (!step(err, "thread priority", failed, error)) {
                    return false;
                }
            }
        }
    }
    for (unsigned i = 0; i < sizeof(pool_irqs) / sizeof(pool_irqs[0]); i++) {
        if (seL4_IRQControl_Get(seL4_CapIRQControl, pool_irqs[i], seL4_CapInitThreadCNode, slot,
                                seL4_WordBits) == seL4_NoError) {
            slot++;
            break;
        }
    }
    p->filled = (unsigned)(slot - p->first);
    return true;
}

bool pool_teardown(fuzz_pool_t *p, const char **failed, seL4_Error *error)
{
    if (!step(seL4_CNode_Revoke(seL4_CapInitThreadCNode, p->untyped, seL4_WordBits), "revoke",
              failed, error)) {
        return false;
    }
    for (unsigned i = 0; i < POOL_SLOTS; i++) {
        seL4_Error err = seL4_CNode_Delete(seL4_CapInitThreadCNode, p->first + i, seL4_WordBits);
        if (!step(err, "delete", failed, error)) {
            return false;
        }
    }
    return true;
}

bool pool_reclaimed(fuzz_pool_t *p, seL4_Error *error)
{
    *error = seL4_Untyped_Retype(p->untyped, seL4_UntypedObject, p->untyped_bits,
                                 seL4_CapInitThreadCNode, 0, 0, p->scratch, 1);
    if (*error != seL4_NoError) {
        return false;
    }
    *error = seL4_CNode_Delete(seL4_CapInitThreadCNode, p->scratch, seL4_WordBits);
    return *error == seL4_NoError;
}
