// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the flattened device tree reader (kernel/src/kernel/fdt.c):
 * the RAM and reserved ranges of the two boards' own DTBs and of small DTS
 * snippets (all compiled by dtc at build time into the directory given as
 * argv[1]), and rejection of malformed blobs built here in C: bad header
 * fields, truncated or unbalanced structure blocks, bad property names, and
 * every single-byte corruption of a small valid blob. Blobs are copied into
 * buffers of their exact size so that the AddressSanitizer build of this file
 * (unit/fdt_asan) catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/fdt.h>

static const char *dtb_dir;

/* Header field offsets (Devicetree Specification v0.4, 5.2). */
enum {
    HDR_MAGIC = 0,
    HDR_TOTALSIZE = 4,
    HDR_OFF_STRUCT = 8,
    HDR_OFF_STRINGS = 12,
    HDR_OFF_RSV = 16,
    HDR_VERSION = 20,
    HDR_LAST_COMP = 24,
    HDR_BOOT_CPUID = 28,
    HDR_SIZE_STRINGS = 32,
    HDR_SIZE_STRUCT = 36,
    HDR_SIZE = 40,
};

enum {
    TOK_BEGIN_NODE = 1,
    TOK_END_NODE = 2,
    TOK_PROP = 3,
    TOK_NOP = 4,
    TOK_END = 9,
};

typedef struct blob {
    uint8_t *data;
    size_t size;
} blob_t;

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void put_be64(uint8_t *p, uint64_t v)
{
    put_be32(p, (uint32_t)(v >> 32));
    put_be32(p + 4, (uint32_t)v);
}

static blob_t blob_copy(const void *data, size_t size)
{
    blob_t b = { malloc(size), size };
    assert_non_null(b.data);
    memcpy(b.data, data, size);
    return b;
}

static void blob_free(blob_t *b)
{
    free(b->data);
    b->data = NULL;
}

static void set_field(blob_t *b, size_t offset, uint32_t value)
{
    put_be32(b->data + offset, value);
}

static uint32_t field(const blob_t *b, size_t offset)
{
    return get_be32(b->data + offset);
}

static blob_t load_dtb(const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s.dtb", dtb_dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fail_msg("cannot open %s", path);
    }
    uint8_t buf[64 * 1024];
    size_t n = fread(buf, 1, sizeof(buf), f);
    int at_end = feof(f);
    fclose(f);
    assert_true(at_end);
    assert_true(n > 0);
    return blob_copy(buf, n);
}

/* ---- A small DTB builder, for blobs dtc would not produce. ---- */

typedef struct builder {
    uint8_t rsv[256];
    size_t rsv_len;
    uint8_t st[4096];
    size_t st_len;
    char strings[512];
    size_t strings_len;
} builder_t;

static void b_init(builder_t *b)
{
    memset(b, 0, sizeof(*b));
}

static void b_u32(builder_t *b, uint32_t v)
{
    assert_true(b->st_len + 4 <= sizeof(b->st));
    put_be32(b->st + b->st_len, v);
    b->st_len += 4;
}

static void b_bytes(builder_t *b, const void *data, size_t len)
{
    assert_true(b->st_len + len + 3 <= sizeof(b->st));
    memcpy(b->st + b->st_len, data, len);
    b->st_len += len;
    while (b->st_len % 4 != 0) {
        b->st[b->st_len++] = 0;
    }
}

static void b_begin(builder_t *b, const char *name)
{
    b_u32(b, TOK_BEGIN_NODE);
    b_bytes(b, name, strlen(name) + 1);
}

static void b_end_node(builder_t *b)
{
    b_u32(b, TOK_END_NODE);
}

static uint32_t b_string(builder_t *b, const char *name)
{
    for (size_t off = 0; off < b->strings_len; off += strlen(b->strings + off) + 1) {
        if (strcmp(b->strings + off, name) == 0) {
            return (uint32_t)off;
        }
    }
    size_t len = strlen(name) + 1;
    assert_true(b->strings_len + len <= sizeof(b->strings));
    memcpy(b->strings + b->strings_len, name, len);
    b->strings_len += len;
    return (uint32_t)(b->strings_len - len);
}

static void b_prop(builder_t *b, const char *name, const void *value, uint32_t len)
{
    b_u32(b, TOK_PROP);
    b_u32(b, len);
    b_u32(b, b_string(b, name));
    b_bytes(b, value, len);
}

static void b_prop_str(builder_t *b, const char *name, const char *value)
{
    b_prop(b, name, value, (uint32_t)strlen(value) + 1);
}

/* A property of n 32-bit cells. */
static void b_prop_cells(builder_t *b, const char *name, unsigned n, ...)
{
    uint8_t value[64];
    assert_true(n * 4 <= sizeof(value));
    va_list args;
    va_start(args, n);
    for (unsigned i = 0; i < n; i++) {
        put_be32(value + i * 4, va_arg(args, uint32_t));
    }
    va_end(args);
    b_prop(b, name, value, n * 4);
}

static void b_rsv(builder_t *b, uint64_t base, uint64_t size)
{
    assert_true(b->rsv_len + 16 <= sizeof(b->rsv));
    put_be64(b->rsv + b->rsv_len, base);
    put_be64(b->rsv + b->rsv_len + 8, size);
    b->rsv_len += 16;
}

