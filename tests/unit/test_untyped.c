// SPDX-License-Identifier: BSD-2-Clause
/*
 * Untyped_Retype (kernel/src/object/untyped.c), decoded from a real
 * invocation_t the way the system-call path builds one: MR0-MR3 in the
 * caller's x2-x5, MR4 and MR5 in its IPC buffer, the untyped as the invoked
 * cap and the destination CNode as extra cap 0. The untyped covers a static,
 * suitably aligned host buffer; the destination is a 512-slot CNode.
 *
 * Checked: the watermark and the alignment gaps it leaves, fan-out limits,
 * NotEnoughMemory with the exact bytes left, every argument error leaving
 * the state untouched, the reset of an untyped with no children (zeroing
 * from the top in 64 KiB chunks, restartable after preemption with the same
 * end state), and device untypeds.
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
#include <sel4/generated/invocation_labels.h>
#include <sel4/objecttype.h>
#include <util.h>

#include "cdt_check.h"
#include "kernel_stubs.h"

#define MEM_BITS 22 /* 4 MiB: room for a 2 MiB frame */
#define DEST_RADIX 9
#define DEST_SLOTS (1 << DEST_RADIX)

static uint8_t mem[1 << MEM_BITS] __attribute__((aligned(1 << MEM_BITS)));
static cte_t dest[DEST_SLOTS] __attribute__((aligned(DEST_SLOTS * sizeof(cte_t))));
/* The caller's CSpace root: 64 slots behind a 58-bit guard of zeros.
 *   cspace[1] the untyped   cspace[2] a cap to dest   cspace[3] device untyped */
static cte_t cspace[64] __attribute__((aligned(64 * sizeof(cte_t))));
static cte_t cspace_root; /* holds the cap to cspace */
static tcb_t caller;
static seL4_IPCBuffer ipc_buffer;

#define UT (&cspace[1])
#define DEST_NODE (&cspace[2])

static int setup(void **state)
{
    (void)state;
    memset(mem, 0, sizeof(mem));
    memset(dest, 0, sizeof(dest));
    memset(cspace, 0, sizeof(cspace));
    memset(&caller, 0, sizeof(caller));
    memset(&ipc_buffer, 0, sizeof(ipc_buffer));
    cspace_root = (cte_t){ cap_cnode_new(cspace, 6, 58, 0), 0, 0 };
    DEST_NODE->cap = cap_cnode_new(dest, DEST_RADIX, 0, 0);
    mdb_set_flag(DEST_NODE, MDB_REVOCABLE, true);
    cdt_track_reset();
    cdt_track(dest, DEST_SLOTS);
    cdt_track(cspace, 64);
    stub_preempt_every(0);
    stub_preemption_hook(false);
    stub_zero_log_clear();
    stub_console_clear();
    stub_calls_clear();
    return 0;
}

/* An original untyped cap in slot (no parent in the tree). */
static void make_untyped(cte_t *slot, void *base, unsigned bits, bool device, uint64_t free_index)
{
    slot->cap = cap_untyped_new(base, bits, device, free_index);
    slot->mdb_prev = 0;
    slot->mdb_next = 0;
    mdb_set_flag(slot, MDB_REVOCABLE, true);
    mdb_set_flag(slot, MDB_FIRST_BADGED, true);
}

static uint64_t free_index(const cte_t *ut)
{
    return cap_untyped_get_free_index(ut->cap);
}

typedef struct retype_call {
    cte_t *untyped;
    cte_t *root; /* extra cap 0 */
    word_t label;
    word_t length;
    word_t type;
    word_t size_bits;
    word_t index;
    word_t depth;
    word_t offset;
    word_t window;
    bool no_buffer;
} retype_call_t;

static exception_t invoke(const retype_call_t *c)
{
    caller.context.x[2] = c->type;
    caller.context.x[3] = c->size_bits;
    caller.context.x[4] = c->index;
    caller.context.x[5] = c->depth;
    /* The buffer's first four words are not where MR0-MR3 come from. */
    for (unsigned i = 0; i < 4; i++) {
        ipc_buffer.msg[i] = 0xBAD0BAD0BAD0BAD0UL;
    }
    ipc_buffer.msg[4] = c->offset;
    ipc_buffer.msg[5] = c->window;
    invocation_t inv;
    memset(&inv, 0, sizeof(inv));
    inv.thread = &caller;
    inv.label = c->label;
    inv.length = c->length;
    inv.slot = c->untyped;
    inv.cap = c->untyped->cap;
    inv.extra[0] = c->root;
    inv.buffer = c->no_buffer ? NULL : &ipc_buffer;
    inv.is_call = true;
    inv.blocking = true;
    memset(&ks_syscall_error, 0xA5, sizeof(ks_syscall_error));
    memset(&ks_lookup_fault, 0xA5, sizeof(ks_lookup_fault));
    return decode_invocation(&inv);
}

