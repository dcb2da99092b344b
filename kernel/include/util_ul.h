/* SPDX-License-Identifier: BSD-2-Clause */
/* UL(x): an unsigned long constant in C, a plain number in assembly. */
#pragma once

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif
