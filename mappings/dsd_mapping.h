// The mapping file: how a package's table becomes data of an existing DSD (the
// SDG DSD, an NSO's national one). YAML, documented in docs/mapping.md, checked
// against docs/schemas/mapping-1.0.schema.json (embedded). Open SDG's
// column_map/code_map CSV files are accepted beside it.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "sdmx/model/reference.h"

namespace csdmx::mapping {

// Where one component's value comes from.
struct ValueSource {
    enum class Kind { column, constant, derived };
    Kind kind = Kind::column;
    std::string name;                          // the column, the constant value, or the derived quantity
    std::map<std::string, std::string> codes;  // value -> code
    std::optional<std::string> missing;        // for an empty cell
    bool match_names = false;                  // look values up among the codes' names too
    std::string origin;  // where this was said, for messages: "components.SEX" or "column_map.csv"
};

struct DsdMapping {
    std::filesystem::path file;
    std::string title;
    sdmx::MaintainableRef dsd;
    sdmx::MaintainableRef dataflow;  // empty when not given
    std::string resource;
    sdmx::MaintainableRef extension;  // a national extension DSD to write (empty: none)
    std::string extension_name;
    std::map<std::string, ValueSource> components;              // by component id
    std::map<std::string, std::vector<std::string>> keep_rows;  // column -> values (rows.where)
    // Open SDG code_map entries: component -> text -> code, applied to columns that
    // have no codes of their own for that text.
    std::map<std::string, std::map<std::string, std::string>> open_sdg_codes;
    // Open SDG column_map: column header -> component, for columns not mapped above.
    std::map<std::string, std::string> open_sdg_columns;
    // Records tabulated first (docs/tabulation.md); null when rows are observations.
    nlohmann::json tabulation;
    // coverage.national_proxy.reason: why the NSO accepts a sample that does not
    // cover the country as its national value (empty: it does not).
    std::string national_proxy_reason;
    // coverage.ref_area: "subnational" when the mapped REF_AREA codes are regions or
    // districts of a national DSD, not countries.
    bool subnational_ref_area = false;
};

// Reads and checks the file; every problem goes to `diagnostics` (YAML syntax with
// its line and column, schema violations with their path). nullopt on errors.
std::optional<DsdMapping> read_dsd_mapping(const std::filesystem::path& file, Diagnostics& diagnostics);

// "AGENCY:ID(VERSION)" -> reference; false when the text is not of that form.
bool parse_artefact_reference(const std::string& text, sdmx::MaintainableRef& ref);

}  // namespace csdmx::mapping
