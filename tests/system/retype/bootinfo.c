// SPDX-License-Identifier: BSD-2-Clause
/*
 * BOOTINFO: the boot information and the root CNode the kernel hands the
 * root task (seL4 manual, "System Bootstrapping"): the node fields, the
 * initial caps in libsel4's slot order, the slot regions (image frames, page
 * tables, extra boot-info pages, untypeds, the empty rest) and what each
 * holds, the untyped list (aligned, sized, disjoint, RAM inside the device
 * tree's memory and outside its reservations), and the DTB chunk of the
 * extra boot info. Nothing here retypes for real: sizes are read from
 * retypes that cannot fit, which change nothing.
 */
#include <stdint.h>

#include "helpers.h"

#define PAGE 4096UL
#define IMAGE_BASE 0x400000UL /* root_task.ld links the image at 4 MiB */
#define STACK_PAGES 16
#define MAX_RANGES 32
#define BOOT_RAM_MAX (16UL << 20) /* RAM the kernel may keep for itself */

typedef struct range {
    uint64_t base;
    uint64_t size;
} range_t;

typedef struct range_set {
    range_t r[MAX_RANGES];
    int count;
} range_set_t;

/* What the device tree of the extra boot info says about memory. */
static range_set_t dt_ram;
static range_set_t dt_reserved;
static bool dt_parsed;

static seL4_BootInfo *bi(void)
{
    return seL4_GetBootInfo();
}

static seL4_Word untyped_count(void)
{
    return bi()->untyped.end - bi()->untyped.start;
}

/* ---- A small reader of the flattened device tree (big-endian) ---------- */

enum { FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_NOP = 4, FDT_END = 9 };

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return ((uint64_t)be32(p) << 32) | be32(p + 4);
}

static uint64_t read_cells(const uint8_t *p, size_t cells)
{
    return cells == 2 ? be64(p) : be32(p);
}

