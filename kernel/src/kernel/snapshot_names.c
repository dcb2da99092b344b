// SPDX-License-Identifier: BSD-2-Clause
/*
 * Names for the snapshot (kernel/snapshot.h). A name is derived from the
 * object alone, never from the cap in hand, so every cap to an object, the
 * page-table walk and the derivation tree all print the same name for it:
 * type and physical address, or for a TCB the debug name it was given
 * (seL4_DebugNameThread) when no other TCB has the same one.
 */
#include <kernel/snapshot.h>

#include <arch.h>
#include <kernel/thread.h>
#include <lib/format.h>
#include <lib/string.h>
#include <object/cdt.h>
#include <object/objecttype.h>

paddr_t snapshot_paddr(const void *p)
{
    return (paddr_t)(uintptr_t)p - KERNEL_WINDOW_BASE;
}

/* Another TCB that a cap in the list names has the same debug name. */
static bool name_is_shared(const tcb_t *thread)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        const tcb_t *other = cap_get_ptr(s->cap);
        if (cap_get_type(s->cap) == CAP_THREAD && other != thread &&
            strncmp(other->name, thread->name, THREAD_NAME_MAX) == 0) {
            return true;
        }
    }
    return false;
}

/* capDL names are identifiers: anything but letters and digits becomes _. */
static void copy_identifier(char *out, const char *in, size_t max)
{
    size_t i = 0;
    for (; i < max && in[i] != '\0'; i++) {
        char c = in[i];
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out[i] = plain ? c : '_';
    }
    out[i] = '\0';
}

static const char *tcb_name(const tcb_t *thread, char name[SNAPSHOT_NAME_MAX])
{
    char plain[THREAD_NAME_MAX];
    copy_identifier(plain, thread->name, THREAD_NAME_MAX - 1);
    if (plain[0] == '\0') {
        format_snprint(name, SNAPSHOT_NAME_MAX, "tcb_%lx", snapshot_paddr(thread));
    } else if (name_is_shared(thread)) {
        format_snprint(name, SNAPSHOT_NAME_MAX, "tcb_%s_%lx", plain, snapshot_paddr(thread));
    } else {
        format_snprint(name, SNAPSHOT_NAME_MAX, "tcb_%s", plain);
    }
    return name;
}

/* Objects whose name is a prefix and their physical address. */
static const char *address_prefix(cap_type_t type)
{
    switch (type) {
    case CAP_CNODE:
        return "cnode";
    case CAP_ENDPOINT:
        return "ep";
    case CAP_NOTIFICATION:
        return "ntfn";
    case CAP_FRAME:
        return "frame";
    case CAP_PAGE_TABLE:
        return "pt";
    case CAP_VSPACE:
        return "vspace";
    case CAP_ASID_POOL:
        return "asid_pool";
    default:
        return NULL;
    }
}

const char *snapshot_object_name(cap_t cap, char name[SNAPSHOT_NAME_MAX])
{
    cap_type_t type = cap_get_type(cap);
    const char *prefix = address_prefix(type);
    if (prefix != NULL) {
        format_snprint(name, SNAPSHOT_NAME_MAX, "%s_%lx", prefix,
                       snapshot_paddr(cap_get_ptr(cap)));
        return name;
    }
    switch (type) {
    case CAP_UNTYPED: /* a smaller untyped can start at the same address */
        format_snprint(name, SNAPSHOT_NAME_MAX, "ut_%lx_%u", snapshot_paddr(cap_get_ptr(cap)),
                       (unsigned)cap_untyped_get_size_bits(cap));
        return name;
    case CAP_THREAD:
    case CAP_REPLY: /* names the thread that waits for the reply */
        return tcb_name(cap_get_ptr(cap), name);
    case CAP_IRQ_HANDLER:
        format_snprint(name, SNAPSHOT_NAME_MAX, "irq_%lu", cap_irq_handler_get_irq(cap));
        return name;
    case CAP_IRQ_CONTROL:
        return "irq_control";
    case CAP_ASID_CONTROL:
        return "asid_control";
    case CAP_DOMAIN:
        return "domain";
    default:
        return NULL;
    }
}
