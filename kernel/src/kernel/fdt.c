// SPDX-License-Identifier: BSD-2-Clause
/*
 * Flattened device tree reader. A DTB is big-endian: a header, a reserve map
 * of (address, size) pairs, a structure block of tokens and a strings block.
 * Every read is checked against the sizes in the header so that a corrupt
 * blob makes the functions return -1 rather than read stray memory.
 */
#include <kernel/fdt.h>

#include <lib/string.h>
#include <util.h>

enum {
    TOKEN_BEGIN_NODE = 1,
    TOKEN_END_NODE = 2,
    TOKEN_PROP = 3,
    TOKEN_NOP = 4,
    TOKEN_END = 9,
};

#define MAX_DEPTH 16

typedef struct fdt_header {
    uint32_t magic;
    uint32_t totalsize;
    uint32_t off_dt_struct;
    uint32_t off_dt_strings;
    uint32_t off_mem_rsvmap;
    uint32_t version;
    uint32_t last_comp_version;
    uint32_t boot_cpuid_phys;
    uint32_t size_dt_strings;
    uint32_t size_dt_struct;
} fdt_header_t;

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static uint64_t be64(const void *p)
{
    const uint8_t *b = p;
    return ((uint64_t)be32(b) << 32) | be32(b + 4);
}

static uint32_t header_field(const void *blob, size_t index)
{
    return be32((const uint8_t *)blob + index * 4);
}

bool fdt_header_valid(const void *blob, size_t max_size)
{
    if (blob == NULL || max_size < sizeof(fdt_header_t) ||
        header_field(blob, 0) != FDT_MAGIC) {
        return false;
    }
    uint64_t total = header_field(blob, 1);
    uint64_t off_struct = header_field(blob, 2);
    uint64_t off_strings = header_field(blob, 3);
    uint64_t off_rsv = header_field(blob, 4);
    uint64_t version = header_field(blob, 5);
    uint64_t size_strings = header_field(blob, 8);
    uint64_t size_struct = header_field(blob, 9);
    return version >= 17 && total <= max_size && total <= FDT_MAX_SIZE &&
           total >= sizeof(fdt_header_t) && off_rsv >= sizeof(fdt_header_t) && off_rsv < total &&
           off_struct + size_struct <= total && off_strings + size_strings <= total &&
           off_struct % 4 == 0 && off_rsv % 8 == 0;
}

uint32_t fdt_total_size(const void *blob)
{
    return header_field(blob, 1);
}

uint32_t fdt_used_size(const void *blob)
{
    uint32_t end_struct = header_field(blob, 2) + header_field(blob, 9);
    uint32_t end_strings = header_field(blob, 3) + header_field(blob, 8);
    /* The reserve map ends with an all-zero entry. */
    const uint8_t *rsv = (const uint8_t *)blob + header_field(blob, 4);
    uint32_t end_rsv = header_field(blob, 4);
    while (end_rsv + 16 <= fdt_total_size(blob)) {
        end_rsv += 16;
        if (be64(rsv) == 0 && be64(rsv + 8) == 0) {
            break;
        }
        rsv += 16;
    }
    uint32_t used = MAX(MAX(end_struct, end_strings), end_rsv);
    return MIN(ROUND_UP(used, 3), fdt_total_size(blob));
}

/* What the walk knows about the node it is in. */
typedef struct node {
    const char *name;
    const uint8_t *reg;
    const uint8_t *ranges; /* NULL: none; ranges_len 0 with non-NULL: identity */
    uint64_t release_addr; /* "cpu-release-addr", for the spin table */
    uint32_t address_cells; /* for this node's children */
    uint32_t size_cells;
    uint32_t reg_len;
    uint32_t ranges_len;
    cpu_enable_t enable_method; /* "enable-method" of a CPU */
    psci_conduit_t psci_method; /* "method" of the psci node */
    bool is_memory;
    bool is_cpu;
} node_t;

typedef enum wanted_kind { WANT_MEMORY, WANT_RESERVED, WANT_DEVICES, WANT_CPUS } wanted_kind_t;

typedef struct walk {
    const uint8_t *blob;
    const uint8_t *strings;
    uint32_t strings_size;
    mem_region_t *out;
    int max;
    int found;
    wanted_kind_t want;
    fdt_cpu_t *cpus; /* WANT_CPUS: where the CPUs go (max of them) */
    psci_conduit_t psci;
} walk_t;

static void add_region(walk_t *w, uint64_t base, uint64_t size)
{
    if (size == 0) {
        return;
    }
    if (w->found < w->max) {
        w->out[w->found].base = base;
        w->out[w->found].size = size;
    }
    w->found++;
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    return cells == 2 ? be64(p) : be32(p);
}

static bool cells_ok(uint32_t address_cells, uint32_t size_cells)
{
    return address_cells >= 1 && address_cells <= 2 && size_cells <= 2;
}

