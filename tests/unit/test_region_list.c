// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the sorted disjoint range list (kernel/src/kernel/region_list.c):
 * add (merging neighbours and overlaps, refusing wrap-around and a full
 * list), remove (splitting, trimming, spanning, refusing a split on a full
 * list without change), aligned lowest-fit alloc, total; and a randomised
 * run against a bitmap model that checks the list's invariants after every
 * operation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include <kernel/region_list.h>

/* Sorted, disjoint, not touching (touching ranges are merged), no empty
 * range, no range ending past 2^64. */
static void assert_invariants(const region_list_t *list)
{
    assert_in_range(list->count, 0, REGION_LIST_MAX);
    for (int i = 0; i < list->count; i++) {
        const mem_region_t *r = &list->region[i];
        assert_true(r->size > 0);
        assert_true(r->base + r->size > r->base);
        if (i > 0) {
            const mem_region_t *prev = &list->region[i - 1];
            assert_true(prev->base + prev->size < r->base);
        }
    }
}

/* The list is exactly the ranges given as base, size pairs. */
static void assert_list(const region_list_t *list, int count, ...)
{
    assert_invariants(list);
    assert_int_equal(list->count, count);
    va_list args;
    va_start(args, count);
    for (int i = 0; i < count; i++) {
        uint64_t base = va_arg(args, uint64_t);
        uint64_t size = va_arg(args, uint64_t);
        assert_int_equal(list->region[i].base, base);
        assert_int_equal(list->region[i].size, size);
    }
    va_end(args);
}

#define R(base, size) (uint64_t)(base), (uint64_t)(size)

/* count ranges of 0x100 bytes at 0x1000, 0x2000, ... */
static void fill(region_list_t *list, int count)
{
    region_list_init(list);
    for (int i = 0; i < count; i++) {
        assert_true(region_list_add(list, 0x1000 * (uint64_t)(i + 1), 0x100));
    }
    assert_int_equal(list->count, count);
}

/* ---- init and total. ---- */

static void test_init_and_total(void **state)
{
    (void)state;
    region_list_t list;
    memset(&list, 0xFF, sizeof(list));
    region_list_init(&list);
    assert_list(&list, 0);
    assert_int_equal(region_list_total(&list), 0);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x10000, 0x3000));
    assert_int_equal(region_list_total(&list), 0x4000);
    assert_true(region_list_add(&list, 0x100000000, 0x100000000));
    assert_int_equal(region_list_total(&list), 0x100004000);
}

/* ---- add. ---- */

static void test_add_keeps_order(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x5000, 0x1000));
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x9000, 0x1000));
    assert_true(region_list_add(&list, 0x3000, 0x1000));
    assert_list(&list, 4, R(0x1000, 0x1000), R(0x3000, 0x1000), R(0x5000, 0x1000),
                R(0x9000, 0x1000));
}

static void test_add_zero_size(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0));
    assert_list(&list, 0);
    fill(&list, REGION_LIST_MAX);
    assert_true(region_list_add(&list, 0x123456, 0)); /* even on a full list */
    assert_int_equal(list.count, REGION_LIST_MAX);
}

static void test_add_merges_touching_neighbours(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x2000, 0x1000)); /* touches on the right */
    assert_list(&list, 1, R(0x1000, 0x2000));
    assert_true(region_list_add(&list, 0x0, 0x1000)); /* touches on the left */
    assert_list(&list, 1, R(0x0, 0x3000));
    assert_true(region_list_add(&list, 0x5000, 0x1000));
    assert_list(&list, 2, R(0x0, 0x3000), R(0x5000, 0x1000));
    assert_true(region_list_add(&list, 0x3000, 0x2000)); /* fills the gap exactly */
    assert_list(&list, 1, R(0x0, 0x6000));
}

