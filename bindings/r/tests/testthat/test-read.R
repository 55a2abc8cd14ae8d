# cs_read against rsdmx (an independent SDMX client, Debian r-cran-rsdmx) reading the
# SDMX-ML 2.1 structure-specific message of the same package.
test_that("cs_read gives the observations rsdmx reads from our SDMX-ML", {
  skip_if_not_installed("rsdmx")
  observations <- cs_read(sample_dir)
  expect_s3_class(observations, "data.frame")
  expect_true(is.numeric(observations$OBS_VALUE))
  expect_equal(sort(observations$OBS_VALUE), sort(sample_values()$values))

  result <- cs_convert(sample_dir, tempfile(), formats = "sdmx-ml-2.1-ss")
  message <- result$outputs[grepl("structurespecific\\.xml$", result$outputs)]
  read <- as.data.frame(rsdmx::readSDMX(message, isURL = FALSE))
  expect_equal(nrow(observations), nrow(read))
  key <- function(frame) {
    dimensions <- setdiff(intersect(names(frame), names(read)), "OBS_VALUE")
    frame <- frame[do.call(order, frame[dimensions]), c(dimensions, "OBS_VALUE")]
    frame$OBS_VALUE <- as.numeric(frame$OBS_VALUE)
    rownames(frame) <- NULL
    frame
  }
  shared_columns <- setdiff(intersect(names(observations), names(read)), "OBS_VALUE")
  expect_gte(length(shared_columns), 3)
  expect_equal(key(observations), key(read[names(read) %in% c(shared_columns, "OBS_VALUE")]), ignore_attr = TRUE)
})

test_that("cs_read of a broken package is an error, not a crash", {
  expect_error(cs_read(bad_metadata), class = "citizensdmx_bad_input")
})
