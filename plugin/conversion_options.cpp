#include "plugin/conversion_options.h"

#include <stdexcept>

#include "registry/structure_fetch.h"
#include "registry/url.h"

namespace csdmx::api {

namespace {

std::optional<package::BadRowPolicy> bad_row_policy(const Options& options) {
    const std::string* text = options.get("BAD_ROWS");
    if (text == nullptr) return std::nullopt;
    if (*text == "reject") return package::BadRowPolicy::reject;
    if (*text == "skip") return package::BadRowPolicy::skip;
    if (*text == "keep") return package::BadRowPolicy::keep;
    throw std::invalid_argument("BAD_ROWS must be reject, skip or keep, not \"" + *text + "\"");
}

}  // namespace

// FORMAT options, each one name or several separated by commas; none: the default.
mapping::ConvertOptions convert_options(const Options& options) {
    mapping::ConvertOptions convert;
    if (const auto* on_error = options.get("ON_ERROR")) {
        if (*on_error == "skip")
            convert.on_error = mapping::OnError::skip;
        else if (*on_error != "reject")
            throw std::invalid_argument("ON_ERROR must be reject or skip, not \"" + *on_error + "\"");
    }
    if (const auto* open_sdg = options.get("OPEN_SDG")) {
        if (*open_sdg != "1" && *open_sdg != "0" && *open_sdg != "true" && *open_sdg != "false")
            throw std::invalid_argument("OPEN_SDG must be 1 or 0, not \"" + *open_sdg + "\"");
        convert.open_sdg = *open_sdg == "1" || *open_sdg == "true";
    }
    if (const auto* profile = options.get("PROFILE")) {
        const auto parsed = sdmx::parse_output_profile(*profile);
        if (!parsed) {
            throw std::invalid_argument("PROFILE \"" + *profile + "\" is not one of " + sdmx::output_profile_names());
        }
        convert.profile = *parsed;
    }
    const auto values = options.all("FORMAT");
    if (values.empty()) return convert;
    convert.formats.clear();
    for (const auto& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            const std::string name = value.substr(start, comma - start);
            auto format = sdmx::parse_data_format(name);
            if (!format) {
                throw std::invalid_argument("FORMAT \"" + name + "\" is not one of " + sdmx::data_format_names());
            }
            convert.formats.push_back(*format);
            start = comma + 1;
        }
    }
    return convert;
}

mapping::PrepareOptions prepare_options(const Options& options) {
    mapping::PrepareOptions prepare;
    if (const auto* codelists = options.get("CODELISTS")) prepare.codelists_file = *codelists;
    if (const auto* agency = options.get("AGENCY")) prepare.agency = *agency;
    if (const auto* resource = options.get("RESOURCE")) prepare.resource = *resource;
    prepare.bad_rows = bad_row_policy(options);
    prepare.extra_missing_values = options.all("MISSING_VALUE");
    if (const auto* code_ids = options.get("CODE_IDS")) {
        const auto parsed = sdmx::parse_code_id_case(*code_ids);
        if (!parsed) throw std::invalid_argument("CODE_IDS must be upper or keep, not \"" + *code_ids + "\"");
        prepare.code_id_case = *parsed;
    }
    if (const auto* links = options.get("LINKS_OUTSIDE")) {
        if (*links != "allow" && *links != "refuse") {
            throw std::invalid_argument("LINKS_OUTSIDE must be allow or refuse, not \"" + *links + "\"");
        }
        prepare.allow_links_outside = *links == "allow";
    }
    for (const auto& dsd : options.all("DSD")) {
        if (registry::is_url(dsd)) {
            // A registry's DSD: fetched once, then read from the local cache.
            registry::FetchOptions fetch;
            if (const auto* ca_file = options.get("CA_FILE")) fetch.http.ca_file = *ca_file;
            prepare.dsd_files.push_back(registry::fetch_structure(dsd, fetch));
        } else {
            prepare.dsd_files.emplace_back(dsd);
        }
    }
    if (const auto* mapping = options.get("MAPPING")) prepare.mapping_file = *mapping;
    return prepare;
}

}  // namespace csdmx::api
