// SPDX-License-Identifier: BSD-2-Clause
/*
 * The root task's capabilities, as seL4 lays them out (seL4 manual, "System
 * Bootstrapping"): a root CNode of 2^ROOT_CNODE_BITS slots whose guard makes
 * it resolve exactly 64 bits; the initial caps in libsel4's slot order; then
 * a frame cap per page of the root task (image and stack in
 * userImageFrames, extra boot info in extraBIPages), a cap per page table
 * (userImagePaging), untyped caps for all remaining RAM and for the devices
 * the DTB lists; the rest of the CNode is the empty region. Every boot cap is
 * an original (revocable, no parent) except the TCB's own slot copies.
 */
#include <kernel/boot.h>

#include <arch.h>
#include <kernel/fdt.h>
#include <kernel/gen_config.h>
#include <kernel/printk.h>
#include <kernel/vspace_boot.h>
#include <arch/aarch64/vspace.h>
#include <object/cdt.h>
#include <object/cte_ops.h>
#include <plat.h>
#include <sel4/constants.h>

#define ROOT_CNODE_BITS CONFIG_ROOT_CNODE_SIZE_BITS /* CAIRN_ROOT_CNODE_BITS */
#define MAX_DEVICE_REGIONS 64

typedef struct builder {
    const root_task_t *rt;
    cte_t *cnode;
    seL4_Word next; /* next free slot */
    seL4_BootInfo *bi;
} builder_t;

static cte_t *next_slot(builder_t *b)
{
    if (b->next >= BIT(ROOT_CNODE_BITS)) {
        kernel_panic("root CNode too small for the boot caps");
    }
    return &b->cnode[b->next++];
}

/* An original cap in a chosen slot: revocable, the root of its own tree. */
static void place(cte_t *slot, cap_t cap)
{
    cdt_insert_original(slot, cap);
}

static cap_t mapped_frame_cap(paddr_t frame, vaddr_t vaddr, bool writable)
{
    cap_t cap = cap_new(CAP_FRAME, paddr_to_kernel(frame));
    cap = cap_frame_set_size(cap, 0);
    cap = cap_frame_set_vm_rights(cap, writable ? 3 : 2);
    cap = cap_frame_set_mapped(cap, 1);
    cap = cap_frame_set_mapped_vaddr(cap, vaddr);
    return cap_frame_set_mapped_asid(cap, ROOT_ASID);
}

/* Where each kind of frame or table cap goes: the IPC buffer and boot-info
 * frames have their own initial slots, the rest fill three regions. */
typedef struct paging_caps {
    builder_t *b;
    seL4_Word image;  /* next slot of userImageFrames (image and stack) */
    seL4_Word paging; /* next slot of userImagePaging */
    seL4_Word extra;  /* next slot of extraBIPages */
} paging_caps_t;

static bool is_extra(const root_task_t *rt, vaddr_t vaddr)
{
    return vaddr >= rt->extra && vaddr < rt->extra + rt->extra_len;
}

static void count_table(void *context, unsigned level, vaddr_t vaddr, paddr_t table)
{
    paging_caps_t *p = context;
    (void)level, (void)vaddr, (void)table;
    p->paging++;
}

static void count_page(void *context, vaddr_t vaddr, paddr_t frame, bool writable)
{
    paging_caps_t *p = context;
    const root_task_t *rt = p->b->rt;
    (void)frame, (void)writable;
    if (is_extra(rt, vaddr)) {
        p->extra++;
    } else if (vaddr != rt->ipc_buffer && vaddr != rt->boot_info) {
        p->image++;
    }
}

static void place_table(void *context, unsigned level, vaddr_t vaddr, paddr_t table)
{
    paging_caps_t *p = context;
    (void)level;
    cap_t cap = cap_new(CAP_PAGE_TABLE, paddr_to_kernel(table));
    cap = cap_page_table_set_mapped(cap, 1);
    cap = cap_page_table_set_mapped_vaddr(cap, vaddr);
    place(&p->b->cnode[p->paging++], cap_page_table_set_mapped_asid(cap, ROOT_ASID));
}

