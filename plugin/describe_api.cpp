// The C interface of `describe`: a DSD's components and codelists, and a search of
// codes, from structure files or registry URLs (fetched and cached as for --dsd).
#include "citizensdmx.h"
#include "mappings/dsd_description.h"
#include "plugin/api_support.h"
#include "registry/structure_fetch.h"
#include "registry/url.h"
#include "sdmx/ml21/structure_reader.h"

using csdmx::api::guarded;
using csdmx::api::Options;
using csdmx::api::ResultHandle;

csdmx_status csdmx_describe_structures(const char* const* sources, size_t count, const char* const* options,
                                       csdmx_result** result) {
    if (result != nullptr) *result = nullptr;
    if (sources == nullptr || count == 0) {
        csdmx::api::set_last_error("sources (at least one) are required");
        return CSDMX_BAD_ARGUMENT;
    }
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"FIND", "CODELIST", "FORMAT", "CA_FILE"});
        const std::string* format = parsed.get("FORMAT");
        if (format != nullptr && *format != "text" && *format != "json") {
            throw std::invalid_argument("FORMAT must be text or json, not \"" + *format + "\"");
        }
        csdmx::sdmx::StructureSet structures;
        for (size_t i = 0; i < count; ++i) {
            if (sources[i] == nullptr) throw std::invalid_argument("sources[" + std::to_string(i) + "] is NULL");
            const std::string source = sources[i];
            std::filesystem::path file = source;
            if (csdmx::registry::is_url(source)) {
                csdmx::registry::FetchOptions fetch;
                if (const auto* ca_file = parsed.get("CA_FILE")) fetch.http.ca_file = *ca_file;
                file = csdmx::registry::fetch_structure(source, fetch);
            }
            structures.merge(csdmx::sdmx::ml21::read_structure_file(file));
        }
        csdmx::mapping::DescribeRequest request;
        request.find = parsed.all("FIND");
        if (const auto* codelist = parsed.get("CODELIST")) request.codelist = *codelist;
        const auto description = csdmx::mapping::describe_structures(structures, request);
        out->values["json"] = description.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        out->values["text"] =
            format != nullptr && *format == "json" ? out->values["json"] : csdmx::mapping::describe_text(description);
        if (description.contains("matches")) out->values["matches"] = std::to_string(description["matches"].size());
        if (description.contains("codelist") && description["codelist"]["codes"].is_null()) {
            csdmx::api::set_last_error("no codelist or coded component \"" + request.codelist + "\"");
            return CSDMX_INVALID;
        }
        return CSDMX_OK;
    });
}
