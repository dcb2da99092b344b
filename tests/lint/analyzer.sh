#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# GCC's static analyzer (-fanalyzer) over every kernel source, compiled as
# the board build compiles it. Each finding must be one explained in
# analyzer-expected.txt; a new one fails the test, and so does an explained
# one that no longer appears (its explanation would be stale).
#
#   analyzer.sh COMPILE_COMMANDS_JSON SOURCE_DIR EXPECTED
set -u
# One spelling of the messages, whatever the locale (quotes differ).
LC_ALL=C
export LC_ALL
commands=${1:?compile_commands.json}
src=${2:?source dir}
expected=${3:?expected findings}
work=$(mktemp -d "${TMPDIR:-/tmp}/cairn-analyzer.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One shell line per kernel source: its compile command, analysing, output
# thrown away, -Werror off (the findings are judged below).
python3 - "$commands" "$src" >"$work/run.sh" <<'PY'
import json, shlex, sys
commands, src = sys.argv[1], sys.argv[2]
seen = set()
for entry in json.load(open(commands)):
    path = entry["file"]
    if not path.startswith(src + "/kernel/src/") or not path.endswith(".c") or path in seen:
        continue
    if "cairn_kernel.dir" not in entry["command"]:
        continue
    seen.add(path)
    args, skip = [], False
    for arg in shlex.split(entry["command"]):
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg not in ("-Werror", "-c"):
            args.append(arg)
    args[1:1] = ["-fanalyzer", "-c", "-o", "/dev/null"]
    print("cd %s && %s" % (shlex.quote(entry["directory"]), " ".join(map(shlex.quote, args))))
PY
[ -s "$work/run.sh" ] || { echo "analyzer: no kernel sources in $commands" >&2; exit 1; }
sh "$work/run.sh" >"$work/out.log" 2>&1

# A finding, without line numbers (they move with every edit): file, message.
grep 'warning: ' "$work/out.log" |
    sed -E "s#^$src/##; s#:[0-9]+:[0-9]+: warning: #: #; s# \[CWE-[0-9]+\]##" |
    sort -u >"$work/found.txt"
grep -v '^#' "$expected" | grep -v '^$' | sort -u >"$work/expected.txt"
echo "analyzer: $(wc -l <"$work/found.txt") distinct findings over $(wc -l <"$work/run.sh") kernel sources"
if ! diff -u "$work/expected.txt" "$work/found.txt"; then
    echo "analyzer: the findings differ from $expected (diff above): explain or fix them" >&2
    exit 1
fi
echo "analyzer: every finding is explained in $expected"
