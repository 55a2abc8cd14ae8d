// What a registry says about each submitted artefact. Two answer forms exist:
//  - the SubmitStructureResponse of the SDMX RegistryInterface message (SDMX-ML
//    2.1 registry schema: a Ref per artefact; SDMX-ML 3.0: the artefact's URN as
//    the text of MaintainableObject), returned by SDMX REST v2 servers and FMR;
//  - an SDMX-ML Error message with one ErrorMessage code per artefact (201
//    created, 200 updated, 4xx/5xx failed), which .Stat Suite's NSI web service
//    returns for a structure submission even on HTTP 200 (pysdmx PR #634,
//    commit 4d691823, tested against the SIS-CC demo).
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

// The ErrorMessage entries of an SDMX-ML Error message (2.1 or 3.0), one result
// per message text: code 200 and 201 are successes, any other code a failure.
// Empty when the body is not such a message (never throws).
std::vector<ArtefactResult> parse_error_message(std::string_view body);

// True when the body looks like a RegistryInterface message at all.
bool looks_like_registry_message(std::string_view body);
// True when the body looks like an SDMX-ML Error message.
bool looks_like_error_message(std::string_view body);

// Splits urn:sdmx:org.sdmx.infomodel.PACKAGE.CLASS=AGENCY:ID(VERSION) into the
// result's kind, agency, id and version (left empty when it is not such a URN).
void read_urn(const std::string& urn, ArtefactResult& result);

}  // namespace csdmx::registry