static retype_call_t call(cte_t *untyped, word_t type, word_t size_bits, word_t offset,
                          word_t window)
{
    retype_call_t c = { untyped, DEST_NODE, UntypedRetype, 6, type, size_bits, 0, 0,
                        offset, window, false };
    return c;
}

/* Retype into dest[offset ..] with the destination given at depth 0. */
static exception_t retype(cte_t *untyped, word_t type, word_t size_bits, word_t offset,
                          word_t window)
{
    retype_call_t c = call(untyped, type, size_bits, offset, window);
    exception_t status = invoke(&c);
    if (status == EXCEPTION_NONE && type == seL4_CapTableObject) {
        for (word_t i = 0; i < window; i++) {
            cdt_track(cap_get_ptr(dest[offset + i].cap), BIT(size_bits));
        }
    }
    return status;
}

static void assert_retype_ok(cte_t *untyped, word_t type, word_t size_bits, word_t offset,
                             word_t window)
{
    exception_t status = retype(untyped, type, size_bits, offset, window);
    if (status != EXCEPTION_NONE) {
        fail_msg("retype type %lu size %lu at %lu x%lu: status %d, error %d; console: %s",
                 (unsigned long)type, (unsigned long)size_bits, (unsigned long)offset,
                 (unsigned long)window, status, ks_syscall_error.type, stub_console_text());
    }
    assert_cdt_consistent();
}

static void assert_error(exception_t status, seL4_Error type)
{
    assert_int_equal(status, EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(ks_syscall_error.type, type);
}

static void assert_range(exception_t status, word_t min, word_t max)
{
    assert_error(status, seL4_RangeError);
    assert_int_equal(ks_syscall_error.range_min, min);
    assert_int_equal(ks_syscall_error.range_max, max);
}

static void assert_memory_left(exception_t status, word_t bytes)
{
    assert_error(status, seL4_NotEnoughMemory);
    assert_int_equal(ks_syscall_error.memory_left, bytes);
}

static void assert_cap_at(const cte_t *slot, cap_type_t type, uintptr_t offset)
{
    assert_int_equal(cap_get_type(slot->cap), type);
    assert_ptr_equal(cap_get_ptr(slot->cap), mem + offset);
}

/* --- The watermark ----------------------------------------------------------- */

static void test_watermark_and_alignment(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);

    assert_retype_ok(UT, seL4_EndpointObject, 0, 0, 3);
    assert_int_equal(stub_zero_calls(), 0); /* nothing used yet: nothing to clear */
    for (int i = 0; i < 3; i++) {
        assert_cap_at(&dest[i], CAP_ENDPOINT, 16 * i);
        assert_true(mdb_get_flag(&dest[i], MDB_REVOCABLE));
        assert_true(mdb_get_flag(&dest[i], MDB_FIRST_BADGED));
        assert_true(cdt_is_parent_of(UT, &dest[i]));
    }
    assert_int_equal(free_index(UT), 48);
    /* Each new cap goes right after the untyped. */
    assert_ptr_equal(mdb_next(UT), &dest[2]);
    assert_ptr_equal(mdb_next(&dest[2]), &dest[1]);
    assert_ptr_equal(mdb_next(&dest[1]), &dest[0]);
    assert_null(mdb_next(&dest[0]));

    /* A TCB is aligned to 2 KiB: the gap 48..2048 is lost. */
    assert_retype_ok(UT, seL4_TCBObject, 0, 3, 1);
    assert_cap_at(&dest[3], CAP_THREAD, 2048);
    assert_string_equal(((tcb_t *)(mem + 2048))->name, "thread");
    assert_int_equal(free_index(UT), 4096);

    assert_retype_ok(UT, seL4_NotificationObject, 0, 4, 2);
    assert_cap_at(&dest[4], CAP_NOTIFICATION, 4096);
    assert_cap_at(&dest[5], CAP_NOTIFICATION, 4128);
    assert_int_equal(free_index(UT), 4160);

    assert_retype_ok(UT, seL4_ARM_SmallPageObject, 0, 6, 1);
    assert_cap_at(&dest[6], CAP_FRAME, 8192);
    assert_int_equal(free_index(UT), 12288);

    assert_retype_ok(UT, seL4_CapTableObject, 4, 7, 1);
    assert_cap_at(&dest[7], CAP_CNODE, 12288);
    assert_int_equal(cap_cnode_get_radix(dest[7].cap), 4);
    assert_int_equal(free_index(UT), 12288 + 512);

    assert_retype_ok(UT, seL4_UntypedObject, 10, 8, 2);
    assert_cap_at(&dest[8], CAP_UNTYPED, 13312);
    assert_cap_at(&dest[9], CAP_UNTYPED, 14336);
    assert_int_equal(cap_untyped_get_size_bits(dest[8].cap), 10);
    assert_int_equal(cap_untyped_get_free_index(dest[8].cap), 0);
    assert_int_equal(free_index(UT), 15360);

    assert_retype_ok(UT, seL4_ARM_PageTableObject, 0, 10, 1);
    assert_cap_at(&dest[10], CAP_PAGE_TABLE, 16384);
    assert_retype_ok(UT, seL4_ARM_VSpaceObject, 0, 11, 1);
    assert_cap_at(&dest[11], CAP_VSPACE, 20480);
    assert_retype_ok(UT, seL4_EndpointObject, 0, 12, 1);
    assert_cap_at(&dest[12], CAP_ENDPOINT, 24576);
    assert_int_equal(free_index(UT), 24592);
    assert_int_equal(stub_zero_calls(), 0); /* children all along: no reset */
}

