#include "registry/submission_result.h"

#include "core/diagnostic.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::registry {

std::string ArtefactResult::reference() const {
    if (!agency.empty() || !id.empty()) return agency + ":" + id + "(" + version + ")";
    return urn;
}

bool looks_like_registry_message(std::string_view body) {
    return body.find("RegistryInterface") != std::string_view::npos ||
           body.find("SubmitStructureResponse") != std::string_view::npos;
}

std::vector<ArtefactResult> parse_submit_structure_response(std::string_view body, const std::string& source) {
    auto reader = sdmx::XmlReader::open_memory(body, source);
    std::vector<ArtefactResult> results;
    bool in_response = false;
    bool first_text = false;
    while (reader.read()) {
        if (!reader.is_element()) continue;
        const auto name = reader.local_name();
        if (name == "SubmitStructureResponse") {
            in_response = true;
        } else if (in_response && name == "SubmissionResult") {
            results.emplace_back();
        } else if (!in_response || results.empty()) {
            continue;  // outside a result: nothing of ours
        } else if (name == "SubmittedStructure") {
            results.back().action = reader.attribute("action").value_or("");
        } else if (name == "Ref") {
            auto& result = results.back();
            result.agency = reader.attribute("agencyID").value_or("");
            result.id = reader.attribute("id").value_or("");
            result.version = reader.attribute("version").value_or("");
            result.kind = reader.attribute("class").value_or("");
        } else if (name == "URN") {
            results.back().urn = reader.read_string();
        } else if (name == "StatusMessage") {
            results.back().status = reader.attribute("status").value_or("");
            first_text = true;
        } else if (name == "MessageText") {
            if (results.back().code.empty()) results.back().code = reader.attribute("code").value_or("");
        } else if (name == "Text" && first_text) {
            results.back().text = reader.read_string();
            first_text = false;
        }
    }
    if (!in_response) {
        throw InputError(source, 0, 0, "expected a SubmitStructureResponse");
    }
    return results;
}

}  // namespace csdmx::registry