static void place_page(void *context, vaddr_t vaddr, paddr_t frame, bool writable)
{
    paging_caps_t *p = context;
    const root_task_t *rt = p->b->rt;
    cte_t *slot;
    if (vaddr == rt->ipc_buffer) {
        slot = &p->b->cnode[seL4_CapInitThreadIPCBuffer];
    } else if (vaddr == rt->boot_info) {
        slot = &p->b->cnode[seL4_CapBootInfoFrame];
    } else if (is_extra(rt, vaddr)) {
        slot = &p->b->cnode[p->extra++];
    } else {
        slot = &p->b->cnode[p->image++];
    }
    place(slot, mapped_frame_cap(frame, vaddr, writable));
}

/* Frame and page-table caps for the root task's address space: one walk
 * counts, so the regions are laid out in order, and one walk places. */
static void add_paging_caps(builder_t *b)
{
    paging_caps_t count = { b, 0, 0, 0 };
    vspace_visitor_t counter = { count_table, count_page, &count };
    vspace_boot_walk(b->rt->vspace, &counter);
    if (b->next + count.image + count.paging + count.extra > BIT(ROOT_CNODE_BITS)) {
        kernel_panic("root CNode too small for the boot caps");
    }
    seL4_BootInfo *bi = b->bi;
    bi->userImageFrames = (seL4_SlotRegion){ b->next, b->next + count.image };
    bi->userImagePaging = (seL4_SlotRegion){ bi->userImageFrames.end,
                                             bi->userImageFrames.end + count.paging };
    bi->extraBIPages = (seL4_SlotRegion){ bi->userImagePaging.end,
                                          bi->userImagePaging.end + count.extra };
    b->next = bi->extraBIPages.end;

    paging_caps_t at = { b, bi->userImageFrames.start, bi->userImagePaging.start,
                         bi->extraBIPages.start };
    vspace_visitor_t placer = { place_table, place_page, &at };
    vspace_boot_walk(b->rt->vspace, &placer);
}

/* Untyped caps for [base, end): the largest naturally aligned blocks. */
static void add_untypeds(builder_t *b, uint64_t base, uint64_t end, bool device)
{
    while (base < end) {
        unsigned bits = base == 0 ? seL4_MaxUntypedBits : (unsigned)__builtin_ctzl(base);
        while (bits > 0 && (bits > seL4_MaxUntypedBits || BIT(bits) > end - base)) {
            bits--;
        }
        if (bits < seL4_MinUntypedBits) {
            /* An unaligned scrap: skip to the next smallest-untyped boundary. */
            base = ROUND_UP(base + 1, seL4_MinUntypedBits);
            continue;
        }
        seL4_Word index = b->next - b->bi->untyped.start;
        if (index >= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
            printk("cairn: warning: boot info has no room for more untypeds\n");
            return;
        }
        /* RAM starts with its watermark at the top: contents unknown, so the
         * first retype clears it (see object/untyped.c). */
        place(next_slot(b), cap_untyped_new(paddr_to_kernel(base), bits, device,
                                            device ? 0 : BIT(bits)));
        b->bi->untypedList[index] = (seL4_UntypedDesc){ base, (seL4_Uint8)bits, device, { 0 } };
        base += BIT(bits);
    }
}

/* Device memory: every reg the DTB lists, page-rounded, except RAM and the
 * kernel's own devices. Addresses must stay inside the window arithmetic. */
static void add_device_untypeds(builder_t *b, const region_list_t *ram, const void *dtb)
{
    mem_region_t found[MAX_DEVICE_REGIONS];
    int n = fdt_device_regions(dtb, found, MAX_DEVICE_REGIONS);
    region_list_t devices;
    region_list_init(&devices);
    for (int i = 0; i < MIN(n, MAX_DEVICE_REGIONS); i++) {
        uint64_t base = ROUND_DOWN(found[i].base, PAGE_BITS);
        uint64_t end = ROUND_UP(found[i].base + found[i].size, PAGE_BITS);
        if (end > base && end <= BIT(47) && !region_list_add(&devices, base, end - base)) {
            printk("cairn: warning: too many device regions; some get no untyped\n");
        }
    }
    for (int i = 0; i < ram->count; i++) {
        (void)region_list_remove(&devices, ram->region[i].base, ram->region[i].size);
    }
    /* The GIC stays the kernel's. The console UART does not: the kernel
     * only ever transmits on it, polled, so a user-level driver may own the
     * device (receive, interrupts) while kernel debug lines still appear. */
    for (unsigned d = 0; d < KERNEL_DEVICE_COUNT; d++) {
        if (d == KERNEL_DEVICE_UART) {
            continue;
        }
        const kernel_device_desc_t *dev = plat_kernel_device((enum kernel_device)d);
        (void)region_list_remove(&devices, ROUND_DOWN(dev->paddr, PAGE_BITS),
                                 ROUND_UP(dev->region, PAGE_BITS));
    }
    for (int i = 0; i < devices.count; i++) {
        add_untypeds(b, devices.region[i].base,
                     devices.region[i].base + devices.region[i].size, true);
    }
}

