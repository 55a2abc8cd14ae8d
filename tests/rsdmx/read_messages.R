# Reads citizen-sdmx output with rsdmx and compares it with the source CSVs,
# computed here in R. Exits with status 1 on any difference.
suppressMessages(library(rsdmx))
args <- commandArgs(trailingOnly = TRUE)
source_dir <- args[1]
work <- args[2]
failures <- 0

check <- function(condition, what) {
  if (!isTRUE(condition)) {
    cat("FAILED:", what, "\n")
    failures <<- failures + 1
  } else {
    cat("ok:", what, "\n")
  }
}

cases <- list(
  list(sample = "disability-access-survey", dataflow = "DF_HEALTH_ACCESS_BARRIERS",
       csv = "health-access-barriers-2024.csv",
       measures = c("respondents", "reported_barrier", "share_reporting_barrier")),
  list(sample = "air-quality-citizen-sensors", dataflow = "DF_AIR_QUALITY_CITIZEN_SENSORS",
       csv = "monthly-particulate-matter-2023.csv", measures = c("pm25_mean", "pm10_mean")),
  list(sample = "water-committees-export", dataflow = "DF_WATER_COMMITTEES_EXPORT",
       csv = "water-committees.csv", measures = c("committees_active", "mean_savings_mwk", "share_women_members"),
       sep = ";", dec = ",", encoding = "windows-1252", drop_district = "Total")
)

for (case in cases) {
  table <- read.csv(file.path(source_dir, "samples", case$sample, case$csv), na.strings = c("", "NA"),
                    stringsAsFactors = FALSE, sep = if (is.null(case$sep)) "," else case$sep,
                    dec = if (is.null(case$dec)) "." else case$dec,
                    fileEncoding = if (is.null(case$encoding)) "UTF-8" else case$encoding)
  if (!is.null(case$drop_district)) table <- table[table$district != case$drop_district, ]
  values <- unlist(table[case$measures])
  values <- values[!is.na(values)]
  for (kind in c("structurespecific", "generic")) {
    file <- file.path(work, case$sample, paste0(case$dataflow, "-data-", kind, ".xml"))
    data <- as.data.frame(readSDMX(file, isURL = FALSE))
    value_column <- if ("OBS_VALUE" %in% names(data)) "OBS_VALUE" else "obsValue"
    observed <- as.numeric(data[[value_column]])
    check(nrow(data) == length(values), paste(case$sample, kind, "observation count", nrow(data), "==", length(values)))
    check(isTRUE(all.equal(sum(observed), sum(values))), paste(case$sample, kind, "sum of values"))
    check(isTRUE(all.equal(sort(observed), sort(as.numeric(values)))), paste(case$sample, kind, "same values"))
  }
  structure <- readSDMX(file.path(work, case$sample, paste0(case$dataflow, "-structure.xml")), isURL = FALSE)
  codelists <- sapply(slot(slot(structure, "codelists"), "codelists"), function(x) slot(x, "id"))
  check("CL_PARTICIPATION_LEVEL" %in% codelists, paste(case$sample, "structure holds CL_PARTICIPATION_LEVEL"))
  check(length(slot(slot(structure, "datastructures"), "datastructures")) == 1, paste(case$sample, "one DSD"))
}

if (failures > 0) quit(status = 1)
