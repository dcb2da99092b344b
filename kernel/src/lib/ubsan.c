// SPDX-License-Identifier: BSD-2-Clause
/*
 * The undefined-behaviour sanitizer's handlers for a kernel built with
 * CAIRN_UBSAN (docs/robustness.md): the compiler calls one of these where
 * the kernel is about to do something C leaves undefined, and the kernel
 * reports what and where, then stops. Each handler's first argument points
 * at a record that starts with the source location; the other arguments
 * (the operands) are not needed for the report.
 */
#include <kernel/printk.h>
#include <stdint.h>

typedef struct ubsan_location {
    const char *file;
    uint32_t line;
    uint32_t column;
} ubsan_location_t;

static NORETURN void ubsan_stop(const void *data, const char *what)
{
    const ubsan_location_t *loc = data;
    kernel_panic("undefined behaviour (%s) at %s:%u:%u", what, loc->file, (unsigned)loc->line,
                 (unsigned)loc->column);
}

/* One handler per check, with the compiler's own signature. */
#define UBSAN_HANDLER1(name, what)                                         \
    void __ubsan_handle_##name(void *data);                                \
    void __ubsan_handle_##name(void *data)                                 \
    {                                                                      \
        ubsan_stop(data, what);                                            \
    }
#define UBSAN_HANDLER2(name, what)                                         \
    void __ubsan_handle_##name(void *data, void *a);                       \
    void __ubsan_handle_##name(void *data, void *a)                        \
    {                                                                      \
        (void)a;                                                           \
        ubsan_stop(data, what);                                            \
    }
#define UBSAN_HANDLER3(name, what)                                         \
    void __ubsan_handle_##name(void *data, void *a, void *b);              \
    void __ubsan_handle_##name(void *data, void *a, void *b)               \
    {                                                                      \
        (void)a;                                                           \
        (void)b;                                                           \
        ubsan_stop(data, what);                                            \
    }

UBSAN_HANDLER3(add_overflow, "signed addition overflows")
UBSAN_HANDLER3(sub_overflow, "signed subtraction overflows")
UBSAN_HANDLER3(mul_overflow, "signed multiplication overflows")
UBSAN_HANDLER2(negate_overflow, "signed negation overflows")
UBSAN_HANDLER3(divrem_overflow, "division by zero or overflow")
UBSAN_HANDLER3(shift_out_of_bounds, "shift out of range")
UBSAN_HANDLER2(out_of_bounds, "array index out of bounds")
UBSAN_HANDLER2(type_mismatch_v1, "null, misaligned or too small object")
UBSAN_HANDLER2(load_invalid_value, "invalid bool or enum value")
UBSAN_HANDLER1(builtin_unreachable, "__builtin_unreachable reached")
UBSAN_HANDLER2(vla_bound_not_positive, "variable-length array bound not positive")
UBSAN_HANDLER1(nonnull_arg, "null passed as a nonnull argument")
UBSAN_HANDLER2(nonnull_return_v1, "null returned from a returns_nonnull function")
UBSAN_HANDLER3(pointer_overflow, "pointer arithmetic overflows")
UBSAN_HANDLER1(invalid_builtin, "invalid argument to a builtin")
UBSAN_HANDLER2(float_cast_overflow, "float conversion out of range")