static void test_add_merges_overlaps(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x2000));
    assert_true(region_list_add(&list, 0x2000, 0x2000)); /* overlaps the tail */
    assert_list(&list, 1, R(0x1000, 0x3000));
    assert_true(region_list_add(&list, 0x800, 0x1000)); /* overlaps the head */
    assert_list(&list, 1, R(0x800, 0x3800));
    assert_true(region_list_add(&list, 0x2000, 0x100)); /* inside */
    assert_list(&list, 1, R(0x800, 0x3800));
    assert_true(region_list_add(&list, 0x800, 0x3800)); /* identical */
    assert_list(&list, 1, R(0x800, 0x3800));
    assert_true(region_list_add(&list, 0x0, 0x10000)); /* covers it */
    assert_list(&list, 1, R(0x0, 0x10000));
}

static void test_add_merges_several(void **state)
{
    (void)state;
    region_list_t list;
    fill(&list, 6); /* 0x1000, 0x2000, ... 0x6000, 0x100 each */
    assert_true(region_list_add(&list, 0x2080, 0x3000)); /* 0x2080..0x5080 */
    assert_list(&list, 3, R(0x1000, 0x100), R(0x2000, 0x3100), R(0x6000, 0x100));
}

static void test_add_wrap_refused(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_false(region_list_add(&list, UINT64_MAX - 0xFFF, 0x2000));
    assert_false(region_list_add(&list, 0x2000, UINT64_MAX));
    assert_false(region_list_add(&list, UINT64_MAX, UINT64_MAX));
    /* Ending exactly at 2^64 has no representable end either. */
    assert_false(region_list_add(&list, UINT64_MAX - 0xFFF, 0x1000));
    assert_list(&list, 1, R(0x1000, 0x1000));
    /* Up to the last representable end is fine. */
    assert_true(region_list_add(&list, UINT64_MAX - 0x1000, 0x1000));
    assert_list(&list, 2, R(0x1000, 0x1000), R(UINT64_MAX - 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x0, UINT64_MAX));
    assert_list(&list, 1, R(0x0, UINT64_MAX));
}

static void test_add_full_list(void **state)
{
    (void)state;
    region_list_t list;
    fill(&list, REGION_LIST_MAX);
    region_list_t before = list;
    /* A new separate range has no slot: refused, unchanged. */
    assert_false(region_list_add(&list, 0x800, 0x100));
    assert_false(region_list_add(&list, 0x100000, 0x100));
    assert_false(region_list_add(&list, 0x1200, 0x100));
    assert_int_equal(list.count, before.count);
    assert_memory_equal(list.region, before.region, sizeof(list.region));
    /* A range that merges needs no slot. */
    assert_true(region_list_add(&list, 0x1100, 0x100));
    assert_int_equal(list.count, REGION_LIST_MAX);
    assert_int_equal(list.region[0].size, 0x200);
    assert_true(region_list_add(&list, 0x2100, 0xF00)); /* joins 0x2000 and 0x3000 */
    assert_int_equal(list.count, REGION_LIST_MAX - 1);
    assert_invariants(&list);
}

/* ---- remove. ---- */

static void test_remove_split_middle(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x4000));
    assert_true(region_list_remove(&list, 0x2000, 0x1000));
    assert_list(&list, 2, R(0x1000, 0x1000), R(0x3000, 0x2000));
    assert_int_equal(region_list_total(&list), 0x3000);
}

static void test_remove_trim_head_and_tail(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x4000));
    assert_true(region_list_remove(&list, 0x1000, 0x1000)); /* head, exact start */
    assert_list(&list, 1, R(0x2000, 0x3000));
    assert_true(region_list_remove(&list, 0x0, 0x2800)); /* head, from before */
    assert_list(&list, 1, R(0x2800, 0x2800));
    assert_true(region_list_remove(&list, 0x4000, 0x1000)); /* tail, exact end */
    assert_list(&list, 1, R(0x2800, 0x1800));
    assert_true(region_list_remove(&list, 0x3800, 0x10000)); /* tail, past the end */
    assert_list(&list, 1, R(0x2800, 0x1000));
}

