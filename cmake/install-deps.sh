#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Installs what Cairn needs on Debian 12 (bookworm), as root. Idempotent: when
# everything is present it checks and returns without touching apt.
#
# QEMU 9 or newer (for the raspi4b machine) comes from the bookworm-backports
# suite, which is added by suite name to the machine's existing Debian source
# entry so that no package host is ever written down here.
set -eu

packages="gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu cmake ninja-build
device-tree-compiler libfdt-dev u-boot-qemu libcmocka-dev gdb-multiarch
clang lld llvm cppcheck clang-tidy gcc pkgconf cpio picolibc-aarch64-linux-gnu
g++-aarch64-linux-gnu protobuf-compiler python3-protobuf gnuplot-nox graphviz python3"

# nanopb's C runtime, which seL4 projects' libsel4rpc compiles (sel4test does):
# Debian ships only its generator as a binary package, so the sources come
# from Debian's source package of the same name, unpacked here.
nanopb_dir=/usr/local/share/cairn/nanopb

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
        missing="$missing $p"
done

qemu_ok() {
    command -v qemu-system-aarch64 >/dev/null 2>&1 || return 1
    v=$(qemu-system-aarch64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
    [ "${v:-0}" -ge 9 ]
}

if [ -z "$missing" ] && qemu_ok && [ -f "$nanopb_dir/pb_decode.c" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing:$missing (and/or QEMU >= 9); run as root" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive

# Enable bookworm-backports on the existing Debian entry (deb822 or one-line form).
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if grep -qsE '^Suites:(.* )?bookworm( |$)' /etc/apt/sources.list.d/debian.sources; then
        # Add the suite to the stanza that lists plain "bookworm".
        sed -i -E '/^Suites:(.* )?bookworm( |$)/ s/$/ bookworm-backports/' \
            /etc/apt/sources.list.d/debian.sources
    else
        line=$(grep -E '^deb .* bookworm( |$)' /etc/apt/sources.list | head -n 1)
        [ -n "$line" ] || { echo "install-deps: no bookworm source entry found" >&2; exit 1; }
        echo "$line" | sed -E 's/ bookworm( |$)/ bookworm-backports\1/' >>/etc/apt/sources.list
    fi
fi

apt-get update -qq
# shellcheck disable=SC2086
[ -z "$missing" ] || apt-get install -y -qq --no-install-recommends $missing >/dev/null
qemu_ok || apt-get install -y -qq --no-install-recommends -t bookworm-backports \
    qemu-system-arm >/dev/null
qemu_ok || { echo "install-deps: QEMU >= 9 not available" >&2; exit 1; }

# Debian's source packages: a deb-src twin of each Debian entry, written
# beside them (never a host name of our own).
if [ ! -f "$nanopb_dir/pb_decode.c" ]; then
    if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        if [ -f /etc/apt/sources.list.d/debian.sources ]; then
            sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
                >/etc/apt/sources.list.d/cairn-deb-src.sources
        else
            grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
                >/etc/apt/sources.list.d/cairn-deb-src.list
        fi
        apt-get update -qq
    fi
    scratch=$(mktemp -d)
    (cd "$scratch" && apt-get source --download-only -qq nanopb >/dev/null 2>&1) ||
        { echo "install-deps: apt-get source nanopb failed" >&2; exit 1; }
    mkdir -p "$nanopb_dir"
    tar -xzf "$scratch"/nanopb_*.orig.tar.gz -C "$nanopb_dir" --strip-components=1
    rm -rf "$scratch"
    [ -f "$nanopb_dir/pb_decode.c" ] || { echo "install-deps: no nanopb sources" >&2; exit 1; }
fi
