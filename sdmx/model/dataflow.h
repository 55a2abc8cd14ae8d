// Dataflows, data providers and provision agreements: who reports what.
#pragma once

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

struct ProvisionAgreement : MaintainableArtefact {
    MaintainableRef dataflow;
    MaintainableRef provider_scheme;  // the scheme holding the provider
    std::string provider_id;
};

}  // namespace csdmx::sdmx