static void test_remove_whole(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x3000, 0x1000));
    assert_true(region_list_add(&list, 0x5000, 0x1000));
    assert_true(region_list_remove(&list, 0x3000, 0x1000)); /* exactly */
    assert_list(&list, 2, R(0x1000, 0x1000), R(0x5000, 0x1000));
    assert_true(region_list_remove(&list, 0x4000, 0x4000)); /* with margin */
    assert_list(&list, 1, R(0x1000, 0x1000));
    assert_true(region_list_remove(&list, 0x1000, 0x1000));
    assert_list(&list, 0);
    assert_true(region_list_remove(&list, 0x1000, 0x1000)); /* nothing left */
    assert_list(&list, 0);
}

static void test_remove_spanning_several(void **state)
{
    (void)state;
    region_list_t list;
    fill(&list, 6); /* 0x1000, 0x2000, ... 0x6000, 0x100 each */
    /* From inside the second to inside the fifth. */
    assert_true(region_list_remove(&list, 0x2080, 0x5040 - 0x2080));
    assert_list(&list, 4, R(0x1000, 0x100), R(0x2000, 0x80), R(0x5040, 0xC0),
                R(0x6000, 0x100));
    /* Everything. */
    assert_true(region_list_remove(&list, 0, 0x10000));
    assert_list(&list, 0);
}

static void test_remove_outside_and_gaps(void **state)
{
    (void)state;
    region_list_t list;
    fill(&list, 3);
    region_list_t before = list;
    assert_true(region_list_remove(&list, 0x0, 0x1000));      /* before, touching */
    assert_true(region_list_remove(&list, 0x1100, 0xF00));    /* a gap, touching both */
    assert_true(region_list_remove(&list, 0x3100, 0x100000)); /* after */
    assert_true(region_list_remove(&list, 0x2000, 0));        /* empty */
    assert_int_equal(list.count, before.count);
    assert_memory_equal(list.region, before.region, sizeof(list.region));
}

/* A range running past 2^64 removes everything from its base up. */
static void test_remove_wrapping_range(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x100000000, 0x1000));
    assert_true(region_list_add(&list, UINT64_MAX - 0x1000, 0x1000));
    assert_true(region_list_remove(&list, 0x1800, UINT64_MAX));
    assert_list(&list, 1, R(0x1000, 0x800));
}

static void test_remove_split_on_full_list(void **state)
{
    (void)state;
    region_list_t list;
    fill(&list, REGION_LIST_MAX);
    region_list_t before = list;
    /* Splitting needs a slot: refused, list unchanged. */
    assert_false(region_list_remove(&list, 0x3040, 0x40));
    assert_int_equal(list.count, before.count);
    assert_memory_equal(list.region, before.region, sizeof(list.region));
    /* Trims and whole removals need none. */
    assert_true(region_list_remove(&list, 0x3000, 0x40));
    assert_true(region_list_remove(&list, 0x40C0, 0x40));
    assert_true(region_list_remove(&list, 0x5000, 0x100));
    assert_int_equal(list.count, REGION_LIST_MAX - 1);
    assert_int_equal(region_list_total(&list), 0x100 * (REGION_LIST_MAX - 1) - 0x80);
    /* With a slot free again the split works. */
    assert_true(region_list_remove(&list, 0x7040, 0x40));
    assert_int_equal(list.count, REGION_LIST_MAX);
    assert_invariants(&list);
}

/* ---- alloc. ---- */

static void test_alloc_lowest_fit(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x10000, 0x10000));
    uint64_t pa = 0;
    /* Too big for the first range: comes from the second's start. */
    assert_true(region_list_alloc(&list, 0x2000, 12, &pa));
    assert_int_equal(pa, 0x10000);
    assert_list(&list, 2, R(0x1000, 0x1000), R(0x12000, 0xE000));
    /* Fits the first. */
    assert_true(region_list_alloc(&list, 0x800, 0, &pa));
    assert_int_equal(pa, 0x1000);
    assert_list(&list, 2, R(0x1800, 0x800), R(0x12000, 0xE000));
}

