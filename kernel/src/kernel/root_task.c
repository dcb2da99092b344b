// SPDX-License-Identifier: BSD-2-Clause
/*
 * Creating the root task from the ELF file embedded in the image. Its address
 * space, as seL4 lays it out:
 *
 *   ELF segments           at their link addresses (4 MiB up by default)
 *   IPC buffer             first page after the image
 *   boot info              next page
 *   extra boot info        following pages: an FDT chunk with the DTB
 *   stack                  ROOT_STACK_PAGES below ROOT_STACK_TOP
 *
 * The root task starts at EL0 at its entry point with x0 = the boot info's
 * address and sp = ROOT_STACK_TOP.
 */
#include <kernel/boot.h>

#include <arch.h>
#include <kernel/elf.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/thread.h>
#include <kernel/vspace_boot.h>
#include <lib/string.h>
#include <sel4/bootinfo_types.h>
#include <sel4/constants.h>

#define ROOT_STACK_TOP 0x00007FFFFFFF0000UL
#define ROOT_STACK_PAGES 16

extern const uint8_t _rootserver_elf_start[];
extern const uint8_t _rootserver_elf_end[];

static paddr_t alloc_or_panic(void)
{
    paddr_t pa = boot_alloc_page();
    if (pa == 0) {
        kernel_panic("out of boot memory building the root task");
    }
    return pa;
}

/* Maps a fresh zeroed page at vaddr (or finds the one a previous segment
 * mapped there) and returns its kernel-window address. */
static uint8_t *user_page(paddr_t root, vaddr_t vaddr, unsigned rights)
{
    paddr_t frame = vspace_boot_lookup(root, vaddr);
    if (frame == 0) {
        frame = alloc_or_panic();
        if (!vspace_boot_map(root, vaddr, frame, rights, boot_alloc_page)) {
            kernel_panic("cannot map root task page 0x%lx", vaddr);
        }
    }
    return paddr_to_kernel(frame);
}

static unsigned segment_rights(uint32_t flags)
{
    return ((flags & ELF_PF_R) ? VM_READ : 0) | ((flags & ELF_PF_W) ? VM_WRITE : 0) |
           ((flags & ELF_PF_X) ? VM_EXEC : 0);
}

/* Copies one PT_LOAD segment in; the part past filesz stays zero (.bss). */
static void load_segment(paddr_t root, const uint8_t *file, const elf_segment_t *seg)
{
    vaddr_t end = seg->vaddr + seg->memsz;
    vaddr_t file_end = seg->vaddr + seg->filesz;
    for (vaddr_t page = ROUND_DOWN(seg->vaddr, PAGE_BITS); page < end; page += PAGE_SIZE) {
        uint8_t *kpage = user_page(root, page, segment_rights(seg->flags));
        vaddr_t from = MAX(page, seg->vaddr);
        vaddr_t to = MIN(page + PAGE_SIZE, file_end);
        if (from < to) {
            memcpy(kpage + (from - page), file + seg->offset + (from - seg->vaddr), to - from);
        }
        if (seg->flags & ELF_PF_X) {
            arch_sync_icache(kpage, PAGE_SIZE);
        }
    }
}

/* Loads every segment; returns the first page-aligned address after them. */
static vaddr_t load_elf(paddr_t root, const uint8_t *file, size_t size)
{
    elf_status_t status = elf_check(file, size, ROOT_STACK_TOP - ROOT_STACK_PAGES * PAGE_SIZE);
    if (status != ELF_OK) {
        kernel_panic("root task ELF rejected: %s", elf_status_name(status));
    }
    vaddr_t image_end = 0;
    for (unsigned i = 0; i < elf_phdr_count(file); i++) {
        elf_segment_t seg;
        if (elf_load_segment(file, i, &seg)) {
            load_segment(root, file, &seg);
            image_end = MAX(image_end, ROUND_UP(seg.vaddr + seg.memsz, PAGE_BITS));
        }
    }
    return image_end;
}

/* Copies len bytes to user address vaddr of a space whose pages exist. */
static void copy_to_user(paddr_t root, vaddr_t vaddr, const void *src, size_t len)
{
    const uint8_t *from = src;
    while (len > 0) {
        size_t in_page = MIN(len, PAGE_SIZE - (vaddr & MASK(PAGE_BITS)));
        uint8_t *to = paddr_to_kernel(vspace_boot_lookup(root, ROUND_DOWN(vaddr, PAGE_BITS)));
        memcpy(to + (vaddr & MASK(PAGE_BITS)), from, in_page);
        vaddr += in_page;
        from += in_page;
        len -= in_page;
    }
}

