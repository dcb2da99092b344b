/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel-entry tracking types of seL4's benchmark builds. Cairn has no such
 * build (CONFIG_BENCHMARK_TRACK_KERNEL_ENTRIES is never set), so this header
 * only exists for code that includes it unconditionally.
 */
#pragma once