/* Translates a bus address of a child of stack[level] up to the root through
 * each ancestor's "ranges" (Devicetree Specification 2.3.8). */
static bool translate(const node_t *stack, int level, uint64_t *addr)
{
    for (int j = level; j >= 1; j--) {
        const node_t *bus = &stack[j];
        if (bus->ranges == NULL) {
            return false; /* no mapping to the parent's address space */
        }
        uint32_t child_ac = bus->address_cells;
        uint32_t parent_ac = stack[j - 1].address_cells;
        uint32_t sc = bus->size_cells;
        if (bus->ranges_len == 0) {
            continue; /* empty ranges: identity */
        }
        if (!cells_ok(child_ac, sc) || !cells_ok(parent_ac, 0) || sc == 0) {
            return false;
        }
        uint32_t entry = (child_ac + parent_ac + sc) * 4;
        bool found = false;
        for (uint32_t off = 0; off + entry <= bus->ranges_len && !found; off += entry) {
            uint64_t child = read_cells(bus->ranges + off, child_ac);
            uint64_t up = read_cells(bus->ranges + off + (size_t)child_ac * 4, parent_ac);
            uint64_t size = read_cells(bus->ranges + off + (size_t)(child_ac + parent_ac) * 4, sc);
            if (*addr >= child && *addr - child < size) {
                *addr = *addr - child + up;
                found = true;
            }
        }
        if (!found) {
            return false;
        }
    }
    return true;
}

/* Adds the reg entries of the finished node stack[depth], decoded with its
 * parent's cells (and, for devices, translated to CPU addresses). */
static bool emit_reg(walk_t *w, const node_t *stack, int depth)
{
    const node_t *node = &stack[depth];
    uint32_t ac = stack[depth - 1].address_cells;
    uint32_t sc = stack[depth - 1].size_cells;
    if (!cells_ok(ac, sc)) {
        return w->want == WANT_DEVICES; /* odd buses are skipped, not fatal */
    }
    uint32_t entry = (ac + sc) * 4;
    for (uint32_t off = 0; off + entry <= node->reg_len; off += entry) {
        uint64_t base = read_cells(node->reg + off, ac);
        uint64_t size = sc == 0 ? 0 : read_cells(node->reg + off + (size_t)ac * 4, sc);
        if (w->want != WANT_DEVICES || translate(stack, depth - 1, &base)) {
            add_region(w, base, size);
        }
    }
    return true;
}

static bool wanted(const walk_t *w, const node_t *stack, int depth)
{
    bool reserved = depth >= 2 && strcmp(stack[1].name, "reserved-memory") == 0;
    switch (w->want) {
    case WANT_MEMORY:
        return depth == 1 && stack[1].is_memory;
    case WANT_RESERVED:
        return depth == 2 && reserved;
    case WANT_CPUS:
        return false; /* found by emit_cpu */
    default: /* devices: everything else that has a reg, CPUs aside */
        return depth >= 1 && !stack[1].is_memory && !reserved &&
               strcmp(stack[1].name, "cpus") != 0 && !stack[depth].is_memory;
    }
}

/* value (a property of len bytes) is the string text, NUL included. */
static bool string_is(const uint8_t *value, uint32_t len, const char *text)
{
    size_t n = strlen(text) + 1;
    return len >= n && memcmp(value, text, n) == 0;
}

static void apply_prop(walk_t *w, node_t *node, const char *pname, const uint8_t *value,
                       uint32_t len)
{
    if (strcmp(pname, "#address-cells") == 0 && len == 4) {
        node->address_cells = be32(value);
    } else if (strcmp(pname, "#size-cells") == 0 && len == 4) {
        node->size_cells = be32(value);
    } else if (strcmp(pname, "reg") == 0) {
        node->reg = value;
        node->reg_len = len;
    } else if (strcmp(pname, "ranges") == 0) {
        node->ranges = value;
        node->ranges_len = len;
    } else if (strcmp(pname, "device_type") == 0 && len == 7) {
        node->is_memory = memcmp(value, "memory", 7) == 0;
    } else if (strcmp(pname, "device_type") == 0 && len == 4) {
        node->is_cpu = memcmp(value, "cpu", 4) == 0;
    } else if (strcmp(pname, "enable-method") == 0) {
        node->enable_method = string_is(value, len, "psci")         ? CPU_ENABLE_PSCI
                              : string_is(value, len, "spin-table") ? CPU_ENABLE_SPIN_TABLE
                                                                    : CPU_ENABLE_OTHER;
    } else if (strcmp(pname, "cpu-release-addr") == 0 && (len == 4 || len == 8)) {
        node->release_addr = read_cells(value, len / 4);
    } else if (strcmp(pname, "method") == 0) {
        node->psci_method = string_is(value, len, "hvc")   ? PSCI_HVC
                            : string_is(value, len, "smc") ? PSCI_SMC
                                                           : PSCI_NONE;
    }
    (void)w;
}

