#!/bin/bash
# The performance table of issue 15: per size and job, the whole-process wall time,
# CPU time (user + sys), observations (or records) per second of wall time, peak
# RSS and output size, as medians of RUNS runs; with --baseline, the same for an
# older binary in the same run, interleaved with the new one, and the ratio
# baseline / new (these machines are noisy: compare within one run, not across).
#
#   bench/run_perf_table.sh [options]
#     --build DIR        build folder with citizen-sdmx and bench/generate_* (default: build)
#     --sizes "N ..."    observations (records for tabulate) per size (default: "100000 1000000")
#     --with-1e7         add 10000000 to the sizes (slow: minutes per job)
#     --runs N           runs per measurement, median reported (default: 3)
#     --jobs LIST        comma-separated among ss,ss-generic,six,tabulate,validate (default: all)
#     --baseline B       an older citizen-sdmx binary (its libcitizensdmx.so.0 beside it or in
#                        ../plugin/), or a git revision of this repository, built into WORK
#     --schemas DIR      official SDMX XSDs for validate (default: $CITIZEN_SDMX_SCHEMAS or
#                        ../shared/sdmx/schemas beside the repository)
#     --work DIR         where packages and outputs go (default: BUILD/perf-work)
#
# Jobs: ss = convert to SDMX-ML 2.1 structure-specific; ss-generic = the same plus
# generic; six = all six data formats in one pass; tabulate = generate_records'
# household records tabulated (count, mean, median, percentage); validate = the
# SS message of that size (written once, by the new binary) with its DSD.
# Convert packages come from generate_package: two observations a row, 10,000
# series, rows in time order (so the sorter has work to do).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=build
sizes="100000 1000000"
runs=3
jobs="ss,ss-generic,six,tabulate,validate"
baseline=""
schemas=${CITIZEN_SDMX_SCHEMAS:-$repo/../shared/sdmx/schemas}
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --with-1e7) sizes="$sizes 10000000"; shift ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --schemas) schemas=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
build=$(cd "$build" && pwd)
work=${work:-$build/perf-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 1; }
new_tool="$build/citizen-sdmx"
[ -x "$new_tool" ] || { echo "no $new_tool: build first" >&2; exit 1; }

# The baseline: a binary, or a revision exported and built (Release) once into WORK.
base_tool=""
base_libs=""
if [ -n "$baseline" ]; then
  if [ -x "$baseline" ] && [ -f "$baseline" ]; then
    base_tool=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
  else
    rev=$(git -C "$repo" rev-parse --short "$baseline^{commit}") || { echo "--baseline: no binary or revision $baseline" >&2; exit 64; }
    src="$work/baseline-$rev/src"
    if [ ! -x "$work/baseline-$rev/build/citizen-sdmx" ]; then
      echo "building baseline $rev in $work/baseline-$rev (once)" >&2
      rm -rf "$src" && mkdir -p "$src"
      git -C "$repo" archive "$rev" | tar -x -C "$src"
      cmake -S "$src" -B "$work/baseline-$rev/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build "$work/baseline-$rev/build" -j "$(nproc)" --target citizen-sdmx >/dev/null
    fi
    base_tool="$work/baseline-$rev/build/citizen-sdmx"
  fi
  base_dir=$(dirname "$base_tool")
  base_libs="$base_dir:$base_dir/plugin"
fi

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print 0; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The package for a job and size, generated once.
package_for() {  # job size
  local job=$1 size=$2
  if [ "$job" = tabulate ]; then
    local folder="$work/records-$size"
    [ -f "$folder/datapackage.json" ] || "$build/bench/generate_records" "$size" "$folder" >/dev/null
  else
    local folder="$work/table-$size"
    [ -f "$folder/datapackage.json" ] || "$build/bench/generate_package" $((size / 2)) "$folder" >/dev/null
  fi
  echo "$folder/datapackage.json"
}

