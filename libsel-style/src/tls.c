// SPDX-License-Identifier: BSD-2-Clause
/*
 * TLS areas (cairn/tls.h). The linker script (tls.ld) names the TLS
 * template and the main thread's area; the layout follows the AArch64 ELF
 * TLS ABI for executables: 16 reserved bytes at the thread pointer, then
 * the block at the next multiple of the segment's alignment, which is where
 * the linker resolved every local-exec access.
 */
#include <cairn/tls.h>

#include <string.h>

#define TP_RESERVED 16 /* AArch64: two words at the thread pointer */

extern char __cairn_tdata_start[];
extern char __cairn_tdata_end[];
extern char __cairn_tbss_end[];
extern char __cairn_tls_align[]; /* an absolute symbol: its address is the value */
extern char __cairn_tls_main[];
extern char __cairn_tls_main_end[];

/* Bytes from one linker-script symbol to another (as addresses: they name
 * no C objects to subtract). */
static size_t span(const char *from, const char *to)
{
    return (size_t)((uintptr_t)to - (uintptr_t)from);
}

static size_t tls_align(void)
{
    size_t align = (size_t)(uintptr_t)__cairn_tls_align;
    return align < TP_RESERVED ? TP_RESERVED : align;
}

/* Where the block starts, counted from the thread pointer. */
static size_t block_offset(void)
{
    return (TP_RESERVED + tls_align() - 1) & ~(tls_align() - 1);
}

size_t cairn_tls_area_size(void)
{
    return block_offset() + span(__cairn_tdata_start, __cairn_tbss_end);
}

size_t cairn_tls_area_align(void)
{
    return tls_align();
}

uintptr_t cairn_tls_init(void *area, size_t size)
{
    uintptr_t tp = (uintptr_t)area;
    if ((tp & (tls_align() - 1)) != 0 || size < cairn_tls_area_size()) {
        return 0;
    }
    char *block = (char *)area + block_offset();
    size_t data = span(__cairn_tdata_start, __cairn_tdata_end);
    size_t total = span(__cairn_tdata_start, __cairn_tbss_end);
    memset(area, 0, block_offset()); /* the reserved words and the padding */
    memcpy(block, __cairn_tdata_start, data);
    memset(block + data, 0, total - data);
    return tp;
}

bool cairn_tls_init_main(void)
{
    size_t size = span(__cairn_tls_main, __cairn_tls_main_end);
    uintptr_t tp = cairn_tls_init(__cairn_tls_main, size);
    if (tp == 0) {
        return false;
    }
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(tp));
    return true;
}

void cairn_tls_set_ipc_buffer(uintptr_t tp, seL4_IPCBuffer *buffer)
{
    /* The variable's offset from the thread pointer is the same in every
     * thread: take it from the calling thread's copy. */
    uintptr_t offset = (uintptr_t)&__sel4_ipc_buffer - cairn_tls_get_base();
    *(seL4_IPCBuffer **)(tp + offset) = buffer;
}
