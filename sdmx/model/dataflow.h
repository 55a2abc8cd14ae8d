// Dataflows, data providers and provision agreements: who reports what.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sdmx/model/item_scheme.h"

namespace csdmx::sdmx {

struct Dataflow : MaintainableArtefact {
    MaintainableRef structure;  // the DataStructure it uses
};

struct DataProvider : NameableItem {};

// In SDMX 2.1 a data provider scheme always has id DATA_PROVIDERS and version 1.0.
struct DataProviderScheme : ItemScheme<DataProvider> {
    DataProviderScheme() {
        ref.id = "DATA_PROVIDERS";
        ref.version = "1.0";
    }
};

// The agencies that maintain artefacts (SDMX:AGENCIES and its sub-agencies' schemes).
struct Agency : NameableItem {};
struct AgencyScheme : ItemScheme<Agency> {
    AgencyScheme() {
        ref.id = "AGENCIES";
        ref.version = "1.0";
    }
};

struct ProvisionAgreement : MaintainableArtefact {
    MaintainableRef dataflow;
    MaintainableRef provider_scheme;  // the scheme holding the provider
    std::string provider_id;
};

// A content constraint (2.1 ContentConstraint, 3.0 DataConstraint) reduced to
// what the converter enforces: per component, the codes a cube region includes or
// excludes, for the DSDs and dataflows it is attached to.
struct ContentConstraint : MaintainableArtefact {
    std::vector<MaintainableRef> data_structures;  // ConstraintAttachment
    std::vector<MaintainableRef> dataflows;
    std::map<std::string, std::set<std::string>> included;  // component -> allowed codes
    std::map<std::string, std::set<std::string>> excluded;  // component -> codes not allowed
};

}  // namespace csdmx::sdmx
