#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The tutorial-NN-check target: boots a chapter's image under qemu-test.sh
# (cmake/qemu-test.sh; its options come after the log), then shows the
# student the checks' lines instead of the whole serial log (which holds a
# capDL snapshot). The exit status is qemu-test.sh's: 0 once solved.
#
#   check.sh LOG QEMU-TEST-OPTIONS... -- QEMU COMMAND...
set -u
log=$1
mkdir -p "$(dirname "$log")"
shift
sh "$(dirname "$0")/../../cmake/qemu-test.sh" --log "$log" "$@" >"$log.verdict" 2>&1
status=$?
grep -E '^(===|PASS|FAIL|SKIP|    check failed|[0-9]+ passed)' "$log"
if [ "$status" -ne 0 ]; then
    # No verdict line: the root task stopped early (a fault, say); show why.
    grep -qE '^=== (all checks|[0-9]+ check)' "$log" || tail -n 15 "$log"
    echo "not solved yet (serial log: $log)"
else
    echo "solved (serial log: $log)"
fi
exit "$status"
