// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the ESR_ELx decoding (kernel/include/arch/aarch64/esr.h and
 * kernel/src/arch/aarch64/esr.c): the exception class field, which classes
 * are aborts, the name of every listed class and of the unknown ones, and the
 * fault status names: address size, translation, access flag and permission
 * faults by level (0x00-0x0F), 0x10, 0x21, 0x30 and unknown codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <arch/aarch64/esr.h>

#define IL (1u << 25) /* instruction length bit: 32-bit instruction */

static uint64_t esr_make(unsigned ec, uint32_t iss)
{
    return ((uint64_t)ec << ESR_EC_SHIFT) | IL | (iss & ESR_ISS_MASK);
}

typedef struct class_name {
    unsigned ec;
    const char *name;
} class_name_t;

/* Every class the header lists (Arm ARM D19.2, ESR_EL1.EC). */
static const class_name_t classes[] = {
    { 0x00, "undefined instruction" },
    { 0x01, "trapped WFI/WFE" },
    { 0x07, "trapped FP/SIMD access" },
    { 0x0E, "illegal execution state" },
    { 0x15, "system call" },
    { 0x18, "trapped system register access" },
    { 0x20, "instruction abort from a lower EL" },
    { 0x21, "instruction abort from the same EL" },
    { 0x22, "PC alignment fault" },
    { 0x24, "data abort from a lower EL" },
    { 0x25, "data abort from the same EL" },
    { 0x26, "SP alignment fault" },
    { 0x2C, "floating-point exception" },
    { 0x2F, "SError" },
    { 0x30, "hardware breakpoint" },
    { 0x32, "software step" },
    { 0x34, "watchpoint" },
    { 0x3C, "BRK instruction" },
};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

static const char *listed_name(unsigned ec)
{
    for (size_t i = 0; i < NCLASSES; i++) {
        if (classes[i].ec == ec) {
            return classes[i].name;
        }
    }
    return NULL;
}

static void test_class_constants(void **state)
{
    (void)state;
    assert_int_equal(ESR_EC_UNKNOWN, 0x00);
    assert_int_equal(ESR_EC_WFX, 0x01);
    assert_int_equal(ESR_EC_FP_ACCESS, 0x07);
    assert_int_equal(ESR_EC_ILLEGAL_STATE, 0x0E);
    assert_int_equal(ESR_EC_SVC64, 0x15);
    assert_int_equal(ESR_EC_SYSREG, 0x18);
    assert_int_equal(ESR_EC_IABT_LOWER, 0x20);
    assert_int_equal(ESR_EC_IABT_CURRENT, 0x21);
    assert_int_equal(ESR_EC_PC_ALIGN, 0x22);
    assert_int_equal(ESR_EC_DABT_LOWER, 0x24);
    assert_int_equal(ESR_EC_DABT_CURRENT, 0x25);
    assert_int_equal(ESR_EC_SP_ALIGN, 0x26);
    assert_int_equal(ESR_EC_FP_EXCEPTION, 0x2C);
    assert_int_equal(ESR_EC_SERROR, 0x2F);
    assert_int_equal(ESR_EC_BREAKPOINT_LOWER, 0x30);
    assert_int_equal(ESR_EC_STEP_LOWER, 0x32);
    assert_int_equal(ESR_EC_WATCHPOINT_LOWER, 0x34);
    assert_int_equal(ESR_EC_BRK64, 0x3C);
}

/* EC is bits [31:26]; ISS, IL and bits [63:32] (ISS2 on newer cores) do
 * not change it. */
static void test_class_field(void **state)
{
    (void)state;
    for (unsigned ec = 0; ec < 64; ec++) {
        assert_int_equal(esr_class((uint64_t)ec << 26), ec);
        assert_int_equal(esr_class(esr_make(ec, ESR_ISS_MASK)), ec);
        assert_int_equal(esr_class(((uint64_t)0xFFFFFFFF << 32) | ((uint64_t)ec << 26)), ec);
    }
    assert_int_equal(esr_class(0), 0);
    assert_int_equal(esr_class(0x03FFFFFF), 0);
    assert_int_equal(esr_class(0x56000000), ESR_EC_SVC64); /* svc #0 from EL0 */
    assert_int_equal(esr_class(0x92000006), ESR_EC_DABT_LOWER);
    assert_int_equal(esr_class(0x2000000), ESR_EC_UNKNOWN);
    assert_int_equal(esr_class(UINT64_MAX), 0x3F);
}

static void test_is_abort(void **state)
{
    (void)state;
    for (unsigned ec = 0; ec < 64; ec++) {
        int expected = ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25;
        int got = esr_is_abort(esr_make(ec, 0x45)) != 0;
        if (got != expected) {
            fail_msg("esr_is_abort for EC 0x%02x: %d, expected %d", ec, got, expected);
        }
    }
    /* The alignment faults are not aborts in this sense. */
    assert_false(esr_is_abort(esr_make(ESR_EC_PC_ALIGN, 0)));
    assert_false(esr_is_abort(esr_make(ESR_EC_SP_ALIGN, 0)));
    assert_true(esr_is_abort(0x92000006));
}

static void test_class_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < NCLASSES; i++) {
        assert_string_equal(esr_class_name(esr_make(classes[i].ec, 0)), classes[i].name);
        assert_string_equal(esr_class_name(esr_make(classes[i].ec, ESR_ISS_MASK)),
                            classes[i].name);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(classes[i].name, classes[j].name);
        }
    }
}

static void test_unknown_class_names(void **state)
{
    (void)state;
    unsigned unknown = 0;
    for (unsigned ec = 0; ec < 64; ec++) {
        if (listed_name(ec) != NULL) {
            continue;
        }
        assert_string_equal(esr_class_name(esr_make(ec, 0)), "unexpected exception class");
        unknown++;
    }
    assert_int_equal(unknown, 64 - NCLASSES);
    assert_string_equal(esr_class_name(UINT64_MAX), "unexpected exception class");
    assert_string_equal(esr_class_name(esr_make(0x16, 0)), "unexpected exception class");
    assert_string_equal(esr_class_name(esr_make(0x3F, 0)), "unexpected exception class");
}

static void test_fault_status_by_level(void **state)
{
    (void)state;
    static const char *const kinds[4] = {
        "address size fault",
        "translation fault",
        "access flag fault",
        "permission fault",
    };
    char expected[64];
    for (unsigned fsc = 0x00; fsc <= 0x0F; fsc++) {
        snprintf(expected, sizeof(expected), "%s, level %u", kinds[fsc >> 2], fsc & 3);
        assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_LOWER, fsc)), expected);
        assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_IABT_CURRENT, fsc)),
                            expected);
    }
    /* Spot checks against the Arm ARM's table. */
    assert_string_equal(esr_fault_status_name(0x04), "translation fault, level 0");
    assert_string_equal(esr_fault_status_name(0x07), "translation fault, level 3");
    assert_string_equal(esr_fault_status_name(0x0B), "access flag fault, level 3");
    assert_string_equal(esr_fault_status_name(0x0D), "permission fault, level 1");
    assert_string_equal(esr_fault_status_name(0x0F), "permission fault, level 3");
    assert_string_equal(esr_fault_status_name(0x00), "address size fault, level 0");
}

static void test_fault_status_other_codes(void **state)
{
    (void)state;
    assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_LOWER, 0x10)),
                        "synchronous external abort");
    assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_CURRENT, 0x21)),
                        "alignment fault");
    assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_LOWER, 0x30)),
                        "TLB conflict abort");
    const unsigned unknown[] = { 0x11, 0x13, 0x14, 0x18, 0x1F, 0x20, 0x22, 0x29,
                                 0x31, 0x34, 0x35, 0x3D, 0x3E, 0x3F };
    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_LOWER, unknown[i])),
                            "other fault status");
    }
}

/* Only bits [5:0] select the status: WnR (bit 6), the rest of the ISS and
 * the class do not. */
static void test_fault_status_ignores_other_bits(void **state)
{
    (void)state;
    assert_int_equal(ESR_WNR, 0x40);
    assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_LOWER, ESR_WNR | 0x07)),
                        "translation fault, level 3");
    assert_string_equal(esr_fault_status_name(esr_make(ESR_EC_DABT_LOWER, 0x1FFFFC0 | 0x0E)),
                        "permission fault, level 2");
    assert_string_equal(esr_fault_status_name(((uint64_t)1 << 40) | 0x21), "alignment fault");
    /* The null dereference of the system tests: 0x92000006 / 0x93000046 */
    assert_string_equal(esr_fault_status_name(0x92000006), "translation fault, level 2");
    assert_string_equal(esr_fault_status_name(0x93000046), "translation fault, level 2");
    assert_string_equal(esr_class_name(0x92000006), "data abort from a lower EL");
    /* A data abort at EL1, like the system tests' deliberate kernel fault. */
    assert_string_equal(esr_class_name(0x96000046), "data abort from the same EL");
    assert_string_equal(esr_fault_status_name(0x96000046), "translation fault, level 2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_constants),
        cmocka_unit_test(test_class_field),
        cmocka_unit_test(test_is_abort),
        cmocka_unit_test(test_class_names),
        cmocka_unit_test(test_unknown_class_names),
        cmocka_unit_test(test_fault_status_by_level),
        cmocka_unit_test(test_fault_status_other_codes),
        cmocka_unit_test(test_fault_status_ignores_other_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
