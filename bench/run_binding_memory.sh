#!/bin/sh
# Peak RSS of converting the synthetic bench package through the CLI, the Python
# package and the R package (bindings/), RUNS times each under /usr/bin/time; prints the
# medians and each binding's ratio to the CLI, and, for reference, the peak RSS of the
# interpreter that only loads the binding. Not a test: a measurement to quote.
#   bench/run_binding_memory.sh [BUILD_DIR]
# ROWS (default 500000: two measures a row, so 10^6 observations), RUNS (default 3),
# FORMATS (default: convert's own, sdmx-ml-2.1-ss). Needs the bindings installed as
# bindings/test-bindings.sh (make test) installs them under BUILD_DIR/bindings.
#
# Measured 2026-12-01 (2-core shared machine, ROWS=500000 = 10^6 observations, medians of 3):
#   how        peak RSS   ratio to CLI   added by the conversion (peak - only started)
#   cli         72.8 MB      1.000          58.6 MB (started: 14.2 MB)
#   python      84.3 MB      1.158          58.6 MB (interpreter + binding loaded: 25.7 MB)
#   r          123.2 MB      1.693          57.9 MB (R + package loaded: 65.3 MB)
# The conversion costs the same memory in all three (added ratio 0.999 and 0.988); the
# whole-process difference is the interpreter itself, a constant that no binding can remove.
set -eu
build=$(cd "${1:-build}" && pwd)
rows=${ROWS:-500000}
runs=${RUNS:-3}
formats=${FORMATS:-sdmx-ml-2.1-ss}
work=${WORK:-$build/bench-work}
python="$build/bindings/python-venv/bin/python"
rlib="$build/bindings/r-library"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
[ -x "$python" ] && [ -d "$rlib/citizensdmx" ] || { echo "install the bindings first: make test (bindings/test-bindings.sh)"; exit 1; }
export CITIZEN_SDMX_LIBRARY="$build/plugin/libcitizensdmx.so.0" R_LIBS="$rlib"

package="$work/table-$rows"
mkdir -p "$work"
[ -f "$package/datapackage.json" ] || "$build/bench/generate_package" "$rows" "$package" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# measure NAME COMMAND...: RUNS runs, the output folder emptied before each.
measure() {
  name=$1
  shift
  : >"$work/rss-$name"
  for run in $(seq "$runs"); do
    rm -rf "$work/out-binding"
    /usr/bin/time -f '%M %e' -o "$work/time-$name" "$@" >"$work/log-$name" 2>&1 ||
      { echo "$name failed:"; cat "$work/log-$name"; exit 1; }
    cat "$work/time-$name" >>"$work/rss-$name"
  done
  cut -d' ' -f1 "$work/rss-$name" | median >"$work/median-$name"
  cut -d' ' -f2 "$work/rss-$name" | median >"$work/wall-$name"
}

measure cli "$build/citizen-sdmx" convert "$package/datapackage.json" --format "$formats" --out "$work/out-binding" --quiet
measure python "$python" -c "import sys, citizensdmx as cs
r = cs.open_package(sys.argv[1]).convert(sys.argv[2], formats=sys.argv[3].split(','))
print(r.observations)" "$package/datapackage.json" "$work/out-binding" "$formats"
measure r Rscript -e "a <- commandArgs(TRUE); r <- citizensdmx::cs_convert(a[1], a[2], formats = strsplit(a[3], ',')[[1]]); cat(r\$values\$observations, '\n')" \
  "$package/datapackage.json" "$work/out-binding" "$formats"
measure cli-start "$build/citizen-sdmx" --version
measure python-import "$python" -c "import citizensdmx"
measure r-load Rscript -e "library(citizensdmx)"
rm -rf "$work/out-binding"

observations=$(cat "$work/log-python")
cli=$(cat "$work/median-cli")
echo "converting $rows rows ($observations observations, $formats), median of $runs runs"
# "added": peak RSS minus that of the same process only started (the CLI printing its
# version, the interpreter loading the binding): what the conversion itself costs.
printf '%-14s %14s %10s %14s %10s %16s\n' how peak_rss_MB wall_s ratio_to_cli added_MB added_ratio
for pair in cli:cli-start python:python-import r:r-load; do
  name=${pair%%:*}
  start=$(cat "$work/median-${pair#*:}")
  rss=$(cat "$work/median-$name")
  cli_added=$(echo "$cli - $(cat "$work/median-cli-start")" | bc -l)
  printf '%-14s %14.1f %10.2f %14.3f %10.1f %16.3f\n' "$name" "$(echo "$rss / 1024" | bc -l)" \
    "$(cat "$work/wall-$name")" "$(echo "$rss / $cli" | bc -l)" "$(echo "($rss - $start) / 1024" | bc -l)" \
    "$(echo "($rss - $start) / $cli_added" | bc -l)"
done
for name in cli-start python-import r-load; do
  printf '%-14s %14.1f   (only started)\n' "$name" "$(echo "$(cat "$work/median-$name") / 1024" | bc -l)"
done
