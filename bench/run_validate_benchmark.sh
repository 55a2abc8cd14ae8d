#!/bin/sh
# Whole-process benchmark of `citizen-sdmx validate` on SDMX-ML 2.1 structure-specific
# messages with their DSD: generates packages of OBS/2 rows (generate_package writes two
# observations a row), converts each once, then validates it RUNS times under
# /usr/bin/time, by default (the streaming check of the data bodies) and with
# --reference-schema-check (Xerces-C on the whole message), and prints per size the
# median wall and CPU seconds, observations per CPU second and the median peak RSS.
#   bench/run_validate_benchmark.sh [BUILD_DIR] [OBSERVATIONS...]
set -eu
build=${1:-build}
shift || true
sizes=${*:-"100000 1000000"}
runs=${RUNS:-3}
work=${WORK:-$build/bench-work}
schemas=${SCHEMAS:-${CITIZEN_SDMX_SHARED:-../shared}/sdmx/schemas}
tool="$build/citizen-sdmx"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%10s %-10s %8s %8s %14s %12s\n' observations mode wall_s cpu_s obs_per_cpu_s peak_rss_MB
for size in $sizes; do
  package="$work/table-$((size / 2))"
  messages="$work/validate-$size"
  [ -f "$package/datapackage.json" ] || "$build/bench/generate_package" "$((size / 2))" "$package" >/dev/null
  [ -d "$messages" ] || "$tool" convert "$package/datapackage.json" --out "$messages" --quiet >/dev/null 2>&1
  data=$(ls "$messages"/*-data-structurespecific.xml)
  structure=$(ls "$messages"/*-structure.xml)
  for mode in streaming reference; do
    flag=""
    [ "$mode" = reference ] && flag=--reference-schema-check
    : > "$work/validate-times-$mode-$size"
    for run in $(seq "$runs"); do
      /usr/bin/time -f '%e %U %S %M' -a -o "$work/validate-times-$mode-$size" \
        "$tool" validate $flag --schemas "$schemas" --structure "$structure" "$data" >/dev/null
    done
    wall=$(cut -d' ' -f1 "$work/validate-times-$mode-$size" | median)
    cpu=$(awk '{print $2 + $3}' "$work/validate-times-$mode-$size" | median)
    rss=$(cut -d' ' -f4 "$work/validate-times-$mode-$size" | median)
    printf '%10s %-10s %8.2f %8.2f %14.0f %12.1f\n' "$size" "$mode" "$wall" "$cpu" \
      "$(echo "$size / $cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  done
done
