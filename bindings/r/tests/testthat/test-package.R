test_that("the version is the library's", {
  expect_equal(cs_version(), "0.1.0")
})

test_that("cs_package gives the descriptor's metadata", {
  descriptor <- jsonlite::fromJSON(file.path(sample_dir, "datapackage.json"))
  package <- cs_package(sample_dir)
  expect_equal(package$info[["producer.id"]], descriptor$citizen_data$producer$id)
  expect_equal(package$qualifies, package$info[["qualification"]] == "QUALIFIES")
})

test_that("bad metadata is a citizensdmx_bad_input condition with located diagnostics", {
  condition <- tryCatch(cs_package(bad_metadata), citizensdmx_bad_input = function(e) e)
  expect_s3_class(condition, "citizensdmx_error")
  expect_s3_class(condition$diagnostics, "data.frame")
  expect_true(all(c("citizen_data.purpose", "citizen_data.producer.type") %in% condition$diagnostics$path))
  expect_error(cs_package(file.path(tempdir(), "none", "datapackage.json")), class = "citizensdmx_error")
})

test_that("cs_check counts the CSV's rows and lists problems as a data.frame", {
  report <- cs_check(sample_dir)
  expect_true(report$valid)
  expect_equal(report$values[["resource.0.rows"]], sample_values()$rows)
  bad <- cs_check(bad_metadata)
  expect_false(bad$valid)
  expect_equal(bad$status, "invalid")
  expect_equal(names(bad$diagnostics), c("severity", "file", "line", "column", "path", "kind", "message"))
  expect_true("citizen_data.purpose" %in% bad$diagnostics$path)
})

test_that("a bad cell is located by line and column", {
  package <- copy_sample()
  csv <- file.path(package, "health-access-barriers-2024.csv")
  lines <- readLines(csv)
  lines[4] <- sub("^([^,]*,[^,]*,[^,]*),[0-9]+,", "\\1,many,", lines[4])
  writeLines(lines, csv)
  report <- cs_check(package)
  expect_false(report$valid)
  located <- report$diagnostics[report$diagnostics$severity == "error" & report$diagnostics$line == 4, ]
  expect_gt(nrow(located), 0)
  expect_equal(located$column[1], nchar(sub("^(([^,]*,){3}).*", "\\1", lines[4])) + 1)
  out <- tempfile()
  expect_error(cs_convert(package, out), class = "citizensdmx_error")
  expect_false(dir.exists(out) && length(list.files(out)) > 0)
})

test_that("cs_convert writes every observation, and an unknown format is an error", {
  out <- tempfile()
  result <- cs_convert(sample_dir, out, formats = c("sdmx-ml-2.1-ss", "sdmx-csv-2.0"))
  expect_equal(result$values$observations, length(sample_values()$values))
  expect_true(all(file.exists(result$outputs)))
  expect_error(cs_convert(sample_dir, tempfile(), formats = "sdmx-xlsx"), class = "citizensdmx_error")
})

test_that("code_ids = \"keep\" leaves valid lower-case ids as they are", {
  districts <- function(code_ids) {
    result <- cs_convert(sample_dir, tempfile(), formats = "sdmx-csv-2.0", code_ids = code_ids)
    unique(read.csv(result$outputs[grepl("\\.csv$", result$outputs)])$DISTRICT)
  }
  expect_true("LILONGWE" %in% districts(NULL))
  expect_false("Lilongwe" %in% districts(NULL))
  expect_true("Lilongwe" %in% districts("keep"))
  expect_false("LILONGWE" %in% districts("keep"))
})

test_that("cs_validate accepts our messages and reports a broken one", {
  skip_if_not(dir.exists(file.path(shared, "sdmx", "schemas")), "../shared is absent")
  schemas <- file.path(shared, "sdmx", "schemas")
  result <- cs_convert(sample_dir, tempfile(), formats = c("sdmx-ml-2.1-ss", "sdmx-ml-2.1-generic"))
  xml <- result$outputs[grepl("\\.xml$", result$outputs)]
  report <- cs_validate(xml, schemas = schemas)
  expect_true(report$valid)
  expect_equal(nrow(report$files), length(xml))
  generic <- xml[grepl("generic", xml)]
  broken <- tempfile(fileext = ".xml")
  writeLines(sub("<generic:Obs>", "<generic:Ob>", readLines(generic, encoding = "UTF-8"), fixed = TRUE), broken)
  expect_false(cs_validate(broken, schemas = schemas)$valid)
  expect_error(cs_validate(xml, schemas = tempfile()), class = "citizensdmx_environment")
})

test_that("wrong arguments are R errors, never a crash", {
  expect_error(cs_check(NA_character_))
  expect_error(cs_convert(sample_dir, character()))
  expect_error(cs_convert(sample_dir, NA))
  expect_error(cs_push(character(), character(), api = "fmr"))
  expect_error(cs_batch(sample_dir, tempfile(), progress = "not a function"))
  garbage <- tempfile(fileext = ".json")
  writeBin(as.raw(c(0xff, 0xfe, 0x00, 0x7b, 0x22, 0x80)), garbage)
  expect_error(cs_check(garbage), class = "citizensdmx_error")
})

test_that("cs_validate takes the DSD from a separate structure file", {
  skip_if_not(dir.exists(file.path(shared, "sdmx", "schemas")), "../shared is absent")
  schemas <- file.path(shared, "sdmx", "schemas")
  outputs <- cs_convert(sample_dir, tempfile(), formats = "sdmx-ml-2.1-ss")$outputs
  data <- outputs[grepl("structurespecific\\.xml$", outputs)]
  structure <- outputs[grepl("-structure\\.xml$", outputs)]
  expect_true(cs_validate(data, structures = structure, schemas = schemas)$valid)
  expect_false(cs_validate(data, schemas = schemas)$valid)
})
