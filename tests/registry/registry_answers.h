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

}  // namespace csdmx::test
