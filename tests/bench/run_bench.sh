#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boots the benchmark image (the command after --), keeps its console in
# LOG as it prints, then draws the scaling series into PLOTDIR (the
# slow-path copy has none).
#
#   run_bench.sh LOG PLOTDIR -- qemu-system-aarch64 ...
set -eu
log=${1:?log}
plots=${2:?plot directory}
shift 2
[ "${1:-}" = "--" ] && shift
"$@" | tee "$log"
grep -q '^bench done' "$log" || { echo "run_bench: the benchmarks did not finish" >&2; exit 1; }
if grep -q '^series ' "$log"; then
    sh "$(dirname "$0")/plot_series.sh" "$log" "$plots"
fi
