// SPDX-License-Identifier: BSD-2-Clause
/*
 * SNAPSHOT0001: seL4_DebugSnapshot over a system holding every kind of
 * object. The root task builds, without starting anything: a child
 * untyped with an endpoint made from it; a CNode, minted with a guard and
 * holding a badged send-only endpoint cap and a notification cap; a
 * worker thread with a fault endpoint (a badged copy), an IPC buffer and
 * a bound notification; a second ASID pool with a second VSpace, whose
 * page tables map the IPC buffer of a second thread that uses the guarded
 * CNode as its CSpace; frames of 4 KiB, 2 MiB and 1 GiB mapped in the
 * root's VSpace, and one 4 KiB frame mapped nowhere; an IRQ handler whose
 * interrupts signal the notification. It prints what a checker needs to
 * know ("SNAP: ..." lines), takes the snapshot, and the host-side checker
 * (check_snapshot.py) reads the console log back with the visualiser's
 * reader. The final INVARIANTS case shows the dump changed nothing.
 */
#include "../vm/vm_util.h"

#define WORKER_PRIO 77
#define OTHER_PRIO 66
#define BADGE_SEND 0x55
#define BADGE_FAULT 0x66
#define BADGE_IRQ 0x1
#define CNODE_RADIX 4
#define OTHER_IPC_VADDR 0x10000000UL
#define FIRST_IRQ 48 /* shared peripheral interrupts, on both boards' GICs */
#define LAST_IRQ 200
#define HUGE_VADDR 0x40000000UL /* the root VSpace's second GiB: nothing there yet */

static seL4_CPtr ep, ntfn, cnode;

static seL4_CPtr mint(seL4_CPtr cap, seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_CNode_Mint(ROOT_CNODE, slot, seL4_WordBits, ROOT_CNODE, cap,
                                     seL4_WordBits, rights, badge);
    CHECK_OK(err);
    return err == seL4_NoError ? slot : 0;
}

/* The CNode: a badged send-only endpoint cap in slot 1, the notification
 * in slot 2; and in the root CNode a copy of its cap with guard 0x5. */
static void build_cnode(void)
{
    cnode = vm_object(seL4_CapTableObject, CNODE_RADIX);
    TEST_CHECK(cnode != 0);
    CHECK_OK(seL4_CNode_Mint(cnode, 1, CNODE_RADIX, ROOT_CNODE, ep, seL4_WordBits,
                             seL4_CanWrite, BADGE_SEND));
    CHECK_OK(seL4_CNode_Copy(cnode, 2, CNODE_RADIX, ROOT_CNODE, ntfn, seL4_WordBits,
                             seL4_CanRead));
    seL4_CPtr guarded = mint(cnode, seL4_AllRights, seL4_CNode_CapData_new(0x5, 8).words[0]);
    TEST_CHECK(guarded != 0);
}

