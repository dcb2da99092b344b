// SPDX-License-Identifier: BSD-2-Clause
/*
 * The faulty program reads FAULTY_VADDR, where nothing is mapped. The
 * kernel stops it and sends a VM fault message to its fault endpoint (a
 * badged cap to the root's report endpoint). The root maps a page there,
 * writes a note into it and replies, and the kernel restarts the very load
 * that faulted: the program never notices, except that now it can read.
 */
#include "program.h"

void program_main(seL4_IPCBuffer *ipc, seL4_Word arg)
{
    (void)arg;
    seL4_SetIPCBuffer(ipc);
    const volatile char *page = (const volatile char *)FAULTY_VADDR;
    printf("[faulty] reading address %p, where nothing is mapped...\n", (const void *)page);
    char first = page[0];
    char note[64];
    unsigned i = 0;
    note[i++] = first;
    while (i < sizeof(note) - 1 && page[i] != '\0') {
        note[i] = page[i];
        i++;
    }
    note[i] = '\0';
    printf("[faulty] ...and the read worked after all. The page says: \"%s\"\n", note);
    program_done(0);
}
