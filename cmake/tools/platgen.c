// SPDX-License-Identifier: BSD-2-Clause
/*
 * platgen: reads a board's DTB and writes the C header of constants the
 * kernel is built with (its UART, its interrupt controller and which GIC
 * version it is, the default RAM range and the timer). Runs on the build host, using libfdt.
 *
 *   platgen BOARD_NAME board.dtb plat_config.h
 *
 * Addresses in the tree are bus addresses; each is translated through the
 * "ranges" of every ancestor to a CPU physical address (Devicetree
 * Specification v0.4, 2.3.8). A device the kernel needs that the tree lacks
 * is an error, so a broken DTS fails the build instead of booting wrong.
 */
#include <libfdt.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = malloc((size_t)size);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "%s: read failed\n", path);
        exit(1);
    }
    fclose(f);
    return buf;
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
    uint64_t v = 0;
    for (int i = 0; i < cells; i++) {
        v = (v << 32) | fdt32_to_cpu(p[i]);
    }
    return v;
}

/* Translates a bus address of a child of `parent` up to the root. */
static bool translate(const void *fdt, int parent, uint64_t *addr)
{
    while (parent > 0) {
        int grand = fdt_parent_offset(fdt, parent);
        int len;
        const fdt32_t *ranges = fdt_getprop(fdt, parent, "ranges", &len);
        if (ranges == NULL) {
            return false; /* no mapping to the parent bus */
        }
        int child_ac = fdt_address_cells(fdt, parent);
        int parent_ac = fdt_address_cells(fdt, grand);
        int sc = fdt_size_cells(fdt, parent);
        int entry = child_ac + parent_ac + sc;
        bool found = len == 0; /* empty ranges: identity */
        for (int i = 0; !found && (i + entry) * 4 <= len; i += entry) {
            uint64_t child = read_cells(ranges + i, child_ac);
            uint64_t up = read_cells(ranges + i + child_ac, parent_ac);
            uint64_t size = read_cells(ranges + i + child_ac + parent_ac, sc);
            if (*addr >= child && *addr - child < size) {
                *addr = *addr - child + up;
                found = true;
            }
        }
        if (!found) {
            return false;
        }
        parent = grand;
    }
    return true;
}

/* The index-th reg entry of node, as a CPU physical address. */
static bool node_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size)
{
    int parent = fdt_parent_offset(fdt, node);
    int ac = fdt_address_cells(fdt, parent);
    int sc = fdt_size_cells(fdt, parent);
    int len;
    const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
    if (reg == NULL || ac < 1 || sc < 0 || (index + 1) * (ac + sc) * 4 > len) {
        return false;
    }
    *addr = read_cells(reg + index * (ac + sc), ac);
    *size = read_cells(reg + index * (ac + sc) + ac, sc);
    return translate(fdt, parent, addr);
}

static int find_compatible(const void *fdt, const char *const *names)
{
    for (; *names != NULL; names++) {
        int node = fdt_node_offset_by_compatible(fdt, -1, *names);
        if (node >= 0) {
            return node;
        }
    }
    return -1;
}

/* The console: /chosen stdout-path if it names a PL011, else the first PL011. */
static int find_console(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    if (chosen >= 0) {
        const char *path = fdt_getprop(fdt, chosen, "stdout-path", NULL);
        if (path != NULL) {
            char buf[256];
            snprintf(buf, sizeof(buf), "%s", path);
            buf[strcspn(buf, ":")] = '\0';
            int node = buf[0] == '/' ? fdt_path_offset(fdt, buf)
                                     : fdt_path_offset(fdt, fdt_get_alias(fdt, buf) ? fdt_get_alias(fdt, buf) : "");
            if (node >= 0 && fdt_node_check_compatible(fdt, node, "arm,pl011") == 0) {
                return node;
            }
        }
    }
    return fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
}

static void fail(const char *what)
{
    fprintf(stderr, "platgen: %s\n", what);
    exit(1);
}

static void emit_reg(FILE *out, const char *name, uint64_t addr, uint64_t size)
{
    fprintf(out, "#define PLAT_%s_PADDR 0x%llxull\n", name, (unsigned long long)addr);
    fprintf(out, "#define PLAT_%s_SIZE 0x%llxull\n", name, (unsigned long long)size);
}