/* Lays out header, reserve map (with its terminator), structure block and
 * strings block, in that order; the total is padded to 8 bytes. */
static blob_t b_finish(const builder_t *b)
{
    size_t off_rsv = HDR_SIZE;
    size_t off_struct = off_rsv + b->rsv_len + 16;
    size_t off_strings = off_struct + b->st_len;
    size_t total = (off_strings + b->strings_len + 7) & ~(size_t)7;
    uint8_t *data = calloc(1, total);
    assert_non_null(data);
    memcpy(data + off_rsv, b->rsv, b->rsv_len);
    memcpy(data + off_struct, b->st, b->st_len);
    memcpy(data + off_strings, b->strings, b->strings_len);
    blob_t blob = { data, total };
    set_field(&blob, HDR_MAGIC, FDT_MAGIC);
    set_field(&blob, HDR_TOTALSIZE, (uint32_t)total);
    set_field(&blob, HDR_OFF_STRUCT, (uint32_t)off_struct);
    set_field(&blob, HDR_OFF_STRINGS, (uint32_t)off_strings);
    set_field(&blob, HDR_OFF_RSV, (uint32_t)off_rsv);
    set_field(&blob, HDR_VERSION, 17);
    set_field(&blob, HDR_LAST_COMP, 16);
    set_field(&blob, HDR_BOOT_CPUID, 0);
    set_field(&blob, HDR_SIZE_STRINGS, (uint32_t)b->strings_len);
    set_field(&blob, HDR_SIZE_STRUCT, (uint32_t)b->st_len);
    return blob;
}

/*
 * The small reference tree:
 *   /memreserve/ 0x1000 0x1000;
 *   / { #address-cells = <2>; #size-cells = <2>;
 *       memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x10000000>; };
 *       reserved-memory { #address-cells = <2>; #size-cells = <1>;
 *           fw@48000000 { reg = <0 0x48000000 0x100000>; }; }; };
 */
static void build_small_tree(builder_t *b)
{
    b_init(b);
    b_rsv(b, 0x1000, 0x1000);
    b_begin(b, "");
    b_prop_cells(b, "#address-cells", 1, 2);
    b_prop_cells(b, "#size-cells", 1, 2);
    b_begin(b, "memory@40000000");
    b_prop_str(b, "device_type", "memory");
    b_prop_cells(b, "reg", 4, 0, 0x40000000, 0, 0x10000000);
    b_end_node(b);
    b_begin(b, "reserved-memory");
    b_prop_cells(b, "#address-cells", 1, 2);
    b_prop_cells(b, "#size-cells", 1, 1);
    b_begin(b, "fw@48000000");
    b_prop_cells(b, "reg", 3, 0, 0x48000000, 0x100000);
    b_end_node(b);
    b_end_node(b);
    b_end_node(b);
    b_u32(b, TOK_END);
}

static blob_t small_blob(void)
{
    builder_t b;
    build_small_tree(&b);
    return b_finish(&b);
}

/* Both walks fail. */
static void assert_rejected(const blob_t *blob)
{
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob->data, blob->size));
    assert_int_equal(fdt_memory_regions(blob->data, out, 8), -1);
    assert_int_equal(fdt_reserved_regions(blob->data, out, 8), -1);
}

static void assert_region(const mem_region_t *r, uint64_t base, uint64_t size)
{
    assert_int_equal(r->base, base);
    assert_int_equal(r->size, size);
}

/* ---- Real board trees. ---- */

static void test_qemu_virt_board(void **state)
{
    (void)state;
    blob_t blob = load_dtb("qemu-virt");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_total_size(blob.data), blob.size);
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 1);
    assert_region(&out[0], 0x40000000, 0x40000000);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 0);
    blob_free(&blob);
}

static void test_rpi4_board(void **state)
{
    (void)state;
    blob_t blob = load_dtb("rpi4");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_total_size(blob.data), blob.size);
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 2);
    assert_region(&out[0], 0x0, 0x3b400000);
    assert_region(&out[1], 0x40000000, 0x40000000);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 1);
    assert_region(&out[0], 0x0, 0x1000);
    blob_free(&blob);
}

/* QEMU's tree as dumped with one core: a PSCI node, a CPU with no
 * enable-method (QEMU adds it only when there are several). */
static void test_qemu_virt_cpus(void **state)
{
    (void)state;
    blob_t blob = load_dtb("qemu-virt");
    fdt_cpu_t cpus[4];
    psci_conduit_t psci;
    assert_int_equal(fdt_cpus(blob.data, cpus, 4, &psci), 1);
    assert_int_equal(psci, PSCI_HVC);
    assert_int_equal(cpus[0].mpidr, 0);
    assert_int_equal(cpus[0].enable_method, CPU_ENABLE_NONE);
    blob_free(&blob);
}

/* The Pi 4: four cores on a spin table, no PSCI. */
static void test_rpi4_cpus(void **state)
{
    (void)state;
    blob_t blob = load_dtb("rpi4");
    fdt_cpu_t cpus[4];
    psci_conduit_t psci;
    assert_int_equal(fdt_cpus(blob.data, cpus, 4, &psci), 4);
    assert_int_equal(psci, PSCI_NONE);
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(cpus[i].mpidr, i);
        assert_int_equal(cpus[i].enable_method, CPU_ENABLE_SPIN_TABLE);
        assert_int_equal(cpus[i].release_addr, 0xd8 + 8 * i);
    }
    blob_free(&blob);
}

