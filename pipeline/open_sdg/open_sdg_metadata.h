// The indicator metadata file of Open SDG (meta/<id>.md: YAML front matter):
// the source fields sdg-build shows on the indicator page and the national
// metadata fields NSOs fill for citizen series, all from the package's
// citizen_data and the Copenhagen statement.
#pragma once

#include <string>

#include "copenhagen/citizen_statement.h"

namespace csdmx::mapping {

struct OpenSdgFacts {
    const package::CitizenMetadata& metadata;
    const CitizenCodelists& codelists;
    ProxyNote proxy;              // when the mapping publishes a local sample as a national proxy
    std::string coverage_extent;  // citizen_data.coverage.extent, "" when not stated
};

// The front matter and its closing line for indicator `indicator` ("11.6.2");
// `computation_units` (the unit names, "" when unknown) is written when given.
std::string open_sdg_metadata_file(const std::string& indicator, const OpenSdgFacts& facts,
                                   const std::string& computation_units = {});

// "Non-official" until the NSO's decision clears the data for official use.
std::string source_classification(const OpenSdgFacts& facts);

}  // namespace csdmx::mapping