static bool str_eq(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* node is `name` or `name@unit-address` */
static bool node_is(const char *node, const char *name)
{
    while (*name != '\0' && *node == *name) {
        node++;
        name++;
    }
    return *name == '\0' && (*node == '\0' || *node == '@');
}

static void add_ranges(range_set_t *set, const uint8_t *reg, size_t len, size_t ac, size_t sc)
{
    size_t entry = 4 * (ac + sc);
    for (size_t at = 0; ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 && at + entry <= len;
         at += entry) {
        if (set->count < MAX_RANGES) {
            set->r[set->count].base = read_cells(reg + at, ac);
            set->r[set->count].size = read_cells(reg + at + 4 * ac, sc);
            set->count++;
        }
    }
}

/* Per-node state of the walk: the regs of /memory nodes and of the
 * children of /reserved-memory. */
typedef struct walk {
    const char *strings;
    unsigned depth;
    uint32_t root_ac, root_sc; /* cells of the root's children */
    uint32_t rm_ac, rm_sc;     /* cells of /reserved-memory's children */
    bool in_reserved;          /* inside /reserved-memory */
    bool is_memory;            /* the depth-2 node is RAM */
    const uint8_t *reg;
    uint32_t reg_len;
} walk_t;

static void walk_prop(walk_t *w, const char *name, const uint8_t *value, uint32_t len)
{
    if (w->depth == 1 && len == 4 && str_eq(name, "#address-cells")) {
        w->root_ac = be32(value);
    } else if (w->depth == 1 && len == 4 && str_eq(name, "#size-cells")) {
        w->root_sc = be32(value);
    } else if (w->depth == 2 && w->in_reserved && len == 4 && str_eq(name, "#address-cells")) {
        w->rm_ac = be32(value);
    } else if (w->depth == 2 && w->in_reserved && len == 4 && str_eq(name, "#size-cells")) {
        w->rm_sc = be32(value);
    } else if (w->depth == 2 && str_eq(name, "device_type") && len > 0 &&
               str_eq((const char *)value, "memory")) {
        w->is_memory = true;
    } else if ((w->depth == 2 || (w->depth == 3 && w->in_reserved)) && str_eq(name, "reg")) {
        w->reg = value;
        w->reg_len = len;
    }
}

static void walk_begin(walk_t *w, const char *name)
{
    w->depth++;
    w->reg = NULL;
    w->reg_len = 0;
    if (w->depth == 2) {
        w->is_memory = node_is(name, "memory");
        w->in_reserved = str_eq(name, "reserved-memory");
        w->rm_ac = w->root_ac;
        w->rm_sc = w->root_sc;
    }
}

static void walk_end(walk_t *w)
{
    if (w->depth == 2 && w->is_memory && w->reg != NULL) {
        add_ranges(&dt_ram, w->reg, w->reg_len, w->root_ac, w->root_sc);
    } else if (w->depth == 3 && w->in_reserved && w->reg != NULL) {
        add_ranges(&dt_reserved, w->reg, w->reg_len, w->rm_ac, w->rm_sc);
    }
    if (w->depth == 2) {
        w->is_memory = false;
        w->in_reserved = false;
    }
    w->reg = NULL;
    w->depth--;
}

static uint32_t name_bytes(const uint8_t *p, const uint8_t *end)
{
    uint32_t n = 0;
    while (p + n < end && p[n] != '\0') {
        n++;
    }
    return (n + 1 + 3) & ~3U;
}

/* Collects RAM and reserved ranges; false if the blob is malformed. */
static bool fdt_parse(const uint8_t *dtb, seL4_Word limit)
{
    if (limit < 40 || be32(dtb) != 0xD00DFEED || be32(dtb + 4) > limit) {
        return false;
    }
    uint32_t total = be32(dtb + 4);
    uint32_t off_struct = be32(dtb + 8);
    uint32_t off_strings = be32(dtb + 12);
    uint32_t off_rsv = be32(dtb + 16);
    if (off_struct >= total || off_strings >= total || off_rsv + 16 > total) {
        return false;
    }
    for (const uint8_t *p = dtb + off_rsv; p + 16 <= dtb + total; p += 16) {
        range_t r = { be64(p), be64(p + 8) };
        if (r.base == 0 && r.size == 0) {
            break;
        }
        add_ranges(&dt_reserved, p, 16, 2, 2);
    }
    walk_t w = { .strings = (const char *)dtb + off_strings, .root_ac = 2, .root_sc = 1 };
    const uint8_t *end = dtb + total;
    for (const uint8_t *p = dtb + off_struct; p + 4 <= end;) {
        uint32_t token = be32(p);
        p += 4;
        if (token == FDT_BEGIN_NODE) {
            walk_begin(&w, (const char *)p);
            p += name_bytes(p, end);
        } else if (token == FDT_END_NODE) {
            walk_end(&w);
        } else if (token == FDT_PROP && p + 8 <= end) {
            uint32_t len = be32(p);
            const char *name = w.strings + be32(p + 4);
            walk_prop(&w, name, p + 8, len);
            p += 8 + ((len + 3) & ~3U);
        } else if (token == FDT_END) {
            return w.depth == 0;
        } else if (token != FDT_NOP) {
            return false;
        }
    }
    return false;
}

static const seL4_BootInfoHeader *fdt_chunk(void)
{
    const char *extra = (const char *)bi() + PAGE;
    seL4_Word offset = 0;
    while (offset + sizeof(seL4_BootInfoHeader) <= bi()->extraLen) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)(extra + offset);
        if (h->id == SEL4_BOOTINFO_HEADER_FDT) {
            return h;
        }
        if (h->len < sizeof(*h)) {
            return NULL;
        }
        offset += h->len;
    }
    return NULL;
}

/* ---- Cases -------------------------------------------------------------- */

