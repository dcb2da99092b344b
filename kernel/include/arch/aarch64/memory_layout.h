/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's virtual address map (TTBR1, 48-bit, 4 KiB granule). Usable from
 * C and assembly. See docs/boot.md for the picture.
 *
 *   0xFFFF_8000_0000_0000  kernel window: all RAM, VA = PA + window base
 *                          (L0 slot 256, so physical addresses below 512 GiB;
 *                          bit 47 set, so object pointers in caps compress
 *                          to 44 bits and sign-extend back)
 *   0xFFFF_FFFF_8000_0000  kernel image, 2 MiB blocks from the 2 MiB-aligned
 *                          load base; linked at base + KERNEL_TEXT_OFFSET
 *   0xFFFF_FFFF_C000_0000  the kernel's own devices (UART, GIC), 4 KiB pages
 *
 * User space is TTBR0: 0 .. CAIRN_USER_TOP.
 */
#pragma once

#define KERNEL_WINDOW_BASE 0xFFFF800000000000
#define KERNEL_WINDOW_SIZE 0x0000008000000000 /* 512 GiB: one L0 slot */
#define KERNEL_IMAGE_VBASE 0xFFFFFFFF80000000
#define KERNEL_TEXT_OFFSET 0x80000
#define KERNEL_DEVICE_VBASE 0xFFFFFFFFC0000000
#define KERNEL_DEVICE_SIZE 0x200000 /* one L3 table of 4 KiB pages */

#define KERNEL_STACK_SIZE 16384

#define CAIRN_USER_TOP 0x0000800000000000
