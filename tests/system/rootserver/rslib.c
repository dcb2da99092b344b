// SPDX-License-Identifier: BSD-2-Clause
/*
 * RSLIB: the root-server library (rootserver/include/rootserver/) used end
 * to end by a root task: slots, untypeds by size and by physical address,
 * the VSpace mapper, and two processes spawned from the CPIO archive built
 * with this test (programs/), talked to over endpoints and torn down, with
 * the untyped allocator's free totals back to the byte afterwards.
 */
#include <object/cap.h>
#include <rootserver/cpio.h>
#include <rootserver/env.h>
#include <rootserver/process.h>
#include <sel4/sel4.h>

#include "../lib/test.h"
#include "programs/protocol.h"

extern const char rslib_archive_start[];
extern const char rslib_archive_end[];

#define PRIO 100
#define ECHO_ARG 7
#define CALLER_ARG 1000
#define CALLER_BADGE 0x5

static rs_env_t env;
static rs_process_t echo;
static rs_process_t caller;
static seL4_CPtr echo_ep, caller_ep; /* endpoints, each in an untyped of its own */
static seL4_CPtr echo_ep_ut, caller_ep_ut;
static seL4_Word ram_before_spawn;

static size_t archive_size(void)
{
    return (size_t)((uintptr_t)rslib_archive_end - (uintptr_t)rslib_archive_start);
}

static seL4_Word identify(seL4_CPtr cap)
{
    return seL4_DebugCapIdentify(cap);
}

static void test_slots(void)
{
    const seL4_BootInfo *bi = env.bi;
    seL4_Word free_before = env.slots.free;
    TEST_CHECK(env.slots.start >= bi->empty.start && env.slots.end <= bi->empty.end);
    seL4_CPtr range = rs_slots_alloc_range(&env.slots, 8);
    seL4_CPtr one = rs_slots_alloc(&env.slots);
    TEST_CHECK(range != 0 && one != 0 && (one < range || one >= range + 8));
    for (seL4_Word i = 0; i < 8; i++) {
        TEST_CHECK(identify(range + i) == CAP_NULL);
    }
    TEST_CHECK(env.slots.free == free_before - 9);
    TEST_CHECK(rs_slots_free_range(&env.slots, range, 8) && rs_slots_free(&env.slots, one));
    TEST_CHECK(!rs_slots_free(&env.slots, one));
    TEST_CHECK(env.slots.free == free_before);
}

static void test_untyped_by_size(void)
{
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    seL4_CPtr ut, frame = rs_slots_alloc(&env.slots);
    seL4_Word paddr = 0;
    TEST_CHECK(rs_ut_alloc(&env.ut, 14, false, &ut, &paddr) == seL4_NoError);
    TEST_CHECK(identify(ut) == CAP_UNTYPED && paddr % (1UL << 14) == 0);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram - (1UL << 14));
    TEST_CHECK(seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, seL4_CapInitThreadCNode, 0,
                                   0, frame, 1) == seL4_NoError);
    seL4_ARM_Page_GetAddress_t addr = seL4_ARM_Page_GetAddress(frame);
    TEST_CHECK(addr.error == seL4_NoError && addr.paddr == paddr);
    TEST_CHECK(rs_ut_free(&env.ut, ut) == seL4_NoError);
    TEST_CHECK(identify(frame) == CAP_NULL); /* the revoke took it */
    TEST_CHECK(rs_ut_free(&env.ut, ut) == seL4_InvalidArgument);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram);
    rs_slots_free(&env.slots, frame);
}

/* A device untyped of at least 16 KiB from the boot info, or NULL. */
static const seL4_UntypedDesc *device_untyped(void)
{
    for (seL4_Word i = 0; i < env.bi->untyped.end - env.bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &env.bi->untypedList[i];
        if (d->isDevice && d->sizeBits >= 14) {
            return d;
        }
    }
    return NULL;
}

