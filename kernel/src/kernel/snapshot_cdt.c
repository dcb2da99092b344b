// SPDX-License-Identifier: BSD-2-Clause
/*
 * The snapshot's cdt part (kernel/snapshot.h): for every cap that has a
 * parent in the derivation tree, one line "(parent slot) { (child slot) }".
 * The tree is one list in depth-first order (object/cte.h), so a single
 * pass with a stack of the caps that may still have children finds each
 * cap's parent: on meeting a cap, drop from the stack every entry it does
 * not descend from; the one left on top is its parent. Only revocable caps
 * can be parents, and those nest no deeper than untypeds can (one level
 * per halving of memory) plus a badged endpoint, so the stack is small.
 *
 * A slot is named by the object that holds it: (cnode_x, 0x5),
 * (tcb_y, cspace) or (irq_33, 0x0). Finding that object means a walk of
 * the list for CNode and TCB caps; a few recent answers are kept, since
 * neighbouring entries tend to live in the same CNode.
 */
#include <kernel/snapshot.h>

#include <kernel/interrupt.h>
#include <kernel/printk.h>
#include <kernel/thread.h>
#include <lib/format.h>
#include <object/cdt.h>

#define STACK_MAX 128 /* above any depth untypeds of 2^4..2^64 bytes allow */
#define RECENT_MAX 8

typedef struct container {
    cap_t cap; /* a CNode or TCB cap */
    const cte_t *first;
    word_t count;
} container_t;

typedef struct finder {
    container_t recent[RECENT_MAX];
    unsigned next; /* the entry to replace next */
} finder_t;

static bool container_of_cap(cap_t cap, container_t *c)
{
    c->cap = cap;
    if (cap_get_type(cap) == CAP_CNODE) {
        c->first = cap_get_ptr(cap);
        c->count = BIT(cap_cnode_get_radix(cap));
        return true;
    }
    if (cap_get_type(cap) == CAP_THREAD) {
        c->first = ((const tcb_t *)cap_get_ptr(cap))->slots;
        c->count = TCB_SLOT_COUNT;
        return true;
    }
    return false;
}

static bool holds(const container_t *c, const cte_t *slot)
{
    return slot >= c->first && slot < c->first + c->count;
}

static bool find_container(finder_t *f, const cte_t *slot, container_t *out)
{
    for (unsigned i = 0; i < RECENT_MAX; i++) {
        if (f->recent[i].count != 0 && holds(&f->recent[i], slot)) {
            *out = f->recent[i];
            return true;
        }
    }
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (container_of_cap(s->cap, out) && holds(out, slot)) {
            f->recent[f->next] = *out;
            f->next = (f->next + 1) % RECENT_MAX;
            return true;
        }
    }
    return false;
}

/* "(holder, index)" for a slot; false for a slot in no live CNode or TCB
 * (a zombie's, while it is being deleted). */
static bool slot_name(finder_t *f, const cte_t *slot, char *out, size_t size)
{
    char holder[SNAPSHOT_NAME_MAX];
    if (interrupt_is_notification_slot(slot)) {
        word_t irq = (word_t)(slot - interrupt_notification_slot(0));
        format_snprint(out, size, "(irq_%lu, 0x0)", irq);
        return true;
    }
    container_t c;
    if (!find_container(f, slot, &c)) {
        return false;
    }
    word_t index = (word_t)(slot - c.first);
    const char *name = snapshot_object_name(c.cap, holder);
    if (cap_get_type(c.cap) == CAP_THREAD) {
        format_snprint(out, size, "(%s, %s)", name, snapshot_tcb_slot_name(index));
    } else {
        format_snprint(out, size, "(%s, 0x%lx)", name, index);
    }
    return true;
}

static void print_edge(finder_t *f, const cte_t *parent, const cte_t *child)
{
    char from[2 * SNAPSHOT_NAME_MAX];
    char to[2 * SNAPSHOT_NAME_MAX];
    char name[SNAPSHOT_NAME_MAX];
    /* A zombie's slot is listed as a comment, so no edge may name it. */
    if (snapshot_object_name(parent->cap, name) == NULL ||
        snapshot_object_name(child->cap, name) == NULL) {
        return;
    }
    if (slot_name(f, parent, from, sizeof(from)) && slot_name(f, child, to, sizeof(to))) {
        printk("%s { %s }\n", from, to);
    }
}

void snapshot_print_cdt(void)
{
    finder_t finder = { .next = 0 }; /* and no recent answers */
    const cte_t *stack[STACK_MAX];
    word_t depth = 0;
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        while (depth > 0 && !cdt_is_parent_of(stack[depth - 1], s)) {
            depth--;
        }
        if (depth > 0) {
            print_edge(&finder, stack[depth - 1], s);
        }
        if (!mdb_get_flag(s, MDB_REVOCABLE)) {
            continue;
        }
        if (depth == STACK_MAX) {
            printk("-- the tree is deeper than %d here: the rest is not shown\n", STACK_MAX);
            return;
        }
        stack[depth++] = s;
    }
}