static void test_alloc_alignment(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1234, 0x100000));
    uint64_t pa = 0;
    assert_true(region_list_alloc(&list, 0x1000, 12, &pa));
    assert_int_equal(pa, 0x2000);
    /* The part below the aligned start stays free: a split. */
    assert_list(&list, 2, R(0x1234, 0xDCC), R(0x3000, 0x100000 - 0x1DCC));
    assert_true(region_list_alloc(&list, 0x10, 16, &pa));
    assert_int_equal(pa, 0x10000);
    assert_true(region_list_alloc(&list, 1, 0, &pa));
    assert_int_equal(pa, 0x1234);
    assert_true(region_list_alloc(&list, 0x4, 3, &pa));
    assert_int_equal(pa, 0x1238);
    assert_invariants(&list);
}

/* The first range is big enough but not once aligned: the next one is used. */
static void test_alloc_alignment_skips_range(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1100, 0x1000)); /* aligned start 0x2000: 0x100 left */
    assert_true(region_list_add(&list, 0x8000, 0x1000));
    uint64_t pa = 0;
    assert_true(region_list_alloc(&list, 0x200, 12, &pa));
    assert_int_equal(pa, 0x8000);
    assert_list(&list, 2, R(0x1100, 0x1000), R(0x8200, 0xE00));
    /* And a range whose aligned start is past its end. */
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1100, 0x100));
    assert_false(region_list_alloc(&list, 0x10, 12, &pa));
    assert_list(&list, 1, R(0x1100, 0x100));
}

static void test_alloc_exact_fit(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x4000, 0x2000));
    assert_true(region_list_add(&list, 0x10000, 0x1000));
    uint64_t pa = 0;
    assert_true(region_list_alloc(&list, 0x2000, 13, &pa));
    assert_int_equal(pa, 0x4000);
    assert_list(&list, 1, R(0x10000, 0x1000));
    assert_true(region_list_alloc(&list, 0x1000, 12, &pa));
    assert_int_equal(pa, 0x10000);
    assert_list(&list, 0);
    /* Aligned start with exactly size bytes up to the end. */
    assert_true(region_list_add(&list, 0x1800, 0x1800));
    assert_true(region_list_alloc(&list, 0x1000, 12, &pa));
    assert_int_equal(pa, 0x2000);
    assert_list(&list, 1, R(0x1800, 0x800));
}

static void test_alloc_nothing_fits(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, 0x1000, 0x1000));
    assert_true(region_list_add(&list, 0x3000, 0x1800));
    region_list_t before = list;
    uint64_t pa = 0xAAAA;
    assert_false(region_list_alloc(&list, 0x2000, 0, &pa)); /* too big anywhere */
    assert_false(region_list_alloc(&list, 0x1000, 14, &pa)); /* nothing aligned */
    assert_false(region_list_alloc(&list, 0, 12, &pa));      /* empty request */
    assert_false(region_list_alloc(&list, 0x10, 64, &pa));   /* absurd alignment */
    assert_false(region_list_alloc(&list, UINT64_MAX, 0, &pa));
    assert_int_equal(pa, 0xAAAA);
    assert_int_equal(list.count, before.count);
    assert_memory_equal(list.region, before.region, sizeof(list.region));
    region_list_init(&list);
    assert_false(region_list_alloc(&list, 1, 0, &pa)); /* empty list */
    assert_int_equal(pa, 0xAAAA);
}