/* Every type, its size and alignment, from a 4 MiB untyped. */
static void test_every_object_type(void **state)
{
    (void)state;
    static const struct {
        word_t type;
        word_t size_bits;
        cap_type_t cap;
        unsigned bits;
    } types[] = {
        { seL4_EndpointObject, 0, CAP_ENDPOINT, seL4_EndpointBits },
        { seL4_NotificationObject, 0, CAP_NOTIFICATION, seL4_NotificationBits },
        { seL4_TCBObject, 7, CAP_THREAD, seL4_TCBBits }, /* size ignored */
        { seL4_CapTableObject, 1, CAP_CNODE, seL4_SlotBits + 1 },
        { seL4_ARM_SmallPageObject, 0, CAP_FRAME, seL4_PageBits },
        { seL4_ARM_PageTableObject, 0, CAP_PAGE_TABLE, seL4_PageTableBits },
        { seL4_ARM_VSpaceObject, 0, CAP_VSPACE, seL4_VSpaceBits },
        { seL4_UntypedObject, seL4_MinUntypedBits, CAP_UNTYPED, seL4_MinUntypedBits },
        { seL4_UntypedObject, 17, CAP_UNTYPED, 17 },
        { seL4_ARM_LargePageObject, 0, CAP_FRAME, seL4_LargePageBits }, /* the top half */
    };
    make_untyped(UT, mem, MEM_BITS, false, 0);
    uint64_t watermark = 0;
    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        assert_retype_ok(UT, types[i].type, types[i].size_bits, i, 1);
        uint64_t at = ROUND_UP(watermark, types[i].bits);
        assert_cap_at(&dest[i], types[i].cap, at);
        watermark = at + BIT(types[i].bits);
        assert_int_equal(free_index(UT), watermark);
    }
    assert_int_equal(cap_frame_get_size(dest[9].cap), 1);
    assert_int_equal(cap_frame_get_size(dest[4].cap), 0);
    assert_int_equal(cap_frame_get_is_device(dest[9].cap), 0);
    assert_int_equal(cap_cnode_get_radix(dest[3].cap), 1);
    assert_int_equal(cap_untyped_get_size_bits(dest[8].cap), 17);
    assert_int_equal(watermark, BIT(MEM_BITS));
    /* A 1 GiB frame needs more than this untyped. */
    assert_memory_left(retype(UT, seL4_ARM_HugePageObject, 0, 20, 1), BIT(MEM_BITS) - watermark);
}

static void test_fan_out(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);
    assert_retype_ok(UT, seL4_EndpointObject, 0, 0, seL4_MaxRetypeFanOut);
    for (int i = 0; i < seL4_MaxRetypeFanOut; i++) {
        assert_cap_at(&dest[i], CAP_ENDPOINT, 16 * i);
    }
    assert_int_equal(free_index(UT), 16 * seL4_MaxRetypeFanOut);
    /* In the tree: the untyped, then the objects last to first. */
    const cte_t *s = mdb_next(UT);
    for (int i = seL4_MaxRetypeFanOut - 1; i >= 0; i--, s = mdb_next(s)) {
        assert_ptr_equal(s, &dest[i]);
    }
    assert_null(s);

    assert_range(retype(UT, seL4_EndpointObject, 0, 256, seL4_MaxRetypeFanOut + 1), 1,
                 seL4_MaxRetypeFanOut);
    assert_range(retype(UT, seL4_EndpointObject, 0, 256, 0), 1, seL4_MaxRetypeFanOut);
    assert_range(retype(UT, seL4_EndpointObject, 0, 300, 256), 1, DEST_SLOTS - 300);
    assert_range(retype(UT, seL4_EndpointObject, 0, DEST_SLOTS, 1), 0, DEST_SLOTS - 1);
    assert_range(retype(UT, seL4_EndpointObject, 0, ~0UL, 1), 0, DEST_SLOTS - 1);
    assert_range(retype(UT, seL4_EndpointObject, 0, 1, ~0UL), 1, seL4_MaxRetypeFanOut);
    assert_int_equal(free_index(UT), 16 * seL4_MaxRetypeFanOut);
    /* The last slot, then a window reaching into it. */
    assert_retype_ok(UT, seL4_EndpointObject, 0, DEST_SLOTS - 1, 1);
    assert_error(retype(UT, seL4_EndpointObject, 0, DEST_SLOTS - 2, 2), seL4_DeleteFirst);
    assert_true(cte_is_empty(&dest[DEST_SLOTS - 2]));
    assert_error(retype(UT, seL4_EndpointObject, 0, 0, 1), seL4_DeleteFirst);
    assert_int_equal(free_index(UT), 16 * seL4_MaxRetypeFanOut + 16);
    assert_cdt_consistent();
}

