batch_input <- function() {
  input <- tempfile("in-")
  for (name in c("disability-access-survey", "air-quality-citizen-sensors")) {
    dir.create(file.path(input, name), recursive = TRUE)
    file.copy(list.files(file.path(repo, "samples", name), full.names = TRUE), file.path(input, name))
  }
  input
}

test_that("cs_batch calls progress for each package and cs_ledger gives the history", {
  input <- batch_input()
  out <- tempfile("out-")
  calls <- list()
  result <- cs_batch(input, out, jobs = 2, progress = function(done, total, package, result) {
    calls[[length(calls) + 1]] <<- list(done = done, total = total, package = package, result = result)
  })
  expect_equal(result$values$converted, 2)
  expect_equal(length(calls), 2)
  expect_equal(sort(vapply(calls, function(c) c$done, numeric(1))), c(1, 2))
  again <- cs_batch(input, out)
  expect_equal(again$values$skipped, 2)
  history <- cs_ledger(result$values$ledger)
  expect_s3_class(history, "data.frame")
  expect_gte(nrow(history), 2)
})

test_that("an error in the progress function does not crash the batch", {
  expect_warning(result <- cs_batch(batch_input(), tempfile(), progress = function(...) stop("no")),
                 "progress function")
  expect_equal(result$values$converted, 2)
})

test_that("a failed package is a citizensdmx_invalid condition with the summary", {
  input <- batch_input()
  writeLines("{", file.path(input, "disability-access-survey", "datapackage.json"))
  condition <- tryCatch(cs_batch(input, tempfile()), citizensdmx_invalid = function(e) e)
  expect_s3_class(condition, "citizensdmx_invalid")
  expect_equal(condition$result$values$failed, 1)
})

test_that("cs_push: a dry run sends nothing; a closed port is citizensdmx_unreachable", {
  files <- cs_convert(sample_dir, tempfile())$outputs
  registry <- paste0("http://127.0.0.1:", closed_port())
  # Credentials come only from the environment: a made-up pair for a port nobody listens on.
  withr_env <- Sys.getenv(c("CSDMX_REGISTRY_USER", "CSDMX_REGISTRY_PASSWORD", "NETRC"), unset = NA)
  on.exit(for (name in names(withr_env)) {
    if (is.na(withr_env[[name]])) Sys.unsetenv(name) else do.call(Sys.setenv, as.list(withr_env[name]))
  })
  # A dry run checks what the real push checks: without credentials it is refused too.
  Sys.unsetenv(c("CSDMX_REGISTRY_USER", "CSDMX_REGISTRY_PASSWORD"))
  Sys.setenv(NETRC = "/nonexistent/netrc")
  expect_error(cs_push(files, registry, api = "fmr", dry_run = TRUE), class = "citizensdmx_bad_argument")
  Sys.setenv(CSDMX_REGISTRY_USER = "tester", CSDMX_REGISTRY_PASSWORD = "not-a-secret")
  dry <- cs_push(files, registry, api = "fmr", dry_run = TRUE)
  expect_true(dry$ok)
  expect_error(cs_push(files, registry, api = "fmr", retries = 0, timeout_ms = 2000),
               class = "citizensdmx_unreachable")
  expect_error(cs_push(files, registry, api = "ftp"), class = "citizensdmx_bad_argument")
})