static seL4_CPtr frame_mapped(seL4_Word type, seL4_Word vaddr)
{
    seL4_CPtr frame = vm_object(type, 0);
    TEST_CHECK(frame != 0);
    CHECK_OK(vm_map(frame, ROOT_VSPACE, vaddr, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
    return frame;
}

static void build_frames(void)
{
    seL4_Word small = vm_region();
    seL4_Word large = vm_region();
    (void)frame_mapped(seL4_ARM_SmallPageObject, small);
    (void)frame_mapped(seL4_ARM_LargePageObject, large);
    TEST_CHECK(vm_object(seL4_ARM_SmallPageObject, 0) != 0); /* mapped nowhere */
    printf("SNAP: frame4k 0x%lx\nSNAP: frame2m 0x%lx\n", small, large);
    unsigned bits = 0;
    seL4_CPtr ut = test_untyped(seL4_HugePageBits, &bits);
    seL4_CPtr huge = test_slot();
    if (ut == 0 || seL4_Untyped_Retype(ut, seL4_ARM_HugePageObject, 0, ROOT_CNODE, 0, 0, huge,
                                       1) != seL4_NoError) {
        printf("SNAP: frame1g none (no free GiB on this boot path)\n");
        return;
    }
    CHECK_OK(vm_map(huge, ROOT_VSPACE, HUGE_VADDR, seL4_ReadWrite,
                    seL4_ARM_Default_VMAttributes));
    printf("SNAP: frame1g 0x%lx\n", HUGE_VADDR);
}

static seL4_CPtr new_thread(const char *name, seL4_Word prio)
{
    seL4_CPtr tcb = vm_object(seL4_TCBObject, 0);
    TEST_CHECK(tcb != 0);
    CHECK_OK(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio));
    seL4_DebugNameThread(tcb, name);
    return tcb;
}

/* The worker: the root's CSpace and VSpace, its own IPC buffer. */
static void build_worker(void)
{
    seL4_Word buffer = vm_region();
    seL4_CPtr frame = frame_mapped(seL4_ARM_SmallPageObject, buffer);
    seL4_CPtr fault_ep = mint(ep, seL4_AllRights, BADGE_FAULT);
    seL4_CPtr tcb = new_thread("snap-worker", WORKER_PRIO);
    CHECK_OK(seL4_TCB_Configure(tcb, fault_ep, ROOT_CNODE, 0, ROOT_VSPACE, 0, buffer, frame));
    CHECK_OK(seL4_TCB_BindNotification(tcb, ntfn));
    printf("SNAP: worker fault_ep 0x%lx\nSNAP: worker ipc_buffer 0x%lx\n", fault_ep, buffer);
}

/* The other thread: the guarded CNode as its CSpace, a VSpace of its own
 * with an ASID from a second pool. */
static void build_other(void)
{
    seL4_CPtr pool = vm_make_pool();
    seL4_CPtr vspace = pool == 0 ? 0 : vm_vspace(pool);
    seL4_CPtr frame = vm_object(seL4_ARM_SmallPageObject, 0);
    TEST_CHECK(vspace != 0 && frame != 0);
    CHECK_OK(vm_map(frame, vspace, OTHER_IPC_VADDR, seL4_ReadWrite,
                    seL4_ARM_Default_VMAttributes));
    seL4_CPtr tcb = new_thread("snap-other", OTHER_PRIO);
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - CNODE_RADIX).words[0];
    CHECK_OK(seL4_TCB_Configure(tcb, 1, cnode, guard, vspace, 0, OTHER_IPC_VADDR, frame));
    printf("SNAP: other ipc_buffer 0x%lx\n", OTHER_IPC_VADDR);
}

/* An IRQ handler whose interrupts signal the notification (badge 1). */
static void build_irq(void)
{
    seL4_CPtr handler = test_slot();
    seL4_Word irq = FIRST_IRQ;
    while (irq < LAST_IRQ && seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT_CNODE, handler,
                                                 seL4_WordBits) != seL4_NoError) {
        irq++; /* the kernel's own, or past the controller's lines */
    }
    TEST_CHECK(irq < LAST_IRQ);
    CHECK_OK(seL4_IRQHandler_SetNotification(handler, mint(ntfn, seL4_AllRights, BADGE_IRQ)));
    printf("SNAP: irq %lu\n", irq);
}

static void snapshot_everything(void)
{
    seL4_CPtr child = vm_untyped(16);
    TEST_CHECK(child != 0);
    ep = test_create(child, seL4_EndpointObject, 0, seL4_Null);
    ntfn = vm_object(seL4_NotificationObject, 0);
    TEST_CHECK(ep != 0 && ntfn != 0);
    build_cnode();
    build_frames();
    build_worker();
    build_other();
    build_irq();
    seL4_DebugSnapshot();
}

int main(void)
{
    vm_init();
    static const test_case_t cases[] = {
        { "SNAPSHOT0001", "every object type, then seL4_DebugSnapshot", snapshot_everything },
    };
    return test_run(cases, TEST_COUNT(cases));
}