/*
 * The interrupt controller. GICv2 (binding arm,gic.yaml): reg[0] is the
 * distributor, reg[1] the CPU interface. GICv3 (arm,gic-v3.yaml): reg[0] is
 * the distributor, then #redistributor-regions regions of redistributors
 * (one when the property is absent); the kernel needs only the first, which
 * holds core 0's. A tree with both kinds is taken as GICv3.
 */
static void emit_gic(FILE *out, const void *fdt)
{
    static const char *const v3[] = { "arm,gic-v3", NULL };
    static const char *const v2[] = { "arm,gic-400", "arm,cortex-a15-gic", NULL };
    uint64_t dist, dist_size, other, other_size;
    int gic = find_compatible(fdt, v3);
    if (gic >= 0) {
        if (!node_reg(fdt, gic, 0, &dist, &dist_size) ||
            !node_reg(fdt, gic, 1, &other, &other_size)) {
            fail("GICv3 without distributor and redistributor regions");
        }
        fprintf(out, "#define PLAT_GIC_VERSION 3\n");
        emit_reg(out, "GICD", dist, dist_size);
        emit_reg(out, "GICR", other, other_size);
        return;
    }
    gic = find_compatible(fdt, v2);
    if (gic < 0 || !node_reg(fdt, gic, 0, &dist, &dist_size) ||
        !node_reg(fdt, gic, 1, &other, &other_size)) {
        fail("no GICv2 with distributor and CPU interface, and no GICv3");
    }
    fprintf(out, "#define PLAT_GIC_VERSION 2\n");
    emit_reg(out, "GICD", dist, dist_size);
    emit_reg(out, "GICC", other, other_size);
}

static void emit_timer(FILE *out, const void *fdt)
{
    static const char *const timers[] = { "arm,armv8-timer", NULL };
    int timer = find_compatible(fdt, timers);
    if (timer < 0) {
        fail("no arm,armv8-timer node");
    }
    int len;
    const fdt32_t *freq = fdt_getprop(fdt, timer, "clock-frequency", &len);
    fprintf(out, "/* 0: take the frequency from CNTFRQ_EL0 */\n");
    fprintf(out, "#define PLAT_TIMER_FREQUENCY_HZ %uu\n",
            freq != NULL && len == 4 ? fdt32_to_cpu(*freq) : 0);
    /* interrupts: secure phys, non-secure phys, virtual, hyp; 3 cells each
     * (type, number, flags); PPI n is GIC interrupt ID 16 + n. */
    const fdt32_t *irqs = fdt_getprop(fdt, timer, "interrupts", &len);
    if (irqs == NULL || len < 3 * 4 * 3) {
        fail("timer node has no interrupts");
    }
    fprintf(out, "#define PLAT_TIMER_PHYS_NS_IRQ %u\n", 16 + fdt32_to_cpu(irqs[4]));
    fprintf(out, "#define PLAT_TIMER_VIRT_IRQ %u\n", 16 + fdt32_to_cpu(irqs[7]));
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: platgen BOARD board.dtb plat_config.h\n");
        return 2;
    }
    const void *fdt = read_file(argv[2]);
    if (fdt_check_header(fdt) != 0) {
        fail("not a valid DTB");
    }
    uint64_t uart, uart_size, mem, mem_size;
    int console = find_console(fdt);
    if (console < 0 || !node_reg(fdt, console, 0, &uart, &uart_size)) {
        fail("no PL011 console with a translatable reg");
    }
    int memory = fdt_path_offset(fdt, "/memory");
    if (memory < 0) {
        memory = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
    }
    if (memory < 0 || !node_reg(fdt, memory, 0, &mem, &mem_size)) {
        fail("no memory node");
    }

    FILE *out = fopen(argv[3], "w");
    if (out == NULL) {
        perror(argv[3]);
        return 1;
    }
    fprintf(out, "/* Generated by platgen from %s: do not edit. */\n#pragma once\n\n", argv[2]);
    fprintf(out, "#define PLAT_NAME \"%s\"\n", argv[1]);
    fprintf(out, "#define PLAT_UART_PADDR 0x%llxull\n", (unsigned long long)uart);
    fprintf(out, "#define PLAT_UART_SIZE 0x%llxull\n", (unsigned long long)uart_size);
    emit_gic(out, fdt);
    fprintf(out, "#define PLAT_DEFAULT_RAM_PADDR 0x%llxull\n", (unsigned long long)mem);
    fprintf(out, "#define PLAT_DEFAULT_RAM_SIZE 0x%llxull\n", (unsigned long long)mem_size);
    emit_timer(out, fdt);
    return fclose(out) == 0 ? 0 : 1;
}