/* The header check uses the buffer size it is given, not the header's. */
static void test_board_blob_in_smaller_buffer(void **state)
{
    (void)state;
    blob_t blob = load_dtb("qemu-virt");
    assert_true(fdt_header_valid(blob.data, blob.size + 4096));
    assert_false(fdt_header_valid(blob.data, blob.size - 1));
    blob_free(&blob);
}

/* ---- DTS snippets. ---- */

static void test_multiple_memory_nodes(void **state)
{
    (void)state;
    blob_t blob = load_dtb("multi_memory");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 3);
    assert_region(&out[0], 0x40000000, 0x20000000);
    assert_region(&out[1], 0x100000000, 0x80000000);
    assert_region(&out[2], 0x880000000, 0x100000000);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 0);
    blob_free(&blob);
}

static void test_memory_node_with_several_reg_entries(void **state)
{
    (void)state;
    blob_t blob = load_dtb("multi_reg");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    /* The zero-sized third entry is not a region. */
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 3);
    assert_region(&out[0], 0x0, 0x10000000);
    assert_region(&out[1], 0x20000000, 0x10000000);
    assert_region(&out[2], 0x100000000, 0x4000000);
    blob_free(&blob);
}

/* More regions than room: the count is the full one, only max are stored,
 * nothing is written past them. */
static void test_more_regions_than_max(void **state)
{
    (void)state;
    blob_t blob = load_dtb("multi_reg");
    mem_region_t out[3];
    memset(out, 0xA5, sizeof(out));
    assert_int_equal(fdt_memory_regions(blob.data, out, 1), 3);
    assert_region(&out[0], 0x0, 0x10000000);
    for (size_t i = 0; i < sizeof(out[1]) * 2; i++) {
        assert_int_equal(((const uint8_t *)&out[1])[i], 0xA5);
    }
    assert_int_equal(fdt_memory_regions(blob.data, NULL, 0), 3);
    blob_free(&blob);
}

static void test_cells_1_1(void **state)
{
    (void)state;
    blob_t blob = load_dtb("cells_1_1");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 2);
    assert_region(&out[0], 0x80000000, 0x40000000);
    assert_region(&out[1], 0xc0000000, 0x1000);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 1);
    assert_region(&out[0], 0x80001000, 0x2000);
    blob_free(&blob);
}

static void test_reserved_memory_children(void **state)
{
    (void)state;
    blob_t blob = load_dtb("reserved_memory");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 1);
    assert_region(&out[0], 0x40000000, 0x40000000);
    /* /memreserve/ first, then the children of /reserved-memory in order;
     * not the reg-less child, the grandchild or /soc/serial. */
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 5);
    assert_region(&out[0], 0x1000, 0x2000);
    assert_region(&out[1], 0x100000000, 0x10000);
    assert_region(&out[2], 0x40000000, 0x100000);
    assert_region(&out[3], 0x7f000000, 0x10000);
    assert_region(&out[4], 0x7f100000, 0x20000);
    /* Limited room: the count stays complete. */
    assert_int_equal(fdt_reserved_regions(blob.data, out, 1), 5);
    assert_region(&out[0], 0x1000, 0x2000);
    blob_free(&blob);
}

static void test_nodes_that_are_not_memory(void **state)
{
    (void)state;
    blob_t blob = load_dtb("not_memory");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 1);
    assert_region(&out[0], 0x0, 0x1000000);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 0);
    blob_free(&blob);
}

static void test_unsupported_address_cells(void **state)
{
    (void)state;
    blob_t blob = load_dtb("bad_cells");
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), -1);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 0);
    blob_free(&blob);
}

/* ---- Blobs built in C: well formed. ---- */

static void test_builder_small_tree(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    mem_region_t out[8];
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_total_size(blob.data), blob.size);
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 1);
    assert_region(&out[0], 0x40000000, 0x10000000);
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), 2);
    assert_region(&out[0], 0x1000, 0x1000);
    assert_region(&out[1], 0x48000000, 0x100000);
    blob_free(&blob);
}

/* CPUs with one address cell, each way of starting them, the SMC conduit,
 * and nodes under /cpus that are not CPUs (cpu-map, a CPU without reg). */
static blob_t cpus_blob(void)
{
    builder_t b;
    b_init(&b);
    b_begin(&b, "");
    b_prop_cells(&b, "#address-cells", 1, 2);
    b_prop_cells(&b, "#size-cells", 1, 2);
    b_begin(&b, "psci");
    b_prop_str(&b, "method", "smc");
    b_end_node(&b);
    b_begin(&b, "cpus");
    b_prop_cells(&b, "#address-cells", 1, 1);
    b_prop_cells(&b, "#size-cells", 1, 0);
    b_begin(&b, "cpu-map");
    b_end_node(&b);
    b_begin(&b, "cpu@100");
    b_prop_str(&b, "device_type", "cpu");
    b_prop_cells(&b, "reg", 1, 0x100);
    b_prop_str(&b, "enable-method", "psci");
    b_end_node(&b);
    b_begin(&b, "cpu@101");
    b_prop_str(&b, "device_type", "cpu");
    b_prop_cells(&b, "reg", 1, 0x101);
    b_prop_str(&b, "enable-method", "spin-table");
    b_prop_cells(&b, "cpu-release-addr", 2, 0x1, 0xfff0);
    b_end_node(&b);
    b_begin(&b, "cpu@102");
    b_prop_str(&b, "device_type", "cpu");
    b_prop_cells(&b, "reg", 1, 0x102);
    b_prop_str(&b, "enable-method", "brcm,bcm2836-smp");
    b_end_node(&b);
    b_begin(&b, "cpu@103");
    b_prop_str(&b, "device_type", "cpu");
    b_end_node(&b);
    b_end_node(&b);
    b_end_node(&b);
    b_u32(&b, TOK_END);
    return b_finish(&b);
}