static void test_device_frame(void)
{
    const seL4_UntypedDesc *d = device_untyped();
    TEST_CHECK(d != NULL);
    if (d == NULL) {
        return;
    }
    seL4_Word dev = rs_ut_free_bytes(&env.ut, true);
    seL4_Word target = d->paddr + 3UL * 4096;
    seL4_CPtr frame, ut, ut2;
    TEST_CHECK(rs_ut_device_frame(&env.ut, target + 0x10, &frame, &ut) == seL4_NoError);
    seL4_ARM_Page_GetAddress_t addr = seL4_ARM_Page_GetAddress(frame);
    TEST_CHECK(addr.error == seL4_NoError && addr.paddr == target);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, true) == dev - 4096);
    /* The same page again: nobody holds it any more. */
    TEST_CHECK(rs_ut_alloc_at(&env.ut, target, 12, &ut2) == seL4_FailedLookup);
    TEST_CHECK(rs_ut_alloc_at(&env.ut, target + 1, 12, &ut2) == seL4_AlignmentError);
    TEST_CHECK(rs_ut_free(&env.ut, ut) == seL4_NoError);
    TEST_CHECK(identify(frame) == CAP_NULL);
    rs_slots_free(&env.slots, frame);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, true) == dev);
}

static void test_mapper(void)
{
    /* 0x80_0000_0000: the second 512 GiB, so all three levels are missing. */
    const seL4_Word vaddr = 0x8000000000UL;
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    rs_arena_t arena;
    rs_vspace_t vs;
    seL4_CPtr frame;
    TEST_CHECK(rs_arena_init(&arena, &env.ut, 16, 8) == seL4_NoError);
    rs_vspace_init(&vs, seL4_CapInitThreadVSpace, &arena);
    TEST_CHECK(rs_arena_object(&arena, seL4_ARM_SmallPageObject, 0, &frame) == seL4_NoError);
    TEST_CHECK(rs_vspace_map(&vs, frame, seL4_PageBits, vaddr, seL4_ReadWrite,
                             seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever) ==
               seL4_NoError);
    TEST_CHECK(vs.count == 3);
    for (unsigned i = 0; i < vs.count; i++) {
        TEST_CHECK(identify(vs.tables[i]) == CAP_PAGE_TABLE);
    }
    *(volatile seL4_Word *)vaddr = 42;
    TEST_CHECK(*(volatile seL4_Word *)vaddr == 42);
    /* A second page in the same 2 MiB needs no new table. */
    seL4_CPtr frame2;
    TEST_CHECK(rs_arena_object(&arena, seL4_ARM_SmallPageObject, 0, &frame2) == seL4_NoError);
    TEST_CHECK(rs_vspace_map(&vs, frame2, seL4_PageBits, vaddr + 4096, seL4_ReadWrite,
                             seL4_ARM_Default_VMAttributes) == seL4_NoError);
    TEST_CHECK(vs.count == 3);
    TEST_CHECK(rs_vspace_teardown(&vs) == seL4_NoError && vs.count == 0);
    /* The tables are gone: mapping there again needs the top one first. */
    TEST_CHECK(seL4_ARM_Page_Unmap(frame) == seL4_NoError);
    TEST_CHECK(seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                 seL4_ARM_Default_VMAttributes) == seL4_FailedLookup);
    TEST_CHECK(seL4_GetMR(RS_LOOKUP_BITS_LEFT_MR) == 39);
    TEST_CHECK(rs_arena_release(&arena) == seL4_NoError);
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram);
}

static bool find_program(const char *name, rs_process_config_t *config, seL4_Word arg)
{
    rs_cpio_entry_t entry;
    rs_cpio_error_t err = rs_cpio_find(rslib_archive_start, archive_size(), name, &entry);
    if (err != RS_CPIO_OK) {
        printf("    %s: %s\n", name, rs_cpio_strerror(err));
        return false;
    }
    *config = (rs_process_config_t){ .elf = entry.data, .elf_size = entry.size,
                                     .priority = PRIO, .arg = arg };
    return true;
}

static void report(const rs_process_t *p, seL4_Error err)
{
    if (err != seL4_NoError) {
        printf("    failed at %s: error %d (%s)\n", p->failed, (int)err,
               rs_elf_strerror(p->elf_error));
    }
}

