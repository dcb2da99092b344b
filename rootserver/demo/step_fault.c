// SPDX-License-Identifier: BSD-2-Clause
/*
 * Step 3: a fault handled at user level. The faulty program's fault
 * endpoint is a badged cap to the root's report endpoint, so when it reads
 * an unmapped address the kernel suspends it and sends the root a VM fault
 * message (seL4 manual, "Faults": MR0 pc, MR1 address, MR2 whether it was
 * an instruction fetch, MR3 the fault status). The root maps a page there,
 * with a note written into it, and replies: the kernel resumes the program
 * at the load that faulted.
 */
#include <rootserver/untyped.h>

#include "demo.h"

static const char note[] = "this page was mapped by the root, in reply to your fault";

static rs_process_t faulty;

/* A new page of the faulty program's arena holding the note, mapped at vaddr. */
static seL4_Error supply_page(seL4_Word vaddr)
{
    seL4_CPtr frame;
    seL4_Error err = rs_arena_object(&faulty.arena, seL4_ARM_SmallPageObject, 0, &frame);
    if (err != seL4_NoError) {
        return err;
    }
    /* Fill it through the root's scratch address, then hand it over. */
    err = rs_vspace_map(&demo_env.vspace, frame, seL4_PageBits, demo_env.scratch, seL4_ReadWrite,
                        seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
    if (err != seL4_NoError) {
        return err;
    }
    __builtin_memcpy((void *)demo_env.scratch, note, sizeof(note));
    err = seL4_ARM_Page_Unmap(frame);
    if (err != seL4_NoError) {
        return err;
    }
    return rs_vspace_map(&faulty.mapper, frame, seL4_PageBits, vaddr, seL4_CanRead,
                         seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
}

static bool handle_fault(void)
{
    seL4_Word badge = 0;
    seL4_Word label = demo_wait(&badge);
    if (label != seL4_Fault_VMFault || badge != REPORT_FAULTY) {
        printf("[root] FAIL: expected a VM fault from faulty, got label %lu\n", label);
        return false;
    }
    seL4_Word pc = seL4_GetMR(seL4_VMFault_IP);
    seL4_Word addr = seL4_GetMR(seL4_VMFault_Addr);
    seL4_Word fetch = seL4_GetMR(seL4_VMFault_PrefetchFault);
    seL4_Word fsr = seL4_GetMR(seL4_VMFault_FSR);
    printf("[root] VM fault from faulty: %s at address 0x%lx, pc 0x%lx (fault status 0x%lx)\n",
           fetch != 0 ? "instruction fetch" : "data access", addr, pc, fsr);
    seL4_Error err = supply_page(addr & ~(seL4_Word)((1UL << seL4_PageBits) - 1));
    if (err != seL4_NoError) {
        printf("[root] FAIL: mapping a page for faulty: error %d\n", (int)err);
        return false;
    }
    printf("[root] mapped a page at 0x%lx into faulty's VSpace and replied: it restarts\n",
           addr & ~(seL4_Word)((1UL << seL4_PageBits) - 1));
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    return true;
}

bool demo_fault_run(void)
{
    printf("\n[root] step 3: a process faults; the root handles the fault and restarts it\n");
    if (!demo_spawn(&faulty, "faulty", "faulty", PRIO_CLIENT, 0, REPORT_FAULTY) || !demo_start(&faulty) ||
        !handle_fault()) {
        return false;
    }
    return demo_expect(LABEL_DONE, REPORT_FAULTY);
}

void demo_fault_end(void)
{
    demo_teardown(&faulty);
}