/* A CPU under /cpus, or the /psci node, once all its properties are read. */
static void emit_cpu(walk_t *w, const node_t *stack, int depth)
{
    const node_t *node = &stack[depth];
    if (depth == 1 && strncmp(node->name, "psci", 4) == 0) {
        w->psci = node->psci_method;
        return;
    }
    if (depth != 2 || strcmp(stack[1].name, "cpus") != 0 || !node->is_cpu ||
        node->reg == NULL) {
        return;
    }
    uint32_t ac = stack[1].address_cells;
    if ((ac != 1 && ac != 2) || node->reg_len < ac * 4) {
        return;
    }
    if (w->found < w->max) {
        fdt_cpu_t *cpu = &w->cpus[w->found];
        cpu->mpidr = read_cells(node->reg, ac);
        cpu->enable_method = node->enable_method;
        cpu->release_addr = node->release_addr;
    }
    w->found++;
}

/* A property name offset must land inside the strings block, NUL included. */
static const char *prop_name(const walk_t *w, uint32_t offset)
{
    if (offset >= w->strings_size) {
        return NULL;
    }
    for (uint32_t i = offset; i < w->strings_size; i++) {
        if (w->strings[i] == '\0') {
            return (const char *)w->strings + offset;
        }
    }
    return NULL;
}

static int walk_structure(walk_t *w)
{
    const uint8_t *base = w->blob + header_field(w->blob, 2);
    uint32_t size = header_field(w->blob, 9);
    node_t stack[MAX_DEPTH];
    int depth = -1;
    uint32_t off = 0;

    while (off + 4 <= size) {
        uint32_t token = be32(base + off);
        off += 4;
        if (token == TOKEN_BEGIN_NODE) {
            const char *name = (const char *)base + off;
            uint32_t len = 0;
            while (off + len < size && name[len] != '\0') {
                len++;
            }
            if (off + len >= size || depth + 1 >= MAX_DEPTH) {
                return -1;
            }
            off = (off + len + 1 + 3) & ~3u;
            depth++;
            stack[depth] = (node_t){ .name = name, .address_cells = 2, .size_cells = 1 };
        } else if (token == TOKEN_END_NODE) {
            if (depth < 0) {
                return -1;
            }
            if (depth > 0 && stack[depth].reg != NULL && wanted(w, stack, depth) &&
                !emit_reg(w, stack, depth)) {
                return -1;
            }
            if (w->want == WANT_CPUS) {
                emit_cpu(w, stack, depth);
            }
            depth--;
        } else if (token == TOKEN_PROP) {
            if (depth < 0 || off + 8 > size) {
                return -1;
            }
            uint32_t len = be32(base + off);
            const char *pname = prop_name(w, be32(base + off + 4));
            off += 8;
            if (pname == NULL || len > size - off) {
                return -1;
            }
            apply_prop(w, &stack[depth], pname, base + off, len);
            off = (off + len + 3) & ~3u;
        } else if (token == TOKEN_END) {
            return depth == -1 ? w->found : -1;
        } else if (token != TOKEN_NOP) {
            return -1;
        }
    }
    return -1;
}

static walk_t walk_init(const void *blob, mem_region_t *out, int max, wanted_kind_t want)
{
    walk_t w = { blob, (const uint8_t *)blob + header_field(blob, 3), header_field(blob, 8),
                 out, max, 0, want, NULL, PSCI_NONE };
    return w;
}

int fdt_memory_regions(const void *blob, mem_region_t *out, int max)
{
    walk_t w = walk_init(blob, out, max, WANT_MEMORY);
    return walk_structure(&w);
}

int fdt_device_regions(const void *blob, mem_region_t *out, int max)
{
    walk_t w = walk_init(blob, out, max, WANT_DEVICES);
    return walk_structure(&w);
}

int fdt_reserved_regions(const void *blob, mem_region_t *out, int max)
{
    walk_t w = walk_init(blob, out, max, WANT_RESERVED);
    const uint8_t *rsv = w.blob + header_field(blob, 4);
    const uint8_t *limit = w.blob + fdt_total_size(blob);
    for (; rsv + 16 <= limit; rsv += 16) {
        uint64_t base = be64(rsv);
        uint64_t size = be64(rsv + 8);
        if (base == 0 && size == 0) {
            return walk_structure(&w);
        }
        add_region(&w, base, size);
    }
    return -1;
}

int fdt_cpus(const void *blob, fdt_cpu_t *out, int max, psci_conduit_t *psci)
{
    walk_t w = walk_init(blob, NULL, max, WANT_CPUS);
    w.cpus = out;
    int found = walk_structure(&w);
    *psci = w.psci;
    return found;
}
