// The KEY=VALUE options of the C interface that say how to convert, shared by
// csdmx_package_open/convert and csdmx_batch_convert.
#pragma once

#include "pipeline/converter.h"
#include "plugin/api_support.h"

namespace csdmx::api {

// Prepare options: CODELISTS, AGENCY, RESOURCE, BAD_ROWS, MISSING_VALUE, DSD, MAPPING.
// A DSD that is an http(s) URL is fetched from the registry (CA_FILE: a private CA)
// and cached (registry/structure_fetch.h).
mapping::PrepareOptions prepare_options(const Options& options);
// Convert options: FORMAT (repeatable, or names separated by commas), ON_ERROR.
mapping::ConvertOptions convert_options(const Options& options);

}  // namespace csdmx::api
