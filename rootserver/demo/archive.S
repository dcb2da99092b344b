/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's programs as a newc CPIO archive (DEMO_ARCHIVE, built by CMake). */
    .section .rodata.demo_archive, "a"
    .balign 16
    .global demo_archive_start
    .global demo_archive_end
demo_archive_start:
    .incbin DEMO_ARCHIVE
demo_archive_end:
