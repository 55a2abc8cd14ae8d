# The repository (for its samples and fixtures) and ../shared (schemas); make test sets both.
repo <- Sys.getenv("CITIZEN_SDMX_REPO", normalizePath(file.path(getwd(), "..", "..", "..", "..")))
shared <- Sys.getenv("CITIZEN_SDMX_SHARED", file.path(repo, "..", "shared"))
sample_dir <- file.path(repo, "samples", "disability-access-survey")
bad_metadata <- file.path(repo, "tests", "fixtures", "bad-metadata", "datapackage.json")
measures <- c("respondents", "reported_barrier", "share_reporting_barrier")

# The sample's measure cells that are not missing, computed here from its CSV.
sample_values <- function() {
  table <- read.csv(file.path(sample_dir, "health-access-barriers-2024.csv"), na.strings = c("", "NA"))
  values <- unlist(table[measures])
  list(values = as.numeric(values[!is.na(values)]), rows = nrow(table))
}

copy_sample <- function() {
  target <- tempfile("package-")
  dir.create(target)
  file.copy(list.files(sample_dir, full.names = TRUE), target)
  target
}

closed_port <- function() {
  # A port on loopback that nothing listens on: free now, with nobody told to use it.
  for (port in sample(20000:60000, 50)) {
    connection <- tryCatch(suppressWarnings(socketConnection("127.0.0.1", port, timeout = 1, open = "r")),
                           error = function(e) NULL)
    if (is.null(connection)) return(port)
    close(connection)
  }
  stop("no closed port found")
}