/* Extra boot info: an FDT chunk with the DTB, then a padding chunk to the
 * end of the last page, so walking the chunks consumes exactly extraLen. */
static size_t map_extra_boot_info(paddr_t root, vaddr_t vaddr, const void *dtb, size_t dtb_size)
{
    size_t used = ROUND_UP(sizeof(seL4_BootInfoHeader) + dtb_size, 3);
    size_t len = ROUND_UP(used + sizeof(seL4_BootInfoHeader), PAGE_BITS);
    for (size_t off = 0; off < len; off += PAGE_SIZE) {
        (void)user_page(root, vaddr + off, VM_READ);
    }
    seL4_BootInfoHeader fdt = { SEL4_BOOTINFO_HEADER_FDT, used };
    seL4_BootInfoHeader pad = { SEL4_BOOTINFO_HEADER_PADDING, len - used };
    copy_to_user(root, vaddr, &fdt, sizeof(fdt));
    copy_to_user(root, vaddr + sizeof(fdt), dtb, dtb_size);
    /* The copy holds only the used part of a padded blob: say so. */
    uint32_t total = (uint32_t)dtb_size;
    uint8_t be_total[4] = { (uint8_t)(total >> 24), (uint8_t)(total >> 16), (uint8_t)(total >> 8),
                            (uint8_t)total };
    copy_to_user(root, vaddr + sizeof(fdt) + 4, be_total, sizeof(be_total));
    copy_to_user(root, vaddr + used, &pad, sizeof(pad));
    return len;
}

/* The fields that describe the address space; create_root_caps adds the
 * capability slot regions. */
static void fill_boot_info(seL4_BootInfo *bi, vaddr_t ipc_buffer, size_t extra_len)
{
    memset(bi, 0, sizeof(*bi));
    bi->extraLen = extra_len;
    bi->nodeID = 0;
    bi->numNodes = smp_node_count();
    bi->numIOPTLevels = 0;
    bi->ipcBuffer = (struct seL4_IPCBuffer_ *)ipc_buffer;
    bi->initThreadDomain = 0;
}

void create_root_task(const void *dtb, size_t dtb_size, root_task_t *out)
{
    const uint8_t *file = _rootserver_elf_start;
    size_t size = SYMBOL_SPAN(_rootserver_elf_start, _rootserver_elf_end);
    paddr_t root = alloc_or_panic();

    vaddr_t image_end = load_elf(root, file, size);
    vaddr_t ipc_buffer = image_end;
    vaddr_t boot_info = ipc_buffer + PAGE_SIZE;
    (void)user_page(root, ipc_buffer, VM_READ | VM_WRITE);
    seL4_BootInfo *bi = (seL4_BootInfo *)user_page(root, boot_info, VM_READ);
    size_t extra = map_extra_boot_info(root, boot_info + PAGE_SIZE, dtb, dtb_size);
    fill_boot_info(bi, ipc_buffer, extra);
    for (unsigned i = 1; i <= ROOT_STACK_PAGES; i++) {
        (void)user_page(root, ROOT_STACK_TOP - i * PAGE_SIZE, VM_READ | VM_WRITE);
    }

    paddr_t tcb_paddr = boot_alloc(seL4_TCBBits);
    if (tcb_paddr == 0) {
        kernel_panic("out of boot memory for the root TCB");
    }
    tcb_t *tcb = paddr_to_kernel(tcb_paddr);
    _Static_assert(sizeof(tcb_t) <= (1 << seL4_TCBBits), "a TCB fits its object size");
    memcpy(tcb->name, "rootserver", sizeof("rootserver"));
    tcb->ipc_buffer = ipc_buffer;
    tcb->context.pc = elf_entry(file);
    tcb->context.sp_el0 = ROOT_STACK_TOP;
    tcb->context.spsr = 0; /* EL0t, interrupts unmasked */
    tcb->context.x[0] = boot_info;
    tcb->state = THREAD_RUNNING;
    tcb->priority = seL4_MaxPrio;
    tcb->mcp = seL4_MaxPrio;
    tcb->time_slice = SCHED_TIME_SLICE_TICKS;
    ks_current_thread = tcb;
    *out = (root_task_t){ tcb, root, ipc_buffer, boot_info, boot_info + PAGE_SIZE, extra, bi };
    printk("cairn: root task: entry 0x%lx, image end 0x%lx, boot info 0x%lx\n",
           tcb->context.pc, image_end, boot_info);
}
