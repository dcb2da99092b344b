/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot: from the first C instruction to the root task's first instruction.
 * Boot memory is the RAM the device tree lists minus the kernel image, the
 * DTB and reserved ranges; the root task's objects are carved from it.
 */
#pragma once

#include <kernel/region_list.h>
#include <types.h>
#include <util.h>

/* Called by head.S with the MMU on and the kernel at its linked address. */
NORETURN void init_kernel(paddr_t dtb_paddr, paddr_t text_paddr, word_t entry_el);

/* A zeroed 4 KiB page of boot memory, or 0 when none is left. */
paddr_t boot_alloc_page(void);

/* Loads the embedded root task and makes it the current thread. */
void create_root_task(const void *dtb, size_t dtb_size);

/* Test images may define this to run just before the root task starts. */
void boot_test_hook(void);