static void test_cpus_and_enable_methods(void **state)
{
    (void)state;
    blob_t blob = cpus_blob();
    fdt_cpu_t cpus[4];
    psci_conduit_t psci;
    assert_int_equal(fdt_cpus(blob.data, cpus, 4, &psci), 3);
    assert_int_equal(psci, PSCI_SMC);
    assert_int_equal(cpus[0].mpidr, 0x100);
    assert_int_equal(cpus[0].enable_method, CPU_ENABLE_PSCI);
    assert_int_equal(cpus[1].mpidr, 0x101);
    assert_int_equal(cpus[1].enable_method, CPU_ENABLE_SPIN_TABLE);
    assert_int_equal(cpus[1].release_addr, 0x10000fff0);
    assert_int_equal(cpus[2].mpidr, 0x102);
    assert_int_equal(cpus[2].enable_method, CPU_ENABLE_OTHER);
    blob_free(&blob);
}

/* More CPUs than room: all are counted, only the first max stored. */
static void test_more_cpus_than_max(void **state)
{
    (void)state;
    blob_t blob = cpus_blob();
    fdt_cpu_t cpus[2];
    psci_conduit_t psci;
    memset(&cpus[1], 0x5A, sizeof(cpus[1]));
    assert_int_equal(fdt_cpus(blob.data, cpus, 1, &psci), 3);
    assert_int_equal(cpus[0].mpidr, 0x100);
    for (size_t i = 0; i < sizeof(cpus[1]); i++) {
        assert_int_equal(((const uint8_t *)&cpus[1])[i], 0x5A);
    }
    blob_free(&blob);
}

/* NOP tokens are allowed anywhere between tokens. */
static void test_nop_tokens_skipped(void **state)
{
    (void)state;
    builder_t b;
    b_init(&b);
    b_u32(&b, TOK_NOP);
    b_begin(&b, "");
    b_u32(&b, TOK_NOP);
    b_begin(&b, "memory@0");
    b_u32(&b, TOK_NOP);
    b_prop_str(&b, "device_type", "memory");
    b_u32(&b, TOK_NOP);
    b_prop_cells(&b, "reg", 3, 0, 0x1000, 0x2000);
    b_u32(&b, TOK_NOP);
    b_end_node(&b);
    b_u32(&b, TOK_NOP);
    b_end_node(&b);
    b_u32(&b, TOK_NOP);
    b_u32(&b, TOK_END);
    blob_t blob = b_finish(&b);
    mem_region_t out[2];
    /* No #address-cells / #size-cells: the defaults 2 and 1. */
    assert_int_equal(fdt_memory_regions(blob.data, out, 2), 1);
    assert_region(&out[0], 0x1000, 0x2000);
    blob_free(&blob);
}

/* A reg whose length is not a whole number of entries: the tail is ignored;
 * a #address-cells of the wrong length is ignored (default stays). */
static void test_partial_reg_and_odd_cells_property(void **state)
{
    (void)state;
    builder_t b;
    b_init(&b);
    b_begin(&b, "");
    b_prop_cells(&b, "#address-cells", 2, 1, 1);
    b_begin(&b, "memory@0");
    b_prop_str(&b, "device_type", "memory");
    b_prop_cells(&b, "reg", 5, 0, 0x1000, 0x2000, 0, 0x8000);
    b_end_node(&b);
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob_t blob = b_finish(&b);
    mem_region_t out[4];
    assert_int_equal(fdt_memory_regions(blob.data, out, 4), 1);
    assert_region(&out[0], 0x1000, 0x2000);
    blob_free(&blob);
}

static void test_size_cells_zero_and_too_many(void **state)
{
    (void)state;
    for (uint32_t sc = 0; sc <= 3; sc++) {
        builder_t b;
        b_init(&b);
        b_begin(&b, "");
        b_prop_cells(&b, "#address-cells", 1, 1);
        b_prop_cells(&b, "#size-cells", 1, sc);
        b_begin(&b, "memory@0");
        b_prop_str(&b, "device_type", "memory");
        b_prop_cells(&b, "reg", 4, 0x1000, 0, 0, 0x2000);
        b_end_node(&b);
        b_end_node(&b);
        b_u32(&b, TOK_END);
        blob_t blob = b_finish(&b);
        mem_region_t out[4];
        int n = fdt_memory_regions(blob.data, out, 4);
        switch (sc) {
        case 0: /* address-only entries have no size: nothing */
            assert_int_equal(n, 0);
            break;
        case 1: /* <0x1000 0>, <0 0x2000>: one zero-sized, one at 0 */
            assert_int_equal(n, 1);
            assert_region(&out[0], 0x0, 0x2000);
            break;
        case 2: /* <0x1000 0:0>: zero-sized; the 0x2000 is a partial entry */
            assert_int_equal(n, 0);
            break;
        default:
            assert_int_equal(n, -1);
            break;
        }
        blob_free(&blob);
    }
}

