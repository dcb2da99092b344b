#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# OOT0001: a root task built out of tree through cairn_add_image boots.
#
#   run.sh CAIRN_SOURCE_DIR BOARD TOOLCHAIN_FILE GENERATOR [MAKE_PROGRAM]
#
# Configures tests/outoftree/hello in a fresh temporary directory against
# this source tree, builds it (image, run/gdb targets, boot folder on an
# SD-card board) and runs its own tests: the image on every QEMU boot path
# of the board, and gdb stopping at its main. Removes the directory after.
set -u
src=$1 board=$2 toolchain=$3 generator=$4 make=${5:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/cairn-oot.XXXXXX")
trap 'rm -rf "$work"' EXIT
set -- -S "$src/tests/outoftree/hello" -B "$work" -G "$generator" \
    --toolchain "$toolchain" -DCAIRN_BOARD="$board" -DCAIRN_SOURCE_DIR="$src"
[ -z "$make" ] || set -- "$@" -DCMAKE_MAKE_PROGRAM="$make"

step() {
    echo "OOT0001: $*"
    "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log"; echo "FAIL: $*"; exit 1; }
}
step cmake "$@"
step cmake --build "$work"
if [ "$board" = rpi4 ]; then
    for f in kernel8.img config.txt; do
        [ -f "$work/hello.boot/$f" ] || { echo "FAIL: no hello.boot/$f"; exit 1; }
    done
fi
# Its own ctest: no tests at all is a failure, and each has a time limit.
ctest --test-dir "$work" --output-on-failure --no-tests=error --timeout 120 || {
    echo "FAIL: the out-of-tree project's tests"
    exit 1
}
echo "OOT0001: out-of-tree root task built and booted on $board"
