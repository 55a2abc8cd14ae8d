#include "registry/push.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/ascii.h"
#include "core/diagnostic.h"
#include "registry/file_checks.h"
#include "registry/registry_api.h"
#include "sdmx/validation/message_validator.h"

namespace csdmx::registry {

namespace {

// What a file is, and its SDMX media type; a file that is not well-formed to its
// end (truncated, corrupt) or a structure whose ids are not SDMX ids is refused
// here, before anything is sent.
SubmittedFile classify(const std::filesystem::path& path) {
    SubmittedFile file;
    file.path = path;
    if (!std::filesystem::is_regular_file(path)) throw InputError(path.string(), 0, 0, "no such file");
    const auto extension = path.extension().string();
    if (extension == ".csv") {
        std::ifstream input(path);
        std::string first;
        std::getline(input, first);
        file.content_type = first.rfind("STRUCTURE", 0) == 0 ? "application/vnd.sdmx.data+csv;version=2.0.0"
                                                             : "application/vnd.sdmx.data+csv;version=1.0.0";
        check_well_formed(path, FileSyntax::csv);
        return file;
    }
    if (extension == ".json") {
        file.content_type = "application/vnd.sdmx.data+json;version=2.0.0";
        check_well_formed(path, FileSyntax::json);
        return file;
    }
    sdmx::MlVersion version = sdmx::MlVersion::v2_1;
    const auto kind = sdmx::classify_message(path, &version);
    const bool v30 = version == sdmx::MlVersion::v3_0;
    switch (kind) {
        case sdmx::MessageKind::structure:
            file.structure = true;
            file.artefacts = list_structure_artefacts(path);
            file.content_type = v30 ? "application/vnd.sdmx.structure+xml;version=3.0.0"
                                    : "application/vnd.sdmx.structure+xml;version=2.1";
            return file;
        case sdmx::MessageKind::generic_data:
            file.content_type = v30 ? "application/vnd.sdmx.data+xml;version=3.0.0"
                                    : "application/vnd.sdmx.genericdata+xml;version=2.1";
            check_well_formed(path, FileSyntax::xml);
            return file;
        case sdmx::MessageKind::structure_specific_data:
            file.content_type = v30 ? "application/vnd.sdmx.data+xml;version=3.0.0"
                                    : "application/vnd.sdmx.structurespecificdata+xml;version=2.1";
            check_well_formed(path, FileSyntax::xml);
            return file;
        default:
            throw InputError(path.string(), 1, 1,
                             "expected an SDMX-ML structure or data message, SDMX-CSV or SDMX-JSON data");
    }
}

}  // namespace

ApiKind parse_api_kind(const std::string& name) {
    if (name == "sdmx-rest-v2") return ApiKind::sdmx_rest_v2;
    if (name == "fmr") return ApiKind::fmr;
    if (name == "dotstat") return ApiKind::dotstat;
    throw std::invalid_argument("unknown registry API '" + name + "' (expected sdmx-rest-v2, fmr or dotstat)");
}

const char* api_kind_name(ApiKind kind) {
    switch (kind) {
        case ApiKind::sdmx_rest_v2:
            return "sdmx-rest-v2";
        case ApiKind::fmr:
            return "fmr";
        case ApiKind::dotstat:
            return "dotstat";
    }
    return "?";
}

const char* push_outcome_name(PushOutcome outcome) {
    switch (outcome) {
        case PushOutcome::accepted:
            return "accepted";
        case PushOutcome::partial:
            return "partial";
        case PushOutcome::rejected:
            return "rejected";
        case PushOutcome::unreachable:
            return "unreachable";
        case PushOutcome::not_sent:
            return "not-sent";
    }
    return "?";
}

bool PushReport::all_accepted() const {
    return std::all_of(files.begin(), files.end(), [](const auto& f) { return f.outcome == PushOutcome::accepted; });
}

bool PushReport::any(PushOutcome outcome) const {
    return std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.outcome == outcome; });
}

