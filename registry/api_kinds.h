// The registry APIs' constructors, one per file, chosen by make_registry_api.
#pragma once

#include <memory>

#include "registry/registry_api.h"

namespace csdmx::registry {

std::unique_ptr<RegistryApi> make_sdmx_rest_v2_api(const PushOptions& options, const Credentials& credentials,
                                                   const HttpClient& client, bool has_data, bool check);
std::unique_ptr<RegistryApi> make_fmr_api(const PushOptions& options, const Credentials& credentials,
                                          const HttpClient& client, bool has_data, bool check);
std::unique_ptr<RegistryApi> make_dotstat_api(const PushOptions& options, const Credentials& credentials,
                                              const HttpClient& client, bool has_data, bool check);

}  // namespace csdmx::registry
