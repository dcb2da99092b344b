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

#include <kernel/thread.h>
#include <sel4/bootinfo_types.h>

/* A zeroed, naturally aligned block of 2^size_bits bytes of boot memory, or
 * 0 when none is left. */
paddr_t boot_alloc(unsigned size_bits);
paddr_t boot_alloc_page(void);

/* What boot built for the root task, for handing out its caps. */
typedef struct root_task {
    tcb_t *tcb;
    paddr_t vspace;        /* level-0 table */
    vaddr_t ipc_buffer;
    vaddr_t boot_info;
    vaddr_t extra;         /* extra boot info pages */
    size_t extra_len;
    seL4_BootInfo *bi;     /* kernel view of the boot-info frame */
} root_task_t;

#define ROOT_ASID 1

/* Loads the embedded root task and makes it the current thread. */
void create_root_task(const void *dtb, size_t dtb_size, root_task_t *out);

/* Fills the root CNode with the initial caps, frame and paging caps and an
 * untyped cap for all remaining memory (devices included), and completes
 * the boot info. RAM is the usable (mapped) RAM; the DTB locates devices. */
void create_root_caps(const root_task_t *rt, const region_list_t *ram, const void *dtb);

/* Boot memory not yet handed out. */
region_list_t *boot_free_memory(void);

/* Test images may define this to run just before the root task starts. */
void boot_test_hook(void);
