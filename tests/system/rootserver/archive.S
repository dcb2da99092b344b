/* SPDX-License-Identifier: BSD-2-Clause */
/* The CPIO archive of test programs (RSLIB_ARCHIVE, built by CMake), as data. */
    .section .rodata.rslib_archive, "a"
    .balign 16
    .global rslib_archive_start
    .global rslib_archive_end
rslib_archive_start:
    .incbin RSLIB_ARCHIVE
rslib_archive_end:
