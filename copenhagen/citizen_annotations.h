// The annotations that carry provenance and participation into SDMX messages.
// Every annotation type is documented in docs/annotations.md; keep the two in step.
#pragma once

#include <string>
#include <vector>

#include "copenhagen/citizen_checks.h"
#include "sdmx/model/annotation.h"

namespace csdmx::mapping {

// For the Dataflow and the ProvisionAgreement: producer, initiative, participation
// per stage, status, purpose, indicators, method, sample, coverage, consent, licence,
// disclosure threshold and the NSO's validation decision.
sdmx::Annotations citizen_data_annotations(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                                           const Qualification& qualification);

struct InputFile {
    std::string role;    // "descriptor" or "data"
    std::string name;    // path as given in the package
    std::string sha256;  // hex digest
};

struct ConversionProvenance {
    std::string tool;          // "citizen-sdmx 0.1.0"
    std::string converted_at;  // xs:dateTime
    std::vector<InputFile> inputs;
    std::string mapping;         // what decided the components, e.g. "generated from Table Schema"
    std::string mapping_detail;  // the column plan, for people
};

// For DataSet elements of data messages.
sdmx::Annotations conversion_annotations(const ConversionProvenance& provenance);

}  // namespace csdmx::mapping
