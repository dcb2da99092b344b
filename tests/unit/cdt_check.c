// SPDX-License-Identifier: BSD-2-Clause
/* Whole-CDT consistency checks; see cdt_check.h for the invariants. */
#include "cdt_check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static struct region {
    cte_t *base;
    size_t count;
} regions[CDT_TRACK_MAX_REGIONS];
static size_t region_count;
static bool overflowed;
static char message[256];

void cdt_track_reset(void)
{
    region_count = 0;
    overflowed = false;
}

/* Regions already covered (a CNode inside a tracked buffer) are not added
 * again, so no slot is counted twice. */
void cdt_track(cte_t *base, size_t count)
{
    uintptr_t start = (uintptr_t)base;
    uintptr_t end = start + count * sizeof(cte_t);
    for (size_t r = 0; r < region_count; r++) {
        uintptr_t r_start = (uintptr_t)regions[r].base;
        uintptr_t r_end = r_start + regions[r].count * sizeof(cte_t);
        if (start >= r_start && end <= r_end) {
            return;
        }
    }
    if (region_count < CDT_TRACK_MAX_REGIONS &&
        cdt_tracked_slots() + count <= CDT_TRACK_MAX_SLOTS) {
        regions[region_count++] = (struct region){ base, count };
    } else {
        overflowed = true;
    }
}

size_t cdt_tracked_slots(void)
{
    size_t n = 0;
    for (size_t r = 0; r < region_count; r++) {
        n += regions[r].count;
    }
    return n;
}

/* "region r slot i" for a tracked slot, or false. */
static bool locate(const cte_t *slot, size_t *region, size_t *index)
{
    for (size_t r = 0; r < region_count; r++) {
        uintptr_t base = (uintptr_t)regions[r].base;
        uintptr_t p = (uintptr_t)slot;
        if (p >= base && p < base + regions[r].count * sizeof(cte_t) &&
            (p - base) % sizeof(cte_t) == 0) {
            *region = r;
            *index = (p - base) / sizeof(cte_t);
            return true;
        }
    }
    return false;
}

static const char *name(const cte_t *slot)
{
    static char names[4][48];
    static unsigned next;
    char *buf = names[next++ % 4];
    size_t r;
    size_t i;
    if (slot == NULL) {
        snprintf(buf, sizeof(names[0]), "NULL");
    } else if (locate(slot, &r, &i)) {
        snprintf(buf, sizeof(names[0]), "region %zu slot %zu", r, i);
    } else {
        snprintf(buf, sizeof(names[0]), "untracked %p", (const void *)slot);
    }
    return buf;
}

size_t cdt_full_slots(void)
{
    size_t n = 0;
    for (size_t r = 0; r < region_count; r++) {
        for (size_t i = 0; i < regions[r].count; i++) {
            n += !cte_is_empty(&regions[r].base[i]);
        }
    }
    return n;
}

static bool tracked_full(const cte_t *slot)
{
    size_t r;
    size_t i;
    return locate(slot, &r, &i) && !cte_is_empty(slot);
}

static const char *check_links(const cte_t *s)
{
    if (cte_is_empty(s)) {
        if (s->mdb_prev != 0 || s->mdb_next != 0) {
            snprintf(message, sizeof(message), "empty %s has links", name(s));
            return message;
        }
        return NULL;
    }
    if (cap_get_type(s->cap) >= CAP_TYPE_COUNT) {
        snprintf(message, sizeof(message), "%s has cap type %u", name(s),
                 (unsigned)cap_get_type(s->cap));
        return message;
    }
    const cte_t *next = mdb_next(s);
    const cte_t *prev = mdb_prev(s);
    if (next != NULL && (!tracked_full(next) || mdb_prev(next) != s)) {
        snprintf(message, sizeof(message), "%s -> next %s, whose prev is %s", name(s), name(next),
                 tracked_full(next) ? name(mdb_prev(next)) : "(not a tracked full slot)");
        return message;
    }
    if (prev != NULL && (!tracked_full(prev) || mdb_next(prev) != s)) {
        snprintf(message, sizeof(message), "%s -> prev %s, whose next is %s", name(s), name(prev),
                 tracked_full(prev) ? name(mdb_next(prev)) : "(not a tracked full slot)");
        return message;
    }
    return NULL;
}

const char *cdt_consistency_error(void)
{
    if (overflowed) {
        return "more slots than cdt_check can track (CDT_TRACK_MAX_*)";
    }
    size_t full = cdt_full_slots();
    size_t visited = 0;
    for (size_t r = 0; r < region_count; r++) {
        for (size_t i = 0; i < regions[r].count; i++) {
            const char *error = check_links(&regions[r].base[i]);
            if (error != NULL) {
                return error;
            }
        }
    }
    /* Links are symmetric, so walking from the heads reaches each list
     * once; a full slot not reached sits on a cycle. */
    for (size_t r = 0; r < region_count; r++) {
        for (size_t i = 0; i < regions[r].count; i++) {
            const cte_t *s = &regions[r].base[i];
            if (cte_is_empty(s) || mdb_prev(s) != NULL) {
                continue;
            }
            for (; s != NULL; s = mdb_next(s)) {
                if (++visited > full) {
                    snprintf(message, sizeof(message), "the list from %s does not end",
                             name(&regions[r].base[i]));
                    return message;
                }
            }
        }
    }
    if (visited != full) {
        snprintf(message, sizeof(message), "%zu full slots, %zu reachable from list heads", full,
                 visited);
        return message;
    }
    return NULL;
}

size_t cdt_list_from(const cte_t *slot, const cte_t **out, size_t max)
{
    size_t n = 0;
    for (; slot != NULL && n < max; slot = mdb_next(slot)) {
        out[n++] = slot;
    }
    return n;
}

void cdt_snapshot_take(cdt_snapshot_t *snapshot)
{
    snapshot->count = 0;
    for (size_t r = 0; r < region_count; r++) {
        for (size_t i = 0; i < regions[r].count; i++) {
            snapshot->slots[snapshot->count++] = regions[r].base[i];
        }
    }
}

const char *cdt_snapshot_difference(const cdt_snapshot_t *a, const cdt_snapshot_t *b)
{
    if (a->count != b->count) {
        snprintf(message, sizeof(message), "%zu slots vs %zu", a->count, b->count);
        return message;
    }
    size_t k = 0;
    for (size_t r = 0; r < region_count; r++) {
        for (size_t i = 0; i < regions[r].count; i++, k++) {
            if (k < a->count && memcmp(&a->slots[k], &b->slots[k], sizeof(cte_t)) != 0) {
                snprintf(message, sizeof(message),
                         "region %zu slot %zu: cap %016lx %016lx prev %016lx next %016lx vs "
                         "cap %016lx %016lx prev %016lx next %016lx",
                         r, i, (unsigned long)a->slots[k].cap.words[0],
                         (unsigned long)a->slots[k].cap.words[1],
                         (unsigned long)a->slots[k].mdb_prev, (unsigned long)a->slots[k].mdb_next,
                         (unsigned long)b->slots[k].cap.words[0],
                         (unsigned long)b->slots[k].cap.words[1],
                         (unsigned long)b->slots[k].mdb_prev, (unsigned long)b->slots[k].mdb_next);
                return message;
            }
        }
    }
    return NULL;
}