/* Aligning a base near the top of the address space must not wrap to 0. */
static void test_alloc_alignment_near_top(void **state)
{
    (void)state;
    region_list_t list;
    region_list_init(&list);
    assert_true(region_list_add(&list, UINT64_MAX - 0x1FFF, 0x1FFF));
    uint64_t pa = 0xAAAA;
    assert_false(region_list_alloc(&list, 0x10, 20, &pa));
    assert_false(region_list_alloc(&list, 0x10, 63, &pa));
    assert_int_equal(pa, 0xAAAA);
    assert_true(region_list_alloc(&list, 0x1000, 12, &pa));
    assert_int_equal(pa, UINT64_MAX - 0x1FFF);
    assert_list(&list, 1, R(UINT64_MAX - 0xFFF, 0xFFF));
}

/* On a full list an allocation at a range's start needs no new slot and
 * works; one that would split the only range it fits in fails and takes
 * nothing. */
static void test_alloc_full_list(void **state)
{
    (void)state;
    region_list_t list;
    fill(&list, REGION_LIST_MAX); /* 0x100 bytes at 0x1000 * n */
    uint64_t pa = 0xAAAA;
    assert_true(region_list_alloc(&list, 0x40, 12, &pa)); /* head trim */
    assert_int_equal(pa, 0x1000);
    assert_int_equal(list.count, REGION_LIST_MAX);
    assert_int_equal(list.region[0].base, 0x1040);
    assert_true(region_list_alloc(&list, 0xC0, 6, &pa)); /* the rest of it */
    assert_int_equal(pa, 0x1040);
    assert_int_equal(list.count, REGION_LIST_MAX - 1);

    /* Full again, with one big range that is the only fit for 0x1000. */
    assert_true(region_list_add(&list, 0x100040, 0x10000));
    assert_int_equal(list.count, REGION_LIST_MAX);
    region_list_t before = list;
    pa = 0xAAAA;
    assert_false(region_list_alloc(&list, 0x1000, 12, &pa)); /* 0x101000: a split */
    assert_int_equal(pa, 0xAAAA);
    assert_int_equal(list.count, before.count);
    assert_memory_equal(list.region, before.region, sizeof(list.region));
}

/* ---- Randomised against a bitmap model. ---- */

#define MODEL_BITS 2048 /* bytes of a toy address space */

typedef struct model {
    bool used[MODEL_BITS];
} model_t;

static uint64_t rng_state = 0x2545F4914F6CDD1Du;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void model_set(model_t *m, uint64_t base, uint64_t size, bool value)
{
    for (uint64_t a = base; a < base + size && a < MODEL_BITS; a++) {
        m->used[a] = value;
    }
}

static void assert_matches_model(const region_list_t *list, const model_t *m)
{
    assert_invariants(list);
    bool in_list[MODEL_BITS];
    memset(in_list, 0, sizeof(in_list));
    for (int i = 0; i < list->count; i++) {
        const mem_region_t *r = &list->region[i];
        assert_true(r->base + r->size <= MODEL_BITS);
        for (uint64_t a = r->base; a < r->base + r->size; a++) {
            in_list[a] = true;
        }
    }
    assert_memory_equal(in_list, m->used, sizeof(in_list));
}

/* The lowest aligned fit in the list, or -1; if unsplit, only among fits
 * that take a range's head or tail (or all of it), which need no new slot. */
static int64_t model_fit(const region_list_t *list, uint64_t size, unsigned bits, bool unsplit,
                         bool *split)
{
    for (int i = 0; i < list->count; i++) {
        const mem_region_t *r = &list->region[i];
        uint64_t align = (uint64_t)1 << bits;
        uint64_t start = (r->base + align - 1) / align * align;
        uint64_t end = r->base + r->size;
        if (start < end && end - start >= size) {
            *split = start > r->base && start + size < end;
            if (unsplit && *split) {
                continue;
            }
            return (int64_t)start;
        }
    }
    return -1;
}

