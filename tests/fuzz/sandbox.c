// SPDX-License-Identifier: BSD-2-Clause
/* The fuzzer's sandboxed thread (sandbox.h). */
#include "sandbox.h"

#include "rng.h"

#include <sel4/generated/invocation_labels.h>

static seL4_Error copy_in(seL4_CPtr cnode, seL4_Word slot, seL4_CPtr src, seL4_CapRights_t rights,
                          seL4_Word badge)
{
    return seL4_CNode_Mint(cnode, slot, SANDBOX_CNODE_BITS, seL4_CapInitThreadCNode, src,
                           seL4_WordBits, rights, badge);
}

bool sandbox_fill(seL4_CPtr cnode, seL4_CPtr tcb, seL4_Word prio, seL4_CPtr supervisor_ep,
                  seL4_Word badge, seL4_CPtr endpoint, seL4_CPtr ntfn, seL4_CPtr scratch)
{
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - SANDBOX_CNODE_BITS).words[0];
    seL4_CapRights_t send_only = seL4_CapRights_new(0, 0, 0, 1);
    /* The guarded CNode cap, made once in the root CNode and copied in. */
    if (seL4_CNode_Mint(seL4_CapInitThreadCNode, scratch, seL4_WordBits, seL4_CapInitThreadCNode,
                        cnode, seL4_WordBits, seL4_AllRights, guard) != seL4_NoError) {
        return false;
    }
    bool ok = copy_in(cnode, SANDBOX_FAULT_EP, supervisor_ep, send_only, badge) == seL4_NoError &&
              copy_in(cnode, SANDBOX_TCB, tcb, seL4_AllRights, 0) == seL4_NoError &&
              copy_in(cnode, SANDBOX_CNODE, scratch, seL4_AllRights, 0) == seL4_NoError &&
              copy_in(cnode, SANDBOX_VSPACE, seL4_CapInitThreadVSpace, seL4_AllRights, 0) ==
                  seL4_NoError &&
              copy_in(cnode, SANDBOX_ENDPOINT, endpoint, seL4_AllRights, 0) == seL4_NoError &&
              copy_in(cnode, SANDBOX_NTFN, ntfn, seL4_AllRights, 0) == seL4_NoError &&
              seL4_TCB_SetSpace(tcb, SANDBOX_FAULT_EP, scratch, 0, seL4_CapInitThreadVSpace, 0) ==
                  seL4_NoError &&
              seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio) == seL4_NoError;
    /* The thread's CSpace slot holds its own copy now. */
    return seL4_CNode_Delete(seL4_CapInitThreadCNode, scratch, seL4_WordBits) == seL4_NoError &&
           ok;
}

/* A label for an invocation of one of its own caps. Never one that moves
 * its pc, stack, TLS or IPC buffer: it shares the root task's address
 * space, and random code or a random buffer there would write over the
 * supervisor, which is not what is being tested. */
static seL4_Word sandbox_label(fuzz_rng_t *r, seL4_CPtr cap)
{
    static const seL4_Word tcb_labels[] = {
        TCBReadRegisters, TCBConfigure, TCBSetPriority, TCBSetMCPriority, TCBSetSchedParams,
        TCBSetSpace, TCBSuspend, TCBResume, TCBBindNotification, TCBUnbindNotification,
        TCBSetFlags,
    };
    switch (cap) {
    case SANDBOX_TCB:
        return tcb_labels[fuzz_rng_below(r, sizeof(tcb_labels) / sizeof(tcb_labels[0]))];
    case SANDBOX_CNODE:
        return CNodeRevoke + fuzz_rng_below(r, CNodeSaveCaller - CNodeRevoke + 1);
    case SANDBOX_VSPACE:
        return ARMVSpaceClean_Data + fuzz_rng_below(r, 4);
    default:
        return fuzz_rng_below(r, nInvocationLabels);
    }
}

static seL4_Word sandbox_word(fuzz_rng_t *r)
{
    switch (fuzz_rng_below(r, 4)) {
    case 0:
        return fuzz_rng_below(r, SANDBOX_SLOTS_USED); /* a slot or cptr of its own */
    case 1:
        return fuzz_rng_below(r, 2) ? seL4_WordBits : SANDBOX_CNODE_BITS; /* a depth */
    case 2:
        return fuzz_rng_below(r, 256); /* priorities, rights, flags */
    default:
        return fuzz_rng_next(r);
    }
}

void sandbox_run(uint64_t seed, uint64_t op)
{
    fuzz_rng_t r;
    fuzz_rng_seed(&r, seed ^ ((op + 1) * 0x94d049bb133111ebUL));
    seL4_CPtr cap = fuzz_rng_below(&r, SANDBOX_SLOTS_USED);
    seL4_Word length = fuzz_rng_below(&r, 8);
    seL4_Word caps = fuzz_rng_below(&r, seL4_MsgMaxExtraCaps + 1);
    for (seL4_Word i = 0; i < length; i++) {
        seL4_SetMR((int)i, sandbox_word(&r));
    }
    for (seL4_Word i = 0; i < caps; i++) {
        seL4_SetCap((int)i, fuzz_rng_below(&r, SANDBOX_SLOTS_USED));
    }
    seL4_MessageInfo_t info = seL4_MessageInfo_new(sandbox_label(&r, cap), 0, caps, length);
    if (cap == SANDBOX_ENDPOINT || cap == SANDBOX_NTFN || cap == SANDBOX_FAULT_EP) {
        seL4_NBSend(cap, info); /* never block on its own objects */
    } else {
        (void)seL4_Call(cap, info);
    }
}