std::string PushReport::table() const {
    std::string text;
    if (!refusal.empty()) text += "refused  " + refusal + "\n";
    for (const auto& file : files) {
        text += std::string(push_outcome_name(file.outcome)) + "  " + file.file.string() + "\n";
        if (!file.request.empty()) text += "    " + file.request + "\n";
        if (!file.message.empty()) text += "    " + file.message + "\n";
        if (file.artefacts.empty()) continue;
        std::size_t width = 9;
        for (const auto& artefact : file.artefacts) width = std::max(width, artefact.reference().size());
        for (const auto& artefact : file.artefacts) {
            std::string line = "    " + artefact.status;
            line.resize(14, ' ');
            line += artefact.code;
            line.resize(20, ' ');
            line += artefact.kind;
            line.resize(40, ' ');
            std::string reference = artefact.reference();
            reference.resize(width, ' ');
            line += reference + "  " + artefact.action + (artefact.text.empty() ? "" : "  " + artefact.text);
            text += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
        }
    }
    return text;
}

std::string PushReport::json() const {
    nlohmann::ordered_json document = nlohmann::ordered_json::array();
    for (const auto& file : files) {
        nlohmann::ordered_json artefacts = nlohmann::ordered_json::array();
        for (const auto& a : file.artefacts) {
            artefacts.push_back({{"class", a.kind},
                                 {"agency", a.agency},
                                 {"id", a.id},
                                 {"version", a.version},
                                 {"urn", a.urn},
                                 {"action", a.action},
                                 {"status", a.status},
                                 {"code", a.code},
                                 {"text", a.text}});
        }
        document.push_back({{"file", file.file.string()},
                            {"refused", refusal},
                            {"kind", file.kind},
                            {"request", file.request},
                            {"http_status", file.http_status},
                            {"outcome", push_outcome_name(file.outcome)},
                            {"message", file.message},
                            {"artefacts", artefacts}});
    }
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void check_push_options(const PushOptions& options, const Credentials& credentials, bool has_data) {
    const HttpClient client(options.http);
    make_registry_api(options, credentials, client, has_data);
}

PushReport push_files(const std::vector<std::filesystem::path>& files, const PushOptions& options,
                      const Credentials& credentials) {
    std::vector<SubmittedFile> submitted;
    submitted.reserve(files.size());
    for (const auto& path : files) submitted.push_back(classify(path));
    // Structures first: data refer to them.
    std::stable_partition(submitted.begin(), submitted.end(), [](const auto& f) { return f.structure; });
    const bool has_data = std::any_of(submitted.begin(), submitted.end(), [](const auto& f) { return !f.structure; });

    HttpClient client(options.http);
    PushReport report;
    std::unique_ptr<RegistryApi> api;
    if (options.dry_run) {
        // The same checks as the real push; a refusal is reported beside the plan.
        try {
            make_registry_api(options, credentials, client, has_data);
        } catch (const std::invalid_argument& error) {
            report.refusal = error.what();
        }
        api = make_registry_api(options, credentials, client, has_data, false);
    } else {
        api = make_registry_api(options, credentials, client, has_data);
    }
    bool stopped = false;
    for (const auto& file : submitted) {
        FilePush result;
        result.file = file.path;
        result.kind = file.structure ? "structure" : "data";
        if (options.dry_run) {
            result.request = api->describe(file);
            result.message = report.refusal.empty() ? "dry run: not sent (" + file.content_type + ")"
                                                    : "dry run: not sent; the push would be refused (first line)";
            if (file.structure) {
                for (const auto& artefact :
                     ascii_lower(options.action) == "delete" && options.api == ApiKind::sdmx_rest_v2
                         ? deletion_order(file.artefacts)
                         : file.artefacts) {
                    ArtefactResult planned;
                    planned.kind = artefact.element;
                    planned.agency = artefact.agency;
                    planned.id = artefact.id;
                    planned.version = artefact.version;
                    planned.status = "planned";
                    result.artefacts.push_back(std::move(planned));
                }
            }
        } else if (stopped) {
            result.message = "not sent: an earlier file was not accepted";
        } else {
            try {
                api->push(file, result);
            } catch (const UnreachableError& error) {
                result.outcome = PushOutcome::unreachable;
                result.message = error.what();
            }
            stopped = result.outcome != PushOutcome::accepted;
        }
        report.files.push_back(std::move(result));
    }
    return report;
}

}  // namespace csdmx::registry
