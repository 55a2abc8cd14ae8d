# citizensdmx: R functions over libcitizensdmx's C interface (src/citizensdmx.c).
#
# Every function raises an R condition when the library's call fails, of class
# c("citizensdmx_<status>", "citizensdmx_error", "error", "condition") with the fields
# status, diagnostics (a data.frame: severity, file, line, column, path, kind, message)
# and result. The statuses: invalid, bad_input, environment, bad_argument, internal,
# unreachable. cs_check() and cs_validate() return "problems found" as a result with
# valid = FALSE instead: finding problems is what they are for.

.statuses <- c("ok", "invalid", "bad_input", "environment", "bad_argument", "internal", "unreachable")

.convert_values <- c("rows", "observations", "missing_values", "rows_left_out", "duplicates_left_out",
                     "records_tabulated", "cells", "min_cell_size", "suppressed_primary", "suppressed_secondary")
.info_keys <- c("producer.id", "producer.name", "dataflow", "qualification", "qualification.explanation",
                "column_plan", "codelists")

.options <- function(...) {
  pairs <- list(...)
  out <- character()
  for (key in names(pairs)) {
    for (value in pairs[[key]]) {
      if (is.logical(value)) value <- if (isTRUE(value)) "1" else next
      out <- c(out, paste0(key, "=", value))
    }
  }
  out
}

.descriptor <- function(path) {
  path <- path.expand(as.character(path))
  if (length(path) != 1 || is.na(path)) stop("a package path is needed")
  if (dir.exists(path)) file.path(path, "datapackage.json") else path
}

.result <- function(raw) {
  diagnostics <- as.data.frame(raw$diagnostics, stringsAsFactors = FALSE)
  files <- as.data.frame(raw$files, stringsAsFactors = FALSE)
  values <- as.list(raw$values)
  values <- lapply(values, function(v) if (grepl("^[0-9]+$", v)) as.numeric(v) else v)
  structure(list(status = .statuses[raw$status + 1], ok = raw$status == 0L,
                 valid = raw$status == 0L && !any(diagnostics$severity == "error") && all(files$valid),
                 diagnostics = diagnostics, files = files, outputs = raw$outputs, values = values,
                 suppressed_errors = raw$suppressed_errors),
            class = "cs_result")
}

.fail <- function(raw, result, call) {
  status <- .statuses[raw$status + 1]
  message <- raw$message
  if (!nzchar(message)) message <- paste("citizensdmx:", status)
  errors <- result$diagnostics[result$diagnostics$severity == "error", , drop = FALSE]
  if (nrow(errors) > 0) {
    where <- ifelse(nzchar(errors$file), paste0(errors$file, ifelse(errors$line > 0, paste0(":", errors$line), ""),
                                                ifelse(errors$column > 0, paste0(":", errors$column), ""), ": "), "")
    lines <- paste0(where, ifelse(nzchar(errors$path), paste0(errors$path, ": "), ""), errors$message)
    message <- paste(c(message, utils::head(lines, 20)), collapse = "\n")
  }
  condition <- structure(class = c(paste0("citizensdmx_", status), "citizensdmx_error", "error", "condition"),
                         list(message = message, call = call, status = status, diagnostics = result$diagnostics,
                              result = result))
  stop(condition)
}

.finish <- function(raw, call, answer_on = 0L) {
  result <- .result(raw)
  if (!(raw$status %in% answer_on)) .fail(raw, result, call)
  result
}


print.cs_result <- function(x, ...) {
  cat("<cs_result>", x$status, if (x$valid) "(valid)" else "", "\n")
  if (length(x$outputs)) cat("outputs:", paste(basename(x$outputs), collapse = ", "), "\n")
  if (length(x$values)) {
    shown <- x$values[vapply(x$values, function(v) is.numeric(v) || nchar(v) < 80, logical(1))]
    if (length(shown)) cat(paste0(names(shown), " = ", unlist(shown), collapse = "; "), "\n")
  }
  if (nrow(x$diagnostics)) print(x$diagnostics[, c("severity", "file", "line", "column", "path", "message")])
  invisible(x)
}

cs_version <- function() .Call(cs_version_c)

# Opens a package and checks its metadata: list(info, qualifies, diagnostics).
cs_package <- function(path, codelists = NULL, mapping = NULL, dsd = NULL) {
  raw <- .Call(cs_package_c, .descriptor(path), .options(CODELISTS = codelists, MAPPING = mapping, DSD = dsd),
               .info_keys)
  result <- .finish(raw[[1]], sys.call())
  list(info = as.list(raw[[2]]), qualifies = raw[[3]], diagnostics = result$diagnostics)
}