/* device_type must be exactly the string "memory", NUL included. */
static void test_device_type_must_be_exact(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        uint32_t len;
        int regions;
    } cases[] = {
        { "memory", 7, 1 },  { "memory", 6, 0 },  { "Memory", 7, 0 },
        { "memorx", 7, 0 },  { "memory\0x", 8, 0 }, { "", 0, 0 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        builder_t b;
        b_init(&b);
        b_begin(&b, "");
        b_begin(&b, "memory@0");
        b_prop(&b, "device_type", cases[i].value, cases[i].len);
        b_prop_cells(&b, "reg", 3, 0, 0x1000, 0x2000);
        b_end_node(&b);
        b_end_node(&b);
        b_u32(&b, TOK_END);
        blob_t blob = b_finish(&b);
        mem_region_t out[2];
        assert_int_equal(fdt_memory_regions(blob.data, out, 2), cases[i].regions);
        blob_free(&blob);
    }
}

static void test_address_cells_zero_rejected(void **state)
{
    (void)state;
    builder_t b;
    b_init(&b);
    b_begin(&b, "");
    b_prop_cells(&b, "#address-cells", 1, 0);
    b_begin(&b, "memory@0");
    b_prop_str(&b, "device_type", "memory");
    b_prop_cells(&b, "reg", 1, 0x1000);
    b_end_node(&b);
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob_t blob = b_finish(&b);
    mem_region_t out[4];
    assert_int_equal(fdt_memory_regions(blob.data, out, 4), -1);
    blob_free(&blob);
}

/* A zero-sized /memreserve/ entry with a non-zero address is not the end of
 * the map, and is not a region. */
static void test_memreserve_zero_size_entry(void **state)
{
    (void)state;
    builder_t b;
    b_init(&b);
    b_rsv(&b, 0x5000, 0);
    b_rsv(&b, 0x6000, 0x1000);
    b_begin(&b, "");
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob_t blob = b_finish(&b);
    mem_region_t out[4];
    assert_int_equal(fdt_reserved_regions(blob.data, out, 4), 1);
    assert_region(&out[0], 0x6000, 0x1000);
    assert_int_equal(fdt_memory_regions(blob.data, out, 4), 0);
    blob_free(&blob);
}

static blob_t nested_blob(int depth)
{
    builder_t b;
    b_init(&b);
    for (int i = 0; i < depth; i++) {
        b_begin(&b, i == 0 ? "" : "n");
    }
    for (int i = 0; i < depth; i++) {
        b_end_node(&b);
    }
    b_u32(&b, TOK_END);
    return b_finish(&b);
}

static void test_nesting_limit(void **state)
{
    (void)state;
    mem_region_t out[1];
    blob_t ok = nested_blob(16);
    assert_int_equal(fdt_memory_regions(ok.data, out, 1), 0);
    blob_free(&ok);
    blob_t deep = nested_blob(17);
    assert_rejected(&deep);
    blob_free(&deep);
    blob_t deeper = nested_blob(200);
    assert_rejected(&deeper);
    blob_free(&deeper);
}

/* ---- Malformed headers. ---- */

static void test_header_null_and_tiny(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    assert_false(fdt_header_valid(NULL, 4096));
    assert_false(fdt_header_valid(blob.data, 0));
    assert_false(fdt_header_valid(blob.data, HDR_SIZE - 1));
    blob_free(&blob);
}

static void test_header_bad_magic(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    for (size_t i = 0; i < 4; i++) {
        blob.data[i] ^= 0x01;
        assert_false(fdt_header_valid(blob.data, blob.size));
        blob.data[i] ^= 0x01;
    }
    set_field(&blob, HDR_MAGIC, 0xEDFE0DD0); /* little-endian magic */
    assert_false(fdt_header_valid(blob.data, blob.size));
    blob_free(&blob);
}

static void test_header_version(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    set_field(&blob, HDR_VERSION, 16);
    assert_false(fdt_header_valid(blob.data, blob.size));
    set_field(&blob, HDR_VERSION, 1);
    assert_false(fdt_header_valid(blob.data, blob.size));
    set_field(&blob, HDR_VERSION, 0);
    assert_false(fdt_header_valid(blob.data, blob.size));
    set_field(&blob, HDR_VERSION, 17);
    assert_true(fdt_header_valid(blob.data, blob.size));
    blob_free(&blob);
}

static void test_header_totalsize(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    uint32_t total = (uint32_t)blob.size;
    /* larger than the buffer */
    set_field(&blob, HDR_TOTALSIZE, total + 1);
    assert_false(fdt_header_valid(blob.data, blob.size));
    assert_true(fdt_header_valid(blob.data, blob.size + 1));
    set_field(&blob, HDR_TOTALSIZE, 0xFFFFFFFF);
    assert_false(fdt_header_valid(blob.data, blob.size));
    /* larger than FDT_MAX_SIZE, however large the buffer claims to be */
    set_field(&blob, HDR_TOTALSIZE, FDT_MAX_SIZE + 8);
    assert_false(fdt_header_valid(blob.data, SIZE_MAX));
    /* smaller than a header */
    set_field(&blob, HDR_TOTALSIZE, HDR_SIZE - 1);
    assert_false(fdt_header_valid(blob.data, blob.size));
    set_field(&blob, HDR_TOTALSIZE, 0);
    assert_false(fdt_header_valid(blob.data, blob.size));
    set_field(&blob, HDR_TOTALSIZE, total);
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_false(fdt_header_valid(blob.data, blob.size - 1));
    blob_free(&blob);
}