static void test_not_enough_memory(void **state)
{
    (void)state;
    make_untyped(UT, mem, 12, false, 0);
    assert_retype_ok(UT, seL4_EndpointObject, 0, 0, 3);
    /* 4048 bytes left, but after aligning to 2 KiB only one TCB fits. */
    assert_memory_left(retype(UT, seL4_TCBObject, 0, 10, 2), 4096 - 48);
    assert_true(cte_is_empty(&dest[10]));
    assert_int_equal(free_index(UT), 48);
    assert_retype_ok(UT, seL4_TCBObject, 0, 10, 1);
    assert_cap_at(&dest[10], CAP_THREAD, 2048);
    assert_memory_left(retype(UT, seL4_EndpointObject, 0, 11, 1), 0);
    /* Objects bigger than the whole untyped. */
    make_untyped(&cspace[4], mem + 8192, 12, false, 0);
    assert_memory_left(retype(&cspace[4], seL4_CapTableObject, 8, 20, 1), 4096);
    assert_memory_left(retype(&cspace[4], seL4_UntypedObject, 13, 20, 1), 4096);
    assert_range(retype(&cspace[4], seL4_EndpointObject, 0, 20, 257), 1, seL4_MaxRetypeFanOut);
    /* Exactly full. */
    assert_retype_ok(&cspace[4], seL4_EndpointObject, 0, 20, 256);
    assert_int_equal(free_index(&cspace[4]), 4096);
    assert_memory_left(retype(&cspace[4], seL4_EndpointObject, 0, 300, 1), 0);
    make_untyped(&cspace[5], mem + 16384, 12, false, 0);
    assert_retype_ok(&cspace[5], seL4_UntypedObject, 12, 400, 1);
    assert_int_equal(free_index(&cspace[5]), 4096);
}

/* --- Argument errors --------------------------------------------------------- */

static uint8_t mem_before[1 << 16];
static cdt_snapshot_t slots_before;
static cdt_snapshot_t slots_after;

static void save_state(void)
{
    memcpy(mem_before, mem, sizeof(mem_before));
    cdt_snapshot_take(&slots_before);
}

static void assert_state_unchanged(void)
{
    cdt_snapshot_take(&slots_after);
    const char *difference = cdt_snapshot_difference(&slots_before, &slots_after);
    if (difference != NULL) {
        fail_msg("a failed retype changed a slot: %s", difference);
    }
    assert_memory_equal(mem_before, mem, sizeof(mem_before));
}

static void test_argument_errors(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);
    assert_retype_ok(UT, seL4_EndpointObject, 0, 0, 1);
    save_state();

    retype_call_t c = call(UT, seL4_EndpointObject, 0, 1, 1);
    c.label = CNodeCopy;
    assert_error(invoke(&c), seL4_IllegalOperation);
    c = call(UT, seL4_EndpointObject, 0, 1, 1);
    c.length = 5;
    assert_error(invoke(&c), seL4_TruncatedMessage);
    c = call(UT, seL4_EndpointObject, 0, 1, 1);
    c.root = NULL;
    assert_error(invoke(&c), seL4_TruncatedMessage);
    /* Without an IPC buffer MR4 and MR5 read as 0: a window of 0. */
    c = call(UT, seL4_EndpointObject, 0, 1, 1);
    c.no_buffer = true;
    assert_range(invoke(&c), 1, seL4_MaxRetypeFanOut);

    /* Type and size. */
    assert_error(retype(UT, seL4_ObjectTypeCount, 0, 1, 1), seL4_InvalidArgument);
    assert_int_equal(ks_syscall_error.invalid_argument, 0);
    assert_error(retype(UT, ~0UL, 0, 1, 1), seL4_InvalidArgument);
    assert_int_equal(ks_syscall_error.invalid_argument, 0);
    assert_range(retype(UT, seL4_TCBObject, 64, 1, 1), 0, seL4_MaxUntypedBits);
    assert_range(retype(UT, seL4_UntypedObject, seL4_MaxUntypedBits + 1, 1, 1), 0,
                 seL4_MaxUntypedBits);
    assert_range(retype(UT, seL4_CapTableObject, seL4_MaxUntypedBits - seL4_SlotBits + 1, 1, 1),
                 0, seL4_MaxUntypedBits);
    assert_error(retype(UT, seL4_CapTableObject, 0, 1, 1), seL4_InvalidArgument);
    assert_int_equal(ks_syscall_error.invalid_argument, 1);
    assert_error(retype(UT, seL4_UntypedObject, seL4_MinUntypedBits - 1, 1, 1),
                 seL4_InvalidArgument);
    assert_int_equal(ks_syscall_error.invalid_argument, 1);
    /* The largest sizes pass the size checks and fail for memory. */
    assert_memory_left(retype(UT, seL4_CapTableObject, seL4_MaxUntypedBits - seL4_SlotBits, 1, 1),
                       BIT(16) - 16);
    assert_memory_left(retype(UT, seL4_UntypedObject, seL4_MaxUntypedBits, 1, 1), BIT(16) - 16);
    /* The type is checked before the window, the window before memory. */
    assert_error(retype(UT, seL4_ObjectTypeCount, 0, 1, 0), seL4_InvalidArgument);
    assert_range(retype(UT, seL4_ARM_HugePageObject, 0, 1, 0), 1, seL4_MaxRetypeFanOut);
    assert_true(stub_console_contains("Untyped Retype"));
    assert_state_unchanged();
}

static void test_destination_lookup(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);
    retype_call_t c = call(UT, seL4_EndpointObject, 0, 0, 1);
    save_state();

    /* (root, index, depth) as CNode operations take it. */
    c.root = &cspace_root;
    c.index = 2;
    c.depth = 65;
    assert_range(invoke(&c), 1, 64);
    c.index = 5; /* an empty slot */
    c.depth = 64;
    assert_error(invoke(&c), seL4_FailedLookup);
    assert_false(ks_syscall_error.lookup_was_source);
    assert_int_equal(ks_lookup_fault.type, seL4_MissingCapability);
    assert_int_equal(ks_lookup_fault.bits_left, 64);
    c.index = 1; /* the untyped: not a CNode */
    assert_error(invoke(&c), seL4_FailedLookup);
    assert_int_equal(ks_lookup_fault.type, seL4_MissingCapability);
    c.index = 2;
    c.depth = 63; /* the root level needs 64 bits */
    assert_error(invoke(&c), seL4_FailedLookup);
    assert_false(ks_syscall_error.lookup_was_source);
    assert_int_equal(ks_lookup_fault.type, seL4_DepthMismatch);
    assert_int_equal(ks_lookup_fault.bits_left, 63);
    assert_int_equal(ks_lookup_fault.bits_found, 64);
    c.index = 1UL << 63 | 2;
    c.depth = 64;
    assert_error(invoke(&c), seL4_FailedLookup);
    assert_int_equal(ks_lookup_fault.type, seL4_GuardMismatch);
    assert_int_equal(ks_lookup_fault.bits_left, 64);
    assert_int_equal(ks_lookup_fault.bits_found, 58);
    /* Depth 0: the root cap itself must be a CNode. */
    c.root = UT;
    c.depth = 0;
    assert_error(invoke(&c), seL4_FailedLookup);
    assert_int_equal(ks_lookup_fault.type, seL4_MissingCapability);
    assert_int_equal(ks_lookup_fault.bits_left, 0);
    assert_state_unchanged();

    /* And through the lookup, successfully. */
    c.root = &cspace_root;
    c.index = 2;
    c.depth = 64;
    c.offset = 7;
    assert_int_equal(invoke(&c), EXCEPTION_NONE);
    assert_cap_at(&dest[7], CAP_ENDPOINT, 0);
    /* The root CNode itself, at depth 0, into its slot 40. */
    c.depth = 0;
    c.offset = 40;
    assert_int_equal(invoke(&c), EXCEPTION_NONE);
    assert_cap_at(&cspace[40], CAP_ENDPOINT, 16);
    assert_cdt_consistent();
}

/* --- Reset ------------------------------------------------------------------- */

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0) {
            return false;
        }
    }
    return true;
}

/* Boot hands out untypeds with the watermark at the top: the first retype
 * clears what was used (all of it), in one chunk for 64 KiB. */
