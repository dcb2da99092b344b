/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Building a user address space at boot, before any capability exists: the
 * kernel uses it for the root task. Tables and frames come from the boot
 * allocator passed in (physical pages, already zeroed).
 */
#pragma once

#include <types.h>

#define VM_READ 1u
#define VM_WRITE 2u
#define VM_EXEC 4u

typedef paddr_t (*page_alloc_fn)(void); /* 0 when out of memory */

/* Maps one 4 KiB user page; creates missing tables. False if out of memory
 * or the page is already mapped. */
bool vspace_boot_map(paddr_t root, vaddr_t vaddr, paddr_t frame, unsigned rights,
                     page_alloc_fn alloc);

/* Frame mapped at vaddr, or 0. */
paddr_t vspace_boot_lookup(paddr_t root, vaddr_t vaddr);

/* Visits, in address order, every table below the root (level 1-3, with the
 * first address it covers, just before what it maps) and every mapped page. */
typedef struct vspace_visitor {
    void (*table)(void *context, unsigned level, vaddr_t vaddr, paddr_t table);
    void (*page)(void *context, vaddr_t vaddr, paddr_t frame, bool writable);
    void *context;
} vspace_visitor_t;

void vspace_boot_walk(paddr_t root, const vspace_visitor_t *visitor);

/* Makes instructions written through the kernel window visible to fetches. */
void arch_sync_icache(const void *kernel_vaddr, size_t size);
