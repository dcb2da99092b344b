/* SPDX-License-Identifier: BSD-2-Clause */
/* Basic kernel types. Only the compiler's freestanding headers are used. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t word_t;
typedef uint64_t paddr_t;
typedef uint64_t vaddr_t;
