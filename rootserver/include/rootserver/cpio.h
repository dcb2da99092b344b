/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading a newc CPIO archive (`cpio -o -H newc`, magic "070701"; "070702",
 * the same with checksums, is read too). Each member is a 110-byte ASCII
 * header of thirteen 8-digit hex fields, the NUL-terminated name padded so
 * that header + name is a multiple of 4, then the file's bytes padded to 4.
 * The member named "TRAILER!!!" ends the archive. No system calls: host
 * unit tests run it. Every size in a header is checked against the end of
 * the archive before it is used; an archive that ends without a trailer is
 * malformed.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef enum rs_cpio_error {
    RS_CPIO_OK = 0,
    RS_CPIO_END,             /* rs_cpio_next: the trailer was reached */
    RS_CPIO_TRUNCATED,       /* a header runs past the end of the archive */
    RS_CPIO_BAD_MAGIC,
    RS_CPIO_BAD_FIELD,       /* a header field is not 8 hex digits */
    RS_CPIO_BAD_NAME,        /* name size 0, or the name is not NUL-terminated */
    RS_CPIO_NAME_PAST_END,
    RS_CPIO_DATA_PAST_END,
    RS_CPIO_NOT_FOUND,       /* rs_cpio_find: no member of that name */
} rs_cpio_error_t;

typedef struct rs_cpio_entry {
    const char *name; /* NUL-terminated, inside the archive */
    const void *data;
    size_t size;
    uint32_t mode;
} rs_cpio_entry_t;

/* Reads the member at *offset (start at 0) and moves *offset past it. */
rs_cpio_error_t rs_cpio_next(const void *archive, size_t size, size_t *offset,
                             rs_cpio_entry_t *entry);

/* Finds the member called name ("./" prefixes on either side ignored). */
rs_cpio_error_t rs_cpio_find(const void *archive, size_t size, const char *name,
                             rs_cpio_entry_t *entry);

const char *rs_cpio_strerror(rs_cpio_error_t error);
