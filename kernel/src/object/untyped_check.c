// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where objects lie (kernel/invariants.h). Retype trusts these, and a
 * revoke of an untyped frees exactly what follows it in the derivation
 * list, so a break here is a use-after-free waiting to happen:
 *
 *   - every object is aligned to its size;
 *   - an object whose memory overlaps an untyped lies wholly inside it,
 *     below its watermark, and among its descendants (the run of entries
 *     right after it that its revoke would delete), unless it is an untyped
 *     that contains the first one (an ancestor, or the original of a copy);
 *   - two caps to objects that overlap name the same object.
 *
 * Objects made at boot for the root task lie outside every untyped and
 * meet only the first and last rules.
 */
#include <kernel/invariants.h>

#include <object/cdt.h>
#include <object/objecttype.h>

typedef struct region {
    uintptr_t base;
    uintptr_t last; /* the last byte, so a region at the top cannot wrap */
    unsigned bits;
} region_t;

static bool region_of(cap_t cap, region_t *r)
{
    if (!cap_region(cap, &r->base, &r->bits)) {
        return false;
    }
    r->last = r->base + ((BIT(r->bits) - 1));
    return true;
}

static bool overlap(const region_t *a, const region_t *b)
{
    return a->base <= b->last && b->base <= a->last;
}

static bool inside(const region_t *inner, const region_t *outer)
{
    return outer->base <= inner->base && inner->last <= outer->last;
}

/* Every entry that overlaps the untyped in slot u obeys the second rule. */
static void check_untyped(const cte_t *u)
{
    region_t ut;
    region_of(u->cap, &ut);
    uintptr_t watermark = ut.base + cap_untyped_get_free_index(u->cap);
    bool seen = false;  /* u itself is behind us */
    bool in_run = false; /* and so far every entry since is its descendant */
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        if (s == u) {
            seen = true;
            in_run = true;
            continue;
        }
        in_run = in_run && cdt_is_parent_of(u, s);
        region_t r;
        if (!region_of(s->cap, &r) || !overlap(&r, &ut)) {
            continue;
        }
        if (!seen && cap_get_type(s->cap) == CAP_UNTYPED && inside(&ut, &r)) {
            continue; /* an untyped this one was made from, or copied from */
        }
        if (!inside(&r, &ut)) {
            invariant_report("an object straddles the edge of an untyped", s);
        } else if (!in_run) {
            invariant_report("an object inside an untyped is not its descendant", s);
        } else if (r.last >= watermark) {
            invariant_report("an object lies above its untyped's watermark", s);
        }
    }
}

static bool same_object(cap_t a, const region_t *ra, cap_t b, const region_t *rb)
{
    cap_type_t ta = cap_get_type(a);
    cap_type_t tb = cap_get_type(b);
    return ra->base == rb->base && ra->bits == rb->bits && ta == tb && ta != CAP_ZOMBIE;
}

/* Objects other than untypeds overlap only when they are the same. */
static void check_disjoint(const cte_t *s, const region_t *r)
{
    for (const cte_t *t = mdb_next(s); t != NULL; t = mdb_next(t)) {
        region_t q;
        if (cap_get_type(t->cap) == CAP_UNTYPED || !region_of(t->cap, &q) || !overlap(r, &q)) {
            continue;
        }
        if (!same_object(s->cap, r, t->cap, &q)) {
            invariant_report("two objects overlap", t);
        }
    }
}

void untyped_check_invariants(void)
{
    for (const cte_t *s = mdb_next(&cdt_head); s != NULL; s = mdb_next(s)) {
        region_t r;
        if (!region_of(s->cap, &r)) {
            continue;
        }
        if (r.base & (BIT(r.bits) - 1)) {
            invariant_report("an object is not aligned to its size", s);
        }
        if (cap_get_type(s->cap) == CAP_UNTYPED) {
            check_untyped(s);
        } else {
            check_disjoint(s, &r);
        }
    }
}
