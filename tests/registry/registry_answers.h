// Answers as the documented registry APIs give them, for the fake registry:
// RegistryInterface/SubmitStructureResponse messages (validated against the
// official 2.1 registry schema in the tests), FMR and .Stat Suite JSON.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace csdmx::test {

struct Verdict {
    std::string element;  // Codelist, DataStructure, ...
    std::string agency, id, version;
    std::string action = "Append";
    std::string status = "Success";  // Success | Warning | Failure
    std::string code = "201";
    std::string text = "Created";
};

// One verdict per maintainable artefact of a structure message, all alike.
std::vector<Verdict> verdicts_for(const std::filesystem::path& structure_file, const std::string& status,
                                  const std::string& code, const std::string& text);

// An SDMX-ML 2.1 RegistryInterface message with a SubmitStructureResponse.
std::string submit_structure_response(const std::vector<Verdict>& verdicts);

// The same in SDMX-ML 3.0: the artefact named by its URN, the text of
// MaintainableObject (3.0 SDMXRegistryStructure.xsd, MaintainableUrnReferenceType).
std::string submit_structure_response_30(const std::vector<Verdict>& verdicts);

// .Stat Suite's NSI web service answer to a structure submission: an SDMX-ML 2.1
// Error message with one ErrorMessage per artefact, its code 201 (created), 200
// (updated) or a 4xx/5xx failure, in the body of an HTTP 200 (pysdmx PR #634,
// commit 4d691823: tests/api/stat/test_upload.py bodies, recorded from the SIS-CC
// demo; ErrorType in SDMXMessage.xsd: one ErrorMessage per error).
std::string nsi_structure_answer(const std::vector<Verdict>& verdicts);

// An SDMX-ML 2.1 Error message with one coded text (what the NSI web service
// sends with HTTP 500 for a dangling reference, pysdmx PR #634 comment of
// 2026-08-03).
std::string sdmx_error(const std::string& code, const std::string& text);

}  // namespace csdmx::test