/* Every prefix of a valid blob is refused, since totalsize exceeds it. */
static void test_header_truncated_buffer(void **state)
{
    (void)state;
    blob_t full = small_blob();
    for (size_t len = 0; len < full.size; len++) {
        blob_t part = blob_copy(full.data, len == 0 ? 1 : len);
        assert_false(fdt_header_valid(part.data, len));
        blob_free(&part);
    }
    blob_free(&full);
}

typedef struct header_case {
    size_t field;
    uint32_t value;
} header_case_t;

static void test_header_offsets_out_of_bounds(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    const uint32_t total = (uint32_t)blob.size;
    const uint32_t off_struct = field(&blob, HDR_OFF_STRUCT);
    const uint32_t size_struct = field(&blob, HDR_SIZE_STRUCT);
    const uint32_t off_strings = field(&blob, HDR_OFF_STRINGS);
    const header_case_t cases[] = {
        { HDR_OFF_STRUCT, total },
        { HDR_OFF_STRUCT, total - size_struct + 4 },
        { HDR_OFF_STRUCT, 0xFFFFFFFC },
        { HDR_SIZE_STRUCT, total - off_struct + 1 },
        { HDR_SIZE_STRUCT, 0xFFFFFFFF },
        { HDR_OFF_STRUCT, off_struct + 2 }, /* misaligned */
        { HDR_OFF_STRINGS, total },
        { HDR_OFF_STRINGS, 0xFFFFFFFF },
        { HDR_SIZE_STRINGS, total - off_strings + 1 },
        { HDR_SIZE_STRINGS, 0xFFFFFFFF },
        { HDR_OFF_RSV, total },
        { HDR_OFF_RSV, 0xFFFFFFF8 },
        { HDR_OFF_RSV, 0 },          /* inside the header */
        { HDR_OFF_RSV, HDR_SIZE - 8 }, /* inside the header */
        { HDR_OFF_RSV, HDR_SIZE + 4 }, /* misaligned */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        blob_t b = blob_copy(blob.data, blob.size);
        set_field(&b, cases[i].field, cases[i].value);
        if (fdt_header_valid(b.data, b.size)) {
            fail_msg("case %zu (field %zu = 0x%x) accepted", i, cases[i].field,
                     cases[i].value);
        }
        blob_free(&b);
    }
    /* The boundaries themselves are fine. */
    blob_t b = blob_copy(blob.data, blob.size);
    set_field(&b, HDR_SIZE_STRINGS, total - off_strings);
    assert_true(fdt_header_valid(b.data, b.size));
    blob_free(&b);
    blob_free(&blob);
}

/* ---- Malformed structure blocks. ---- */

/* Cutting the structure block anywhere loses the END token. */
static void test_truncated_structure_block(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    uint32_t size = field(&blob, HDR_SIZE_STRUCT);
    for (uint32_t cut = 0; cut < size; cut++) {
        blob_t b = blob_copy(blob.data, blob.size);
        set_field(&b, HDR_SIZE_STRUCT, cut);
        assert_rejected(&b);
        blob_free(&b);
    }
    blob_free(&blob);
}

/* The same with the whole blob cut right after the truncated block, so that
 * nothing readable follows it in memory. */
static void test_truncated_blob_at_structure_end(void **state)
{
    (void)state;
    blob_t ref = small_blob();
    uint32_t off_struct = field(&ref, HDR_OFF_STRUCT);
    uint32_t off_strings = field(&ref, HDR_OFF_STRINGS);
    uint32_t size_strings = field(&ref, HDR_SIZE_STRINGS);
    uint32_t size_struct = field(&ref, HDR_SIZE_STRUCT);
    for (uint32_t cut = 0; cut < size_struct; cut++) {
        /* header | rsv | strings | struct[0..cut) */
        size_t new_strings = off_struct;
        size_t new_struct = (new_strings + size_strings + 3) & ~(size_t)3;
        size_t total = new_struct + cut;
        uint8_t *data = calloc(1, total < HDR_SIZE ? HDR_SIZE : total);
        assert_non_null(data);
        memcpy(data, ref.data, off_struct);
        memcpy(data + new_strings, ref.data + off_strings, size_strings);
        memcpy(data + new_struct, ref.data + off_struct, cut);
        blob_t t = { data, total };
        set_field(&t, HDR_TOTALSIZE, (uint32_t)total);
        set_field(&t, HDR_OFF_STRINGS, (uint32_t)new_strings);
        set_field(&t, HDR_OFF_STRUCT, (uint32_t)new_struct);
        set_field(&t, HDR_SIZE_STRUCT, cut);
        assert_rejected(&t);
        blob_free(&t);
    }
    blob_free(&ref);
}

/* Finds the first PROP token in the structure block; returns its offset in
 * the blob. */
