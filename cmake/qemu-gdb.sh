#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# qemu-gdb.sh KERNEL_ELF ROOT_TASK_ELF -- QEMU COMMAND...
# Starts QEMU halted with its gdb stub on :1234 and attaches gdb-multiarch
# with the kernel's and the root task's symbols. QEMU ends with gdb.
set -eu
kernel=$1 root=$2
shift 3
"$@" -s -S &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT
gdb-multiarch -q "$kernel" \
    -ex "set confirm off" -ex "add-symbol-file $root" -ex "set confirm on" \
    -ex "target remote :1234"
