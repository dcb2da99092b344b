/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal, bounds-checked reader of flattened device trees (DTB, the
 * Devicetree Specification v0.4, chapter 5). The kernel needs only the RAM
 * ranges, what is reserved and how to start the other cores; everything
 * else in the tree is for user-level drivers, which receive the whole blob
 * through the boot info.
 */
#pragma once

#include <types.h>

#define FDT_MAGIC 0xD00DFEED
#define FDT_MAX_SIZE (1u << 21) /* larger blobs are refused */

typedef struct mem_region {
    uint64_t base;
    uint64_t size;
} mem_region_t;

/* True if blob starts a well-formed header no larger than max_size bytes. */
bool fdt_header_valid(const void *blob, size_t max_size);

/* The blob's total size from its header (valid blobs only). */
uint32_t fdt_total_size(const void *blob);

/* Bytes the blob's header, reserve map, structure and strings actually use
 * (loaders often pad the blob; QEMU's is 1 MiB). A copy of this many bytes
 * is a valid blob once its header's totalsize is set to that. */
uint32_t fdt_used_size(const void *blob);

/* RAM ranges: the reg entries of every top-level node whose device_type is
 * "memory". Returns how many were found (at most max are stored), or -1 if
 * the structure is malformed. */
int fdt_memory_regions(const void *blob, mem_region_t *out, int max);

/* Reserved ranges: the /memreserve/ block and the reg entries of the children
 * of /reserved-memory. Same return convention. */
int fdt_reserved_regions(const void *blob, mem_region_t *out, int max);

/* Device ranges: the reg entries of every other node, translated through
 * their parents' "ranges" to CPU physical addresses (entries that cannot be
 * translated are left out). Same return convention. */
int fdt_device_regions(const void *blob, mem_region_t *out, int max);

/* How a secondary core is started ("enable-method" of its /cpus node). */
typedef enum cpu_enable {
    CPU_ENABLE_NONE,       /* no enable-method: it cannot be started */
    CPU_ENABLE_PSCI,       /* PSCI CPU_ON */
    CPU_ENABLE_SPIN_TABLE, /* write the entry to cpu-release-addr, then SEV */
    CPU_ENABLE_OTHER,      /* a method the kernel does not know */
} cpu_enable_t;

/* The PSCI conduit (the /psci node's "method"). */
typedef enum psci_conduit { PSCI_NONE, PSCI_HVC, PSCI_SMC } psci_conduit_t;

typedef struct fdt_cpu {
    uint64_t mpidr; /* the node's reg: MPIDR_EL1's affinity fields */
    cpu_enable_t enable_method;
    uint64_t release_addr; /* spin table only */
} fdt_cpu_t;

/* The CPUs under /cpus with device_type "cpu", in tree order, and the PSCI
 * conduit (PSCI_NONE without a /psci node). Same return convention. */
int fdt_cpus(const void *blob, fdt_cpu_t *out, int max, psci_conduit_t *psci);
