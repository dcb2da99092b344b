// SPDX-License-Identifier: BSD-2-Clause
/*
 * The C library's standard streams for Cairn programs (picolibc): stdout and
 * stderr write to the kernel's debug console, one character per
 * seL4_DebugPutChar; stdin has nothing to read. The heap behind malloc is
 * the region heap.ld reserves (picolibc's sbrk reads __heap_start and
 * __heap_end).
 */
#include <sel4/sel4.h>
#include <stdio.h>

static int console_put(char c, FILE *file)
{
    (void)file;
    seL4_DebugPutChar(c);
    return (unsigned char)c;
}

static int console_get(FILE *file)
{
    (void)file;
    return EOF;
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;