static void test_random_against_model(void **state)
{
    (void)state;
    region_list_t list;
    model_t model;
    region_list_init(&list);
    memset(&model, 0, sizeof(model));
    unsigned refused = 0;
    unsigned allocated = 0;
    for (int step = 0; step < 20000; step++) {
        uint64_t op = rng() % 8;
        uint64_t base = rng() % MODEL_BITS;
        uint64_t size = rng() % 64;
        if (base + size > MODEL_BITS) {
            size = MODEL_BITS - base;
        }
        region_list_t before = list;
        if (op < 3) {
            bool ok = region_list_add(&list, base, size);
            if (ok) {
                model_set(&model, base, size, true);
            } else {
                refused++;
                assert_int_equal(list.count, REGION_LIST_MAX);
                assert_memory_equal(&list, &before, sizeof(list));
            }
        } else if (op < 6) {
            bool ok = region_list_remove(&list, base, size);
            if (ok) {
                model_set(&model, base, size, false);
            } else {
                refused++;
                assert_int_equal(before.count, REGION_LIST_MAX);
                assert_memory_equal(&list, &before, sizeof(list));
            }
        } else {
            unsigned bits = (unsigned)(rng() % 6);
            uint64_t want = 1 + size;
            uint64_t pa = UINT64_MAX;
            bool split = false;
            int64_t lowest = model_fit(&list, want, bits, false, &split);
            bool ok = region_list_alloc(&list, want, bits, &pa);
            bool full = before.count == REGION_LIST_MAX;
            if (lowest >= 0 && split && full && !ok) {
                /* The lowest fit would need a slot the full list does not
                 * have: refusing is allowed (see test_alloc_full_list). */
                lowest = -1;
            } else if (lowest >= 0 && split && full) {
                lowest = model_fit(&before, want, bits, true, &split);
            }
            if (lowest < 0) {
                assert_false(ok);
                assert_int_equal(pa, UINT64_MAX);
                assert_memory_equal(&list, &before, sizeof(list));
            } else {
                assert_true(ok);
                assert_int_equal(pa, (uint64_t)lowest);
                assert_int_equal(pa % ((uint64_t)1 << bits), 0);
                for (uint64_t a = pa; a < pa + want; a++) {
                    assert_true(model.used[a]);
                }
                model_set(&model, pa, want, false);
                allocated++;
            }
        }
        assert_matches_model(&list, &model);
        uint64_t total = 0;
        for (int a = 0; a < MODEL_BITS; a++) {
            total += model.used[a];
        }
        assert_int_equal(region_list_total(&list), total);
    }
    /* The run reached the interesting cases. */
    assert_true(refused > 0);
    assert_true(allocated > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_and_total),
        cmocka_unit_test(test_add_keeps_order),
        cmocka_unit_test(test_add_zero_size),
        cmocka_unit_test(test_add_merges_touching_neighbours),
        cmocka_unit_test(test_add_merges_overlaps),
        cmocka_unit_test(test_add_merges_several),
        cmocka_unit_test(test_add_wrap_refused),
        cmocka_unit_test(test_add_full_list),
        cmocka_unit_test(test_remove_split_middle),
        cmocka_unit_test(test_remove_trim_head_and_tail),
        cmocka_unit_test(test_remove_whole),
        cmocka_unit_test(test_remove_spanning_several),
        cmocka_unit_test(test_remove_outside_and_gaps),
        cmocka_unit_test(test_remove_wrapping_range),
        cmocka_unit_test(test_remove_split_on_full_list),
        cmocka_unit_test(test_alloc_lowest_fit),
        cmocka_unit_test(test_alloc_alignment),
        cmocka_unit_test(test_alloc_alignment_skips_range),
        cmocka_unit_test(test_alloc_exact_fit),
        cmocka_unit_test(test_alloc_nothing_fits),
        cmocka_unit_test(test_alloc_alignment_near_top),
        cmocka_unit_test(test_alloc_full_list),
        cmocka_unit_test(test_random_against_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
