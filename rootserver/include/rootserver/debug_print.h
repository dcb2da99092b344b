/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf for Cairn programs: the C library's (picolibc), whose stdout is the
 * kernel's debug console (libsel-style/src/libc_console.c).
 */
#pragma once

#include <stdio.h>
