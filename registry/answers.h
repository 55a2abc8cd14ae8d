// Reading registries' answers and building their requests: what the three
// registry APIs share.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "registry/http_client.h"
#include "registry/push.h"
#include "registry/registry_api.h"

namespace csdmx::registry {

// How much of a registry's answer is kept for the report and the ledger.
constexpr std::size_t kAnswerBytesKept = std::size_t{64} * 1024;

// Judges an answer to a structure submission (a SubmitStructureResponse, or the
// NSI web service's Error message, per artefact): accepted only when the status
// is 2xx (not 207), every artefact succeeded and at least `submitted` artefacts
// were confirmed; an answer that cannot be read is never taken as success.
void judge_structure_answer(const HttpResponse& response, FilePush& result, std::size_t submitted);

// Records the status and answer, and judges answers that are failures whatever
// the API: 401/403 (credentials), other 4xx and 5xx, with the registry's own error
// text (SDMX Error/ErrorMessage) when it gave one. Returns true when it judged.
bool judge_http_failure(const HttpResponse& response, FilePush& result);

// A multipart/form-data body around one file, streamed from disk.
class MultipartForm {
public:
    MultipartForm();
    void field(const std::string& name, const std::string& value);
    // Sets the request's body and Content-Type; the file goes last.
    void attach(HttpRequest& request, const std::string& name, const std::filesystem::path& file,
                const std::string& content_type) const;
    // The request's body and Content-Type with only the fields.
    void attach_fields(HttpRequest& request) const;

private:
    std::string boundary_;
    std::string fields_;
};

// "Authorization" header for the credentials: Basic when a user is set, else Bearer.
std::pair<std::string, std::string> authorization_header(const Credentials& credentials, bool bearer);

// Calls `finished` every poll_interval until it returns true (then true) or
// poll_timeout has passed (then false).
bool poll_until(const PushOptions& options, const std::function<bool()>& finished);

// The first line of a text, at most `limit` characters: for one-line messages.
std::string first_line(const std::string& text, std::size_t limit = 200);

}  // namespace csdmx::registry
