#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Runs one QEMU system test and judges it from QEMU's exit status and the
# serial log (kept at --log).
#
#   qemu-test.sh --log FILE --timeout SECONDS --exit STATUS [--summary]
#                [--expect REGEX]... [--expect-next REGEX]... [--reject REGEX]...
#                [--input TEXT --input-after REGEX] [--check WORD]... -- QEMU COMMAND...
#
# --input: TEXT is typed into QEMU's serial port (its stdin) once a line
# matching the --input-after regex has appeared, so it reaches the guest
# only when the guest is ready for it (and never reaches a boot loader).
# --expect-next: like --expect, and each such line must come after the line
# that matched the previous --expect-next.
# --check: the words, in order, make a command that judges the log further
# (a post-processing step: it gets the log's path as its last argument).
# --summary: the log must hold "N passed, 0 failed" with N >= 1, followed by
# nothing but kernel lines ("cairn: ..."). Regexes are grep -E, per line.
set -u

log="" timeout=60 want_exit=0 summary=0 input="" input_after=""
expects="" nexts="" rejects="" check=""
nl='
'
while [ $# -gt 0 ]; do
    case "$1" in
        --log) log=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --exit) want_exit=$2; shift 2 ;;
        --summary) summary=1; shift ;;
        --expect) expects="$expects$2$nl"; shift 2 ;;
        --expect-next) nexts="$nexts$2$nl"; shift 2 ;;
        --reject) rejects="$rejects$2$nl"; shift 2 ;;
        --input) input=$2; shift 2 ;;
        --input-after) input_after=$2; shift 2 ;;
        --check) check="$check$2$nl"; shift 2 ;;
        --) shift; break ;;
        *) echo "qemu-test: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$log" ] && [ $# -gt 0 ] || { echo "qemu-test: usage error" >&2; exit 2; }

mkdir -p "$(dirname "$log")"
raw="$log.raw"
if [ -n "$input" ]; then
    fifo="$log.in"
    rm -f "$fifo" "$raw"
    mkfifo "$fifo"
    # The feeder holds the FIFO open (QEMU must not see end of file), waits
    # for the guest's cue, types the text, then idles until it is killed.
    (
        tries=0
        until grep -qE -- "$input_after" "$raw" 2>/dev/null; do
            sleep 0.1
            tries=$((tries + 1))
            [ "$tries" -lt $((timeout * 10)) ] || break
        done
        printf '%s' "$input"
        exec sleep "$timeout"
    ) >"$fifo" &
    feeder=$!
    timeout --kill-after=5 "$timeout" "$@" <"$fifo" >"$raw" 2>&1
    status=$?
    kill "$feeder" 2>/dev/null
    rm -f "$fifo"
else
    timeout --kill-after=5 "$timeout" "$@" </dev/null >"$raw" 2>&1
    status=$?
fi
tr -d '\r' <"$raw" >"$log"
rm -f "$raw"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    fail "QEMU timed out after ${timeout}s"
elif [ "$status" -ne "$want_exit" ]; then
    fail "QEMU exited with $status, expected $want_exit"
fi

if [ "$summary" -eq 1 ]; then
    line=$(grep -nE '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -z "$line" ]; then
        fail "no 'N passed, N failed' line"
    else
        n=${line%%:*}
        text=${line#*:}
        echo "$text" | grep -qE '^[1-9][0-9]* passed, 0 failed$' || fail "summary: $text"
        tail -n +"$((n + 1))" "$log" | grep -vqE '^cairn: |^$' &&
            fail "output after the summary line"
    fi
fi

printf '%s' "$expects" | while IFS= read -r re; do
    [ -n "$re" ] || continue
    grep -qE -- "$re" "$log" || { echo "FAIL: missing line matching: $re"; exit 1; }
done || failures=$((failures + 1))
after=0
printf '%s' "$nexts" | while IFS= read -r re; do
    [ -n "$re" ] || continue
    n=$(tail -n +"$((after + 1))" "$log" | grep -nE -m 1 -- "$re" | cut -d: -f1)
    if [ -z "$n" ]; then
        echo "FAIL: no line after line $after matching: $re"
        exit 1
    fi
    after=$((after + n))
done || failures=$((failures + 1))
printf '%s' "$rejects" | while IFS= read -r re; do
    [ -n "$re" ] || continue
    grep -qE -- "$re" "$log" && { echo "FAIL: unexpected line matching: $re"; exit 1; }
    true
done || failures=$((failures + 1))

if [ -n "$check" ]; then
    set --
    while IFS= read -r word; do
        [ -n "$word" ] && set -- "$@" "$word"
    done <<EOF
$check
EOF
    "$@" "$log" || fail "the check '$*' refused the log"
fi

if [ "$failures" -ne 0 ]; then
    echo "---- serial log ($log) ----"
    cat "$log"
    exit 1
fi
echo "ok: QEMU exited $status; log $log"
exit 0