static size_t first_prop(const blob_t *blob)
{
    uint32_t off = field(blob, HDR_OFF_STRUCT);
    uint32_t end = off + field(blob, HDR_SIZE_STRUCT);
    while (off + 4 <= end) {
        uint32_t token = get_be32(blob->data + off);
        if (token == TOK_PROP) {
            return off;
        }
        if (token == TOK_BEGIN_NODE) {
            off += 4;
            off += (uint32_t)strlen((const char *)blob->data + off) + 1;
            off = (off + 3) & ~3u;
        } else {
            off += 4;
        }
    }
    fail_msg("no property");
    return 0;
}

static void test_property_name_offset_past_strings(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    size_t prop = first_prop(&blob);
    uint32_t size_strings = field(&blob, HDR_SIZE_STRINGS);
    const uint32_t bad[] = { size_strings, size_strings + 1, 0x7FFFFFFF, 0xFFFFFFFF };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        blob_t b = blob_copy(blob.data, blob.size);
        put_be32(b.data + prop + 8, bad[i]);
        assert_rejected(&b);
        blob_free(&b);
    }
    blob_free(&blob);
}

/* A name offset inside the block whose string has no NUL before its end. */
static void test_property_name_unterminated(void **state)
{
    (void)state;
    builder_t b;
    b_init(&b);
    b_begin(&b, "");
    b_prop_cells(&b, "#address-cells", 1, 2);
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob_t blob = b_finish(&b);
    /* "#address-cells\0" is the only string: drop its NUL. */
    set_field(&blob, HDR_SIZE_STRINGS, field(&blob, HDR_SIZE_STRINGS) - 1);
    assert_rejected(&blob);
    blob_free(&blob);
}

static void test_property_length_past_block(void **state)
{
    (void)state;
    blob_t blob = small_blob();
    size_t prop = first_prop(&blob);
    uint32_t size_struct = field(&blob, HDR_SIZE_STRUCT);
    const uint32_t bad[] = { size_struct, 0x7FFFFFFF, 0xFFFFFFF0, 0xFFFFFFFF };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        blob_t b = blob_copy(blob.data, blob.size);
        put_be32(b.data + prop + 4, bad[i]);
        assert_rejected(&b);
        blob_free(&b);
    }
    blob_free(&blob);
}

static void test_unbalanced_end_node(void **state)
{
    (void)state;
    builder_t b;
    blob_t blob;

    /* One END_NODE too many. */
    b_init(&b);
    b_begin(&b, "");
    b_end_node(&b);
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob = b_finish(&b);
    assert_rejected(&blob);
    blob_free(&blob);

    /* END_NODE before any node. */
    b_init(&b);
    b_end_node(&b);
    b_begin(&b, "");
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob = b_finish(&b);
    assert_rejected(&blob);
    blob_free(&blob);

    /* END while a node is still open. */
    b_init(&b);
    b_begin(&b, "");
    b_begin(&b, "memory@0");
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob = b_finish(&b);
    assert_rejected(&blob);
    blob_free(&blob);

    /* No END at all. */
    b_init(&b);
    b_begin(&b, "");
    b_end_node(&b);
    blob = b_finish(&b);
    assert_rejected(&blob);
    blob_free(&blob);
}

static void test_property_outside_node(void **state)
{
    (void)state;
    builder_t b;
    b_init(&b);
    b_prop_cells(&b, "#address-cells", 1, 2);
    b_begin(&b, "");
    b_end_node(&b);
    b_u32(&b, TOK_END);
    blob_t blob = b_finish(&b);
    assert_rejected(&blob);
    blob_free(&blob);
}

static void test_unknown_token(void **state)
{
    (void)state;
    const uint32_t tokens[] = { 0, 5, 8, 10, 0x01000000, 0xFFFFFFFF };
    for (size_t i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
        builder_t b;
        b_init(&b);
        b_begin(&b, "");
        b_u32(&b, tokens[i]);
        b_end_node(&b);
        b_u32(&b, TOK_END);
        blob_t blob = b_finish(&b);
        assert_rejected(&blob);
        blob_free(&blob);
    }
}

/* The reserve map must end inside the blob. */
static void test_reserve_map_unterminated(void **state)
{
    (void)state;
    blob_t ref = small_blob();
    size_t total = ref.size + 16;
    uint8_t *data = calloc(1, total);
    assert_non_null(data);
    memcpy(data, ref.data, ref.size);
    memset(data + ref.size, 0xAA, 16);
    blob_t blob = { data, total };
    set_field(&blob, HDR_TOTALSIZE, (uint32_t)total);
    set_field(&blob, HDR_OFF_RSV, (uint32_t)ref.size);
    assert_true(fdt_header_valid(blob.data, blob.size));
    mem_region_t out[8];
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), -1);
    /* The structure block itself is fine. */
    assert_int_equal(fdt_memory_regions(blob.data, out, 8), 1);
    /* A map that is cut off in the middle of an entry. */
    set_field(&blob, HDR_TOTALSIZE, (uint32_t)(total - 8));
    assert_true(fdt_header_valid(blob.data, blob.size));
    assert_int_equal(fdt_reserved_regions(blob.data, out, 8), -1);
    blob_free(&blob);
    blob_free(&ref);
}

/* ---- Corruption. ---- */

/* Parses a blob that passed (or not) the header check; anything is allowed
 * except a crash, a stray access, a write past max, or an absurd count. */
