// SPDX-License-Identifier: BSD-2-Clause
/*
 * BOOT: the root task's first moments at EL0. What the kernel promised at
 * entry (x0 = boot info, a stack, the IPC buffer and boot-info frames after
 * the image, the DTB in the extra boot info) and what the C runtime relies on
 * (.data initialised, .bss zeroed, FP/SIMD usable, system calls returning).
 */
#include <kernel/gen_config.h>
#include <sel4/sel4.h>
#include <stdint.h>

#include "../lib/test.h"

#define PAGE 4096UL
#define STACK_TOP 0x00007FFFFFFF0000UL
#define STACK_BYTES (16 * PAGE)

static int initialised = 42;
static int zeroed[64];
extern char __bss_end[];

static seL4_BootInfo *bi(void)
{
    return seL4_GetBootInfo();
}

static void boot_info_pointer(void)
{
    uintptr_t p = (uintptr_t)bi();
    TEST_CHECK(p != 0);
    TEST_CHECK(p % PAGE == 0);
    /* IPC buffer, then boot info, right after the image (seL4's layout). */
    TEST_CHECK(p == (uintptr_t)bi()->ipcBuffer + PAGE);
    TEST_CHECK((uintptr_t)bi()->ipcBuffer == (((uintptr_t)__bss_end + PAGE - 1) & ~(PAGE - 1)));
}

static void boot_info_node(void)
{
    TEST_CHECK(bi()->nodeID == 0);
    /* Every core the kernel is built for: each board has four. */
    TEST_CHECK(bi()->numNodes == CONFIG_MAX_NUM_NODES);
    TEST_CHECK(bi()->numIOPTLevels == 0);
    TEST_CHECK(bi()->initThreadDomain == 0);
}

static void ipc_buffer_writable(void)
{
    volatile seL4_Word *ipc = (volatile seL4_Word *)bi()->ipcBuffer;
    for (unsigned i = 0; i < PAGE / sizeof(seL4_Word); i++) {
        ipc[i] = i * 3 + 1;
    }
    for (unsigned i = 0; i < PAGE / sizeof(seL4_Word); i++) {
        TEST_CHECK(ipc[i] == i * 3 + 1);
    }
}

static uint32_t be32(const void *p)
{
    const unsigned char *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static void extra_boot_info_fdt(void)
{
    const char *extra = (const char *)bi() + PAGE;
    const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)extra;
    TEST_CHECK(bi()->extraLen >= PAGE);
    TEST_CHECK(bi()->extraLen % PAGE == 0);
    TEST_CHECK(h->id == SEL4_BOOTINFO_HEADER_FDT);
    const char *dtb = extra + sizeof(*h);
    TEST_CHECK(be32(dtb) == 0xD00DFEED);
    TEST_CHECK(be32(dtb + 4) + sizeof(*h) <= h->len);
}

static void extra_boot_info_chunks(void)
{
    const char *extra = (const char *)bi() + PAGE;
    seL4_Word offset = 0;
    unsigned chunks = 0;
    while (offset < bi()->extraLen && chunks < 16) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)(extra + offset);
        TEST_CHECK(h->len >= sizeof(*h));
        if (h->len < sizeof(*h)) {
            return;
        }
        offset += h->len;
        chunks++;
    }
    TEST_CHECK(offset == bi()->extraLen);
}

static void data_and_bss(void)
{
    TEST_CHECK(initialised == 42);
    for (unsigned i = 0; i < 64; i++) {
        TEST_CHECK(zeroed[i] == 0);
    }
}

static void stack_size(void)
{
    volatile char probe = 0;
    uintptr_t sp = (uintptr_t)&probe;
    TEST_CHECK(sp < STACK_TOP && sp > STACK_TOP - PAGE);
    /* The whole stack is mapped: touch its lowest byte. */
    volatile char *bottom = (volatile char *)(STACK_TOP - STACK_BYTES);
    *bottom = 7;
    TEST_CHECK(*bottom == 7);
}

static void fpu_usable(void)
{
    volatile double a = 1.5;
    volatile double b = 2.25;
    TEST_CHECK(a * b == 3.375);
}

static void yield_returns(void)
{
    volatile int before = 5;
    for (int i = 0; i < 100; i++) {
        seL4_Yield();
    }
    TEST_CHECK(before == 5);
}

static void tls_register_kept(void)
{
    uint64_t value = 0x1234567890abcdefUL;
    uint64_t back;
    __asm__ volatile("msr tpidr_el0, %0" ::"r"(value));
    seL4_Yield();
    seL4_DebugPutChar(' ');
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(back));
    TEST_CHECK(back == value);
    __asm__ volatile("msr tpidr_el0, xzr");
}

static const test_case_t cases[] = {
    { "BOOT0001", "x0 holds the boot info, after the IPC buffer past the image", boot_info_pointer },
    { "BOOT0002", "boot info: node 0 of 1, no IOMMU levels, domain 0", boot_info_node },
    { "BOOT0003", "the IPC buffer page is mapped writable", ipc_buffer_writable },
    { "BOOT0004", "extra boot info starts with an FDT chunk holding the DTB", extra_boot_info_fdt },
    { "BOOT0005", "extra boot info chunks add up to extraLen", extra_boot_info_chunks },
    { "BOOT0006", ".data initialised and .bss zeroed by the loader", data_and_bss },
    { "BOOT0007", "64 KiB stack below the documented top", stack_size },
    { "BOOT0008", "FP/SIMD usable at EL0", fpu_usable },
    { "BOOT0009", "seL4_Yield returns to the caller", yield_returns },
    { "BOOT0010", "TPIDR_EL0 survives system calls", tls_register_kept },
};

int main(void)
{
    printf("BOOT: root task entered at EL0\n");
    return test_run(cases, TEST_COUNT(cases));
}
