// SPDX-License-Identifier: BSD-2-Clause
/* Objects from one untyped, and mappings that create their page tables. */
#include "vm.h"

seL4_CPtr env_object(proc_env_t *env, seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = env->slot();
    if (slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_Untyped_Retype(env->untyped, type, size_bits, seL4_CapInitThreadCNode,
                                         0, 0, slot, 1);
    return err == seL4_NoError ? slot : 0;
}

seL4_CPtr env_copy(proc_env_t *env, seL4_CPtr src)
{
    seL4_CPtr slot = env->slot();
    if (slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_CNode_Copy(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                                     seL4_CapInitThreadCNode, src, seL4_WordBits, seL4_AllRights);
    return err == seL4_NoError ? slot : 0;
}

/* Levels 1-3 may be missing: at most three tables, then the frame maps. */
#define MAX_TABLES 3

seL4_Error vm_map(proc_env_t *env, seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr,
                  seL4_CapRights_t rights, seL4_Word attr)
{
    for (unsigned made = 0;; made++) {
        seL4_Error err = seL4_ARM_Page_Map(frame, vspace, vaddr, rights, attr);
        if (err != seL4_FailedLookup || made == MAX_TABLES) {
            return err;
        }
        seL4_CPtr table = env_object(env, seL4_ARM_PageTableObject, 0);
        if (table == 0) {
            return seL4_NotEnoughMemory;
        }
        err = seL4_ARM_PageTable_Map(table, vspace, vaddr, seL4_ARM_Default_VMAttributes);
        if (err != seL4_NoError) {
            return err;
        }
        env->tables++;
    }
}

seL4_CPtr vm_root_page(proc_env_t *env, seL4_Word vaddr)
{
    seL4_CPtr frame = env_object(env, seL4_ARM_SmallPageObject, 0);
    if (frame == 0 || vm_map(env, seL4_CapInitThreadVSpace, frame, vaddr, seL4_ReadWrite,
                             seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever) !=
                          seL4_NoError) {
        return 0;
    }
    return frame;
}
