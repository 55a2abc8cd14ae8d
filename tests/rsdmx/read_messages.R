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

# A tabulated sample: statistics computed here from the records, in R, and compared
# with what rsdmx reads from both data messages.
visits <- read.csv(file.path(source_dir, "samples/household-water-survey/household-visits-2024.csv"),
                   na.strings = c("", "NA"), stringsAsFactors = FALSE)
improved_sources <- c("piped", "borehole", "protected well")
for (kind in c("structurespecific", "generic")) {
  file <- file.path(work, "household-water-survey", paste0("DF_HOUSEHOLD_WATER_ACCESS-data-", kind, ".xml"))
  data <- suppressWarnings(as.data.frame(readSDMX(file, isURL = FALSE)))
  value_column <- if ("OBS_VALUE" %in% names(data)) "OBS_VALUE" else "obsValue"
  check(nrow(data) == 6 * 3 * 4, paste("household-water-survey", kind, "observation count", nrow(data)))
  compared <- 0
  for (i in seq_len(nrow(data))) {
    row <- data[i, ]
    cell <- visits
    if (row$REF_AREA != "_T") cell <- cell[toupper(cell$district) == row$REF_AREA, ]
    if (row$SEX != "_T") cell <- cell[substr(toupper(cell$head_sex), 1, 1) == row$SEX, ]
    value <- as.numeric(row[[value_column]])
    if (row$CONF_STATUS != "F") {
      check(is.na(value) && is.na(row$N_RECORDS), paste(kind, row$INDICATOR, row$REF_AREA, row$SEX, "suppressed"))
      if (row$CONF_STATUS == "A") check(nrow(cell) < 10, paste(kind, row$REF_AREA, row$SEX, "primary below 10"))
      next
    }
    check(as.numeric(row$N_RECORDS) == nrow(cell), paste(kind, row$INDICATOR, row$REF_AREA, row$SEX, "N_RECORDS"))
    known <- cell[!is.na(cell$water_source), ]
    timed <- cell[!is.na(cell$minutes_to_water), ]
    expected <- switch(row$INDICATOR,
      HOUSEHOLDS = nrow(cell),
      IMPROVED_SOURCE = 100 * sum(known$weight[known$water_source %in% improved_sources]) / sum(known$weight),
      MINUTES_MEAN = sum(timed$weight * timed$minutes_to_water) / sum(timed$weight),
      MINUTES_MEDIAN = median(timed$minutes_to_water))
    tolerance <- if (row$INDICATOR %in% c("IMPROVED_SOURCE", "MINUTES_MEAN")) 0.05 + 1e-9 else 1e-9
    if (abs(value - expected) > tolerance) {
      check(FALSE, paste(kind, row$INDICATOR, row$REF_AREA, row$SEX, value, "==", expected))
    }
    compared <- compared + 1
  }
  check(compared >= 50, paste("household-water-survey", kind, compared, "published values equal R's"))
}

if (failures > 0) quit(status = 1)