static void parse_corrupt(const blob_t *blob, unsigned *valid, unsigned *parsed)
{
    enum { MAX = 4 };
    mem_region_t out[MAX + 1];
    if (!fdt_header_valid(blob->data, blob->size)) {
        return;
    }
    (*valid)++;
    /* A region takes at least 8 bytes of reg or 16 of the reserve map. */
    int limit = (int)(blob->size / 4);
    memset(&out[MAX], 0x5A, sizeof(out[MAX]));
    int n = fdt_memory_regions(blob->data, out, MAX);
    assert_true(n == -1 || (n >= 0 && n <= limit));
    int m = fdt_reserved_regions(blob->data, out, MAX);
    assert_true(m == -1 || (m >= 0 && m <= limit));
    for (size_t i = 0; i < sizeof(out[MAX]); i++) {
        assert_int_equal(((const uint8_t *)&out[MAX])[i], 0x5A);
    }
    fdt_cpu_t cpus[MAX + 1];
    psci_conduit_t psci;
    memset(&cpus[MAX], 0x5A, sizeof(cpus[MAX]));
    int c = fdt_cpus(blob->data, cpus, MAX, &psci);
    assert_true(c == -1 || (c >= 0 && c <= limit));
    for (size_t i = 0; i < sizeof(cpus[MAX]); i++) {
        assert_int_equal(((const uint8_t *)&cpus[MAX])[i], 0x5A);
    }
    if (n >= 0 || m >= 0) {
        (*parsed)++;
    }
}

static void test_every_single_byte_corruption(void **state)
{
    (void)state;
    blob_t ref = small_blob();
    unsigned valid = 0;
    unsigned parsed = 0;
    for (size_t at = 0; at < ref.size; at++) {
        for (unsigned value = 0; value < 256; value++) {
            if (value == ref.data[at]) {
                continue;
            }
            blob_t b = blob_copy(ref.data, ref.size);
            b.data[at] = (uint8_t)value;
            parse_corrupt(&b, &valid, &parsed);
            blob_free(&b);
        }
    }
    /* The loop did exercise the walkers, not just the header check. */
    assert_true(valid > ref.size * 100);
    assert_true(parsed > 0);
    blob_free(&ref);
}

/* Random multi-byte corruption of the real QEMU tree (fixed seed). */
static void test_random_corruption_of_board_tree(void **state)
{
    (void)state;
    blob_t ref = load_dtb("qemu-virt");
    uint64_t seed = 0x9E3779B97F4A7C15u;
    unsigned valid = 0;
    unsigned parsed = 0;
    for (int round = 0; round < 3000; round++) {
        blob_t b = blob_copy(ref.data, ref.size);
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int flips = 1 + (int)((seed >> 33) % 8);
        for (int i = 0; i < flips; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            size_t at = (size_t)((seed >> 20) % b.size);
            /* Spare the header most of the time, to reach the walkers. */
            if (at < HDR_SIZE && round % 8 != 0) {
                at += HDR_SIZE;
            }
            b.data[at] = (uint8_t)(seed >> 56);
        }
        parse_corrupt(&b, &valid, &parsed);
        blob_free(&b);
    }
    assert_true(valid > 1000);
    assert_true(parsed > 0);
    blob_free(&ref);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s <directory of the test DTBs>\n", argv[0]);
        return 1;
    }
    dtb_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qemu_virt_board),
        cmocka_unit_test(test_rpi4_board),
        cmocka_unit_test(test_board_blob_in_smaller_buffer),
        cmocka_unit_test(test_multiple_memory_nodes),
        cmocka_unit_test(test_memory_node_with_several_reg_entries),
        cmocka_unit_test(test_more_regions_than_max),
        cmocka_unit_test(test_cells_1_1),
        cmocka_unit_test(test_reserved_memory_children),
        cmocka_unit_test(test_nodes_that_are_not_memory),
        cmocka_unit_test(test_unsupported_address_cells),
        cmocka_unit_test(test_builder_small_tree),
        cmocka_unit_test(test_nop_tokens_skipped),
        cmocka_unit_test(test_partial_reg_and_odd_cells_property),
        cmocka_unit_test(test_size_cells_zero_and_too_many),
        cmocka_unit_test(test_device_type_must_be_exact),
        cmocka_unit_test(test_address_cells_zero_rejected),
        cmocka_unit_test(test_memreserve_zero_size_entry),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_header_null_and_tiny),
        cmocka_unit_test(test_header_bad_magic),
        cmocka_unit_test(test_header_version),
        cmocka_unit_test(test_header_totalsize),
        cmocka_unit_test(test_header_truncated_buffer),
        cmocka_unit_test(test_header_offsets_out_of_bounds),
        cmocka_unit_test(test_truncated_structure_block),
        cmocka_unit_test(test_truncated_blob_at_structure_end),
        cmocka_unit_test(test_property_name_offset_past_strings),
        cmocka_unit_test(test_property_name_unterminated),
        cmocka_unit_test(test_property_length_past_block),
        cmocka_unit_test(test_unbalanced_end_node),
        cmocka_unit_test(test_property_outside_node),
        cmocka_unit_test(test_unknown_token),
        cmocka_unit_test(test_reserve_map_unterminated),
        cmocka_unit_test(test_qemu_virt_cpus),
        cmocka_unit_test(test_rpi4_cpus),
        cmocka_unit_test(test_cpus_and_enable_methods),
        cmocka_unit_test(test_more_cpus_than_max),
        cmocka_unit_test(test_every_single_byte_corruption),
        cmocka_unit_test(test_random_corruption_of_board_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
