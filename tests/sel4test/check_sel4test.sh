#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Judges a serial log of sel4test on Cairn: the suite must end with seL4's
# verdict line, run exactly the tests seL4 ran in the reference output (same
# names, same order) and pass each of them.
#
#   check_sel4test.sh LOG [REFERENCE]
#
# REFERENCE is seL4's own output for the same configuration
# (../shared/sel4test/seL4-reference-output.txt; .ci/run puts a copy beside
# the unpacked sources). Without it, only the verdict line is checked.
set -u
log=${1:?log}
reference=${2-}

# Test names in the order they started; ANSI colour codes and CRs removed.
started() {
    sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\r$//' "$1" |
        sed -n 's/^Starting test [0-9]*: //p'
}
verdict() {
    sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\r$//' "$1" |
        grep -E '^Test suite (passed|failed)\.' | tail -n 1
}

got=$(verdict "$log")
echo "cairn: $got"
case "$got" in
    "Test suite passed."*) ;;
    *) echo "sel4test: no 'Test suite passed.' line in $log" >&2; exit 1 ;;
esac
failed=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -cE '^Test .* FAILED|^Failure: ')
if [ "$failed" -ne 0 ]; then
    echo "sel4test: $failed failure lines in $log" >&2
    exit 1
fi

if [ -n "$reference" ] && [ -f "$reference" ]; then
    want=$(verdict "$reference")
    echo "seL4:  $want"
    if [ "$got" != "$want" ]; then
        echo "sel4test: verdict differs from seL4's" >&2
        exit 1
    fi
    started "$reference" >"$log.reference-tests"
    started "$log" >"$log.tests"
    if ! diff -u "$log.reference-tests" "$log.tests"; then
        echo "sel4test: the tests run differ from seL4's (diff above)" >&2
        exit 1
    fi
    echo "sel4test: the same $(wc -l <"$log.tests") tests as seL4, in the same order"
else
    echo "sel4test: no reference output given; the verdict line alone was checked"
fi
