/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The cores the kernel runs on (docs/smp.md). The boot core is node 0; at
 * boot it starts the others the device tree lists, up to
 * CONFIG_MAX_NUM_NODES (CAIRN_MAX_NUM_NODES), and numbers those that come
 * up 1, 2, ... in the order they did. A one-core build has none of this.
 */
#pragma once

#include <kernel/gen_config.h>
#include <types.h>

#if CONFIG_MAX_NUM_NODES > 1
/* Starts the other cores of the DTB (read through the identity map, which
 * they need too: call it before that is dropped). */
void smp_start_cores(const void *dtb);

/* How many cores run the kernel, this one included. */
word_t smp_node_count(void);
#else
static inline void smp_start_cores(const void *dtb)
{
    (void)dtb;
}

static inline word_t smp_node_count(void)
{
    return 1;
}
#endif