static void add_initial_caps(builder_t *b)
{
    const root_task_t *rt = b->rt;
    cap_t cnode = cap_cnode_new(b->cnode, ROOT_CNODE_BITS, seL4_WordBits - ROOT_CNODE_BITS, 0);
    cap_t vspace = cap_new(CAP_VSPACE, paddr_to_kernel(rt->vspace));
    vspace = cap_vspace_set_mapped(vspace, 1);
    vspace = cap_vspace_set_mapped_asid(vspace, ROOT_ASID);

    /* The initial ASID pool: slot ROOT_ASID holds the root VSpace. */
    paddr_t pool = boot_alloc(seL4_ASIDPoolBits);
    if (pool == 0) {
        kernel_panic("out of boot memory for the ASID pool");
    }
    asid_pool_t *root_pool = paddr_to_kernel(pool);
    root_pool->vspace[ROOT_ASID] = paddr_to_kernel(rt->vspace);
    asid_table[0] = root_pool;

    place(&b->cnode[seL4_CapInitThreadTCB], cap_new(CAP_THREAD, rt->tcb));
    place(&b->cnode[seL4_CapInitThreadCNode], cnode);
    place(&b->cnode[seL4_CapInitThreadVSpace], vspace);
    place(&b->cnode[seL4_CapIRQControl], cap_new(CAP_IRQ_CONTROL, NULL));
    place(&b->cnode[seL4_CapASIDControl], cap_new(CAP_ASID_CONTROL, NULL));
    place(&b->cnode[seL4_CapInitThreadASIDPool], cap_new(CAP_ASID_POOL, paddr_to_kernel(pool)));
    place(&b->cnode[seL4_CapDomain], cap_new(CAP_DOMAIN, NULL));
}

/* The TCB's own slots hold copies, children of the originals. */
static void fill_tcb_slots(const builder_t *b)
{
    tcb_t *tcb = b->rt->tcb;
    cte_t *cnode = &b->cnode[seL4_CapInitThreadCNode];
    cte_t *vspace = &b->cnode[seL4_CapInitThreadVSpace];
    cte_t *ipc = &b->cnode[seL4_CapInitThreadIPCBuffer];
    cte_insert(cnode->cap, cnode, &tcb->slots[TCB_CTABLE]);
    cte_insert(vspace->cap, vspace, &tcb->slots[TCB_VTABLE]);
    cte_insert(ipc->cap, ipc, &tcb->slots[TCB_IPC_BUFFER]);
}

void create_root_caps(const root_task_t *rt, const region_list_t *ram, const void *dtb)
{
    paddr_t cnode_pa = boot_alloc(ROOT_CNODE_BITS + seL4_SlotBits);
    if (cnode_pa == 0) {
        kernel_panic("out of boot memory for the root CNode");
    }
    builder_t b = { rt, paddr_to_kernel(cnode_pa), seL4_NumInitialCaps, rt->bi };
    add_initial_caps(&b);

    add_paging_caps(&b);

    fill_tcb_slots(&b);

    /* Everything left in boot memory becomes untyped; then the devices. */
    b.bi->untyped.start = b.next;
    const region_list_t *free = boot_free_memory();
    for (int i = 0; i < free->count; i++) {
        add_untypeds(&b, free->region[i].base, free->region[i].base + free->region[i].size,
                     false);
    }
    add_device_untypeds(&b, ram, dtb);
    b.bi->untyped.end = b.next;
    region_list_init(boot_free_memory());

    b.bi->empty = (seL4_SlotRegion){ b.next, BIT(ROOT_CNODE_BITS) };
    b.bi->initThreadCNodeSizeBits = ROOT_CNODE_BITS;
    printk("cairn: root CNode: %lu slots used, %lu untypeds\n", b.next,
           b.bi->untyped.end - b.bi->untyped.start);
}