static void test_reset_boot_untyped(void **state)
{
    (void)state;
    memset(mem, 0xAA, BIT(16));
    make_untyped(UT, mem, 16, false, BIT(16));
    assert_retype_ok(UT, seL4_EndpointObject, 0, 0, 1);
    assert_int_equal(stub_zero_calls(), 1);
    assert_ptr_equal(stub_zero_call(0).p, mem);
    assert_int_equal(stub_zero_call(0).bytes, BIT(16));
    assert_true(all_zero(mem, BIT(16)));
    assert_cap_at(&dest[0], CAP_ENDPOINT, 0);
    assert_int_equal(free_index(UT), 16);
    /* Not again while it has a child. */
    assert_retype_ok(UT, seL4_EndpointObject, 0, 1, 1);
    assert_int_equal(stub_zero_calls(), 1);
}

/* Dirty memory below a watermark of 0x30010 in a 1 MiB untyped. */
#define DIRTY 0x30010UL

static void dirty_untyped(void)
{
    memset(mem, 0xAA, DIRTY);
    make_untyped(UT, mem, 20, false, DIRTY);
}

static void test_reset_chunks_from_the_top(void **state)
{
    (void)state;
    dirty_untyped();
    assert_retype_ok(UT, seL4_NotificationObject, 0, 0, 2);
    /* 64 KiB chunks, top first: the partial one, then whole ones. */
    assert_int_equal(stub_zero_calls(), 4);
    const uint64_t starts[] = { 0x30000, 0x20000, 0x10000, 0 };
    const uint64_t sizes[] = { 0x10, 0x10000, 0x10000, 0x10000 };
    for (size_t i = 0; i < 4; i++) {
        assert_ptr_equal(stub_zero_call(i).p, mem + starts[i]);
        assert_int_equal(stub_zero_call(i).bytes, sizes[i]);
    }
    assert_true(all_zero(mem, BIT(20)));
    assert_cap_at(&dest[0], CAP_NOTIFICATION, 0);
    assert_cap_at(&dest[1], CAP_NOTIFICATION, 32);
    assert_int_equal(free_index(UT), 64);
}

static uint8_t mem_plain[BIT(20)];
static cdt_snapshot_t slots_plain;

static void test_reset_preempted(void **state)
{
    (void)state;
    dirty_untyped();
    assert_retype_ok(UT, seL4_NotificationObject, 0, 0, 2);
    cap_t ut_plain = UT->cap;
    memcpy(mem_plain, mem, sizeof(mem_plain));
    cdt_snapshot_take(&slots_plain);

    const unsigned periods[] = { 1, 2, 3, 5 };
    for (size_t p = 0; p < ARRAY_SIZE(periods); p++) {
        (void)setup(NULL);
        dirty_untyped();
        stub_preempt_every(periods[p]);
        unsigned preempted = 0;
        exception_t status;
        uint64_t watermark = free_index(UT);
        while ((status = retype(UT, seL4_NotificationObject, 0, 0, 2)) == EXCEPTION_PREEMPTED) {
            /* Progress is kept in the watermark, which only goes down, and
             * nothing is created until the reset is done. */
            assert_true(free_index(UT) < watermark);
            watermark = free_index(UT);
            assert_true(cte_is_empty(&dest[0]));
            assert_false(cdt_has_children(UT));
            assert_true(all_zero(mem + watermark, BIT(20) - watermark));
            assert_cdt_consistent();
            assert_true(++preempted < 100);
        }
        assert_int_equal(status, EXCEPTION_NONE);
        /* Three points between four chunks; none after the last. */
        assert_int_equal(stub_preemption_points(), 3);
        assert_int_equal(preempted, 3 / periods[p]);
        assert_memory_equal(&UT->cap, &ut_plain, sizeof(cap_t));
        assert_memory_equal(mem, mem_plain, sizeof(mem_plain));
        cdt_snapshot_take(&slots_after);
        const char *difference = cdt_snapshot_difference(&slots_plain, &slots_after);
        if (difference != NULL) {
            fail_msg("preempted every %u: %s", periods[p], difference);
        }
    }
}

/* Once the children are revoked, the next retype starts again at 0 and
 * clears what the old objects left behind. */
static void test_reset_after_revoke(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);
    assert_retype_ok(UT, seL4_TCBObject, 0, 0, 1);
    assert_retype_ok(UT, seL4_CapTableObject, 2, 1, 1);
    assert_retype_ok(UT, seL4_EndpointObject, 0, 2, 1);
    /* Put a cap into the new CNode, as a user would. */
    cte_t *cnode = cap_get_ptr(dest[1].cap);
    cte_move(dest[2].cap, &dest[2], &cnode[3]);
    uint64_t used = free_index(UT);
    assert_int_equal(used, 2048 + 128 + 16);
    assert_false(all_zero(mem, used)); /* the TCB's name at least */

    /* A retype with children does not reset. */
    assert_retype_ok(UT, seL4_EndpointObject, 0, 3, 1);
    assert_int_equal(stub_zero_calls(), 0);
    assert_int_equal(cte_revoke(UT), EXCEPTION_NONE);
    assert_false(cdt_has_children(UT));
    assert_true(cte_is_empty(&dest[0]) && cte_is_empty(&dest[1]) && cte_is_empty(&dest[3]));
    assert_true(cte_is_empty(&cnode[3]));
    assert_int_equal(free_index(UT), used + 16); /* revoke leaves the watermark */

    assert_retype_ok(UT, seL4_EndpointObject, 0, 5, 1);
    assert_int_equal(stub_zero_calls(), 1);
    assert_cap_at(&dest[5], CAP_ENDPOINT, 0);
    assert_int_equal(free_index(UT), 16);
    assert_true(all_zero(mem, BIT(16)));
}

