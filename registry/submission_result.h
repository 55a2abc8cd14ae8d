// What a registry says about each submitted artefact: the SubmitStructureResponse
// of the SDMX RegistryInterface message (SDMX-ML 2.1 and 3.0 registry schemas),
// which SDMX REST v2, the Fusion Metadata Registry and .Stat Suite's NSI web
// service all return.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csdmx::registry {

struct ArtefactResult {
    std::string action;  // Append | Replace | Delete | Information (as the registry echoes it)
    std::string kind;    // the artefact's class, e.g. Codelist, DataStructure
    std::string agency, id, version;
    std::string urn;     // when the registry referenced it by URN
    std::string status;  // Success | Warning | Failure
    std::string code;    // per artefact, often the HTTP code
    std::string text;    // the first message text

    bool succeeded() const { return status == "Success" || status == "Warning"; }
    // AGENCY:ID(VERSION), or the URN.
    std::string reference() const;
};

// Throws InputError (naming `source`) when `body` is not XML or holds no
// SubmitStructureResponse.
std::vector<ArtefactResult> parse_submit_structure_response(std::string_view body, const std::string& source);

// True when the body looks like a RegistryInterface message at all.
bool looks_like_registry_message(std::string_view body);

}  // namespace csdmx::registry