static void test_spawn(void)
{
    rs_cpio_entry_t entry;
    TEST_CHECK(rs_cpio_find(rslib_archive_start, archive_size(), "nosuch", &entry) ==
               RS_CPIO_NOT_FOUND);
    TEST_CHECK(rs_ut_alloc_object(&env.ut, seL4_EndpointObject, 0, &echo_ep, &echo_ep_ut) ==
               seL4_NoError);
    TEST_CHECK(rs_ut_alloc_object(&env.ut, seL4_EndpointObject, 0, &caller_ep, &caller_ep_ut) ==
               seL4_NoError);
    ram_before_spawn = rs_ut_free_bytes(&env.ut, false);
    printf("    free RAM before spawning: %lu bytes\n", ram_before_spawn);
    rs_process_config_t config;
    TEST_CHECK(find_program("echo", &config, ECHO_ARG));
    seL4_Error err = rs_process_create(&echo, &env, &config);
    report(&echo, err);
    TEST_CHECK(err == seL4_NoError);
    TEST_CHECK(rs_process_give(&echo, ECHO_SLOT_EP, echo_ep, seL4_AllRights, 0) == seL4_NoError);
    TEST_CHECK(rs_process_start(&echo) == seL4_NoError);
    TEST_CHECK(find_program("caller", &config, CALLER_ARG));
    err = rs_process_create(&caller, &env, &config);
    report(&caller, err);
    TEST_CHECK(err == seL4_NoError);
    TEST_CHECK(rs_process_give(&caller, CALLER_SLOT_EP, caller_ep, seL4_AllRights,
                               CALLER_BADGE) == seL4_NoError);
    TEST_CHECK(rs_process_start(&caller) == seL4_NoError);
    TEST_CHECK(identify(echo.tcb) == CAP_THREAD && identify(caller.vspace) == CAP_VSPACE);
    printf("    free RAM with both running: %lu bytes\n", rs_ut_free_bytes(&env.ut, false));
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) < ram_before_spawn);
}

static bool echo_once(seL4_Word value)
{
    seL4_SetMR(0, value);
    seL4_MessageInfo_t info = seL4_Call(echo_ep, seL4_MessageInfo_new(1, 0, 0, 1));
    return seL4_MessageInfo_get_label(info) == ECHO_LABEL &&
           seL4_MessageInfo_get_length(info) == 3 && seL4_GetMR(0) == 2 * value + ECHO_ARG &&
           seL4_GetMR(1) == DATA_SUM && seL4_GetMR(2) == 0;
}

static void test_talk(void)
{
    TEST_CHECK(echo_once(5));
    TEST_CHECK(echo_once(100));
    for (seL4_Word n = 0; n < 3; n++) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t info = seL4_Recv(caller_ep, &badge);
        TEST_CHECK(badge == CALLER_BADGE && seL4_MessageInfo_get_length(info) == 3);
        TEST_CHECK(seL4_GetMR(0) == CALLER_ARG + n && seL4_GetMR(1) == DATA_SUM &&
                   seL4_GetMR(2) == n);
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    }
}

static void test_teardown_one(void)
{
    seL4_Word before = rs_ut_free_bytes(&env.ut, false);
    seL4_CPtr tcb = caller.tcb;
    TEST_CHECK(rs_process_teardown(&caller) == seL4_NoError);
    TEST_CHECK(identify(tcb) == CAP_NULL);
    seL4_Word after = rs_ut_free_bytes(&env.ut, false);
    printf("    free RAM: %lu before teardown, %lu after\n", before, after);
    TEST_CHECK(after > before);
    /* Nobody is left to call: a Recv would block, so poll once. */
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(caller_ep, &badge);
    TEST_CHECK(badge == 0 && seL4_MessageInfo_get_length(info) == 0);
    /* The other process is untouched. */
    TEST_CHECK(echo_once(21));
}

