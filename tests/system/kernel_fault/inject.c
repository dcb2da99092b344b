// SPDX-License-Identifier: BSD-2-Clause
/*
 * KFAULT0001: linked only into the kernel-fault test image. Just before the
 * root task would start, the kernel stores to an unmapped kernel address, to
 * show the kernel fault report (ESR, FAR, ELR, SPSR, registers) and the halt
 * with a failure status.
 */
#include <kernel/boot.h>

void boot_test_hook(void)
{
    *(volatile uint64_t *)0xFFFFFFFFDEAD0000UL = 0xC0FFEE;
}
