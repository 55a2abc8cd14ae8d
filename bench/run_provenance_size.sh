#!/bin/sh
# What citizen provenance costs in a data message written onto the SDG DSD
# (docs/mapping.md, "Citizen data flags where the DSD has no room"): a package
# of AREAS x AGES x 2 sexes series, two years each (default 100 x 50 x 2 = 10^4;
# AREAS=250 AGES=100 gives the 50,000 series of issue 15), is converted with a
# mapping, and the SDMX-ML 2.1 structure-specific message is measured
#   A  without any provenance: the message with its annotations removed;
#   B  as written: the annotations once, on the data set;
#   C  B plus COMMENT_TS = citizen_statement_short on every series;
#   D  B plus COMMENT_TS = citizen_statement (the long form) on every series;
#   E  (when OLD_TOOL is given, e.g. a build of the parent commit) the old
#      output, with the annotations repeated on every series.
#   [AREAS=N] [AGES=N] bench/run_provenance_size.sh [BUILD_DIR] [SHARED_DIR]
# Needs python3 (Debian) to write the package and strip annotations.
set -eu
build=${1:-build}
shared=${2:-${CITIZEN_SDMX_SHARED:-../shared}}
work=${WORK:-$build/bench-work/provenance}
tool="$build/citizen-sdmx"
dsd="$shared/sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml"
[ -f "$dsd" ] || { echo "no SDG DSD at $dsd: give SHARED_DIR" >&2; exit 64; }
rm -rf "$work"
mkdir -p "$work/package"

# The package: codes of CL_AREA (countries, those with a parent region) and
# CL_AGE read from the DSD, so every key is valid.
python3 - "$dsd" "$work/package" "${AREAS:-100}" "${AGES:-50}" <<'PY'
import json, re, sys
dsd, folder = sys.argv[1], sys.argv[2]
area_count, age_count = int(sys.argv[3]), int(sys.argv[4])
text = open(dsd, encoding="utf-8").read()
def codes(codelist):
    block = re.search(r'<str:Codelist[^>]*id="%s"[^>]*>(.*?)</str:Codelist>' % codelist, text, re.S).group(1)
    return re.findall(r'<str:Code [^>]*id="([^"]+)"[^>]*>(.*?)</str:Code>', block, re.S)
areas = [c for c, body in codes("CL_AREA") if "<str:Parent>" in body and c.isdigit()][:area_count]
ages = [c for c, body in codes("CL_AGE") if c not in ("_T", "_Z")][:age_count]
if len(areas) != area_count or len(ages) != age_count:
    sys.exit("the DSD has %d countries with a region and %d age groups: AREAS and AGES must not exceed them"
             % (len(areas), len(ages)))
with open(folder + "/survey.csv", "w") as csv:
    csv.write("area,age,sex,year,share\n")
    n = 0
    for area in areas:
        for age in ages:
            for sex in ("F", "M"):
                for year in (2022, 2023):
                    n += 1
                    csv.write("%s,%s,%s,%d,%.1f\n" % (area, age, sex, year, (n * 7919) % 1000 / 10))
package = {
    "name": "provenance-size", "title": "Synthetic survey for the provenance size benchmark",
    "resources": [{"name": "survey", "path": "survey.csv", "format": "csv", "schema": {"fields": [
        {"name": "area", "type": "string"}, {"name": "age", "type": "string"}, {"name": "sex", "type": "string"},
        {"name": "year", "type": "year"}, {"name": "share", "type": "number"}]}}],
    "citizen_data": {
        "producer": {"id": "BENCH_CSO", "name": "Benchmark Civil Society Organisation", "type": "CSO"},
        "initiative_type": "CITIZEN_LED",
        "participation": {"DESIGN": "4", "COLLECT": "5", "PROCESS": "3", "ANALYSE": "2",
                          "DISSEMINATE": "_U", "USE": "_U"},
        "purpose": "Benchmark of message sizes.", "target_indicators": ["3.8.1"],
        "method": {"description": "Synthetic values; the structure is that of a national household survey."},
        "sample": {"description": "Synthetic."},
        "coverage": {"population": "Synthetic", "area": "Synthetic countries", "extent": "national",
                     "period": {"start": "2022-01-01", "end": "2023-12-31"}},
        "consent": {"basis": "other_legal_basis", "description": "Synthetic data."},
        "licence": {"name": "CC-BY-4.0"}, "disclosure_threshold": 1,
        "validation": {"by": "benchmark", "date": "2026-12-01", "result": "PENDING"}}}
json.dump(package, open(folder + "/datapackage.json", "w"), indent=1)
# For a tool from before citizen_data.coverage.extent (OLD_TOOL).
import os, shutil
os.makedirs(folder + "-old", exist_ok=True)
shutil.copy(folder + "/survey.csv", folder + "-old/survey.csv")
del package["citizen_data"]["coverage"]["extent"]
json.dump(package, open(folder + "-old/datapackage.json", "w"), indent=1)
PY

mapping() {  # $1: extra component lines
  cat <<YAML
citizen_sdmx_mapping: "1.0"
target: {dsd: "IAEG-SDGs:SDG(1.5)"}
components:
  FREQ: {constant: A}
  REPORTING_TYPE: {constant: N}
  SERIES: {constant: SH_ACS_UNHC}
  REF_AREA: {column: area}
  AGE: {column: age}
  SEX: {column: sex}
  TIME_PERIOD: {column: year}
  OBS_VALUE: {column: share}
  UNIT_MEASURE: {constant: PT}
  UNIT_MULT: {constant: "0"}
  OBS_STATUS: {constant: V}
  NATURE: {constant: _X}
  SOURCE_DETAIL: {derived: producer_name}
$1
YAML
}

convert() {  # $1: name, $2: tool, $3: extra component lines, $4: package folder
  mapping "$3" > "$work/$1.yaml"
  "$2" convert "$work/${4:-package}/datapackage.json" --dsd "$dsd" --mapping "$work/$1.yaml" \
    --out "$work/$1" --quiet >/dev/null 2>"$work/$1.log" || { cat "$work/$1.log" >&2; exit 1; }
  ls "$work/$1"/*-data-structurespecific.xml
}

size() { wc -c < "$1" | tr -d ' '; }

b=$(convert B "$tool" "")
python3 - "$b" "$work/A.xml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"<common:Annotations>.*?</common:Annotations>", "", text, flags=re.S))
PY
c=$(convert C "$tool" "  COMMENT_TS: {derived: citizen_statement_short}")
d=$(convert D "$tool" "  COMMENT_TS: {derived: citizen_statement}")
series=$(grep -o '<Series ' "$b" | wc -l | tr -d ' ')
a_size=$(size "$work/A.xml")
printf 'series: %s, observations: %s\n' "$series" "$(grep -o '<Obs ' "$b" | wc -l | tr -d ' ')"
printf '%-58s %12s %8s\n' message bytes vs_A
report() { printf '%-58s %12s %8.3f\n' "$1" "$2" "$(echo "$2 / $a_size" | bc -l)"; }
report "A no provenance (annotations removed)" "$a_size"
report "B provenance once on the data set (as written)" "$(size "$b")"
report "C B + COMMENT_TS short statement per series" "$(size "$c")"
report "D B + COMMENT_TS long statement per series" "$(size "$d")"
if [ -n "${OLD_TOOL:-}" ]; then
  e=$(convert E "$OLD_TOOL" "" package-old)
  report "E old: annotations on the data set and every series" "$(size "$e")"
fi
