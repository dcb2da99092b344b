// SPDX-License-Identifier: BSD-2-Clause
/*
 * DOMAIN: scheduling domains (built with CAIRN_NUM_DOMAINS > 1). Domains
 * take turns on a static schedule and only threads of the current domain
 * run: a higher-priority thread spinning forever in domain 1 cannot starve
 * the root task in domain 0, and it does run in domain 1's turns.
 */
#include <sel4/sel4.h>

#include "../lib/caps.h"
#include "../lib/test.h"

static char stack[8192] __attribute__((aligned(16)));
static volatile seL4_Word spins;

static void spinner(void)
{
    for (;;) {
        spins++;
    }
}

static seL4_CPtr start_spinner(seL4_Word domain)
{
    seL4_CPtr ut = test_untyped(16, seL4_Null);
    seL4_CPtr tcb = test_create(ut, seL4_TCBObject, 0, seL4_Null);
    TEST_CHECK(tcb != 0);
    TEST_CHECK(seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace,
                                  0, 0, seL4_CapNull) == seL4_NoError);
    seL4_UserContext ctx = { 0 };
    ctx.pc = (seL4_Word)spinner;
    ctx.sp = (seL4_Word)(stack + sizeof(stack));
    TEST_CHECK(seL4_TCB_WriteRegisters(tcb, 0, 0, 3, &ctx) == seL4_NoError);
    TEST_CHECK(seL4_DomainSet_Set(seL4_CapDomain, (seL4_Uint8)domain, tcb) == seL4_NoError);
    TEST_CHECK(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, 200) == seL4_NoError);
    return tcb;
}

static void invalid_domain(void)
{
    seL4_CPtr ut = test_untyped(16, seL4_Null);
    seL4_CPtr tcb = test_create(ut, seL4_TCBObject, 0, seL4_Null);
    TEST_CHECK(seL4_DomainSet_Set(seL4_CapDomain, seL4_NumDomains, tcb) == seL4_InvalidArgument);
    TEST_CHECK(seL4_GetMR(0) == 0);
    TEST_CHECK(seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadCNode) ==
               seL4_InvalidArgument);
    TEST_CHECK(seL4_GetMR(0) == 1);
}

static void isolation(void)
{
    /* Run below the spinner: only the domain schedule lets us run again. */
    seL4_CPtr tcb = start_spinner(1);
    TEST_CHECK(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100) ==
               seL4_NoError);
    TEST_CHECK(seL4_TCB_Resume(tcb) == seL4_NoError);
    /* Wait (in our own turns) until the spinner has had a turn of its own. */
    for (seL4_Word i = 0; spins == 0 && i < 2000000000UL; i++) {
        __asm__ volatile("" ::: "memory");
    }
    TEST_CHECK(spins > 0);
    TEST_CHECK(seL4_TCB_Suspend(tcb) == seL4_NoError);
    TEST_CHECK(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB,
                                    seL4_MaxPrio) == seL4_NoError);
}

static void same_domain_preempts(void)
{
    /* In our own domain a higher priority runs first, as usual: a spinner
     * there would never let us back, so give it work that ends instead. */
    seL4_CPtr tcb = start_spinner(0);
    TEST_CHECK(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, 50) == seL4_NoError);
    seL4_Word before = spins;
    TEST_CHECK(seL4_TCB_Resume(tcb) == seL4_NoError);
    TEST_CHECK(spins == before); /* lower priority, same domain: not run yet */
    TEST_CHECK(seL4_TCB_Suspend(tcb) == seL4_NoError);
}

static const test_case_t cases[] = {
    { "DOMAIN0001", "DomainSet_Set rejects a domain past seL4_NumDomains and a non-TCB", invalid_domain },
    { "DOMAIN0002", "a spinning higher-priority thread in another domain cannot starve us", isolation },
    { "DOMAIN0003", "within a domain, priorities rule as usual", same_domain_preempts },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
