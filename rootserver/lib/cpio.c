// SPDX-License-Identifier: BSD-2-Clause
/* newc CPIO reading (cpio.h). */
#include <rootserver/cpio.h>

#include <stdbool.h>

#define HEADER_SIZE 110
#define FIELD(n) (6 + 8 * (n)) /* offset of header field n, after the magic */
enum { F_MODE = 1, F_FILESIZE = 6, F_NAMESIZE = 11 };

static size_t align4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

static bool parse_hex(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        char c = p[i];
        unsigned digit;
        if (c >= '0' && c <= '9') {
            digit = (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = (unsigned)(c - 'A' + 10);
        } else {
            return false;
        }
        v = (v << 4) | digit;
    }
    *out = v;
    return true;
}

static bool same_name(const char *a, const char *b)
{
    a += (a[0] == '.' && a[1] == '/') ? 2 : 0;
    b += (b[0] == '.' && b[1] == '/') ? 2 : 0;
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static bool is_magic(const char *h)
{
    static const char magic[] = "07070";
    for (int i = 0; i < 5; i++) {
        if (h[i] != magic[i]) {
            return false;
        }
    }
    return h[5] == '1' || h[5] == '2';
}

rs_cpio_error_t rs_cpio_next(const void *archive, size_t size, size_t *offset,
                             rs_cpio_entry_t *entry)
{
    const char *base = archive;
    size_t at = *offset;
    if (at > size || size - at < HEADER_SIZE) {
        return RS_CPIO_TRUNCATED;
    }
    const char *h = base + at;
    uint32_t mode, filesize, namesize;
    if (!is_magic(h)) {
        return RS_CPIO_BAD_MAGIC;
    }
    if (!parse_hex(h + FIELD(F_MODE), &mode) || !parse_hex(h + FIELD(F_FILESIZE), &filesize) ||
        !parse_hex(h + FIELD(F_NAMESIZE), &namesize)) {
        return RS_CPIO_BAD_FIELD;
    }
    size_t name_at = at + HEADER_SIZE;
    if (namesize > size - name_at) {
        return RS_CPIO_NAME_PAST_END;
    }
    if (namesize == 0 || base[name_at + namesize - 1] != '\0') {
        return RS_CPIO_BAD_NAME;
    }
    size_t data_at = align4(name_at + namesize);
    if (data_at > size || filesize > size - data_at) {
        return RS_CPIO_DATA_PAST_END;
    }
    *entry = (rs_cpio_entry_t){ .name = base + name_at, .data = base + data_at,
                                .size = filesize, .mode = mode };
    *offset = align4(data_at + filesize);
    return same_name(entry->name, "TRAILER!!!") ? RS_CPIO_END : RS_CPIO_OK;
}

rs_cpio_error_t rs_cpio_find(const void *archive, size_t size, const char *name,
                             rs_cpio_entry_t *entry)
{
    size_t offset = 0;
    for (;;) {
        rs_cpio_error_t err = rs_cpio_next(archive, size, &offset, entry);
        if (err == RS_CPIO_END) {
            return RS_CPIO_NOT_FOUND;
        }
        if (err != RS_CPIO_OK) {
            return err;
        }
        if (same_name(entry->name, name)) {
            return RS_CPIO_OK;
        }
    }
}

const char *rs_cpio_strerror(rs_cpio_error_t error)
{
    switch (error) {
    case RS_CPIO_OK: return "no error";
    case RS_CPIO_END: return "end of archive";
    case RS_CPIO_TRUNCATED: return "header runs past the end of the archive (no trailer?)";
    case RS_CPIO_BAD_MAGIC: return "not a newc CPIO header (bad magic)";
    case RS_CPIO_BAD_FIELD: return "header field is not 8 hex digits";
    case RS_CPIO_BAD_NAME: return "name empty or not NUL-terminated";
    case RS_CPIO_NAME_PAST_END: return "name runs past the end of the archive";
    case RS_CPIO_DATA_PAST_END: return "file data runs past the end of the archive";
    case RS_CPIO_NOT_FOUND: return "no such file in the archive";
    }
    return "unknown CPIO error";
}
