/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Compiler helpers that libsel4's headers and the code written against them
 * use (libsel4's names). Free of any other header, so every libsel-style
 * header, the kernel's included, can take it first.
 */
#pragma once

/* How the header-only parts of the library are emitted. */
#define LIBSEL4_INLINE static inline
#define LIBSEL4_INLINE_FUNC static inline

#define SEL4_PACKED __attribute__((__packed__))
#define SEL4_DEPRECATED(why) __attribute__((__deprecated__(why)))

/* libutils (utils/attribute.h) defines these two as well; the spellings
 * must stay token for token the same so either header may come first. */
#ifndef CONST
#define CONST __attribute__((__const__))
#endif
#ifndef PURE
#define PURE __attribute__((__pure__))
#endif

/* A compile-time check usable at file scope in both C and C++. */
#ifdef __cplusplus
#define SEL4_STATIC_ASSERT(cond, why) static_assert(cond, why)
#else
#define SEL4_STATIC_ASSERT(cond, why) _Static_assert(cond, why)
#endif

/* Gives an enum type the size of a word (the values stay as declared): an
 * enumerator that needs 63 bits makes GCC and clang pick unsigned long, so
 * the type is interchangeable with seL4_Word, as in libsel4. */
#define SEL4_FORCE_LONG_ENUM(type) type##_force_word_size = 0x7fffffffffffffffL