cs_check <- function(path, codelists = NULL, bad_rows = NULL, missing_values = NULL) {
  raw <- .Call(cs_check_c, .descriptor(path),
               .options(CODELISTS = codelists, BAD_ROWS = bad_rows, MISSING_VALUE = missing_values), "resources")
  .finish(raw, sys.call(), answer_on = c(0L, 1L))
}

cs_convert <- function(path, out_dir, formats = NULL, dsd = NULL, mapping = NULL, on_error = NULL,
                       codelists = NULL, bad_rows = NULL, code_ids = NULL) {
  open_options <- .options(CODELISTS = codelists, BAD_ROWS = bad_rows, MAPPING = mapping, DSD = dsd,
                           CODE_IDS = code_ids)
  raw <- .Call(cs_convert_c, .descriptor(path), open_options, .options(FORMAT = formats, ON_ERROR = on_error),
               path.expand(as.character(out_dir)), .convert_values)
  .finish(raw, sys.call())
}

cs_validate <- function(paths, structures = NULL, schemas = NULL) {
  raw <- .Call(cs_validate_c, path.expand(as.character(paths)), .options(STRUCTURE = structures, SCHEMAS = schemas),
               character())
  .finish(raw, sys.call(), answer_on = c(0L, 1L))
}

# progress: function(done, total, package, result), called after each package.
cs_batch <- function(in_dir, out_dir, jobs = NULL, force = FALSE, ledger = NULL, progress = NULL, formats = NULL,
                     mapping = NULL, dsd = NULL, on_error = NULL) {
  if (!is.null(progress) && !is.function(progress)) stop("progress must be a function")
  options <- .options(JOBS = jobs, FORCE = force, LEDGER = ledger, FORMAT = formats, MAPPING = mapping, DSD = dsd,
                      ON_ERROR = on_error)
  raw <- .Call(cs_batch_c, path.expand(as.character(in_dir)), path.expand(as.character(out_dir)), options, progress,
               c("packages", "converted", "skipped", "failed", "ledger", "table", "json"))
  if (isTRUE(attr(raw, "callback_failed"))) warning("the progress function raised an error; it was not called again")
  .finish(raw, sys.call())
}

# The ledger's history as a data.frame, one row per package of each run, oldest first.
cs_ledger <- function(path) {
  raw <- .Call(cs_ledger_c, path.expand(as.character(path)), "FORMAT=json", "text")
  result <- .finish(raw, sys.call())
  history <- jsonlite::fromJSON(result$values$text, simplifyDataFrame = TRUE, flatten = TRUE)
  if (is.data.frame(history)) history else as.data.frame(history)
}

# log: function(line) for progress lines (retries, polls).
cs_push <- function(files, registry, api, action = NULL, dry_run = FALSE, timeout_ms = NULL, retries = NULL,
                    transfer = NULL, dataspace = NULL, ca_file = NULL, log = NULL) {
  options <- .options(API = api, ACTION = action, DRY_RUN = dry_run, TIMEOUT_MS = timeout_ms, RETRIES = retries,
                      TRANSFER = transfer, DATASPACE = dataspace, CA_FILE = ca_file)
  raw <- .Call(cs_push_c, path.expand(as.character(files)), as.character(registry), options, log,
               c("table", "json", "credentials"))
  .finish(raw, sys.call())
}

# A package's observations as a data.frame: converted to SDMX-CSV 1.0 by the library
# and read back; OBS_VALUE numeric, every other column text.
cs_read <- function(path, mapping = NULL, dsd = NULL, on_error = NULL, out_dir = NULL) {
  scratch <- is.null(out_dir)
  if (scratch) out_dir <- tempfile("citizensdmx-")
  on.exit(if (scratch) unlink(out_dir, recursive = TRUE), add = TRUE)
  result <- cs_convert(path, out_dir, formats = "sdmx-csv-1.0", mapping = mapping, dsd = dsd, on_error = on_error)
  csv <- result$outputs[grepl("\\.csv$", result$outputs) & !grepl("skipped-rows", result$outputs)][1]
  data <- utils::read.csv(csv, colClasses = "character", na.strings = character(), check.names = FALSE,
                          encoding = "UTF-8", fileEncoding = "UTF-8")
  if ("OBS_VALUE" %in% names(data)) {
    data$OBS_VALUE <- suppressWarnings(as.numeric(ifelse(nzchar(data$OBS_VALUE), data$OBS_VALUE, NA)))
  }
  data
}
