// Checks on a conversion written in every format: each message valid against its
// official schema, and each telling the same observations as SDMX-ML 2.1.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "tests/integration/conversion_fixture.h"

namespace csdmx::test {

// Every format this build writes (what --format takes).
mapping::ConvertOptions every_format();

// Runs tests/json/validate_sdmx_json.py on the file; "" when valid, else what it said.
// Skips the test when python3-jsonschema is absent.
std::string sdmx_json_problems(const std::filesystem::path& file, const std::filesystem::path& shared);

// Runs xmllint (libxml2), the second XML Schema validator, on an SDMX-ML message:
// structure and generic messages against SDMXMessage.xsd of their version,
// structure-specific data against it plus the DSD-specific schema generated from
// `structures` (written beside the file). "" when valid, else what xmllint said.
std::string xmllint_problems(const std::filesystem::path& file, const std::filesystem::path& shared,
                             const sdmx::StructureSet& structures);

// Observations of an SDMX-CSV message, and of an SDMX-JSON one (decoded here, by
// the field guide, independently of the writer), keyed as observations_by_key.
std::map<std::string, ReadCell> csv_observations_by_key(const std::filesystem::path& data,
                                                        const sdmx::DataStructure& dsd);
std::map<std::string, ReadCell> json_observations_by_key(const std::filesystem::path& data);

// rsdmx (Debian r-cran-rsdmx), an independent SDMX reader, reads the SDMX-ML 2.1
// data message: "" when it finds the same observations as `reference` (same count,
// same keys, equal values), else what differs. Fails the test when rsdmx is absent
// (scripts/install-deps provides it).
std::string rsdmx_disagreements(const std::filesystem::path& data, const sdmx::DataStructure& dsd,
                                const std::map<std::string, ReadCell>& reference);

// The conversion wrote every format; each validates and each holds the same
// observations, attributes, data set attributes and annotations as SDMX-ML 2.1
// structure-specific (the reference, itself read by rsdmx elsewhere).
void expect_formats_agree(const Conversion& conversion, const std::filesystem::path& shared);

}  // namespace csdmx::test
