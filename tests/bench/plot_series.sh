#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# One SVG per scaling series of a benchmark log (bench_scaling.c prints
# "series NAME SIZE INSTRUCTIONS PER_UNIT UNIT"), drawn by gnuplot: the
# cost per unit against the size, sizes on a log scale.
#
#   plot_series.sh LOG OUTDIR
set -eu
log=${1:?benchmark log}
out=${2:?output directory}
command -v gnuplot >/dev/null || { echo "plot_series: gnuplot is missing (cmake/install-deps.sh)" >&2; exit 1; }
mkdir -p "$out"
names=$(sed -n 's/^series \([a-z0-9_]*\) .*/\1/p' "$log" | sort -u)
[ -n "$names" ] || { echo "plot_series: no series in $log" >&2; exit 1; }
for name in $names; do
    sed -n "s/^series $name \([0-9]*\) \([0-9]*\) \([0-9]*\) [a-z]*\$/\1 \2 \3/p" "$log" \
        >"$out/$name.dat"
    unit=$(sed -n "s/^series $name .* \([a-z]*\)\$/\1/p" "$log" | head -n 1)
    [ "$unit" = op ] && unit=operation
    # Relative names: the SVG records the data file's name.
    (cd "$out" && gnuplot) <<PLOT
set terminal svg size 560,340 font "sans,11" background rgb "white"
set output "$name.svg"
set title "$name" noenhanced
set logscale x
set xlabel "size"
set ylabel "instructions per $unit"
set yrange [0:*]
set grid
set key off
plot "$name.dat" using 1:3 with linespoints pointtype 7 linewidth 2
PLOT
    echo "plot_series: $out/$name.svg"
done