static void node_fields(void)
{
    TEST_CHECK(bi()->nodeID == 0);
    TEST_CHECK(bi()->numNodes == 1);
    TEST_CHECK(bi()->numIOPTLevels == 0);
    TEST_CHECK(bi()->initThreadDomain == 0);
    TEST_CHECK(bi()->ipcBuffer == seL4_GetIPCBuffer());
    TEST_CHECK((uintptr_t)bi()->ipcBuffer % PAGE == 0);
}

static void root_cnode(void)
{
    seL4_Word bits = bi()->initThreadCNodeSizeBits;
    TEST_CHECK(bits >= 4 && bits <= 32);
    TEST_CHECK(bi()->empty.end == BIT(bits));
    /* The CNode has exactly 2^bits slots: the first offset past it is out
     * of range, and the range names the last slot. */
    CHECK_ERR2(retype(bi()->untyped.start, seL4_EndpointObject, 0, BIT(bits), 1), seL4_RangeError,
               0, BIT(bits) - 1);
    /* It resolves exactly 64 bits: a CNode operation at depth 64 reaches a
     * slot, depth 63 is a depth mismatch, depth `bits` a guard mismatch. */
    seL4_CPtr empty = test_slot();
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, empty, seL4_WordBits));
    CHECK_ERR4(seL4_CNode_Delete(ROOT_CNODE, empty, seL4_WordBits - 1), seL4_FailedLookup, 0,
               seL4_DepthMismatch, seL4_WordBits - 1, seL4_WordBits);
    CHECK_ERR2(seL4_CNode_Delete(ROOT_CNODE, empty, (seL4_Uint8)bits), seL4_FailedLookup, 0,
               seL4_GuardMismatch);
    /* The guard covers every bit above the radix. */
    TEST_CHECK(seL4_DebugCapIdentify(seL4_CapInitThreadTCB) == CAP_THREAD);
    TEST_CHECK(seL4_DebugCapIdentify(BIT(bits) | seL4_CapInitThreadTCB) == CAP_NULL);
    TEST_CHECK(seL4_DebugCapIdentify(BIT(63) | seL4_CapInitThreadTCB) == CAP_NULL);
}

static void initial_caps(void)
{
    static const struct {
        seL4_CPtr slot;
        int type;
    } expected[] = {
        { seL4_CapNull, CAP_NULL },
        { seL4_CapInitThreadTCB, CAP_THREAD },
        { seL4_CapInitThreadCNode, CAP_CNODE },
        { seL4_CapInitThreadVSpace, CAP_VSPACE },
        { seL4_CapIRQControl, CAP_IRQ_CONTROL },
        { seL4_CapASIDControl, CAP_ASID_CONTROL },
        { seL4_CapInitThreadASIDPool, CAP_ASID_POOL },
        { seL4_CapIOPortControl, CAP_NULL },
        { seL4_CapIOSpace, CAP_NULL },
        { seL4_CapBootInfoFrame, CAP_FRAME },
        { seL4_CapInitThreadIPCBuffer, CAP_FRAME },
        { seL4_CapDomain, CAP_DOMAIN },
        { seL4_CapSMMUSIDControl, CAP_NULL },
        { seL4_CapSMMUCBControl, CAP_NULL },
        { seL4_CapInitThreadSC, CAP_NULL },
        { seL4_CapSMC, CAP_NULL },
    };
    _Static_assert(sizeof(expected) / sizeof(expected[0]) == seL4_NumInitialCaps,
                   "every initial slot is listed");
    for (unsigned i = 0; i < seL4_NumInitialCaps; i++) {
        int got = (int)seL4_DebugCapIdentify(expected[i].slot);
        if (got != expected[i].type) {
            printf("    initial slot %lu holds cap type %d, not %d\n", expected[i].slot, got,
                   expected[i].type);
            TEST_CHECK(got == expected[i].type);
        }
    }
}