/* A CNode whose deletion was preempted is a zombie: its memory is still in
 * use (its slots hold caps linked into the derivation tree) until the
 * delete is finished. A retype of its untyped in the meantime must not
 * take that for "no children" and reset: that would zero linked slots and
 * hand the memory out a second time. */
static void test_no_reset_under_a_zombie(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);
    make_untyped(&cspace[4], mem + BIT(16), 12, false, 0);
    assert_retype_ok(UT, seL4_CapTableObject, 2, 0, 1);
    cte_t *cnode = cap_get_ptr(dest[0].cap);
    /* An endpoint from the other untyped, copied into the CNode. */
    assert_retype_ok(&cspace[4], seL4_EndpointObject, 0, 100, 1);
    cap_t copy;
    assert_int_equal(cap_derive(&dest[100], dest[100].cap, &copy), EXCEPTION_NONE);
    cte_insert(copy, &dest[100], &cnode[1]);
    assert_cdt_consistent();

    stub_preempt_every(1);
    assert_int_equal(cte_delete(&dest[0]), EXCEPTION_PREEMPTED);
    stub_preempt_every(0);
    assert_int_equal(cap_get_type(dest[0].cap), CAP_ZOMBIE);
    assert_false(cte_is_empty(&cnode[1]));

    assert_retype_ok(UT, seL4_EndpointObject, 0, 5, 1); /* checks the tree too */
    assert_int_equal(stub_zero_calls(), 0);
    assert_cap_at(&dest[5], CAP_ENDPOINT, 128); /* above the CNode, not over it */
    assert_true(cdt_has_children(UT));
    assert_int_equal(cap_get_type(cnode[1].cap), CAP_ENDPOINT);

    while (cte_delete(&dest[0]) == EXCEPTION_PREEMPTED) {
    }
    assert_true(cte_is_empty(&cnode[1]));
    assert_cdt_consistent();
}

/* --- Device untypeds --------------------------------------------------------- */

static void test_device_untyped(void **state)
{
    (void)state;
    /* Device memory is never touched by retype, so a 2 GiB device untyped
     * can name an address nothing is mapped at. */
    void *device = (void *)0x80000000UL;
    make_untyped(&cspace[3], device, 31, true, 0);
    assert_retype_ok(&cspace[3], seL4_ARM_HugePageObject, 0, 0, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(cap_get_type(dest[i].cap), CAP_FRAME);
        assert_int_equal(cap_frame_get_size(dest[i].cap), 2);
        assert_int_equal(cap_frame_get_is_device(dest[i].cap), 1);
        assert_ptr_equal(cap_get_ptr(dest[i].cap), (uint8_t *)device + ((uintptr_t)i << 30));
    }
    assert_int_equal(free_index(&cspace[3]), BIT(31));
    assert_memory_left(retype(&cspace[3], seL4_ARM_SmallPageObject, 0, 2, 1), 0);

    /* Only frames and untypeds from device memory; checked after memory. */
    make_untyped(&cspace[4], (void *)0x40000000UL, 20, true, 0);
    const word_t refused[] = { seL4_TCBObject, seL4_EndpointObject, seL4_NotificationObject,
                               seL4_CapTableObject, seL4_ARM_PageTableObject,
                               seL4_ARM_VSpaceObject };
    for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
        assert_error(retype(&cspace[4], refused[i], 4, 10, 1), seL4_InvalidArgument);
        assert_int_equal(ks_syscall_error.invalid_argument, 1);
    }
    assert_memory_left(retype(&cspace[4], seL4_CapTableObject, 16, 10, 1), BIT(20));
    assert_int_equal(free_index(&cspace[4]), 0);
    assert_retype_ok(&cspace[4], seL4_UntypedObject, 12, 10, 1);
    assert_int_equal(cap_untyped_get_is_device(dest[10].cap), 1);
    assert_retype_ok(&cspace[4], seL4_ARM_SmallPageObject, 0, 11, 1);
    assert_int_equal(cap_frame_get_is_device(dest[11].cap), 1);
    /* Frames from a device untyped's child are device frames too. */
    assert_retype_ok(&dest[10], seL4_ARM_SmallPageObject, 0, 12, 1);
    assert_int_equal(cap_frame_get_is_device(dest[12].cap), 1);

    /* A device untyped with no children is reset without clearing. */
    make_untyped(&cspace[5], (void *)0x50000000UL, 21, true, BIT(21));
    assert_retype_ok(&cspace[5], seL4_ARM_LargePageObject, 0, 13, 1);
    assert_int_equal(stub_zero_calls(), 0);
    assert_int_equal(free_index(&cspace[5]), BIT(21));
    assert_ptr_equal(cap_get_ptr(dest[13].cap), (void *)0x50000000UL);
}

