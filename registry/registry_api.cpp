#include "registry/registry_api.h"

#include "registry/api_kinds.h"

namespace csdmx::registry {

std::unique_ptr<RegistryApi> make_registry_api(const PushOptions& options, const Credentials& credentials,
                                               const HttpClient& client, bool has_data, bool check) {
    switch (options.api) {
        case ApiKind::sdmx_rest_v2:
            return make_sdmx_rest_v2_api(options, credentials, client, has_data, check);
        case ApiKind::fmr:
            return make_fmr_api(options, credentials, client, has_data, check);
        case ApiKind::dotstat:
            return make_dotstat_api(options, credentials, client, has_data, check);
    }
    throw std::invalid_argument("unknown registry API");
}

}  // namespace csdmx::registry
