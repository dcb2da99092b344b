/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The message-info word that accompanies every message (x1), with libsel4's
 * field order from high to low: label 52 bits, caps unwrapped 3, extra caps
 * 2, length 7. Explicit shifts and masks, no C bitfields.
 */
#pragma once

#include <sel4/basic_types.h>

typedef struct seL4_MessageInfo {
    seL4_Word words[1];
} seL4_MessageInfo_t;

#define SEL4_MI_LENGTH_BITS 7
#define SEL4_MI_EXTRA_CAPS_BITS 2
#define SEL4_MI_UNWRAPPED_BITS 3
#define SEL4_MI_LABEL_BITS 52
#define SEL4_MI_EXTRA_CAPS_SHIFT SEL4_MI_LENGTH_BITS
#define SEL4_MI_UNWRAPPED_SHIFT (SEL4_MI_EXTRA_CAPS_SHIFT + SEL4_MI_EXTRA_CAPS_BITS)
#define SEL4_MI_LABEL_SHIFT (SEL4_MI_UNWRAPPED_SHIFT + SEL4_MI_UNWRAPPED_BITS)

static inline seL4_Word seL4_MessageInfo_field(seL4_MessageInfo_t mi, unsigned shift,
                                               unsigned bits)
{
    return (mi.words[0] >> shift) & ((1UL << bits) - 1);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_with(seL4_MessageInfo_t mi, unsigned shift,
                                                       unsigned bits, seL4_Word value)
{
    seL4_Word mask = ((1UL << bits) - 1) << shift;
    mi.words[0] = (mi.words[0] & ~mask) | ((value << shift) & mask);
    return mi;
}

static inline seL4_MessageInfo_t seL4_MessageInfo_new(seL4_Word label, seL4_Word capsUnwrapped,
                                                      seL4_Word extraCaps, seL4_Word length)
{
    seL4_MessageInfo_t mi = { { 0 } };
    mi = seL4_MessageInfo_with(mi, SEL4_MI_LABEL_SHIFT, SEL4_MI_LABEL_BITS, label);
    mi = seL4_MessageInfo_with(mi, SEL4_MI_UNWRAPPED_SHIFT, SEL4_MI_UNWRAPPED_BITS, capsUnwrapped);
    mi = seL4_MessageInfo_with(mi, SEL4_MI_EXTRA_CAPS_SHIFT, SEL4_MI_EXTRA_CAPS_BITS, extraCaps);
    return seL4_MessageInfo_with(mi, 0, SEL4_MI_LENGTH_BITS, length);
}

static inline seL4_Word seL4_MessageInfo_get_label(seL4_MessageInfo_t mi)
{
    return seL4_MessageInfo_field(mi, SEL4_MI_LABEL_SHIFT, SEL4_MI_LABEL_BITS);
}

static inline seL4_Word seL4_MessageInfo_get_capsUnwrapped(seL4_MessageInfo_t mi)
{
    return seL4_MessageInfo_field(mi, SEL4_MI_UNWRAPPED_SHIFT, SEL4_MI_UNWRAPPED_BITS);
}

static inline seL4_Word seL4_MessageInfo_get_extraCaps(seL4_MessageInfo_t mi)
{
    return seL4_MessageInfo_field(mi, SEL4_MI_EXTRA_CAPS_SHIFT, SEL4_MI_EXTRA_CAPS_BITS);
}

static inline seL4_Word seL4_MessageInfo_get_length(seL4_MessageInfo_t mi)
{
    return seL4_MessageInfo_field(mi, 0, SEL4_MI_LENGTH_BITS);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_label(seL4_MessageInfo_t mi, seL4_Word v)
{
    return seL4_MessageInfo_with(mi, SEL4_MI_LABEL_SHIFT, SEL4_MI_LABEL_BITS, v);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_capsUnwrapped(seL4_MessageInfo_t mi,
                                                                    seL4_Word v)
{
    return seL4_MessageInfo_with(mi, SEL4_MI_UNWRAPPED_SHIFT, SEL4_MI_UNWRAPPED_BITS, v);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_extraCaps(seL4_MessageInfo_t mi,
                                                                seL4_Word v)
{
    return seL4_MessageInfo_with(mi, SEL4_MI_EXTRA_CAPS_SHIFT, SEL4_MI_EXTRA_CAPS_BITS, v);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_length(seL4_MessageInfo_t mi, seL4_Word v)
{
    return seL4_MessageInfo_with(mi, 0, SEL4_MI_LENGTH_BITS, v);
}

/* The same accessors on a message info held in memory (libsel4 offers both
 * forms; sel4test uses these). */
static inline void seL4_MessageInfo_ptr_new(seL4_MessageInfo_t *mi, seL4_Word label,
                                            seL4_Word capsUnwrapped, seL4_Word extraCaps,
                                            seL4_Word length)
{
    *mi = seL4_MessageInfo_new(label, capsUnwrapped, extraCaps, length);
}

static inline seL4_Word seL4_MessageInfo_ptr_get_label(const seL4_MessageInfo_t *mi)
{
    return seL4_MessageInfo_get_label(*mi);
}

static inline seL4_Word seL4_MessageInfo_ptr_get_capsUnwrapped(const seL4_MessageInfo_t *mi)
{
    return seL4_MessageInfo_get_capsUnwrapped(*mi);
}

static inline seL4_Word seL4_MessageInfo_ptr_get_extraCaps(const seL4_MessageInfo_t *mi)
{
    return seL4_MessageInfo_get_extraCaps(*mi);
}

static inline seL4_Word seL4_MessageInfo_ptr_get_length(const seL4_MessageInfo_t *mi)
{
    return seL4_MessageInfo_get_length(*mi);
}

static inline void seL4_MessageInfo_ptr_set_label(seL4_MessageInfo_t *mi, seL4_Word v)
{
    *mi = seL4_MessageInfo_set_label(*mi, v);
}

static inline void seL4_MessageInfo_ptr_set_capsUnwrapped(seL4_MessageInfo_t *mi, seL4_Word v)
{
    *mi = seL4_MessageInfo_set_capsUnwrapped(*mi, v);
}

static inline void seL4_MessageInfo_ptr_set_extraCaps(seL4_MessageInfo_t *mi, seL4_Word v)
{
    *mi = seL4_MessageInfo_set_extraCaps(*mi, v);
}

static inline void seL4_MessageInfo_ptr_set_length(seL4_MessageInfo_t *mi, seL4_Word v)
{
    *mi = seL4_MessageInfo_set_length(*mi, v);
}