/* Two caps to the same untyped memory must not both hand it out: a copy
 * marks the original full until the copy is gone. */
static void test_copied_untyped(void **state)
{
    (void)state;
    make_untyped(UT, mem, 12, false, 0);
    cap_t copy;
    assert_int_equal(cap_derive(UT, UT->cap, &copy), EXCEPTION_NONE);
    cte_insert(copy, UT, &cspace[6]);
    assert_memory_left(retype(UT, seL4_EndpointObject, 0, 0, 1), 0);
    assert_retype_ok(&cspace[6], seL4_EndpointObject, 0, 0, 1);
    assert_cap_at(&dest[0], CAP_ENDPOINT, 0);
    /* With the copy deleted (and its child), the original has no children
     * left and starts over. */
    assert_int_equal(cte_revoke(&cspace[6]), EXCEPTION_NONE);
    assert_int_equal(cte_delete(&cspace[6]), EXCEPTION_NONE);
    assert_retype_ok(UT, seL4_EndpointObject, 0, 1, 1);
    assert_cap_at(&dest[1], CAP_ENDPOINT, 0);
    assert_int_equal(free_index(UT), 16);
}

/* --- Retype from a child untyped --------------------------------------------- */

static void test_child_untyped(void **state)
{
    (void)state;
    make_untyped(UT, mem, 16, false, 0);
    assert_retype_ok(UT, seL4_UntypedObject, 12, 0, 1);
    assert_retype_ok(&dest[0], seL4_EndpointObject, 0, 1, 2);
    assert_ptr_equal(mdb_next(UT), &dest[0]);
    assert_ptr_equal(mdb_next(&dest[0]), &dest[2]);
    assert_ptr_equal(mdb_next(&dest[2]), &dest[1]);
    assert_true(cdt_is_parent_of(&dest[0], &dest[1]));
    assert_true(cdt_is_parent_of(UT, &dest[1]));
    assert_int_equal(free_index(&dest[0]), 32);
    assert_int_equal(free_index(UT), 4096);
    /* The parent untyped goes on above its child's memory. */
    assert_retype_ok(UT, seL4_EndpointObject, 0, 3, 1);
    assert_cap_at(&dest[3], CAP_ENDPOINT, 4096);
    /* Revoking the child untyped clears its objects only. */
    assert_int_equal(cte_revoke(&dest[0]), EXCEPTION_NONE);
    assert_true(cte_is_empty(&dest[1]) && cte_is_empty(&dest[2]));
    assert_false(cte_is_empty(&dest[3]));
    assert_cdt_consistent();
}

static void test_invocation_arg(void **state)
{
    (void)state;
    invocation_t inv;
    memset(&inv, 0, sizeof(inv));
    inv.thread = &caller;
    for (unsigned i = 0; i < 4; i++) {
        caller.context.x[2 + i] = 100 + i;
    }
    for (unsigned i = 0; i < seL4_MsgMaxLength; i++) {
        ipc_buffer.msg[i] = 1000 + i;
    }
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(invocation_arg(&inv, i), 100 + i);
    }
    assert_int_equal(invocation_arg(&inv, 4), 0); /* no buffer */
    inv.buffer = &ipc_buffer;
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(invocation_arg(&inv, i), 100 + i);
    }
    for (unsigned i = 4; i < seL4_MsgMaxLength; i++) {
        assert_int_equal(invocation_arg(&inv, i), 1000 + i);
    }
    assert_int_equal(invocation_arg(&inv, seL4_MsgMaxLength), 0);
}

#define TEST(t) cmocka_unit_test_setup(t, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_watermark_and_alignment),
        TEST(test_every_object_type),
        TEST(test_fan_out),
        TEST(test_not_enough_memory),
        TEST(test_argument_errors),
        TEST(test_destination_lookup),
        TEST(test_reset_boot_untyped),
        TEST(test_reset_chunks_from_the_top),
        TEST(test_reset_preempted),
        TEST(test_reset_after_revoke),
        TEST(test_no_reset_under_a_zombie),
        TEST(test_device_untyped),
        TEST(test_copied_untyped),
        TEST(test_child_untyped),
        TEST(test_invocation_arg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
