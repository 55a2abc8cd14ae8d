// A national extension of the target DSD, as Ghana's GSS:SDG(1.2) extends the
// global IAEG-SDGs:SDG: the same dimensions, attributes and measure, plus coded
// data-set-level attributes for what the global DSD has no room for (citizen data
// status, producer type, initiative type, participation per stage, the NSO's
// decision). The structure set holds every codelist and concept scheme the
// extension uses, so its structure message stands on its own.
#pragma once

#include <string>

#include "copenhagen/citizen_checks.h"
#include "copenhagen/citizen_codelists.h"
#include "package/citizen_metadata.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::mapping {

sdmx::StructureSet national_extension(const sdmx::StructureSet& structures, const sdmx::DataStructure& target,
                                      const sdmx::MaintainableRef& extension, const std::string& name,
                                      const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                                      const Qualification& qualification);

}  // namespace csdmx::mapping
