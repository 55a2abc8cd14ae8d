// The KEY=VALUE options that say how to reach a registry, shared by csdmx_push and
// csdmx_batch_convert (PUSH=url).
#pragma once

#include <string>
#include <vector>

#include "plugin/api_support.h"
#include "registry/push.h"

namespace csdmx::api {

// API, ACTION, TRANSFER, DATASPACE, CA_FILE, TIMEOUT_MS, RETRIES, BACKOFF_MS,
// POLL_INTERVAL_MS, POLL_TIMEOUT_MS, TRANSFER_VERSION, TOKEN_URL (and DRY_RUN,
// when given).
std::vector<std::string> push_option_keys();
registry::PushOptions push_options(const Options& options, const std::string& registry_url);

}  // namespace csdmx::api
