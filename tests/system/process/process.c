// SPDX-License-Identifier: BSD-2-Clause
/*
 * Builds a child process (process.h). The loader maps each new frame at
 * ROOT_SCRATCH_VA in the root task, copies the segment's bytes into it
 * (the rest of a fresh frame is already zero: .bss needs nothing), makes
 * code visible to instruction fetch, unmaps it, and maps it into the child
 * at the segment's address with the segment's rights.
 */
#include "process.h"

#include "elf.h"

static bool step(process_t *p, const char *what, seL4_Error err)
{
    if (err != seL4_NoError && p->failed == NULL) {
        p->failed = what;
        p->error = err;
    }
    return err == seL4_NoError;
}

static bool made(process_t *p, const char *what, seL4_CPtr cap)
{
    return step(p, what, cap != 0 ? seL4_NoError : seL4_NotEnoughMemory);
}

static seL4_Word segment_attr(uint32_t flags)
{
    return (flags & ELF_PF_X) ? seL4_ARM_Default_VMAttributes
                              : seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever;
}

static bool load_page(process_t *p, const elf_segment_t *s, uint64_t page)
{
    seL4_CPtr frame = env_object(p->env, seL4_ARM_SmallPageObject, 0);
    if (!made(p, "segment frame", frame) ||
        !step(p, "map scratch", vm_map(p->env, seL4_CapInitThreadVSpace, frame, ROOT_SCRATCH_VA,
                                       seL4_ReadWrite, seL4_ARM_Default_VMAttributes))) {
        return false;
    }
    uint64_t offset = page - s->vaddr; /* segments start on a page */
    if (offset < s->filesz) {
        uint64_t n = s->filesz - offset < PAGE_SIZE ? s->filesz - offset : PAGE_SIZE;
        __builtin_memcpy((void *)ROOT_SCRATCH_VA, s->data + offset, n);
    }
    if ((s->flags & ELF_PF_X) &&
        !step(p, "unify instruction", seL4_ARM_Page_Unify_Instruction(frame, 0, PAGE_SIZE))) {
        return false;
    }
    seL4_CapRights_t rights = (s->flags & ELF_PF_W) ? seL4_ReadWrite : seL4_CanRead;
    return step(p, "unmap scratch", seL4_ARM_Page_Unmap(frame)) &&
           step(p, "map segment", vm_map(p->env, p->vspace, frame, page, rights,
                                         segment_attr(s->flags)));
}

static bool load_elf(process_t *p)
{
    const uint8_t *image = child_elf_start;
    size_t size = (size_t)((uintptr_t)child_elf_end - (uintptr_t)child_elf_start);
    if (!step(p, "ELF header", elf_valid(image, size) ? seL4_NoError : seL4_InvalidArgument)) {
        return false;
    }
    p->entry = elf_entry(image);
    elf_segment_t s;
    for (unsigned i = 0; elf_load_segment(image, size, i, &s); i++) {
        if (!step(p, "segment alignment",
                  s.vaddr % PAGE_SIZE == 0 ? seL4_NoError : seL4_AlignmentError)) {
            return false;
        }
        for (uint64_t page = s.vaddr; page < s.vaddr + s.memsz; page += PAGE_SIZE) {
            if (!load_page(p, &s, page)) {
                return false;
            }
        }
    }
    return true;
}

static bool map_new(process_t *p, const char *what, seL4_Word vaddr, seL4_CPtr *frame_out)
{
    seL4_CPtr frame = env_object(p->env, seL4_ARM_SmallPageObject, 0);
    if (frame_out != NULL) {
        *frame_out = frame;
    }
    return made(p, what, frame) &&
           step(p, what, vm_map(p->env, p->vspace, frame, vaddr, seL4_ReadWrite,
                                seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever));
}

seL4_Error process_give(process_t *p, seL4_CPtr src, seL4_Word child_slot,
                        seL4_CapRights_t rights, seL4_Word badge)
{
    return seL4_CNode_Mint(p->cnode, child_slot, CHILD_CNODE_BITS, seL4_CapInitThreadCNode, src,
                           seL4_WordBits, rights, badge);
}

static bool fill_cspace(process_t *p, seL4_CPtr report_ep, seL4_CPtr fault_ep, seL4_Word badge)
{
    seL4_CapRights_t send = seL4_CapRights_new(1, 0, 0, 1); /* Write + GrantReply */
    p->cmd_ep = env_object(p->env, seL4_EndpointObject, 0);
    return made(p, "command endpoint", p->cmd_ep) &&
           step(p, "give command endpoint",
                process_give(p, p->cmd_ep, CHILD_SLOT_CMD, seL4_AllRights, 0)) &&
           step(p, "give report endpoint",
                process_give(p, report_ep, CHILD_SLOT_REPORT, send, badge)) &&
           step(p, "give fault endpoint", process_give(p, fault_ep, CHILD_SLOT_FAULT, send, badge));
}

bool process_build(process_t *p, proc_env_t *env, seL4_CPtr report_ep, seL4_CPtr fault_ep,
                   seL4_Word badge)
{
    *p = (process_t){ .env = env, .badge = badge };
    seL4_CPtr pool = env->asid_pool != 0 ? env->asid_pool : seL4_CapInitThreadASIDPool;
    p->vspace = env_object(env, seL4_ARM_VSpaceObject, 0);
    if (!made(p, "VSpace", p->vspace) ||
        !step(p, "ASIDPool_Assign", seL4_ARM_ASIDPool_Assign(pool, p->vspace))) {
        return false;
    }
    p->cnode = env_object(env, seL4_CapTableObject, CHILD_CNODE_BITS);
    p->tcb = env_object(env, seL4_TCBObject, 0);
    if (!made(p, "CNode", p->cnode) || !made(p, "TCB", p->tcb) || !load_elf(p) ||
        !map_new(p, "IPC buffer", CHILD_IPC_VA, &p->ipc_frame)) {
        return false;
    }
    for (seL4_Word i = 0; i < CHILD_STACK_PAGES; i++) {
        if (!map_new(p, "stack", CHILD_STACK_VA + i * PAGE_SIZE, NULL)) {
            return false;
        }
    }
    return fill_cspace(p, report_ep, fault_ep, badge);
}

bool process_start(process_t *p, seL4_Word prio)
{
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - CHILD_CNODE_BITS).words[0];
    seL4_UserContext regs = { .pc = p->entry, .sp = CHILD_STACK_TOP, .x0 = CHILD_IPC_VA };
    return p->failed == NULL &&
           step(p, "TCB_Configure", seL4_TCB_Configure(p->tcb, CHILD_SLOT_FAULT, p->cnode, guard,
                                                       p->vspace, 0, CHILD_IPC_VA,
                                                       p->ipc_frame)) &&
           step(p, "TCB_SetPriority",
                seL4_TCB_SetPriority(p->tcb, seL4_CapInitThreadTCB, prio)) &&
           step(p, "TCB_WriteRegisters", seL4_TCB_WriteRegisters(p->tcb, false, 0, 4, &regs)) &&
           step(p, "TCB_Resume", seL4_TCB_Resume(p->tcb));
}
