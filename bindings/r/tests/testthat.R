library(testthat)
library(citizensdmx)
test_check("citizensdmx")
