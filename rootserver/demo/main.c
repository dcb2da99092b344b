// SPDX-License-Identifier: BSD-2-Clause
/*
 * The demo root server: for now it shows that a user thread runs at EL0 in its
 * own address space, reads the boot information the kernel handed over and
 * finds the device tree in the extra boot info. It grows into the full demo
 * system (servers, clients, drivers) as the kernel gains objects.
 */
#include <rootserver/debug_print.h>
#include <sel4/sel4.h>

static const seL4_BootInfoHeader *find_chunk(const seL4_BootInfo *bi, seL4_Word id)
{
    const char *extra = (const char *)bi + 4096;
    seL4_Word offset = 0;
    while (offset + sizeof(seL4_BootInfoHeader) <= bi->extraLen) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)(extra + offset);
        if (h->id == id) {
            return h;
        }
        if (h->len == 0) {
            break;
        }
        offset += h->len;
    }
    return seL4_Null;
}

int main(void)
{
    seL4_BootInfo *bi = seL4_GetBootInfo();
    printf("\nHello from the Cairn root server, running at EL0.\n");
    printf("  boot info at %p: node %lu of %lu, IPC buffer at %p\n", (void *)bi, bi->nodeID,
           bi->numNodes, (void *)bi->ipcBuffer);
    const seL4_BootInfoHeader *fdt = find_chunk(bi, SEL4_BOOTINFO_HEADER_FDT);
    if (fdt != seL4_Null) {
        printf("  the kernel passed the device tree: %zu bytes of extra boot info\n",
               (size_t)(fdt->len - sizeof(*fdt)));
    }
    printf("Goodbye.\n");
    return 0;
}
