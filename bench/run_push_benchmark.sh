#!/bin/sh
# Whole-process benchmark of `citizen-sdmx push`: converts synthetic packages of the
# given sizes (rows; 10^5 and 10^6 by default), then pushes each data message RUNS
# times to a local stand-in of FMR's data validation service (bench/fake_fmr.py)
# under /usr/bin/time, printing the message size, the median wall time and the
# median peak RSS: the body streams from disk, so RSS should not follow the size.
#   bench/run_push_benchmark.sh [BUILD_DIR] [SIZES...]
set -eu
build=${1:-build}
shift || true
sizes=${*:-"100000 1000000"}
runs=${RUNS:-3}
port=${PORT:-18765}
work=${WORK:-$build/bench-work}
tool="$build/citizen-sdmx"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
mkdir -p "$work"
python3 "$(dirname "$0")/fake_fmr.py" "$port" &
server=$!
trap 'kill $server' EXIT
sleep 1

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%10s %12s %10s %12s\n' rows message_MB wall_s peak_rss_MB
for size in $sizes; do
  package="$work/table-$size"
  [ -f "$package/datapackage.json" ] || "$build/bench/generate_package" "$size" "$package" >/dev/null
  rm -rf "$work/push-$size"
  "$tool" convert "$package/datapackage.json" --out "$work/push-$size" --quiet >/dev/null 2>&1
  data=$(ls "$work/push-$size"/*-data-structurespecific.xml)
  : > "$work/push-times-$size"
  for run in $(seq "$runs"); do
    CSDMX_REGISTRY_USER=bench CSDMX_REGISTRY_PASSWORD=bench \
      /usr/bin/time -f '%e %M' -o "$work/push-time-$size-$run" "$tool" push "$data" --api fmr \
      --registry "http://127.0.0.1:$port" --poll-interval-ms 10 >/dev/null 2>&1
    cat "$work/push-time-$size-$run" >> "$work/push-times-$size"
  done
  wall=$(cut -d' ' -f1 "$work/push-times-$size" | median)
  rss=$(cut -d' ' -f2 "$work/push-times-$size" | median)
  megabytes=$(stat -c %s "$data" | awk '{printf "%.1f", $1 / 1e6}')
  printf '%10s %12s %10s %12s\n' "$size" "$megabytes" "$wall" "$(echo "$rss" | awk '{printf "%.1f", $1 / 1024}')"
done
