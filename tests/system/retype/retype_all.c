// SPDX-License-Identifier: BSD-2-Clause
/*
 * RETYPE0201-0205: all of memory. Every RAM untyped from boot is filled to
 * the last byte with child untypeds (several calls each, so the watermark
 * carries over between calls), revoked, and filled again: the same objects
 * fit, so revoke gave all the memory back, and a revoke leaves no child or
 * grandchild behind. Device untypeds go through the same cycle. The first
 * retype of each RAM untyped clears it (its watermark starts at the top),
 * and so does the first retype after each revoke: about 2 GiB of clearing.
 */
#include "helpers.h"

#define CHILDREN_MAX 64 /* children per untyped */
#define PER_CALL 16     /* objects per retype call */

typedef struct filled {
    seL4_CPtr untyped;
    unsigned bits;
    unsigned child_bits;
    seL4_Word count;      /* children that fill it exactly */
    seL4_CPtr first;      /* their slots: first .. first + count - 1 */
    seL4_CPtr grandchild; /* an endpoint made from the first child, or 0 */
} filled_t;

static filled_t ram[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static filled_t dev[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static unsigned ram_count;
static unsigned dev_count;

static void plan(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        filled_t *f = d->isDevice ? &dev[dev_count++] : &ram[ram_count++];
        f->untyped = bi->untyped.start + i;
        f->bits = d->sizeBits;
        f->child_bits = d->sizeBits >= seL4_MinUntypedBits + 6 ? d->sizeBits - 6
                                                               : seL4_MinUntypedBits;
        f->count = BIT(f->bits - f->child_bits);
        f->first = fresh_slots(f->count);
        f->grandchild = 0;
    }
}

/* Fills f's untyped with its children; true if they all fit and then
 * nothing more did. */
static bool fill(const filled_t *f)
{
    for (seL4_Word done = 0; done < f->count; done += PER_CALL) {
        seL4_Word n = f->count - done < PER_CALL ? f->count - done : PER_CALL;
        seL4_Error err = retype(f->untyped, seL4_UntypedObject, f->child_bits, f->first + done, n);
        if (err != seL4_NoError) {
            printf("    untyped %lu (2^%u): children %lu..%lu: error %d, MR0 %lu\n", f->untyped,
                   f->bits, done, done + n - 1, (int)err, seL4_GetMR(0));
            return false;
        }
    }
    seL4_Error err = retype(f->untyped, seL4_EndpointObject, 0, test_slot(), 1);
    if (err != seL4_NotEnoughMemory || seL4_GetMR(0) != 0) {
        printf("    untyped %lu (2^%u) full, yet: error %d, MR0 %lu\n", f->untyped, f->bits,
               (int)err, seL4_GetMR(0));
        return false;
    }
    return slots_have_type(f->first, f->count, CAP_UNTYPED);
}

/* Revokes f's untyped; true if every child slot is null and all of it is
 * free again. */
static bool revoke(const filled_t *f)
{
    seL4_Error err = seL4_CNode_Revoke(ROOT_CNODE, f->untyped, seL4_WordBits);
    if (err != seL4_NoError) {
        printf("    revoke of untyped %lu: error %d\n", f->untyped, (int)err);
        return false;
    }
    if (f->grandchild != 0 && seL4_DebugCapIdentify(f->grandchild) != CAP_NULL) {
        printf("    revoke of untyped %lu left grandchild %lu\n", f->untyped, f->grandchild);
        return false;
    }
    return slots_have_type(f->first, f->count, CAP_NULL) && untyped_free(f->untyped) == BIT(f->bits);
}

static void fill_all_ram(void)
{
    plan();
    uint64_t bytes = 0;
    for (unsigned i = 0; i < ram_count; i++) {
        TEST_CHECK(untyped_free(ram[i].untyped) == BIT(ram[i].bits));
        TEST_CHECK(fill(&ram[i]));
        bytes += BIT(ram[i].bits);
    }
    printf("    %u RAM untypeds, 0x%lx bytes, all retyped\n", ram_count, bytes);
}

static void revoke_all_ram(void)
{
    for (unsigned i = 0; i < ram_count; i++) {
        TEST_CHECK(revoke(&ram[i]));
    }
}

static void refill_all_ram(void)
{
    for (unsigned i = 0; i < ram_count; i++) {
        TEST_CHECK(fill(&ram[i]));
    }
}

/* Revoke reaches the children's children too. */
static void revoke_grandchildren(void)
{
    for (unsigned i = 0; i < ram_count; i++) {
        ram[i].grandchild = test_slot();
        CHECK_OK(retype(ram[i].first, seL4_EndpointObject, 0, ram[i].grandchild, 1));
        TEST_CHECK(seL4_DebugCapIdentify(ram[i].grandchild) == CAP_ENDPOINT);
    }
    revoke_all_ram();
}

static void device_cycle(void)
{
    TEST_CHECK(dev_count >= 1);
    for (unsigned i = 0; i < dev_count; i++) {
        TEST_CHECK(fill(&dev[i]));
        TEST_CHECK(revoke(&dev[i]));
        TEST_CHECK(fill(&dev[i]));
        TEST_CHECK(revoke(&dev[i]));
    }
}

static const test_case_t cases[] = {
    { "RETYPE0201", "every RAM untyped filled to the last byte, then 0 bytes left", fill_all_ram },
    { "RETYPE0202", "revoke deletes every child and frees the whole untyped", revoke_all_ram },
    { "RETYPE0203", "after revoke exactly the same objects fit again", refill_all_ram },
    { "RETYPE0204", "revoke deletes grandchildren too, and frees everything again", revoke_grandchildren },
    { "RETYPE0205", "device untypeds: fill, revoke, fill again, revoke", device_cycle },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
