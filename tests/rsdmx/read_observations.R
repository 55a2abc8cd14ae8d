# Reads one SDMX-ML data message with rsdmx and writes its observations as a
# tab-separated table: the given dimension columns, then the observation value.
# usage: Rscript read_observations.R MESSAGE OUTPUT DIMENSION...
# The test that calls it (tests/integration/format_checks.cpp) compares every
# observation with what citizen-sdmx's own reader found.
suppressMessages(library(rsdmx))
args <- commandArgs(trailingOnly = TRUE)
data <- suppressWarnings(as.data.frame(readSDMX(args[1], isURL = FALSE)))
dimensions <- args[-(1:2)]
# rsdmx names the time dimension of generic messages obsTime.
if (!("TIME_PERIOD" %in% names(data)) && "obsTime" %in% names(data)) names(data)[names(data) == "obsTime"] <- "TIME_PERIOD"
value_column <- if ("OBS_VALUE" %in% names(data)) "OBS_VALUE" else "obsValue"
missing <- setdiff(c(dimensions, value_column), names(data))
if (length(missing) > 0) {
  cat("rsdmx read no column", missing, "; it read:", names(data), "\n")
  quit(status = 1)
}
table <- data[c(dimensions, value_column)]
names(table)[length(names(table))] <- "OBS_VALUE"
write.table(table, args[2], sep = "\t", quote = FALSE, row.names = FALSE, na = "")
