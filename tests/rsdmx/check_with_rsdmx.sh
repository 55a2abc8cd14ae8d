#!/bin/sh
# Reads the converter's SDMX-ML 2.1 messages with rsdmx, an independent SDMX client,
# and checks observation counts and value totals against the source CSVs.
# usage: check_with_rsdmx.sh CITIZEN_SDMX SOURCE_DIR WORK_DIR
set -eu
tool=$1
source_dir=$2
work=$3
if ! command -v Rscript >/dev/null 2>&1; then
  echo "SKIPPED: Rscript is not installed (Debian: apt-get install r-cran-rsdmx)"
  exit 77
fi
if ! Rscript -e 'suppressMessages(library(rsdmx))' >/dev/null 2>&1; then
  echo "SKIPPED: the R package rsdmx is not installed (Debian: apt-get install r-cran-rsdmx)"
  exit 77
fi
rm -rf "$work"
for sample in disability-access-survey air-quality-citizen-sensors water-committees-export household-water-survey; do
  "$tool" convert "$source_dir/samples/$sample/datapackage.json" --out "$work/$sample" --quiet \
    --format sdmx-ml-2.1-ss,sdmx-ml-2.1-generic
done
exec Rscript "$source_dir/tests/rsdmx/read_messages.R" "$source_dir" "$work"
