// SPDX-License-Identifier: BSD-2-Clause
/*
 * Helpers for the demo's steps: objects in untypeds of their own, processes
 * from the CPIO archive linked into the image (archive.S), caps given to
 * them, and waiting for what they report. Failures are printed with "FAIL"
 * so that the system test rejects them.
 */
#include <rootserver/cpio.h>

#include "demo.h"

extern const char demo_archive_start[];
extern const char demo_archive_end[];

rs_env_t demo_env;
demo_object_t demo_report;

bool demo_object_new(demo_object_t *o, seL4_Word type, const char *what)
{
    seL4_Error err = rs_ut_alloc_object(&demo_env.ut, type, 0, &o->cap, &o->ut);
    if (err != seL4_NoError) {
        printf("[root] FAIL: no memory for %s (error %d)\n", what, (int)err);
        o->cap = 0;
        return false;
    }
    return true;
}

void demo_object_free(demo_object_t *o)
{
    if (o->cap != 0) {
        (void)rs_ut_free(&demo_env.ut, o->ut); /* the revoke deletes o->cap too */
        rs_slots_free(&demo_env.slots, o->cap);
        o->cap = 0;
    }
}

bool demo_spawn(rs_process_t *p, const char *program, const char *name, seL4_Word priority,
                seL4_Word arg, seL4_Word report_badge)
{
    size_t size = (size_t)((uintptr_t)demo_archive_end - (uintptr_t)demo_archive_start);
    rs_cpio_entry_t file;
    rs_cpio_error_t cerr = rs_cpio_find(demo_archive_start, size, program, &file);
    if (cerr != RS_CPIO_OK) {
        printf("[root] FAIL: %s: %s\n", program, rs_cpio_strerror(cerr));
        return false;
    }
    rs_process_config_t config = { .elf = file.data, .elf_size = file.size,
                                   .priority = priority, .arg = arg,
                                   .fault_ep = SLOT_REPORT };
    seL4_Error err = rs_process_create(p, &demo_env, &config);
    if (err != seL4_NoError) {
        printf("[root] FAIL: spawning %s: %s failed with error %d (%s)\n", program, p->failed,
               (int)err, rs_elf_strerror(p->elf_error));
        p->tcb = 0;
        return false;
    }
    seL4_DebugNameThread(p->tcb, name);
    return demo_give(p, SLOT_REPORT, demo_report.cap, seL4_AllRights, report_badge);
}

bool demo_give(rs_process_t *p, seL4_Word slot, seL4_CPtr cap, seL4_CapRights_t rights,
               seL4_Word badge)
{
    seL4_Error err = rs_process_give(p, slot, cap, rights, badge);
    if (err != seL4_NoError) {
        printf("[root] FAIL: giving a cap for slot %lu: error %d\n", slot, (int)err);
        return false;
    }
    return true;
}

bool demo_start(rs_process_t *p)
{
    seL4_Error err = rs_process_start(p);
    if (err != seL4_NoError) {
        printf("[root] FAIL: starting a process: error %d\n", (int)err);
        return false;
    }
    return true;
}

seL4_Word demo_wait(seL4_Word *badge)
{
    return seL4_MessageInfo_get_label(seL4_Recv(demo_report.cap, badge));
}

bool demo_expect(seL4_Word label, seL4_Word badge)
{
    seL4_Word got_badge = 0;
    seL4_Word got = demo_wait(&got_badge);
    if (got != label || got_badge != badge) {
        printf("[root] FAIL: expected label 0x%lx from badge 0x%lx, got label 0x%lx from 0x%lx\n",
               label, badge, got, got_badge);
        return false;
    }
    return true;
}

void demo_teardown(rs_process_t *p)
{
    if (p->tcb == 0) {
        return;
    }
    seL4_Error err = rs_process_teardown(p);
    if (err != seL4_NoError) {
        printf("[root] FAIL: teardown: error %d\n", (int)err);
    }
    p->tcb = 0;
}
