/* SPDX-License-Identifier: BSD-2-Clause */
/* Assembly helpers: every assembly function sits between FUNC and ENDFUNC. */
#pragma once

#ifdef __ASSEMBLER__

#define FUNC(name) \
    .global name; \
    .type name, %function; \
    .balign 4; \
    name:

#define LOCAL_FUNC(name) \
    .type name, %function; \
    .balign 4; \
    name:

#define ENDFUNC(name) .size name, . - name

#endif
