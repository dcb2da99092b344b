// SPDX-License-Identifier: BSD-2-Clause
/*
 * UBSAN0001: linked only into the ubsan_report image of a kernel built with
 * CAIRN_UBSAN. Just before the root task would start, the kernel overflows
 * a signed addition, to show the sanitizer's report (what, file, line,
 * column) and the halt with a failure status.
 */
#include <kernel/boot.h>
#include <stdint.h>

void boot_test_hook(void)
{
    volatile int64_t largest = INT64_MAX;
    volatile int64_t one = 1;
    volatile int64_t sum = largest + one;
    (void)sum;
}
