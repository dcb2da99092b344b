// SPDX-License-Identifier: BSD-2-Clause
/*
 * Building and destroying processes (process.h). The loader fills each new
 * frame while it is mapped at the root task's scratch address (the rest of
 * a fresh frame is already zero, which is all .bss needs), makes code
 * visible to instruction fetch (Page_Unify_Instruction), unmaps it, and
 * maps it into the process at its page with the segment's rights.
 */
#include <rootserver/process.h>

#define PAGE_SIZE (1UL << seL4_PageBits)
#define DEFAULT_CNODE_BITS 8
#define DEFAULT_STACK_PAGES 4
#define DEFAULT_ARENA_BITS 18
#define FIXED_OBJECTS 4 /* VSpace, CNode, TCB, IPC buffer */

static bool step(rs_process_t *p, const char *what, seL4_Error err)
{
    if (err != seL4_NoError && p->failed == NULL) {
        p->failed = what;
        p->error = err;
    }
    return err == seL4_NoError;
}

static seL4_Word segment_pages(const rs_elf_segment_t *s)
{
    seL4_Word first = s->vaddr / PAGE_SIZE;
    seL4_Word last = (s->vaddr + s->memsz - 1) / PAGE_SIZE;
    return last - first + 1;
}

static seL4_Error load_page(rs_process_t *p, const rs_elf_t *elf, const rs_elf_segment_t *s,
                            seL4_Word page)
{
    rs_env_t *env = p->env;
    seL4_CPtr frame;
    seL4_Error err = rs_arena_object(&p->arena, seL4_ARM_SmallPageObject, 0, &frame);
    if (err != seL4_NoError) {
        return err;
    }
    err = rs_vspace_map(&env->vspace, frame, seL4_PageBits, env->scratch, seL4_ReadWrite,
                        seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
    if (err != seL4_NoError) {
        return err;
    }
    /* The part of the segment's file bytes that falls in this page. */
    seL4_Word from = page > s->vaddr ? page : s->vaddr;
    seL4_Word to = page + PAGE_SIZE < s->vaddr + s->filesz ? page + PAGE_SIZE
                                                             : s->vaddr + s->filesz;
    if (from < to) {
        __builtin_memcpy((void *)(env->scratch + (from - page)),
                         elf->file + s->offset + (from - s->vaddr), to - from);
    }
    if (s->flags & RS_ELF_PF_X) {
        err = seL4_ARM_Page_Unify_Instruction(frame, 0, PAGE_SIZE);
    }
    seL4_Error unmap = seL4_ARM_Page_Unmap(frame);
    if (err != seL4_NoError || unmap != seL4_NoError) {
        return err != seL4_NoError ? err : unmap;
    }
    seL4_CapRights_t rights = (s->flags & RS_ELF_PF_W) ? seL4_ReadWrite : seL4_CanRead;
    seL4_ARM_VMAttributes attr = (s->flags & RS_ELF_PF_X)
                                     ? seL4_ARM_Default_VMAttributes
                                     : seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever;
    return rs_vspace_map(&p->mapper, frame, seL4_PageBits, page, rights, attr);
}

static bool load_segments(rs_process_t *p, const rs_elf_t *elf)
{
    for (unsigned i = 0; i < elf->count; i++) {
        const rs_elf_segment_t *s = &elf->segments[i];
        seL4_Word first = s->vaddr & ~(PAGE_SIZE - 1);
        for (seL4_Word n = 0; n < segment_pages(s); n++) {
            if (!step(p, "load segment", load_page(p, elf, s, first + n * PAGE_SIZE))) {
                return false;
            }
        }
    }
    return true;
}

static bool map_fresh(rs_process_t *p, const char *what, seL4_Word vaddr, seL4_CPtr *frame)
{
    return step(p, what, rs_arena_object(&p->arena, seL4_ARM_SmallPageObject, 0, frame)) &&
           step(p, what, rs_vspace_map(&p->mapper, *frame, seL4_PageBits, vaddr, seL4_ReadWrite,
                                       seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever));
}

static bool make_objects(rs_process_t *p, seL4_Word stack_pages)
{
    if (!step(p, "VSpace", rs_arena_object(&p->arena, seL4_ARM_VSpaceObject, 0, &p->vspace)) ||
        !step(p, "ASIDPool_Assign", seL4_ARM_ASIDPool_Assign(p->env->asid_pool, p->vspace)) ||
        !step(p, "CNode", rs_arena_object(&p->arena, seL4_CapTableObject, p->cnode_bits,
                                          &p->cnode)) ||
        !step(p, "TCB", rs_arena_object(&p->arena, seL4_TCBObject, 0, &p->tcb))) {
        return false;
    }
    rs_vspace_init_new(&p->mapper, p->vspace, &p->arena);
    if (!map_fresh(p, "IPC buffer", RS_PROCESS_IPC_BUFFER, &p->ipc_frame)) {
        return false;
    }
    for (seL4_Word i = 1; i <= stack_pages; i++) {
        seL4_CPtr frame;
        if (!map_fresh(p, "stack", RS_PROCESS_STACK_TOP - i * PAGE_SIZE, &frame)) {
            return false;
        }
    }
    return true;
}

static bool configure(rs_process_t *p, const rs_process_config_t *config)
{
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - p->cnode_bits).words[0];
    seL4_UserContext regs = { .pc = p->entry, .sp = RS_PROCESS_STACK_TOP,
                              .x0 = RS_PROCESS_IPC_BUFFER, .x1 = config->arg };
    return step(p, "TCB_Configure",
                seL4_TCB_Configure(p->tcb, config->fault_ep, p->cnode, guard, p->vspace, 0,
                                   RS_PROCESS_IPC_BUFFER, p->ipc_frame)) &&
           step(p, "TCB_SetPriority",
                seL4_TCB_SetPriority(p->tcb, seL4_CapInitThreadTCB, config->priority)) &&
           step(p, "TCB_WriteRegisters", seL4_TCB_WriteRegisters(p->tcb, false, 0, 5, &regs));
}

