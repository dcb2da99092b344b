/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A sorted list of disjoint physical ranges. At boot the kernel starts from
 * the RAM the device tree describes, removes what is taken (kernel image,
 * DTB, reserved ranges), and then carves the root task's objects out of what
 * is left; the rest becomes untyped memory. Pure logic, unit tested on the host.
 */
#pragma once

#include <kernel/fdt.h>

#define REGION_LIST_MAX 32

typedef struct region_list {
    mem_region_t region[REGION_LIST_MAX];
    int count;
} region_list_t;

void region_list_init(region_list_t *list);

/* Adds [base, base + size), merging with neighbours. False if the list is full
 * or the range wraps around the address space. */
bool region_list_add(region_list_t *list, uint64_t base, uint64_t size);

/* Removes [base, base + size) wherever it overlaps. False only if a split
 * needed a slot the list does not have (the list is then unchanged). */
bool region_list_remove(region_list_t *list, uint64_t base, uint64_t size);

/* Takes size bytes aligned to 2^align_bits from the lowest range that fits.
 * False (and nothing taken) if none does. */
bool region_list_alloc(region_list_t *list, uint64_t size, unsigned align_bits, uint64_t *out);

/* Total bytes in the list. */
uint64_t region_list_total(const region_list_t *list);
