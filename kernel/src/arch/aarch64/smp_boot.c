// SPDX-License-Identifier: BSD-2-Clause
/*
 * Starting the secondary cores (kernel/smp.h, docs/smp.md). Each CPU node
 * of the device tree says how: "psci" (QEMU virt: CPU_ON through the
 * conduit the /psci node names, HVC or SMC) or "spin-table" (the Pi 4, and
 * QEMU raspi4b's boot stub: the core waits, caches off, for an entry
 * address at its cpu-release-addr). Cores are started one at a time; each
 * gets a slot (stack and MPIDR, read by head.S) that is never reused, so a
 * core that turns up after its wait timed out still has a stack of its own
 * and finds nothing to do.
 */
#include <kernel/smp.h>

#if CONFIG_MAX_NUM_NODES > 1

#include <arch.h>
#include <arch/aarch64/sysreg_bits.h>
#include <kernel/fdt.h>
#include <kernel/printk.h>

#define PSCI_CPU_ON_64 0xC4000003UL /* SMC Calling Convention function ID */
#define MAX_LISTED_CPUS 16          /* CPU nodes read from the tree */
/* Up to a second per core: real cores take microseconds, but a loaded host
 * running QEMU may take a long while to schedule a new core's thread. */
#define START_TIMEOUT_SECONDS 1

extern const uint8_t secondary_entry[];

/* Read by head.S before the core has a stack: slot i's MPIDR (slot 0 is
 * the boot core's and never matches a secondary). */
uint64_t smp_slot_mpidr[CONFIG_MAX_NUM_NODES];

static volatile bool slot_running[CONFIG_MAX_NUM_NODES];
static word_t slots_used = 1;
static word_t nodes_up = 1;

static uint64_t read_mpidr(void)
{
    uint64_t mpidr;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr & MPIDR_AFFINITY_MASK;
}

/* SMC Calling Convention: x0 the function, x1-x3 its arguments, the result
 * in x0; x4-x17 may be changed. */
static int64_t psci_call(psci_conduit_t conduit, word_t function, word_t a1, word_t a2, word_t a3)
{
    register word_t x0 __asm__("x0") = function;
    register word_t x1 __asm__("x1") = a1;
    register word_t x2 __asm__("x2") = a2;
    register word_t x3 __asm__("x3") = a3;
    if (conduit == PSCI_HVC) {
        __asm__ volatile("hvc #0"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         :
                         : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
                           "x15", "x16", "x17", "memory");
    } else {
        __asm__ volatile("smc #0"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         :
                         : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
                           "x15", "x16", "x17", "memory");
    }
    return (int64_t)x0;
}

/* The spinning core reads its release address with its caches off: the
 * entry must reach memory before the event wakes it. */
static void release_from_spin_table(uint64_t release_addr, paddr_t entry)
{
    volatile uint64_t *slot = paddr_to_kernel(release_addr);
    *slot = entry;
    __asm__ volatile("dsb ish; dc civac, %0; dsb sy; sev" ::"r"(slot) : "memory");
}

static bool ask_core_to_start(const fdt_cpu_t *cpu, psci_conduit_t psci, paddr_t entry)
{
    switch (cpu->enable_method) {
    case CPU_ENABLE_PSCI: {
        if (psci == PSCI_NONE) {
            printk("cairn: core 0x%lx: PSCI, but the tree has no /psci method\n", cpu->mpidr);
            return false;
        }
        int64_t result = psci_call(psci, PSCI_CPU_ON_64, cpu->mpidr, entry, 0);
        if (result != 0) {
            printk("cairn: core 0x%lx: PSCI CPU_ON refused (%ld)\n", cpu->mpidr, result);
        }
        return result == 0;
    }
    case CPU_ENABLE_SPIN_TABLE:
        if (cpu->release_addr == 0) {
            printk("cairn: core 0x%lx: spin table without a release address\n", cpu->mpidr);
            return false;
        }
        release_from_spin_table(cpu->release_addr, entry);
        return true;
    default:
        printk("cairn: core 0x%lx: no enable method the kernel knows\n", cpu->mpidr);
        return false;
    }
}

static uint64_t counter_now(void)
{
    uint64_t now;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(now));
    return now;
}

static bool wait_until_running(word_t slot)
{
    uint64_t frequency;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
    uint64_t start = counter_now();
    while (!slot_running[slot]) {
        if (counter_now() - start > frequency * START_TIMEOUT_SECONDS) {
            return false;
        }
    }
    __asm__ volatile("dmb ish" ::: "memory"); /* what it wrote before, seen after */
    return true;
}

static void start_core(const fdt_cpu_t *cpu, psci_conduit_t psci)
{
    if (slots_used == CONFIG_MAX_NUM_NODES) {
        printk("cairn: core 0x%lx left idle: the kernel is built for %u cores\n", cpu->mpidr,
               CONFIG_MAX_NUM_NODES);
        return;
    }
    word_t slot = slots_used++;
    smp_slot_mpidr[slot] = cpu->mpidr & MPIDR_AFFINITY_MASK;
    __asm__ volatile("dsb ish" ::: "memory");
    if (!ask_core_to_start(cpu, psci, kernel_image_paddr(secondary_entry))) {
        return;
    }
    if (!wait_until_running(slot)) {
        printk("cairn: core 0x%lx did not come up; going on without it\n", cpu->mpidr);
        return;
    }
    printk("cairn: core %lu (mpidr 0x%lx) is up\n", nodes_up, cpu->mpidr);
    nodes_up++;
}

word_t smp_node_count(void)
{
    return nodes_up;
}

void smp_start_cores(const void *dtb)
{
    fdt_cpu_t cpus[MAX_LISTED_CPUS];
    psci_conduit_t psci;
    int listed = fdt_cpus(dtb, cpus, MAX_LISTED_CPUS, &psci);
    if (listed < 0) {
        printk("cairn: cannot read the device tree's CPUs; running on one core\n");
        return;
    }
    uint64_t self = read_mpidr();
    for (int i = 0; i < MIN(listed, MAX_LISTED_CPUS); i++) {
        if ((cpus[i].mpidr & MPIDR_AFFINITY_MASK) != self) {
            start_core(&cpus[i], psci);
        }
    }
    printk("cairn: %lu of %d cores up\n", nodes_up, listed);
}

/* A secondary core, from head.S, on its own stack: for now it only says it
 * is there and waits (the scheduler does not use it yet). */
_Noreturn void smp_secondary_main(word_t slot);
_Noreturn void smp_secondary_main(word_t slot)
{
    arch_init_cpu();
    __asm__ volatile("dmb ish" ::: "memory");
    slot_running[slot] = true;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

#endif