seL4_Error rs_process_create(rs_process_t *p, rs_env_t *env, const rs_process_config_t *config)
{
    *p = (rs_process_t){ .env = env, .failed = NULL };
    p->cnode_bits = config->cnode_bits != 0 ? config->cnode_bits : DEFAULT_CNODE_BITS;
    seL4_Word stack_pages = config->stack_pages != 0 ? config->stack_pages : DEFAULT_STACK_PAGES;
    seL4_Word stack_low = RS_PROCESS_STACK_TOP - stack_pages * PAGE_SIZE;
    rs_elf_t elf;
    p->elf_error = rs_elf_parse(&elf, config->elf, config->elf_size, stack_low - PAGE_SIZE - 1);
    if (p->elf_error != RS_ELF_OK) {
        p->failed = "ELF file";
        return seL4_InvalidArgument;
    }
    p->entry = elf.entry;
    seL4_Word objects = FIXED_OBJECTS + stack_pages + RS_VSPACE_MAX_TABLES;
    for (unsigned i = 0; i < elf.count; i++) {
        objects += segment_pages(&elf.segments[i]);
    }
    unsigned bits = config->arena_bits != 0 ? config->arena_bits : DEFAULT_ARENA_BITS;
    seL4_Error err = rs_arena_init(&p->arena, &env->ut, bits, objects);
    if (!step(p, "arena", err)) {
        return err;
    }
    if (make_objects(p, stack_pages) && load_segments(p, &elf) && configure(p, config)) {
        return seL4_NoError;
    }
    (void)rs_arena_release(&p->arena);
    return p->error;
}

seL4_Error rs_process_give(rs_process_t *p, seL4_Word slot, seL4_CPtr src, seL4_CapRights_t rights,
                           seL4_Word badge)
{
    if (p->given_count == RS_PROCESS_MAX_GIVEN) {
        return seL4_NotEnoughMemory;
    }
    seL4_Error err = badge != 0 ? seL4_CNode_Mint(p->cnode, slot, (seL4_Uint8)p->cnode_bits,
                                                  seL4_CapInitThreadCNode, src, seL4_WordBits,
                                                  rights, badge)
                                : seL4_CNode_Copy(p->cnode, slot, (seL4_Uint8)p->cnode_bits,
                                                  seL4_CapInitThreadCNode, src, seL4_WordBits,
                                                  rights);
    if (err == seL4_NoError) {
        p->given[p->given_count++] = slot;
    }
    return err;
}

seL4_Error rs_process_start(rs_process_t *p)
{
    return seL4_TCB_Resume(p->tcb);
}

seL4_Error rs_process_spawn(rs_process_t *p, rs_env_t *env, const rs_process_config_t *config)
{
    seL4_Error err = rs_process_create(p, env, config);
    if (err == seL4_NoError && !step(p, "TCB_Resume", err = rs_process_start(p))) {
        (void)rs_process_teardown(p);
    }
    return err;
}

seL4_Error rs_process_teardown(rs_process_t *p)
{
    /* Stop it first, so it does not run while its caps go. */
    seL4_Error result = seL4_TCB_Suspend(p->tcb);
    for (unsigned i = 0; i < p->given_count; i++) {
        seL4_Error err = seL4_CNode_Delete(p->cnode, p->given[i], (seL4_Uint8)p->cnode_bits);
        result = result != seL4_NoError ? result : err;
    }
    p->given_count = 0;
    /* The page tables are arena objects: the revoke below takes them. */
    p->mapper.count = 0;
    seL4_Error err = rs_arena_release(&p->arena);
    p->tcb = p->cnode = p->vspace = p->ipc_frame = 0;
    return result != seL4_NoError ? result : err;
}