static void regions_disjoint(void)
{
    const seL4_SlotRegion *regions[] = { &bi()->sharedFrames, &bi()->userImageFrames,
                                         &bi()->userImagePaging, &bi()->ioSpaceCaps,
                                         &bi()->extraBIPages, &bi()->untyped, &bi()->empty };
    const unsigned n = sizeof(regions) / sizeof(regions[0]);
    seL4_Word slots = root_cnode_slots();
    for (unsigned i = 0; i < n; i++) {
        const seL4_SlotRegion *a = regions[i];
        TEST_CHECK(a->start <= a->end);
        TEST_CHECK(a->end <= slots);
        TEST_CHECK(a->start == a->end || a->start >= seL4_NumInitialCaps);
        for (unsigned j = i + 1; j < n; j++) {
            const seL4_SlotRegion *b = regions[j];
            bool empty = a->start == a->end || b->start == b->end;
            TEST_CHECK(empty || a->end <= b->start || b->end <= a->start);
        }
    }
    /* No IOMMU and no shared frames on this single-core, SMMU-less kernel. */
    TEST_CHECK(bi()->ioSpaceCaps.start == bi()->ioSpaceCaps.end);
    TEST_CHECK(bi()->sharedFrames.start == bi()->sharedFrames.end);
}

static void image_frames(void)
{
    const seL4_SlotRegion *r = &bi()->userImageFrames;
    seL4_Word image_pages = ((uintptr_t)bi()->ipcBuffer - IMAGE_BASE) / PAGE;
    TEST_CHECK(r->end - r->start >= image_pages + STACK_PAGES);
    TEST_CHECK(slots_have_type(r->start, r->end - r->start, CAP_FRAME));
}

static void image_paging(void)
{
    const seL4_SlotRegion *r = &bi()->userImagePaging;
    /* At least one table at each level below the VSpace root. */
    TEST_CHECK(r->end - r->start >= 3);
    TEST_CHECK(slots_have_type(r->start, r->end - r->start, CAP_PAGE_TABLE));
}

static void extra_pages(void)
{
    const seL4_SlotRegion *r = &bi()->extraBIPages;
    TEST_CHECK(bi()->extraLen % PAGE == 0);
    TEST_CHECK(r->end - r->start == bi()->extraLen / PAGE);
    TEST_CHECK(slots_have_type(r->start, r->end - r->start, CAP_FRAME));
}

static void untyped_caps(void)
{
    seL4_Word n = untyped_count();
    TEST_CHECK(n >= 1 && n <= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS);
    TEST_CHECK(slots_have_type(bi()->untyped.start, n, CAP_UNTYPED));
    /* Each cap is as big as its list entry says, untouched: a retype of
     * twice its size is refused with all of it left. */
    for (seL4_Word i = 0; i < n; i++) {
        unsigned bits = bi()->untypedList[i].sizeBits;
        if (bits >= seL4_MaxUntypedBits) {
            continue;
        }
        seL4_Error err = retype(bi()->untyped.start + i, seL4_UntypedObject, bits + 1,
                                test_slot(), 1);
        CHECK_ERR1(err, seL4_NotEnoughMemory, BIT(bits));
    }
}

static void empty_region(void)
{
    const seL4_SlotRegion *r = &bi()->empty;
    TEST_CHECK(r->start < r->end);
    for (seL4_Word slot = r->start; slot < r->end; slot++) {
        if (seL4_DebugCapIdentify(slot) != CAP_NULL) {
            printf("    empty-region slot %lu is not null\n", slot);
            TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
            return;
        }
    }
}

static void untyped_list_entries(void)
{
    for (seL4_Word i = 0; i < untyped_count(); i++) {
        const seL4_UntypedDesc *d = &bi()->untypedList[i];
        TEST_CHECK(d->sizeBits >= seL4_MinUntypedBits && d->sizeBits <= seL4_MaxUntypedBits);
        TEST_CHECK((d->paddr & (BIT(d->sizeBits) - 1)) == 0);
        TEST_CHECK(d->isDevice == 0 || d->isDevice == 1);
        TEST_CHECK(d->paddr + BIT(d->sizeBits) - 1 >= d->paddr); /* no wrap */
    }
}

