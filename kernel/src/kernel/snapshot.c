// SPDX-License-Identifier: BSD-2-Clause
/*
 * seL4_DebugSnapshot (kernel/snapshot.h): the objects part, the interrupt
 * parts and the frame around them. The dump follows capDL's layout
 * (seL4's capDL tool, "capDL language specification"): objects { },
 * caps { }, irq maps { }, cdt { }, with comments starting "--".
 */
#include <kernel/snapshot.h>

#include <kernel/interrupt.h>
#include <kernel/printk.h>
#include <kernel/thread.h>
#include <object/cdt.h>
#include <object/objecttype.h>
#include <plat.h>

/* Two caps name the same object: same type and memory, or same IRQ. */
static bool same_object(cap_t a, cap_t b)
{
    cap_type_t type = cap_get_type(a);
    if (type != cap_get_type(b) || type == CAP_ZOMBIE) {
        return false;
    }
    if (type == CAP_IRQ_HANDLER) {
        return cap_irq_handler_get_irq(a) == cap_irq_handler_get_irq(b);
    }
    uintptr_t base_a;
    uintptr_t base_b;
    unsigned bits_a;
    unsigned bits_b;
    if (!cap_region(a, &base_a, &bits_a) || !cap_region(b, &base_b, &bits_b)) {
        return true; /* controller caps: one object each */
    }
    return base_a == base_b && bits_a == bits_b;
}

bool snapshot_starts_object(const cte_t *slot)
{
    const cte_t *prev = mdb_prev(slot);
    return prev == NULL || prev == &cdt_head || !same_object(prev->cap, slot->cap);
}

static const char *frame_size_name(cap_t frame)
{
    static const char *const names[] = { "4k", "2M", "1G", "?" };
    return names[cap_frame_get_size(frame)];
}

static void print_tcb_object(const char *name, const tcb_t *thread)
{
    printk("%s = tcb (addr: 0x%lx, ip: 0x%lx, sp: 0x%lx, prio: %u, max_prio: %u, dom: %u, "
           "fault_ep: 0x%lx, paddr: 0x%lx)\n",
           name, thread->ipc_buffer, thread->context.pc, thread->context.sp_el0,
           (unsigned)thread->priority, (unsigned)thread->mcp, (unsigned)thread->domain,
           thread->fault_handler, snapshot_paddr(thread));
}

/* "name = type (attributes)" for the object the cap names, if it has memory. */
static void print_object(cap_t cap)
{
    char name[SNAPSHOT_NAME_MAX];
    if (snapshot_object_name(cap, name) == NULL) {
        return;
    }
    paddr_t paddr = snapshot_paddr(cap_get_ptr(cap));
    switch (cap_get_type(cap)) {
    case CAP_UNTYPED:
        printk("%s = ut (%u bits, paddr: 0x%lx)\n", name,
               (unsigned)cap_untyped_get_size_bits(cap), paddr);
        break;
    case CAP_CNODE:
        printk("%s = cnode (%u bits, paddr: 0x%lx)\n", name, (unsigned)cap_cnode_get_radix(cap),
               paddr);
        break;
    case CAP_THREAD:
        print_tcb_object(name, cap_get_ptr(cap));
        break;
    case CAP_ENDPOINT:
        printk("%s = ep (paddr: 0x%lx)\n", name, paddr);
        break;
    case CAP_NOTIFICATION:
        printk("%s = notification (paddr: 0x%lx)\n", name, paddr);
        break;
    case CAP_FRAME:
        printk("%s = frame (%s, paddr: 0x%lx)\n", name, frame_size_name(cap), paddr);
        break;
    case CAP_PAGE_TABLE:
        printk("%s = %s (paddr: 0x%lx)\n", name, arch_snapshot_table_type(cap), paddr);
        break;
    case CAP_VSPACE:
        printk("%s = pgd (paddr: 0x%lx)\n", name, paddr);
        break;
    case CAP_ASID_POOL:
        printk("%s = asid_pool (asid_high: 0x%lx, paddr: 0x%lx)\n", name,
               cap_asid_pool_get_asid_base(cap) >> 9, paddr);
        break;
    default: /* IRQs come from the IRQ table; controllers are not objects */
        break;
    }
}

static bool irq_has_handler(word_t irq)
{
    return interrupt_state(irq) == IRQ_SIGNAL;
}

static void print_objects(void)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (snapshot_starts_object(s)) {
            print_object(s->cap);
        }
    }
    for (word_t irq = 0; irq < PLAT_IRQ_MAX_LINES; irq++) {
        if (irq_has_handler(irq)) {
            printk("irq_%lu = irq\n", irq);
        }
    }
}

/* An IRQ object's one slot: the notification its interrupts signal. */
static void print_irq_slots(void)
{
    for (word_t irq = 0; irq < PLAT_IRQ_MAX_LINES; irq++) {
        const cte_t *slot = interrupt_notification_slot(irq);
        if (irq_has_handler(irq) && !cte_is_empty(slot)) {
            printk("irq_%lu {\n", irq);
            snapshot_print_cap("0x0", slot->cap);
            printk("}\n");
        }
    }
}

static void print_irq_maps(void)
{
    for (word_t irq = 0; irq < PLAT_IRQ_MAX_LINES; irq++) {
        if (irq_has_handler(irq)) {
            printk("%lu: irq_%lu\n", irq, irq);
        }
    }
}

void snapshot_print(void)
{
    printk("%s\n-- Cairn: the live system in capDL (docs/capdl-snapshot.md)\n", SNAPSHOT_BEGIN);
    printk("arch aarch64\n\nobjects {\n");
    print_objects();
    printk("}\n\ncaps {\n");
    snapshot_print_containers();
    print_irq_slots();
    arch_snapshot_print_vspaces();
    printk("}\n\nirq maps {\n");
    print_irq_maps();
    printk("}\n\ncdt {\n");
    snapshot_print_cdt();
    printk("}\n%s\n", SNAPSHOT_END);
}
