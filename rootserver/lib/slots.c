// SPDX-License-Identifier: BSD-2-Clause
/*
 * The CSpace slot allocator (slots.h): a bitmap, first fit. Invariant: bit
 * i of `used` is set exactly when slot start + i is handed out, and `free`
 * counts the clear bits below end - start.
 */
#include <rootserver/slots.h>

static bool is_used(const rs_slots_t *s, uint64_t i)
{
    return (s->used[i / 64] >> (i % 64)) & 1;
}

static void set_used(rs_slots_t *s, uint64_t i, bool used)
{
    uint64_t bit = (uint64_t)1 << (i % 64);
    s->used[i / 64] = used ? s->used[i / 64] | bit : s->used[i / 64] & ~bit;
}

void rs_slots_init(rs_slots_t *s, uint64_t start, uint64_t end)
{
    if (end < start) {
        end = start;
    }
    if (end - start > RS_SLOTS_MAX) {
        end = start + RS_SLOTS_MAX;
    }
    s->start = start;
    s->end = end;
    s->free = end - start;
    for (uint64_t i = 0; i < RS_SLOTS_MAX / 64; i++) {
        s->used[i] = 0;
    }
}

uint64_t rs_slots_alloc(rs_slots_t *s)
{
    return rs_slots_alloc_range(s, 1);
}

uint64_t rs_slots_alloc_range(rs_slots_t *s, uint64_t count)
{
    uint64_t size = s->end - s->start;
    if (count == 0 || count > s->free) {
        return 0;
    }
    uint64_t run = 0;
    for (uint64_t i = 0; i < size; i++) {
        run = is_used(s, i) ? 0 : run + 1;
        if (run == count) {
            uint64_t first = i + 1 - count;
            for (uint64_t j = first; j <= i; j++) {
                set_used(s, j, true);
            }
            s->free -= count;
            return s->start + first;
        }
    }
    return 0;
}

bool rs_slots_free_range(rs_slots_t *s, uint64_t first, uint64_t count)
{
    if (first < s->start || first > s->end || count > s->end - first) {
        return false;
    }
    for (uint64_t j = first - s->start; j < first - s->start + count; j++) {
        if (!is_used(s, j)) {
            return false;
        }
    }
    for (uint64_t j = first - s->start; j < first - s->start + count; j++) {
        set_used(s, j, false);
    }
    s->free += count;
    return true;
}

bool rs_slots_free(rs_slots_t *s, uint64_t slot)
{
    return rs_slots_free_range(s, slot, 1);
}