# The SS message and its structure for validate, written once by the new binary.
message_for() {  # size
  local size=$1 folder="$work/message-$size"
  if ! ls "$folder"/*-data-structurespecific.xml >/dev/null 2>&1; then
    rm -rf "$folder"
    "$new_tool" convert "$(package_for ss "$size")" --out "$folder" --quiet >/dev/null 2>&1
  fi
  echo "$folder"/*-data-structurespecific.xml "$folder"/*-structure.xml
}

# Runs one job once with TOOL; appends "wall cpu rss_kb output_bytes" to FILE.
run_once() {  # tool libs job size file
  local tool=$1 libs=$2 job=$3 size=$4 file=$5 out="$work/out"
  local -a command
  rm -rf "$out"
  case "$job" in
    ss) command=(convert "$(package_for ss "$size")" --out "$out" --quiet) ;;
    ss-generic) command=(convert "$(package_for ss "$size")" --format sdmx-ml-2.1-ss,sdmx-ml-2.1-generic --out "$out" --quiet) ;;
    six) command=(convert "$(package_for ss "$size")" --format sdmx-ml-2.1-ss,sdmx-ml-2.1-generic,sdmx-ml-3.0-ss,sdmx-csv-1.0,sdmx-csv-2.0,sdmx-json-2.0 --out "$out" --quiet) ;;
    tabulate) command=(convert "$(package_for tabulate "$size")" --out "$out" --quiet) ;;
    validate) # shellcheck disable=SC2207
      command=(validate --schemas "$schemas" $(message_for "$size")) ;;
  esac
  local status=0
  LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$tool" "${command[@]}" >"$work/job.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$job $size failed with $tool (exit $status); see $work/job.log:" >&2
    tail -5 "$work/job.log" >&2
    echo "nan nan nan nan" >>"$file"
    return
  fi
  local bytes=0
  [ -d "$out" ] && bytes=$(du -sb "$out" | cut -f1)
  awk -v bytes="$bytes" '{printf "%s %.3f %s %s\n", $1, $2 + $3, $4, bytes}' "$work/time" >>"$file"
}

# Medians of one column of a times file.
column() { cut -d' ' -f"$2" "$1" | median; }

header="%-11s %9s %8s %8s %11s %8s %9s"
printf "$header" job size wall_s cpu_s per_s_wall rss_MB out_MB
[ -n "$base_tool" ] && printf ' | %8s %8s %8s  %6s %6s %6s' b_wall b_cpu b_rssMB x_wall x_cpu x_rss
printf '\n'
IFS=, read -r -a job_list <<<"$jobs"
for size in $sizes; do
  for job in "${job_list[@]}"; do
    new_times="$work/times-new-$job-$size"
    base_times="$work/times-base-$job-$size"
    : >"$new_times"
    : >"$base_times"
    for _ in $(seq "$runs"); do  # interleaved, so that load changes hit both alike
      run_once "$new_tool" "$build/plugin" "$job" "$size" "$new_times"
      [ -n "$base_tool" ] && run_once "$base_tool" "$base_libs" "$job" "$size" "$base_times"
    done
    wall=$(column "$new_times" 1)
    cpu=$(column "$new_times" 2)
    rss=$(column "$new_times" 3)
    bytes=$(column "$new_times" 4)
    printf "%-11s %9s %8.2f %8.2f %11.0f %8.1f %9.1f" "$job" "$size" "$wall" "$cpu" \
      "$(echo "$size / $wall" | bc -l 2>/dev/null || echo 0)" "$(echo "$rss / 1024" | bc -l)" "$(echo "$bytes / 1048576" | bc -l)"
    if [ -n "$base_tool" ]; then
      b_wall=$(column "$base_times" 1)
      b_cpu=$(column "$base_times" 2)
      b_rss=$(column "$base_times" 3)
      printf ' | %8.2f %8.2f %8.1f  %6.2f %6.2f %6.2f' "$b_wall" "$b_cpu" "$(echo "$b_rss / 1024" | bc -l)" \
        "$(echo "$b_wall / $wall" | bc -l)" "$(echo "$b_cpu / $cpu" | bc -l)" "$(echo "$b_rss / $rss" | bc -l)"
    fi
    printf '\n'
  done
done
rm -rf "$work/out"
