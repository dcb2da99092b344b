#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boots a sel4test image on Cairn under QEMU and judges the log.
#
#   run_sel4test.sh SEL4TEST_DIR LOG TIMEOUT [--expect REGEX]... -- QEMU COMMAND...
#
# SEL4TEST_DIR is the directory of unpacked archives the image was built
# from (empty: not run, exit 77); seL4's reference output is looked for
# there as seL4-reference-output.txt.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src_dir=${1-}
log=${2:?log}
timeout=${3:?timeout}
shift 3
if [ -z "$src_dir" ]; then
    echo "sel4test NOT RUN: CAIRN_SEL4TEST_DIR is empty."
    exit 77
fi
mkdir -p "$(dirname "$log")"
sh "$here/../../cmake/qemu-test.sh" --log "$log" --timeout "$timeout" \
    --reject "KERNEL FAULT|PANIC" --expect "^Test suite passed\." "$@" || exit 1
sh "$here/check_sel4test.sh" "$log" "$src_dir/seL4-reference-output.txt"
