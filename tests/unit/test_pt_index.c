// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the translation-table index arithmetic
 * (kernel/include/arch/aarch64/pt_index.h): the shift and the span of each
 * level of a 48-bit, 4 KiB-granule address space, the four indexes of known
 * user and kernel addresses, and that the indexes and the page offset
 * recompose every address (with the top 16 bits as sign extension of bit 47).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arch/aarch64/pt_index.h>

static void assert_indexes(uint64_t vaddr, unsigned l0, unsigned l1, unsigned l2, unsigned l3)
{
    const unsigned expected[PT_LEVELS] = { l0, l1, l2, l3 };
    for (unsigned level = 0; level < PT_LEVELS; level++) {
        if (pt_index(vaddr, level) != expected[level]) {
            fail_msg("pt_index(0x%016llx, %u) = %u, expected %u", (unsigned long long)vaddr,
                     level, pt_index(vaddr, level), expected[level]);
        }
    }
}

static void test_constants(void **state)
{
    (void)state;
    assert_int_equal(PT_LEVELS, 4);
    assert_int_equal(PT_ENTRIES, 512);
    assert_int_equal(1u << PT_INDEX_BITS, PT_ENTRIES);
}

static void test_level_shift(void **state)
{
    (void)state;
    assert_int_equal(pt_level_shift(0), 39);
    assert_int_equal(pt_level_shift(1), 30);
    assert_int_equal(pt_level_shift(2), 21);
    assert_int_equal(pt_level_shift(3), 12);
}

static void test_entry_span(void **state)
{
    (void)state;
    assert_int_equal(pt_entry_span(0), 512ull << 30); /* 512 GiB */
    assert_int_equal(pt_entry_span(1), 1ull << 30);   /* 1 GiB */
    assert_int_equal(pt_entry_span(2), 2ull << 20);   /* 2 MiB */
    assert_int_equal(pt_entry_span(3), 4096);         /* 4 KiB */
    /* A full table at one level spans one entry of the level above. */
    for (unsigned level = 1; level < PT_LEVELS; level++) {
        assert_int_equal(pt_entry_span(level) * PT_ENTRIES, pt_entry_span(level - 1));
    }
    /* And a full level-0 table the whole 48-bit half. */
    assert_int_equal(pt_entry_span(0) * PT_ENTRIES, 1ull << 48);
}

static void test_known_addresses(void **state)
{
    (void)state;
    assert_indexes(0x0, 0, 0, 0, 0);
    assert_indexes(0xFFF, 0, 0, 0, 0);
    assert_indexes(0x1000, 0, 0, 0, 1);
    assert_indexes(0x200000, 0, 0, 1, 0);
    assert_indexes(0x40000000, 0, 1, 0, 0);
    assert_indexes(0x8000000000, 1, 0, 0, 0);
    assert_indexes(0x400000, 0, 0, 2, 0);           /* a root task's text */
    assert_indexes(0x40080000, 0, 1, 0, 128);       /* RAM on virt + 512 KiB */
    assert_indexes(0x00007FFFFFFFF000, 255, 511, 511, 511); /* last user page */
    assert_indexes(0xFFFF800000000000, 256, 0, 0, 0);       /* first of the high half */
    assert_indexes(0xFFFFFFFF80080000, 511, 510, 0, 128);   /* the kernel image */
    assert_indexes(0xFFFF000040000000, 0, 1, 0, 0);         /* TTBR1 side, bit 47 clear */
    assert_indexes(0xFFFFFFFFFFFFF000, 511, 511, 511, 511);
    assert_indexes(0x0000FFFFFFFFFFFF, 511, 511, 511, 511);
    assert_indexes(0x0000123456789000, 0x24, 0xD1, 0xB3, 0x189);
}

/* Only bits [47:12] matter: the page offset and the top 16 bits do not. */
static void test_ignores_offset_and_top_bits(void **state)
{
    (void)state;
    const uint64_t addr = 0x00005A5A5A5A5000;
    for (unsigned level = 0; level < PT_LEVELS; level++) {
        unsigned index = pt_index(addr, level);
        assert_int_equal(pt_index(addr | 0xFFF, level), index);
        assert_int_equal(pt_index(addr | 0xFFFF000000000000, level), index);
        assert_int_equal(pt_index(addr | 0x1234000000000ABC, level), index);
    }
}

/* Stepping by one entry's span moves that level's index by one. */
static void test_step_by_span(void **state)
{
    (void)state;
    const uint64_t addr = 0x0000123456789000;
    for (unsigned level = 0; level < PT_LEVELS; level++) {
        uint64_t next = addr + pt_entry_span(level);
        assert_int_equal(pt_index(next, level), (pt_index(addr, level) + 1) % PT_ENTRIES);
        for (unsigned lower = level + 1; lower < PT_LEVELS; lower++) {
            assert_int_equal(pt_index(next, lower), pt_index(addr, lower));
        }
    }
}

static uint64_t recompose(uint64_t vaddr)
{
    uint64_t addr = vaddr & 0xFFF;
    for (unsigned level = 0; level < PT_LEVELS; level++) {
        unsigned index = pt_index(vaddr, level);
        assert_true(index < PT_ENTRIES);
        addr |= (uint64_t)index << pt_level_shift(level);
    }
    if (addr & (1ull << 47)) {
        addr |= 0xFFFF000000000000; /* canonical high-half address */
    }
    return addr;
}

static void test_recompose(void **state)
{
    (void)state;
    uint64_t x = 0x853C49E6748FEA9Bu;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        /* A canonical address: bits [63:48] copy bit 47. */
        uint64_t low = x & 0x0000FFFFFFFFFFFF;
        uint64_t vaddr = (low & (1ull << 47)) ? low | 0xFFFF000000000000 : low;
        uint64_t got = recompose(vaddr);
        if (got != vaddr) {
            fail_msg("0x%016llx recomposes to 0x%016llx", (unsigned long long)vaddr,
                     (unsigned long long)got);
        }
    }
    /* Every index value at every level. */
    for (unsigned level = 0; level < PT_LEVELS; level++) {
        for (uint64_t index = 0; index < PT_ENTRIES; index++) {
            uint64_t vaddr = index << pt_level_shift(level);
            if (vaddr & (1ull << 47)) {
                vaddr |= 0xFFFF000000000000;
            }
            assert_int_equal(pt_index(vaddr, level), index);
            assert_int_equal(recompose(vaddr), vaddr);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_level_shift),
        cmocka_unit_test(test_entry_span),
        cmocka_unit_test(test_known_addresses),
        cmocka_unit_test(test_ignores_offset_and_top_bits),
        cmocka_unit_test(test_step_by_span),
        cmocka_unit_test(test_recompose),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
