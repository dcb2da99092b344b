// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sorted disjoint ranges with add, remove and aligned allocation. Ranges are
 * half-open; a range that would end past 2^64 is refused rather than wrapped.
 */
#include <kernel/region_list.h>

#include <util.h>

void region_list_init(region_list_t *list)
{
    list->count = 0;
}

static void insert_at(region_list_t *list, int index, uint64_t base, uint64_t end)
{
    for (int i = list->count; i > index; i--) {
        list->region[i] = list->region[i - 1];
    }
    list->region[index] = (mem_region_t){ base, end - base };
    list->count++;
}

static void delete_at(region_list_t *list, int index)
{
    for (int i = index; i + 1 < list->count; i++) {
        list->region[i] = list->region[i + 1];
    }
    list->count--;
}

static uint64_t region_end(const mem_region_t *r)
{
    return r->base + r->size;
}

bool region_list_add(region_list_t *list, uint64_t base, uint64_t size)
{
    if (size == 0) {
        return true;
    }
    uint64_t end = base + size;
    if (end < base) {
        return false;
    }
    /* Absorb every range that overlaps or touches [base, end). */
    int i = 0;
    while (i < list->count && region_end(&list->region[i]) < base) {
        i++;
    }
    while (i < list->count && list->region[i].base <= end) {
        base = MIN(base, list->region[i].base);
        end = MAX(end, region_end(&list->region[i]));
        delete_at(list, i);
    }
    if (list->count == REGION_LIST_MAX) {
        return false;
    }
    insert_at(list, i, base, end);
    return true;
}

bool region_list_remove(region_list_t *list, uint64_t base, uint64_t size)
{
    uint64_t end = base + size;
    if (size == 0) {
        return true;
    }
    if (end < base) {
        end = UINT64_MAX;
    }
    for (int i = 0; i < list->count; i++) {
        mem_region_t *r = &list->region[i];
        uint64_t r_end = region_end(r);
        if (r_end <= base || r->base >= end) {
            continue;
        }
        if (r->base < base && r_end > end) {
            /* The hole is strictly inside: split in two. */
            if (list->count == REGION_LIST_MAX) {
                return false;
            }
            r->size = base - r->base;
            insert_at(list, i + 1, end, r_end);
            return true;
        }
        if (r->base < base) {
            r->size = base - r->base;
        } else if (r_end > end) {
            r->size = r_end - end;
            r->base = end;
        } else {
            delete_at(list, i);
            i--;
        }
    }
    return true;
}

bool region_list_alloc(region_list_t *list, uint64_t size, unsigned align_bits, uint64_t *out)
{
    if (size == 0 || align_bits >= 64) {
        return false;
    }
    for (int i = 0; i < list->count; i++) {
        const mem_region_t *r = &list->region[i];
        uint64_t start = ROUND_UP(r->base, align_bits);
        if (start < r->base || start >= region_end(r) || region_end(r) - start < size) {
            continue;
        }
        /* Taking from the middle of a range splits it; with the list full
         * that has no room, so try a later range instead. */
        if (!region_list_remove(list, start, size)) {
            continue;
        }
        *out = start;
        return true;
    }
    return false;
}

uint64_t region_list_total(const region_list_t *list)
{
    uint64_t total = 0;
    for (int i = 0; i < list->count; i++) {
        total += list->region[i].size;
    }
    return total;
}
