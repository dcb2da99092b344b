// SPDX-License-Identifier: BSD-2-Clause
/* Keeps the boot-info pointer handed over by the kernel. */
#include <sel4/bootinfo.h>
#include <sel4/ipc_buffer.h>

static seL4_BootInfo *boot_info;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    boot_info = bi;
    seL4_SetIPCBuffer((seL4_IPCBuffer *)bi->ipcBuffer);
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return boot_info;
}
