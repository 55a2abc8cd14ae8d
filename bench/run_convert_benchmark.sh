#!/bin/sh
# Whole-process benchmark of `citizen-sdmx convert`: generates synthetic packages of
# 10^5, 10^6 and 10^7 rows (or the sizes given), converts each RUNS times under
# /usr/bin/time, and prints per size the median wall time, rows per second and the
# median peak RSS. Convert's warnings (e.g. a PENDING validation decision) go to
# WORK/convert-KIND-SIZE.log so the table stays readable.
#   bench/run_convert_benchmark.sh [BUILD_DIR] [SIZES...]
# KIND=table (default): rows that are observations already (generate_package; two
#   observations a row, 10,000 series).
# KIND=records: household records tabulated into a fixed set of cells with count,
#   mean, exact median and percentage (generate_records).
# FORMATS=sdmx-csv-2.0,... : the data formats to write (convert --format); default
#   convert's own default (sdmx-ml-2.1-ss).
set -eu
build=${1:-build}
shift || true
sizes=${*:-"100000 1000000 10000000"}
runs=${RUNS:-3}
kind=${KIND:-table}
formats=${FORMATS:-}
work=${WORK:-$build/bench-work}
tool="$build/citizen-sdmx"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
case "$kind" in
  table) generator=generate_package ;;
  records) generator=generate_records ;;
  *) echo "KIND must be table or records" >&2; exit 64 ;;
esac

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%10s %10s %14s %12s %12s\n' rows wall_s rows_per_s peak_rss_MB output_MB
for size in $sizes; do
  package="$work/$kind-$size"
  [ -f "$package/datapackage.json" ] || "$build/bench/$generator" "$size" "$package" >/dev/null
  : > "$work/times-$kind-$size"
  for run in $(seq "$runs"); do
    rm -rf "$work/out-$size"
    /usr/bin/time -f '%e %M' -o "$work/time-$size-$run" "$tool" convert "$package/datapackage.json" \
      ${formats:+--format "$formats"} --out "$work/out-$size" --quiet >/dev/null 2>"$work/convert-$kind-$size.log"
    cat "$work/time-$size-$run" >> "$work/times-$kind-$size"
  done
  wall=$(cut -d' ' -f1 "$work/times-$kind-$size" | median)
  rss=$(cut -d' ' -f2 "$work/times-$kind-$size" | median)
  output=$(du -sm "$work/out-$size" | cut -f1)
  printf '%10s %10.2f %14.0f %12.1f %12s\n' "$size" "$wall" \
    "$(echo "$size / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$output"
  rm -rf "$work/out-$size"
done
