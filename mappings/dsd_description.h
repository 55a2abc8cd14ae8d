// `citizen-sdmx describe`: what an NSO focal point needs before writing a mapping —
// the components of a DSD in key order with their codelists, the codes of one
// codelist, and the codes whose id or name matches a search ("PM2.5" finds
// EN_ATM_PM25; "GPERM3" finds the unit). Text for people, JSON for scripts.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sdmx/model/structure_set.h"

namespace csdmx::mapping {

struct DescribeRequest {
    std::vector<std::string> find;  // search terms, matched without case in code ids and names
    std::string codelist;           // list every code of this codelist (or of the component with this id)
    std::size_t codes_shown = 8;    // codes shown per codelist in the component listing
};

// {"data_structures": [...], "codelists": [...], "matches": [...]} (docs/mapping.md).
nlohmann::json describe_structures(const sdmx::StructureSet& structures, const DescribeRequest& request);

// The same for people.
std::string describe_text(const nlohmann::json& description);

}  // namespace csdmx::mapping
