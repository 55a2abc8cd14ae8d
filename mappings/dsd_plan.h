// A mapping file resolved against its DSD and the table: for each component of
// the DSD, where its value comes from and what it must be. Everything that can be
// checked before reading rows is checked here, and every problem reported at once.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "copenhagen/citizen_codelists.h"
#include "mappings/dsd_mapping.h"
#include "package/citizen_metadata.h"
#include "package/table_schema.h"
#include "sdmx/data_writer.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::mapping {

enum class ComponentRole { dimension, time, measure, attribute };

struct PlannedComponent {
    std::string id;
    ComponentRole role = ComponentRole::dimension;
    bool mandatory = false;
    bool series_level = false;  // an attribute that attaches to the series
    ValueSource source;
    bool mapped = false;                       // false: a dimension defaulted to _T or _Z, or an attribute left out
    std::size_t field_index = 0;               // when the source is a column
    std::string fixed_value;                   // constants, derived values and defaults, already coded
    const sdmx::Codelist* codelist = nullptr;  // coded components
    std::string text_type;                     // uncoded ones: "Double", "String", ...
    std::map<std::string, std::string> code_by_name;  // lower-case code name -> code, with match_names
    // Content constraints attached to the DSD or the dataflow: the codes a cube
    // region allows (empty: no such constraint) and those it excludes.
    std::set<std::string> constraint_allowed;
    std::set<std::string> constraint_excluded;
    std::string constraint_names;  // "AGENCY:ID(VERSION)", for messages
    // Codes that are in the codelist but would claim what the package does not
    // support (A while the NSO's decision is pending, a series of another
    // indicator): code -> why, for messages.
    std::map<std::string, std::string> refused;
};

struct DsdPlan {
    const sdmx::DataStructure* dsd = nullptr;
    std::vector<PlannedComponent> key;  // dimensions in key order, the time dimension last
    PlannedComponent measure;
    std::vector<PlannedComponent> attributes;  // series and observation level, mapped ones only
    std::vector<std::pair<std::string, std::string>> data_set_attributes;
    std::vector<std::pair<std::size_t, std::vector<std::string>>> keep_rows;  // field index -> values
    std::string frequency_dimension;                                          // "FREQ" when the DSD has it
    sdmx::ObservationLayout layout;
    std::string description;  // one line per component, for people
    // Honest time coverage: an annual value must rest on data covering most of
    // its year, or say what it covers (TIME_DETAIL or TIME_COVERAGE mapped).
    std::string coverage_start, coverage_end;  // YYYY-MM-DD, from citizen_data.coverage.period
    bool time_detail_mapped = false;
    std::string proxy_area;  // the area a declared national proxy is published for
};

// What the plan needs to know of the package beyond its columns.
struct PlanPackage {
    const package::CitizenMetadata& metadata;
    const CitizenCodelists& codelists;
    std::string coverage_extent;  // citizen_data.coverage.extent: national, subnational, local or ""
};

// Days of calendar year `year` inside [start, end] (YYYY-MM-DD); 0 when a date is unreadable.
int days_covered(int year, const std::string& start, const std::string& end);

// Why a code that is in its codelist is not allowed by the content constraints, or nullopt.
std::optional<std::string> constraint_problem(const PlannedComponent& component, const std::string& code);

// `fields` are the table's columns; `file` names the mapping in messages.
std::optional<DsdPlan> plan_for_dsd(const DsdMapping& mapping, const sdmx::StructureSet& structures,
                                    const std::vector<package::Field>& fields, const PlanPackage& package,
                                    Diagnostics& diagnostics);

}  // namespace csdmx::mapping
