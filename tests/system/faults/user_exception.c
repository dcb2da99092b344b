// SPDX-License-Identifier: BSD-2-Clause
/*
 * FAULT0005-0010: exceptions a user thread can raise. Each image is built
 * with one FAULT_KIND; the kernel must report the exact class and stop the
 * thread, and nothing after the faulting instruction may run.
 */
#include <rootserver/debug_print.h>
#include <stdint.h>

#define SYSREG 1        /* EL0 reads PMCR_EL0 while PMUSERENR_EL0 = 0 */
#define BRK 2           /* software breakpoint */
#define WRITE_TEXT 3    /* store into the read-only code segment */
#define EXEC_DATA 4     /* branch into a non-executable data page */
#define KERNEL_READ 5   /* load from the kernel image's address */
#define KERNEL_EXEC 6   /* branch into kernel text (must be UXN) */

#if FAULT_KIND == EXEC_DATA
static uint32_t data_page[1024] __attribute__((aligned(4096))) = { 0xd65f03c0 /* ret */ };
#endif

int main(void);

static void trigger(void)
{
#if FAULT_KIND == SYSREG
    uint64_t pmcr;
    __asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
    printf("read PMCR_EL0 = %lx\n", pmcr);
#elif FAULT_KIND == BRK
    __asm__ volatile("brk #0x42");
#elif FAULT_KIND == WRITE_TEXT
    *(volatile uint32_t *)(uintptr_t)&main = 0;
#elif FAULT_KIND == EXEC_DATA
    ((void (*)(void))(uintptr_t)data_page)();
#elif FAULT_KIND == KERNEL_READ
    printf("read %lx\n", *(volatile uint64_t *)0xFFFFFFFF80080000UL);
#elif FAULT_KIND == KERNEL_EXEC
    ((void (*)(void))0xFFFFFFFF80080000UL)();
#else
#error "FAULT_KIND not set"
#endif
}

int main(void)
{
    printf("FAULT: kind %d\n", FAULT_KIND);
    trigger();
    printf("UNREACHABLE: the thread ran on after the fault\n");
    return 1;
}