static bool overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a < b + b_size && b < a + a_size;
}

static void untypeds_disjoint(void)
{
    seL4_Word n = untyped_count();
    for (seL4_Word i = 0; i < n; i++) {
        const seL4_UntypedDesc *a = &bi()->untypedList[i];
        for (seL4_Word j = i + 1; j < n; j++) {
            const seL4_UntypedDesc *b = &bi()->untypedList[j];
            if (overlaps(a->paddr, BIT(a->sizeBits), b->paddr, BIT(b->sizeBits))) {
                printf("    untypeds %lu and %lu overlap\n", i, j);
                TEST_CHECK(!overlaps(a->paddr, BIT(a->sizeBits), b->paddr, BIT(b->sizeBits)));
            }
        }
    }
}

static bool inside_some(const range_set_t *set, uint64_t base, uint64_t size)
{
    for (int i = 0; i < set->count; i++) {
        if (base >= set->r[i].base && base + size <= set->r[i].base + set->r[i].size) {
            return true;
        }
    }
    return false;
}

static bool overlaps_any(const range_set_t *set, uint64_t base, uint64_t size)
{
    for (int i = 0; i < set->count; i++) {
        if (overlaps(base, size, set->r[i].base, set->r[i].size)) {
            return true;
        }
    }
    return false;
}

static void fdt_chunk_valid(void)
{
    const seL4_BootInfoHeader *h = fdt_chunk();
    TEST_CHECK(h != NULL);
    if (h == NULL) {
        return;
    }
    const uint8_t *dtb = (const uint8_t *)(h + 1);
    seL4_Word room = h->len - sizeof(*h);
    TEST_CHECK((const char *)h + h->len <= (const char *)bi() + PAGE + bi()->extraLen);
    TEST_CHECK(be32(dtb) == 0xD00DFEED);
    TEST_CHECK(be32(dtb + 4) <= room); /* totalsize fits the chunk */
    TEST_CHECK(be32(dtb + 20) >= 17);  /* version */
    TEST_CHECK(be32(dtb + 24) <= 17);  /* last compatible version */
    dt_parsed = fdt_parse(dtb, room);
    TEST_CHECK(dt_parsed);
    TEST_CHECK(dt_ram.count >= 1);
    for (int i = 0; i < dt_ram.count; i++) {
        printf("    DTB RAM 0x%lx + 0x%lx\n", dt_ram.r[i].base, dt_ram.r[i].size);
    }
    for (int i = 0; i < dt_reserved.count; i++) {
        printf("    DTB reserved 0x%lx + 0x%lx\n", dt_reserved.r[i].base, dt_reserved.r[i].size);
    }
}

/* Sorts ranges by base (few enough for insertion sort). */
static void sort_ranges(range_t *r, int n)
{
    for (int i = 1; i < n; i++) {
        range_t x = r[i];
        int j = i;
        for (; j > 0 && r[j - 1].base > x.base; j--) {
            r[j] = r[j - 1];
        }
        r[j] = x;
    }
}

/* Bytes of DTB RAM in neither a RAM untyped nor a reservation; prints
 * each such stretch. */
