/* SPDX-License-Identifier: BSD-2-Clause */
/* Access to the boot information the runtime was started with. */
#pragma once

#include <sel4/bootinfo_types.h>

/* Records the pointer the kernel passed in x0; the C runtime calls it. */
void seL4_InitBootInfo(seL4_BootInfo *bi);

/* The boot information of this root task, or NULL before the runtime ran. */
seL4_BootInfo *seL4_GetBootInfo(void);
