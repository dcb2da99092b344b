/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread-local storage for Cairn programs (AArch64 ELF TLS, local-exec).
 *
 * TPIDR_EL0 is the thread pointer. It points at a 16-byte reserved word
 * pair; the thread's TLS block (a copy of the program's .tdata, then its
 * .tbss zeroed) starts at the next multiple of the TLS segment's
 * alignment. Each program's linker script (libsel-style/src/tls.ld) gives
 * the main thread its area; a program that starts more threads gives each
 * an area of cairn_tls_area_size() bytes, aligned to cairn_tls_area_align(),
 * and sets the thread's TPIDR_EL0 to what cairn_tls_init() returned (with
 * seL4_TCB_SetTLSBase, or the tpidr_el0 word of WriteRegisters).
 *
 * libsel4's IPC-buffer pointer, __sel4_ipc_buffer, is such a variable: each
 * thread has its own, so seL4_GetMR/SetMR and every stub use the calling
 * thread's buffer.
 */
#pragma once

#include <sel4/ipc_buffer.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes and alignment a thread's TLS area needs. */
size_t cairn_tls_area_size(void);
size_t cairn_tls_area_align(void);

/* Lays a fresh TLS block out in area; returns the thread pointer for it, or
 * 0 when the area is too small or not aligned enough. */
uintptr_t cairn_tls_init(void *area, size_t size);

/* Gives the calling thread, the program's first, the area the linker
 * script reserved, and sets its TPIDR_EL0; false if that failed. Program
 * start-up code calls it before anything touches a TLS variable. */
bool cairn_tls_init_main(void);

/* The calling thread's thread pointer. */
static inline uintptr_t cairn_tls_get_base(void)
{
    uintptr_t tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}

/* Sets another thread's __sel4_ipc_buffer; tp is that thread's pointer
 * (from cairn_tls_init()). */
void cairn_tls_set_ipc_buffer(uintptr_t tp, seL4_IPCBuffer *buffer);
