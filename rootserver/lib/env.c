// SPDX-License-Identifier: BSD-2-Clause
/* The root task's resources (env.h). */
#include <rootserver/env.h>

#define ROOT_ARENA_BITS 16     /* 64 KiB: sixteen page tables */
#define ROOT_ARENA_OBJECTS 32

seL4_Error rs_env_init(rs_env_t *env, const seL4_BootInfo *bi)
{
    env->bi = bi;
    env->scratch = RS_ENV_SCRATCH_VADDR;
    env->asid_pool = seL4_CapInitThreadASIDPool;
    rs_slots_init(&env->slots, bi->empty.start, bi->empty.end);
    rs_ut_init(&env->ut, &env->slots, bi);
    seL4_Error err = rs_arena_init(&env->arena, &env->ut, ROOT_ARENA_BITS, ROOT_ARENA_OBJECTS);
    if (err != seL4_NoError) {
        return err;
    }
    rs_vspace_init(&env->vspace, seL4_CapInitThreadVSpace, &env->arena);
    /* Make the scratch page's tables now: map a frame there once. */
    seL4_CPtr frame;
    err = rs_arena_object(&env->arena, seL4_ARM_SmallPageObject, 0, &frame);
    if (err == seL4_NoError) {
        err = rs_vspace_map(&env->vspace, frame, seL4_PageBits, env->scratch, seL4_ReadWrite,
                            seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
    }
    if (err == seL4_NoError) {
        err = seL4_CNode_Delete(seL4_CapInitThreadCNode, frame, seL4_WordBits);
    }
    return err;
}
