#include "sdmx/ml_version.h"

#include "sdmx/ml21/namespaces.h"
#include "sdmx/ml30/namespaces.h"

namespace csdmx::sdmx {

const MlNamespaces& namespaces_of(MlVersion version) {
    static const MlNamespaces v21{ml21::kMessageNs,           ml21::kCommonNs, ml21::kStructureNs,
                                  ml21::kStructureSpecificNs, "SDMX-ML 2.1",   "2.1"};
    static const MlNamespaces v30{ml30::kMessageNs,           ml30::kCommonNs, ml30::kStructureNs,
                                  ml30::kStructureSpecificNs, "SDMX-ML 3.0",   "3.0"};
    return version == MlVersion::v3_0 ? v30 : v21;
}

}  // namespace csdmx::sdmx