static uint64_t ram_not_handed_out(void)
{
    static range_t covered[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS + MAX_RANGES];
    int n = 0;
    for (seL4_Word i = 0; i < untyped_count(); i++) {
        const seL4_UntypedDesc *d = &bi()->untypedList[i];
        if (!d->isDevice) {
            covered[n++] = (range_t){ d->paddr, BIT(d->sizeBits) };
        }
    }
    for (int i = 0; i < dt_reserved.count; i++) {
        covered[n++] = dt_reserved.r[i];
    }
    sort_ranges(covered, n);
    uint64_t missing = 0;
    for (int i = 0; i < dt_ram.count; i++) {
        uint64_t at = dt_ram.r[i].base;
        uint64_t end = at + dt_ram.r[i].size;
        for (int j = 0; j <= n && at < end; j++) {
            uint64_t next = j < n ? covered[j].base : end;
            if (next > at) {
                uint64_t gap_end = next < end ? next : end;
                printf("    RAM 0x%lx - 0x%lx is in no untyped\n", at, gap_end);
                missing += gap_end - at;
            }
            if (j < n && covered[j].base + covered[j].size > at) {
                at = covered[j].base + covered[j].size;
            }
        }
    }
    return missing;
}

static void untypeds_vs_device_tree(void)
{
    TEST_CHECK(dt_parsed);
    for (seL4_Word i = 0; i < untyped_count(); i++) {
        const seL4_UntypedDesc *d = &bi()->untypedList[i];
        uint64_t size = BIT(d->sizeBits);
        if (d->isDevice) {
            TEST_CHECK(!overlaps_any(&dt_ram, d->paddr, size));
        } else {
            TEST_CHECK(inside_some(&dt_ram, d->paddr, size));
            TEST_CHECK(!overlaps_any(&dt_reserved, d->paddr, size));
        }
    }
    /* All RAM outside the reservations is handed out except what the
     * kernel, the root task and the boot data took: a few MiB. */
    uint64_t missing = ram_not_handed_out();
    printf("    0x%lx bytes of unreserved RAM in no untyped\n", missing);
    TEST_CHECK(missing <= BOOT_RAM_MAX);
}

static void dump_untypeds(void)
{
    printf("boot info: root CNode 2^%lu slots, empty %lu..%lu, %lu untypeds:\n",
           bi()->initThreadCNodeSizeBits, bi()->empty.start, bi()->empty.end, untyped_count());
    for (seL4_Word i = 0; i < untyped_count(); i++) {
        const seL4_UntypedDesc *d = &bi()->untypedList[i];
        printf("  [%lu] slot %lu paddr 0x%lx bits %u%s\n", i, bi()->untyped.start + i, d->paddr,
               d->sizeBits, d->isDevice ? " device" : "");
    }
}

static const test_case_t cases[] = {
    { "BOOTINFO0001", "node 0 of 1, no IOMMU levels, domain 0, the IPC buffer pointer", node_fields },
    { "BOOTINFO0002", "root CNode: 2^initThreadCNodeSizeBits slots, resolves exactly 64 bits", root_cnode },
    { "BOOTINFO0003", "initial caps in libsel4's slots; IOPort/IOSpace/SMMU/SC/SMC slots null", initial_caps },
    { "BOOTINFO0004", "slot regions inside the CNode, past the initial caps, disjoint", regions_disjoint },
    { "BOOTINFO0005", "userImageFrames: frame caps covering the image and stack", image_frames },
    { "BOOTINFO0006", "userImagePaging: page-table caps, one or more per level", image_paging },
    { "BOOTINFO0007", "extraBIPages: one frame cap per page of extraLen", extra_pages },
    { "BOOTINFO0008", "untyped region: untyped caps of the listed sizes, none used", untyped_caps },
    { "BOOTINFO0009", "empty region: every slot up to the CNode's end is null", empty_region },
    { "BOOTINFO0010", "untypedList: sizes in Min..MaxUntypedBits, aligned to their size", untyped_list_entries },
    { "BOOTINFO0011", "no two untypeds overlap, RAM or device", untypeds_disjoint },
    { "BOOTINFO0012", "extra boot info: an FDT chunk with a valid DTB header and tree", fdt_chunk_valid },
    { "BOOTINFO0013", "RAM untypeds inside DTB memory, off reservations; devices off RAM", untypeds_vs_device_tree },
};

int main(void)
{
    dump_untypeds();
    return test_run(cases, TEST_COUNT(cases));
}