static void test_teardown_all(void)
{
    TEST_CHECK(rs_process_teardown(&echo) == seL4_NoError);
    seL4_Word after = rs_ut_free_bytes(&env.ut, false);
    printf("    free RAM before spawning %lu, after both teardowns %lu\n", ram_before_spawn,
           after);
    TEST_CHECK(after == ram_before_spawn);
    TEST_CHECK(rs_ut_free(&env.ut, echo_ep_ut) == seL4_NoError);
    TEST_CHECK(rs_ut_free(&env.ut, caller_ep_ut) == seL4_NoError);
    TEST_CHECK(identify(echo_ep) == CAP_NULL);
    rs_slots_free(&env.slots, echo_ep);
    rs_slots_free(&env.slots, caller_ep);
}

static uint8_t bad_elf[16384];

static void expect_refused(size_t size, rs_elf_error_t want)
{
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    seL4_Word slots = env.slots.free;
    rs_process_config_t config = { .elf = bad_elf, .elf_size = size, .priority = PRIO };
    rs_process_t p;
    TEST_CHECK(rs_process_create(&p, &env, &config) == seL4_InvalidArgument);
    TEST_CHECK(p.elf_error == want);
    printf("    refused: %s\n", rs_elf_strerror(p.elf_error));
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram && env.slots.free == slots);
}

static void test_bad_elf(void)
{
    rs_cpio_entry_t entry;
    TEST_CHECK(rs_cpio_find(rslib_archive_start, archive_size(), "echo", &entry) == RS_CPIO_OK);
    TEST_CHECK(entry.size <= sizeof(bad_elf));
    if (entry.size > sizeof(bad_elf)) {
        return;
    }
    __builtin_memcpy(bad_elf, entry.data, entry.size);
    bad_elf[18] = 62; /* EM_X86_64 */
    expect_refused(entry.size, RS_ELF_BAD_MACHINE);
    bad_elf[18] = 183;
    expect_refused(40, RS_ELF_TRUNCATED);
    expect_refused(entry.size / 2, RS_ELF_SEGMENT_OUTSIDE_FILE);
}

static void test_spawn_fails_cleanly(void)
{
    /* A priority above the root task's MCP fails at SetPriority, after
     * every object was made: all of them must come back. */
    seL4_Word ram = rs_ut_free_bytes(&env.ut, false);
    seL4_Word slots = env.slots.free;
    rs_process_config_t config;
    TEST_CHECK(find_program("echo", &config, 0));
    config.priority = seL4_MaxPrio + 1;
    rs_process_t p;
    TEST_CHECK(rs_process_spawn(&p, &env, &config) != seL4_NoError);
    TEST_CHECK(p.failed != NULL);
    printf("    failed at %s, as expected\n", p.failed != NULL ? p.failed : "(none)");
    TEST_CHECK(rs_ut_free_bytes(&env.ut, false) == ram && env.slots.free == slots);
}

static const test_case_t cases[] = {
    { "RSLIB0001", "slot allocator: single slots and ranges from bootinfo's empty region",
      test_slots },
    { "RSLIB0002", "untyped by size: split, retype a frame, free, totals back", test_untyped_by_size },
    { "RSLIB0003", "device frame by physical address, carved out of a device untyped",
      test_device_frame },
    { "RSLIB0004", "mapper makes the three missing page tables and deletes them", test_mapper },
    { "RSLIB0005", "spawn echo and caller from the CPIO archive", test_spawn },
    { "RSLIB0006", "talk to both over endpoints (segments, .bss, arguments right)", test_talk },
    { "RSLIB0007", "tear down caller: its memory returns, echo still answers",
      test_teardown_one },
    { "RSLIB0008", "tear down echo: free RAM exactly as before spawning", test_teardown_all },
    { "RSLIB0009", "malformed ELF files refused before anything is made", test_bad_elf },
    { "RSLIB0010", "a spawn failing late gives back everything it made",
      test_spawn_fails_cleanly },
};

int main(void)
{
    seL4_Error err = rs_env_init(&env, seL4_GetBootInfo());
    printf("RSLIB: rs_env_init: %d; free RAM %lu bytes, device %lu bytes\n", (int)err,
           rs_ut_free_bytes(&env.ut, false), rs_ut_free_bytes(&env.ut, true));
    if (err != seL4_NoError) {
        return 1;
    }
    return test_run(cases, TEST_COUNT(cases));
}
