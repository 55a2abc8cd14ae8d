// One registry interface (SDMX REST v2, FMR, .Stat Suite) behind one C++ interface.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "registry/push.h"
#include "registry/structure_artefacts.h"
#include "sdmx/ml_version.h"

namespace csdmx::registry {

struct SubmittedFile {
    std::filesystem::path path;
    bool structure = false;                    // a structure message; otherwise data
    std::string content_type;                  // the SDMX media type of the file
    std::vector<StructureArtefact> artefacts;  // of a structure message, read once
};

class RegistryApi {
public:
    virtual ~RegistryApi() = default;
    // "METHOD URL" of the request a push of this file starts with.
    virtual std::string describe(const SubmittedFile& file) const = 0;
    // Sends the file and fills `result` (status, outcome, message, artefacts).
    // Throws UnreachableError when the registry cannot be reached.
    virtual void push(const SubmittedFile& file, FilePush& result) const = 0;
};

// Throws std::invalid_argument when the options or credentials do not fit the
// API and the files (checked before anything is sent). With `check` false (a dry
// run showing its plan beside the refusal), only unusable options throw.
std::unique_ptr<RegistryApi> make_registry_api(const PushOptions& options, const Credentials& credentials,
                                               const HttpClient& client, bool has_data, bool check = true);

}  // namespace csdmx::registry
