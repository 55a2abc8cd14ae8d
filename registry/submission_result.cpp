#include "registry/submission_result.h"

#include "core/diagnostic.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::registry {

namespace {

std::string trimmed(const std::string& text) {
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return "";
    return text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1);
}

}  // namespace

std::string ArtefactResult::reference() const {
    if (!agency.empty() || !id.empty()) return agency + ":" + id + "(" + version + ")";
    return urn;
}

bool looks_like_registry_message(std::string_view body) {
    return body.find("RegistryInterface") != std::string_view::npos ||
           body.find("SubmitStructureResponse") != std::string_view::npos;
}

bool looks_like_error_message(std::string_view body) {
    return body.find("ErrorMessage") != std::string_view::npos;
}

void read_urn(const std::string& urn, ArtefactResult& result) {
    const auto equals = urn.find('=');
    const auto colon = urn.find(':', equals == std::string::npos ? 0 : equals);
    const auto open = urn.find('(', colon == std::string::npos ? 0 : colon);
    const auto close = urn.find(')', open == std::string::npos ? 0 : open);
    if (!urn.starts_with("urn:") || equals == std::string::npos || colon == std::string::npos ||
        open == std::string::npos || close == std::string::npos) {
        return;
    }
    const auto dot = urn.rfind('.', equals);
    result.kind = urn.substr(dot + 1, equals - dot - 1);
    result.agency = urn.substr(equals + 1, colon - equals - 1);
    result.id = urn.substr(colon + 1, open - colon - 1);
    result.version = urn.substr(open + 1, close - open - 1);
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
        } else if (name == "MaintainableObject" && reader.namespace_uri().find("v3_0") != std::string_view::npos) {
            // SDMX-ML 3.0: the artefact's URN is the element's text, not a Ref.
            auto& result = results.back();
            result.urn = trimmed(reader.read_string());
            read_urn(result.urn, result);
        } else if (name == "Ref") {
            auto& result = results.back();
            result.agency = reader.attribute("agencyID").value_or("");
            result.id = reader.attribute("id").value_or("");
            result.version = reader.attribute("version").value_or("");
            result.kind = reader.attribute("class").value_or("");
        } else if (name == "URN") {
            results.back().urn = trimmed(reader.read_string());
            if (results.back().id.empty()) read_urn(results.back().urn, results.back());
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

std::vector<ArtefactResult> parse_error_message(std::string_view body) {
    std::vector<ArtefactResult> results;
    if (!looks_like_error_message(body)) return results;
    try {
        auto reader = sdmx::XmlReader::open_memory(body, "the registry's answer");
        std::string code;
        std::string language;  // of the message's first text: translations are not more artefacts
        bool seen_text = false;
        bool in_message = false;
        while (reader.read()) {
            if (!reader.is_element()) continue;
            const auto name = reader.local_name();
            if (name == "ErrorMessage") {
                in_message = true;
                code = reader.attribute("code").value_or("");
                seen_text = false;
            } else if (in_message && name == "Text") {
                const std::string lang = reader.attribute("xml:lang").value_or(reader.attribute("lang").value_or(""));
                if (seen_text && lang != language) continue;
                seen_text = true;
                language = lang;
                ArtefactResult result;
                result.code = code;
                result.status = code == "200" || code == "201" ? "Success" : "Failure";
                result.text = trimmed(reader.read_string());
                results.push_back(std::move(result));
            }
        }
    } catch (const InputError&) {
        results.clear();  // not XML after all: judged on the HTTP status alone
    }
    return results;
}

}  // namespace csdmx::registry
