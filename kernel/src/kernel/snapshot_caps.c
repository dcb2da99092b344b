// SPDX-License-Identifier: BSD-2-Clause
/*
 * The snapshot's caps part for CNodes and TCBs (kernel/snapshot.h): every
 * non-empty slot with the cap's parameters in capDL's notation. Rights are
 * letters: R receive or read, W send or write, G grant, P grant-reply;
 * badges and guards are numbers; a mapped frame or table carries the ASID
 * it is mapped in as (pool, index).
 */
#include <kernel/snapshot.h>

#include <arch/aarch64/vspace.h>
#include <kernel/cspace.h>
#include <kernel/printk.h>
#include <kernel/thread.h>
#include <lib/format.h>
#include <object/cdt.h>

#define PARAMS_MAX 96

typedef struct params {
    char text[PARAMS_MAX];
    size_t length;
} params_t;

/* Appends ", " and an item, or the item alone when it is the first. */
static void add(params_t *p, const char *item)
{
    p->length += format_snprint(p->text + p->length, PARAMS_MAX - p->length, "%s%s",
                                p->length == 0 ? "" : ", ", item);
    if (p->length >= PARAMS_MAX) {
        p->length = PARAMS_MAX - 1;
    }
}

static void add_rights(params_t *p, bool r, bool w, bool g, bool gr)
{
    char rights[5];
    size_t n = 0;
    const bool on[] = { r, w, g, gr };
    for (unsigned i = 0; i < 4; i++) {
        if (on[i]) {
            rights[n++] = "RWGP"[i];
        }
    }
    rights[n] = '\0';
    if (n > 0) {
        add(p, rights);
    }
}

static void add_asid(params_t *p, word_t asid)
{
    char item[40];
    format_snprint(item, sizeof(item), "asid: (0x%lx, 0x%lx)", asid >> ASID_LOW_BITS,
                   asid & (ASID_POOL_SIZE - 1));
    add(p, item);
}

static void add_number(params_t *p, const char *label, word_t value, bool hex)
{
    char item[40];
    format_snprint(item, sizeof(item), hex ? "%s: 0x%lx" : "%s: %lu", label, value);
    add(p, item);
}

static void frame_params(params_t *p, cap_t cap)
{
    word_t rights = cap_frame_get_vm_rights(cap); /* 1 kernel only, 2 read, 3 read-write */
    add_rights(p, rights >= 2, rights == 3, false, false);
    if (cap_frame_get_mapped(cap)) {
        add_asid(p, cap_frame_get_mapped_asid(cap));
    }
}

static void cap_params(params_t *p, cap_t cap)
{
    switch (cap_get_type(cap)) {
    case CAP_ENDPOINT:
        add_rights(p, cap_endpoint_get_can_receive(cap), cap_endpoint_get_can_send(cap),
                   cap_endpoint_get_can_grant(cap), cap_endpoint_get_can_grant_reply(cap));
        if (cap_endpoint_get_badge(cap) != 0) {
            add_number(p, "badge", cap_endpoint_get_badge(cap), true);
        }
        break;
    case CAP_NOTIFICATION:
        add_rights(p, cap_notification_get_can_receive(cap), cap_notification_get_can_send(cap),
                   false, false);
        if (cap_notification_get_badge(cap) != 0) {
            add_number(p, "badge", cap_notification_get_badge(cap), true);
        }
        break;
    case CAP_CNODE:
        add_number(p, "guard", cap_cnode_get_guard(cap), true);
        add_number(p, "guard_size", cap_cnode_get_guard_size(cap), false);
        break;
    case CAP_REPLY:
        add(p, cap_reply_get_master(cap) ? "master_reply" : "reply");
        break;
    case CAP_FRAME:
        frame_params(p, cap);
        break;
    case CAP_PAGE_TABLE:
        if (cap_page_table_get_mapped(cap)) {
            add_asid(p, cap_page_table_get_mapped_asid(cap));
        }
        break;
    case CAP_VSPACE:
        if (cap_vspace_get_mapped(cap)) {
            add_asid(p, cap_vspace_get_mapped_asid(cap));
        }
        break;
    default:
        break;
    }
}

void snapshot_print_cap(const char *slot, cap_t cap)
{
    char buffer[SNAPSHOT_NAME_MAX];
    const char *name = snapshot_object_name(cap, buffer);
    if (name == NULL) {
        printk("  -- %s: a cap being deleted (type %u)\n", slot, (unsigned)cap_get_type(cap));
        return;
    }
    params_t p = { .length = 0 };
    p.text[0] = '\0';
    cap_params(&p, cap);
    printk("  %s: %s%s%s%s\n", slot, name, p.length ? " (" : "", p.text, p.length ? ")" : "");
}

static void print_cnode(cap_t cnode)
{
    char name[SNAPSHOT_NAME_MAX];
    const cte_t *slots = cap_get_ptr(cnode);
    printk("%s {\n", snapshot_object_name(cnode, name));
    for (word_t i = 0; i < BIT(cap_cnode_get_radix(cnode)); i++) {
        if (!cte_is_empty(&slots[i])) {
            char slot[24];
            format_snprint(slot, sizeof(slot), "0x%lx", i);
            snapshot_print_cap(slot, slots[i].cap);
        }
    }
    printk("}\n");
}

/* capDL's names for a TCB's slots, in Cairn's order (enum tcb_slot). */
static const char *const tcb_slot_names[TCB_SLOT_COUNT] = {
    "cspace", "vspace", "ipc_buffer_slot", "reply_slot", "caller_slot",
};

const char *snapshot_tcb_slot_name(word_t index)
{
    return index < TCB_SLOT_COUNT ? tcb_slot_names[index] : "?";
}

/* The fault endpoint is a cptr in the thread's own CSpace (seL4 non-MCS):
 * shown as the cap it names now, if any. The lookup changes nothing but
 * the scratch record of the last lookup failure. */
static void print_fault_endpoint(const tcb_t *thread)
{
    cte_t *slot;
    if (thread->fault_handler != 0 &&
        cspace_lookup_slot(thread->slots[TCB_CTABLE].cap, thread->fault_handler, &slot) ==
            EXCEPTION_NONE &&
        cap_get_type(slot->cap) == CAP_ENDPOINT) {
        snapshot_print_cap("fault_ep_slot", slot->cap);
    }
}

static void print_tcb(cap_t tcb)
{
    char name[SNAPSHOT_NAME_MAX];
    const tcb_t *thread = cap_get_ptr(tcb);
    printk("%s {\n", snapshot_object_name(tcb, name));
    for (word_t i = 0; i < TCB_SLOT_COUNT; i++) {
        if (!cte_is_empty(&thread->slots[i])) {
            snapshot_print_cap(tcb_slot_names[i], thread->slots[i].cap);
        }
    }
    print_fault_endpoint(thread);
    if (thread->bound_notification != NULL) {
        printk("  bound_notification: ntfn_%lx\n", snapshot_paddr(thread->bound_notification));
    }
    printk("}\n");
}

void snapshot_print_containers(void)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (!snapshot_starts_object(s)) {
            continue;
        }
        if (cap_get_type(s->cap) == CAP_CNODE) {
            print_cnode(s->cap);
        } else if (cap_get_type(s->cap) == CAP_THREAD) {
            print_tcb(s->cap);
        }
    }
}
