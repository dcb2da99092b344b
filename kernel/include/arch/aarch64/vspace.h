/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * User address spaces: the ASID table, page-table walks, mapping entries and
 * the TLB maintenance that keeps them honest. The invocation decoders live in
 * object/ (frame.c, page_table.c, asid.c); this is the part that knows the
 * descriptor format.
 *
 * A VSpace is a level-0 table; page tables (one object type) fill levels
 * 1-3. ASIDs are 16 bits: 128 pools of 512, found through asid_table. Every
 * mapping a cap remembers (ASID, vaddr) is checked against the tables before
 * it is used, so a cap whose VSpace or ASID has gone can never touch
 * someone else's translation.
 */
#pragma once

#include <arch/aarch64/cpu_state.h>
#include <arch/aarch64/memory_layout.h>
#include <object/cap.h>
#include <types.h>
#include <util.h>

#define ASID_LOW_BITS 9
#define ASID_POOL_COUNT 128
#define ASID_POOL_SIZE (1u << ASID_LOW_BITS)

typedef uint64_t pte_t;

typedef struct asid_pool {
    pte_t *vspace[ASID_POOL_SIZE]; /* level-0 table of each ASID, or NULL */
} asid_pool_t;

extern asid_pool_t *asid_table[ASID_POOL_COUNT];

/* The VSpace that holds asid, or NULL. */
static inline pte_t *vspace_for_asid(word_t asid)
{
    const asid_pool_t *pool = asid_table[(asid >> ASID_LOW_BITS) & (ASID_POOL_COUNT - 1)];
    return (pool == NULL || asid == 0) ? NULL : pool->vspace[asid & (ASID_POOL_SIZE - 1)];
}

/* Where a walk of vspace for vaddr stopped: the first entry that is not a
 * next-level table (or the level-3 entry), and the address bits it covers
 * (39, 30, 21 or 12). */
typedef struct pt_slot {
    pte_t *entry;
    unsigned bits;
} pt_slot_t;

pt_slot_t vspace_lookup_slot(pte_t *vspace, vaddr_t vaddr);

/* The entry that maps the page table at table_paddr for vaddr, or NULL. */
pte_t *vspace_table_parent(pte_t *vspace, vaddr_t vaddr, paddr_t table_paddr);

/* A leaf entry for a frame of 2^bits bytes. rights are the frame cap's
 * vm_rights (1 kernel only, 2 read only, 3 read-write); attr is
 * seL4_ARM_VMAttributes. */
pte_t vspace_leaf_entry(paddr_t frame, unsigned bits, word_t rights, word_t attr, bool device);
static inline bool pte_is_table(pte_t e, unsigned bits)
{
    return bits > 12 && (e & 3) == 3;
}
static inline paddr_t pte_paddr(pte_t e)
{
    return e & 0x0000FFFFFFFFF000UL;
}

/* Installs a new entry where there was none, or replaces the entry of the
 * same frame (break, then make), invalidating the old translation. */
void vspace_set_entry(pte_t *entry, pte_t value, word_t asid, vaddr_t vaddr);

/* Unmaps the frame mapped by a frame cap, if the tables still say so. */
void vspace_unmap_frame(cap_t frame);
/* Unmaps a page table, if still mapped where its cap says, and clears it. */
void vspace_unmap_page_table(cap_t table);
/* Forgets an ASID (its VSpace is being destroyed). */
void vspace_delete_asid(word_t asid, const pte_t *vspace);
/* Forgets every ASID of a pool being destroyed. */
void vspace_delete_asid_pool(word_t asid_base, const asid_pool_t *pool);

/* Every TTBR0 a TCB has cached is stale from now on (arch_cpu_state_t). */
static inline void vspace_epoch_bump(void)
{
    arch_cpu.vspace_epoch++;
}
/* TTBR0 for a table where every user access faults (set by arch_vspace_init). */
extern uint64_t vspace_empty_ttbr0;


/* TTBR0 for a thread's VTable cap: its table and ASID, or the empty table
 * when the cap is not a VSpace with a live ASID. */
static inline uint64_t vspace_ttbr0(cap_t vtable)
{
    if (cap_get_type(vtable) == CAP_VSPACE && cap_vspace_get_mapped(vtable)) {
        word_t asid = cap_vspace_get_mapped_asid(vtable);
        pte_t *root = cap_get_ptr(vtable);
        if (vspace_for_asid(asid) == root) {
            return ((uint64_t)(uintptr_t)root - KERNEL_WINDOW_BASE) | (asid << 48);
        }
    }
    return vspace_empty_ttbr0;
}

/* Loads TTBR0 if it changed. */
static ALWAYS_INLINE void vspace_activate(uint64_t ttbr0)
{
    if (ttbr0 != arch_cpu.loaded_ttbr0) {
        __asm__ volatile("msr ttbr0_el1, %0; isb" ::"r"(ttbr0) : "memory");
        arch_cpu.loaded_ttbr0 = ttbr0;
    }
}

/* Cache maintenance on a kernel-window range (RAM only). */
typedef enum cache_op { CACHE_CLEAN, CACHE_INVALIDATE, CACHE_CLEAN_INVALIDATE, CACHE_UNIFY } cache_op_t;
void vspace_cache_op(cache_op_t op, const void *start, size_t size);

/* Bits of a frame cap's size field (0: 4 KiB, 1: 2 MiB, 2: 1 GiB). */
static inline unsigned frame_bits(cap_t frame)
{
    return 12 + 9 * (unsigned)cap_frame_get_size(frame);
}
