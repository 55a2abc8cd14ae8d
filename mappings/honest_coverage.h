// The rules that keep a citizen series from claiming more than its package
// supports when it is written onto an SDG DSD (docs/mapping.md, "Honest
// coverage"): a national REF_AREA only from national data or a declared proxy,
// OBS_STATUS and NATURE that follow the NSO's decision, and a SERIES of an
// indicator the package names in target_indicators.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "mappings/dsd_plan.h"

namespace csdmx::mapping {

// Codes of the component that the package cannot support, each with the reason:
// OBS_STATUS A and NATURE C/CA while the NSO has not cleared the data for
// official use; SERIES codes whose "Indicator" annotation (as in CL_SERIES of
// the SDG DSD) is not among citizen_data.target_indicators.
std::map<std::string, std::string> refused_codes(const std::string& component, const sdmx::Codelist* codelist,
                                                 const PlanPackage& package);

// Why REF_AREA may not be published from this package, or nullopt: the package
// does not say its coverage is national, the mapping declares no proxy and does not
// say its REF_AREA codes are sub-national.
std::optional<std::string> ref_area_problem(const DsdMapping& mapping, const PlanPackage& package);

// A proxy must be said where people read it: COMMENT_TS carrying the statement.
std::optional<std::string> proxy_statement_problem(const DsdMapping& mapping);

// Why an annual TIME_PERIOD rests on too little of its year, or nullopt.
std::optional<std::string> annual_coverage_problem(const DsdPlan& plan, const std::string& period);

}  // namespace csdmx::mapping
