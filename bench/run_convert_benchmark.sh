#!/bin/sh
# Whole-process benchmark of `citizen-sdmx convert`: generates synthetic packages of
# 10^5, 10^6 and 10^7 rows (or the sizes given), converts each RUNS times under
# /usr/bin/time, and prints the median wall time, observations per second and the
# median peak RSS per size.
#   bench/run_convert_benchmark.sh [BUILD_DIR] [SIZES...]
set -eu
build=${1:-build}
shift || true
sizes=${*:-"100000 1000000 10000000"}
runs=${RUNS:-3}
work=${WORK:-$build/bench-work}
tool="$build/citizen-sdmx"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%10s %12s %10s %14s %12s %12s\n' rows observations wall_s obs_per_s peak_rss_MB output_MB
for size in $sizes; do
  package="$work/package-$size"
  [ -f "$package/survey.csv" ] || "$build/bench/generate_package" "$size" "$package" >/dev/null
  : > "$work/times-$size"
  for run in $(seq "$runs"); do
    rm -rf "$work/out-$size"
    /usr/bin/time -f '%e %M' -o "$work/time-$size-$run" "$tool" convert "$package/datapackage.json" \
      --out "$work/out-$size" --quiet >/dev/null
    cat "$work/time-$size-$run" >> "$work/times-$size"
  done
  wall=$(cut -d' ' -f1 "$work/times-$size" | median)
  rss=$(cut -d' ' -f2 "$work/times-$size" | median)
  observations=$((size * 2))
  output=$(du -sm "$work/out-$size" | cut -f1)
  printf '%10s %12s %10.2f %14.0f %12.1f %12s\n' "$size" "$observations" "$wall" \
    "$(echo "$observations / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$output"
  rm -rf "$work/out-$size"
done
