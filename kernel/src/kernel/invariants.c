// SPDX-License-Identifier: BSD-2-Clause
/* The invariant checks, together (kernel/invariants.h). */
#include <kernel/invariants.h>

#include <kernel/printk.h>
#include <object/cdt.h>

#define REPORT_LIMIT 16 /* violations printed; all are counted */

static word_t violations;

void invariant_report(const char *what, const void *where)
{
    if (violations < REPORT_LIMIT) {
        printk("cairn: invariant: %s: %p\n", what, where);
    }
    violations++;
}

word_t kernel_check_invariants(void)
{
    violations = 0;
    word_t tree = cdt_check_invariants();
    if (tree == 0) {
        /* The thread checks find objects through the tree: only a sound
         * tree leads to live ones. */
        thread_check_invariants();
        reply_check_invariants();
        sched_check_invariants();
        untyped_check_invariants();
        vspace_check_invariants();
    }
    if (violations > REPORT_LIMIT) {
        printk("cairn: invariant: %lu violations in all\n", violations);
    }
    return tree + violations;
}
