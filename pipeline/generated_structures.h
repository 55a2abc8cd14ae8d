// Builds the SDMX structures for a table that has no target DSD yet: a DSD made
// from the table's columns, its concept scheme and codelists (from the values seen),
// a dataflow, the producer as data provider and a provision agreement, with the
// citizen data annotations and coded data-set-level attributes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "copenhagen/citizen_checks.h"
#include "mappings/generated_components.h"
#include "package/citizen_metadata.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::mapping {

struct GeneratedNames {
    std::string agency;
    std::string base_id;  // e.g. DISABILITY_ACCESS
    std::string version = "1.0";

    sdmx::MaintainableRef data_structure() const { return {agency, "DSD_" + base_id, version}; }
    sdmx::MaintainableRef dataflow() const { return {agency, "DF_" + base_id, version}; }
    sdmx::MaintainableRef concept_scheme() const { return {agency, "CS_" + base_id, version}; }
    sdmx::MaintainableRef codelist(const std::string& component) const {
        return {agency, "CL_" + base_id + "_" + component, version};
    }
    sdmx::MaintainableRef provider_scheme() const { return {agency, "DATA_PROVIDERS", "1.0"}; }
    sdmx::MaintainableRef provision_agreement(const std::string& provider) const {
        return {agency, "PA_" + base_id + "_" + provider, version};
    }
};

// Agency: the override, else citizen_data.sdmx.agency, else CITIZEN_SDMX.
// Base id: citizen_data.sdmx.dataflow without its DF_ prefix, else the package name.
GeneratedNames choose_names(const package::DataPackage& package, const package::Resource& resource,
                            const package::CitizenMetadata& metadata, const std::string& agency_override,
                            Diagnostics& diagnostics);

// Data-set-level attribute values, in the order the generated DSD declares them.
std::vector<std::pair<std::string, std::string>> citizen_attribute_values(const package::CitizenMetadata& metadata,
                                                                          const CitizenCodelists& codelists,
                                                                          const Qualification& qualification);

struct GeneratedStructureInput {
    const GeneratedNames& names;
    const package::DataPackage& package;
    const package::Resource& resource;
    const GeneratedComponents& components;  // after the data pass: holds the codes seen
    const package::CitizenMetadata& metadata;
    const CitizenCodelists& codelists;
    const Qualification& qualification;
    sdmx::Annotations extra_annotations;  // for the dataflow and provision agreement, e.g. disclosure control
};

sdmx::StructureSet build_generated_structures(const GeneratedStructureInput& input);

// The coded data-set-level citizen data attributes (CITIZEN_DATA_STATUS,
// PRODUCER_TYPE, INITIATIVE_TYPE, PARTICIPATION_<stage>, NSO_VALIDATION) added to
// `dsd`, their concepts to `concepts` and their codelists to `structures`.
void add_citizen_attributes(sdmx::DataStructure& dsd, sdmx::ConceptScheme& concepts, sdmx::StructureSet& structures,
                            const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                            const Qualification& qualification);

// The dataflow data written for an existing DSD are bound to (registries load data
// against a dataflow): the mapping's, else the package's own DF_<base id> of the
// names' agency; with a national extension, DF_<extension id> of the extension's
// agency. Its structure is the DSD the data are written for.
sdmx::Dataflow dataflow_for_dsd(const GeneratedNames& names, const sdmx::MaintainableRef& named_dataflow,
                                const sdmx::MaintainableRef& dsd, bool extension, const std::string& name);

// The producer as data provider (scheme DATA_PROVIDERS of the names' agency) and,
// when there is a dataflow, its provision agreement carrying `annotations`.
sdmx::StructureSet provider_structures(const GeneratedNames& names, const package::CitizenMetadata& metadata,
                                       const sdmx::MaintainableRef& dataflow, const std::string& dataflow_name,
                                       sdmx::Annotations annotations);

}  // namespace csdmx::mapping
