#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Starts QEMU halted under its gdb stub and attaches gdb-multiarch with the
# kernel's symbols and the root task's (a separate ELF, linked at its own
# user-space addresses, so it is added with add-symbol-file).
#
#   qemu-gdb.sh [--gdb PROGRAM] KERNEL_ELF ROOT_TASK_ELF -- QEMU COMMAND...
#       interactive: QEMU with -s -S (stub on tcp :1234), gdb on the terminal.
#   qemu-gdb.sh [--gdb PROGRAM] --batch SCRIPT [--timeout SECONDS] [--log FILE]
#               KERNEL_ELF ROOT_TASK_ELF -- QEMU COMMAND...
#       for tests: QEMU's stub listens on a private Unix socket (so that tests
#       running in parallel never share a port), gdb runs SCRIPT with -batch,
#       the serial output goes to FILE, and gdb's exit status is the result.
#       Both are bounded by the timeout; QEMU is killed when gdb ends.
set -eu

gdb=gdb-multiarch batch="" timeout=60 log=/dev/null
while [ $# -gt 0 ]; do
    case "$1" in
        --gdb) gdb=$2; shift 2 ;;
        --batch) batch=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --log) log=$2; shift 2 ;;
        --) echo "qemu-gdb: missing ELF files" >&2; exit 2 ;;
        -*) echo "qemu-gdb: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -ge 4 ] && [ "$3" = "--" ] || {
    echo "usage: qemu-gdb.sh [options] KERNEL_ELF ROOT_TASK_ELF -- QEMU COMMAND..." >&2
    exit 2
}
kernel=$1 root=$2
shift 3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cairn-gdb.XXXXXX")
qemu=""
cleanup() {
    [ -z "$qemu" ] || kill "$qemu" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The commands every session starts with: the root task's symbols beside the
# kernel's (add-symbol-file takes the addresses from the root task's ELF
# headers), then the connection to the halted CPU.
setup="$tmp/setup.gdb"
{
    echo "set pagination off"
    echo "set confirm off"
    echo "add-symbol-file $root"
    echo "set confirm on"
} >"$setup"

if [ -z "$batch" ]; then
    echo "target remote :1234" >>"$setup"
    "$@" -s -S &
    qemu=$!
    "$gdb" -q -x "$setup" "$kernel"
    exit $?
fi

sock="$tmp/gdb.sock"
[ "$log" = /dev/null ] || mkdir -p "$(dirname "$log")"
echo "target remote $sock" >>"$setup"
# QEMU outlives gdb's own limit, so that a hang shows as gdb's timeout.
timeout --kill-after=5 "$((timeout + 10))" "$@" -S -gdb "unix:$sock,server=on,wait=off" \
    </dev/null >"$log" 2>&1 &
qemu=$!
# QEMU creates the socket while it starts; wait for it (bounded).
tries=0
until [ -S "$sock" ]; do
    kill -0 "$qemu" 2>/dev/null || { echo "qemu-gdb: QEMU did not start" >&2; exit 1; }
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "qemu-gdb: no gdb socket after 10 s" >&2; exit 1; }
    sleep 0.1
done
status=0
timeout --kill-after=5 "$timeout" "$gdb" -q -batch -nx -x "$setup" -x "$batch" "$kernel" \
    </dev/null || status=$?
[ "$status" -ne 124 ] || echo "qemu-gdb: gdb timed out after ${timeout}s" >&2
exit "$status"
