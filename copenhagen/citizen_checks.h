// Checks the codes in citizen_data against the codelists, and decides whether
// the dataset counts as citizen data under the Copenhagen Framework.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "copenhagen/citizen_codelists.h"
#include "package/citizen_metadata.h"

namespace csdmx::mapping {

// Adds an error for every code that is not in its codelist and for every stage
// without a participation level, each with the allowed codes.
void check_citizen_codes(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                         const std::string& file, Diagnostics& diagnostics);

struct Qualification {
    bool qualifies = false;
    std::string status_code;  // QUALIFIES or DOES_NOT_QUALIFY
    std::string explanation;  // one sentence for people, naming levels and stages
};

// Level >= sufficient in at least one qualifying stage, as the codelists define them.
Qualification assess_qualification(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists);

}  // namespace csdmx::mapping
