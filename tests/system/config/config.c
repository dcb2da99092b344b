// SPDX-License-Identifier: BSD-2-Clause
/*
 * CONFIG0001-0004: the configuration headers (<autoconf.h> and the headers
 * <sel4/sel4.h> includes) tell the truth about the kernel they came with:
 * what a root task can observe of it matches the CONFIG_* values.
 */
#include <autoconf.h>
#include <sel4/sel4.h>

#include "../lib/test.h"

static void test_boot_info(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    TEST_CHECK(bi->initThreadCNodeSizeBits == CONFIG_ROOT_CNODE_SIZE_BITS);
    TEST_CHECK(bi->empty.end == (1UL << CONFIG_ROOT_CNODE_SIZE_BITS));
    TEST_CHECK(bi->numNodes == CONFIG_MAX_NUM_NODES);
    TEST_CHECK(seL4_NumDomains == CONFIG_NUM_DOMAINS);
}

/* A real Pi 4 counts at 54 MHz (its firmware sets CNTFRQ_EL0); QEMU's
 * raspi4b has no such firmware and counts at QEMU's own 62.5 MHz. The
 * header describes the board; the kernel reads the register. */
#define QEMU_RASPI4B_FREQUENCY 62500000UL

static void test_timer(void)
{
    seL4_Word frequency;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    bool matches = frequency == CONFIG_TIMER_FREQUENCY;
#ifdef CONFIG_PLAT_BCM2711
    if (!matches && frequency == QEMU_RASPI4B_FREQUENCY) {
        printf("    QEMU raspi4b: CNTFRQ_EL0 is QEMU's %lu, not the board's %lu\n",
               (unsigned long)frequency, (unsigned long)CONFIG_TIMER_FREQUENCY);
        matches = true;
    }
#endif
    if (!matches) {
        printf("    CNTFRQ_EL0 is %lu\n", (unsigned long)frequency);
    }
    TEST_CHECK(matches);
}

static void test_architecture(void)
{
#if !defined(CONFIG_ARCH_AARCH64) || !defined(CONFIG_ARCH_ARM) || CONFIG_WORD_SIZE != 64
    TEST_CHECK(!"an AArch64 kernel must say so");
#endif
#if defined(CONFIG_KERNEL_MCS) || defined(CONFIG_ARM_HYPERVISOR_SUPPORT)
    TEST_CHECK(!"Cairn has neither MCS nor hypervisor support");
#endif
    TEST_CHECK(sizeof(seL4_Word) * 8 == CONFIG_WORD_SIZE);
}

/* CONFIG_ARM_TLS_REG_TPIDRU: the thread pointer is TPIDR_EL0, which
 * seL4_TCB_SetTLSBase sets and __sel4_ipc_buffer is found through. */
static void test_tls_register(void)
{
#ifndef CONFIG_ARM_TLS_REG_TPIDRU
    TEST_CHECK(!"CONFIG_ARM_TLS_REG_TPIDRU");
#endif
#if !CONFIG_LIB_SEL4_USE_THREAD_LOCALS
    TEST_CHECK(!"CONFIG_LIB_SEL4_USE_THREAD_LOCALS");
#endif
    seL4_Word tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    TEST_CHECK(tp != 0);
    TEST_CHECK((seL4_Word)&__sel4_ipc_buffer > tp);
    TEST_CHECK(seL4_TCB_SetTLSBase(seL4_CapInitThreadTCB, tp) == seL4_NoError);
}

static const test_case_t cases[] = {
    { "CONFIG0001", "root CNode size, node count and domains match the boot info", test_boot_info },
    { "CONFIG0002", "CONFIG_TIMER_FREQUENCY is the generic timer's frequency (QEMU raspi4b: QEMU's)", test_timer },
    { "CONFIG0003", "AArch64, 64-bit words; no MCS, no hypervisor", test_architecture },
    { "CONFIG0004", "the TLS register is TPIDR_EL0 and libsel4 uses thread-locals", test_tls_register },
};

int main(void)
{
    return test_run(cases, TEST_COUNT(cases));
}
