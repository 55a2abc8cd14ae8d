#include "registry/answers.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include "core/diagnostic.h"

namespace csdmx::registry {

namespace {

std::string status_text(const HttpResponse& response) {
    return "HTTP " + std::to_string(response.status) + (response.reason.empty() ? "" : " " + response.reason);
}

// The first failing artefact's text, else the registry's own error text (an SDMX
// Error message's ErrorMessage), else the answer's first line.
std::string failure_detail(const FilePush& result) {
    for (const auto& artefact : result.artefacts) {
        if (artefact.succeeded()) continue;
        const std::string reference = artefact.reference();
        return (reference.empty() ? "" : reference + ": ") + first_line(artefact.text);
    }
    for (const auto& error : parse_error_message(result.answer)) {
        if (!error.text.empty()) return first_line(error.text);
    }
    return first_line(result.answer);
}

}  // namespace

std::string first_line(const std::string& text, std::size_t limit) {
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return "";
    std::string line = text.substr(start, text.find_first_of("\r\n", start) - start);
    if (line.size() > limit) line = line.substr(0, limit) + "...";
    return line;
}

bool judge_http_failure(const HttpResponse& response, FilePush& result) {
    result.http_status = response.status;
    result.answer = response.body.substr(0, kAnswerBytesKept);
    result.artefacts.clear();
    if (looks_like_registry_message(response.body)) {
        try {
            result.artefacts = parse_submit_structure_response(response.body, "the registry's answer");
        } catch (const InputError&) {
            result.artefacts.clear();  // judged below on the HTTP status alone
        }
    } else if (looks_like_error_message(response.body)) {
        // .Stat Suite's NSI web service: an Error message with a code per artefact.
        result.artefacts = parse_error_message(response.body);
    }
    if (response.status == 401 || response.status == 403) {
        result.outcome = PushOutcome::rejected;
        result.message = status_text(response) + ": the registry refused the credentials";
        return true;
    }
    if (response.status >= 400) {
        result.outcome = PushOutcome::rejected;
        const std::string detail = failure_detail(result);
        result.message = status_text(response) + (detail.empty() ? "" : ": " + detail);
        return true;
    }
    if (response.status < 200 || response.status >= 300) {
        result.outcome = PushOutcome::rejected;
        result.message = status_text(response) + ": not an answer a submission expects";
        return true;
    }
    return false;
}

void judge_structure_answer(const HttpResponse& response, FilePush& result, std::size_t submitted) {
    if (judge_http_failure(response, result)) return;
    if (result.artefacts.empty()) {
        result.outcome = PushOutcome::rejected;
        result.message = status_text(response) +
                         " but neither a SubmitStructureResponse nor an Error message with per-artefact codes could be "
                         "read: the submission is not confirmed";
        return;
    }
    const auto succeeded = static_cast<std::size_t>(
        std::count_if(result.artefacts.begin(), result.artefacts.end(), [](const auto& a) { return a.succeeded(); }));
    const std::size_t answered = result.artefacts.size();
    // Every artefact sent must be confirmed: an answer about fewer is not success.
    const std::size_t total = std::max(answered, submitted);
    if (succeeded == total && response.status != 207) {
        result.outcome = PushOutcome::accepted;
        result.message = status_text(response) + ": " + std::to_string(total) + " artefact(s) accepted";
    } else if (succeeded == answered && answered < submitted && response.status != 207) {
        result.outcome = PushOutcome::partial;
        result.message = status_text(response) + ": " + std::to_string(submitted) + " artefact(s) sent, " +
                         std::to_string(succeeded) + " confirmed; the registry said nothing of the others";
    } else {
        result.outcome = succeeded > 0 ? PushOutcome::partial : PushOutcome::rejected;
        result.message = status_text(response) + ": " + std::to_string(succeeded) + " of " + std::to_string(total) +
                         " artefact(s) accepted; " + failure_detail(result);
    }
}

MultipartForm::MultipartForm() {
    unsigned char random[12];
    RAND_bytes(random, sizeof random);
    static const char* digits = "0123456789abcdef";
    boundary_ = "citizen-sdmx-";
    for (unsigned char byte : random) {
        boundary_ += digits[byte >> 4U];
        boundary_ += digits[byte & 15U];
    }
}

void MultipartForm::field(const std::string& name, const std::string& value) {
    fields_ += "--" + boundary_ + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

void MultipartForm::attach(HttpRequest& request, const std::string& name, const std::filesystem::path& file,
                           const std::string& content_type) const {
    std::string quoted_name = file.filename().string();
    std::replace(quoted_name.begin(), quoted_name.end(), '"', '_');
    request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary_);
    request.body_prefix = fields_ + "--" + boundary_ + "\r\nContent-Disposition: form-data; name=\"" + name +
                          "\"; filename=\"" + quoted_name + "\"\r\nContent-Type: " + content_type + "\r\n\r\n";
    request.body_file = file;
    request.body_suffix = "\r\n--" + boundary_ + "--\r\n";
}

void MultipartForm::attach_fields(HttpRequest& request) const {
    request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary_);
    request.body_prefix = fields_ + "--" + boundary_ + "--\r\n";
}

bool poll_until(const PushOptions& options, const std::function<bool()>& finished) {
    const auto deadline = std::chrono::steady_clock::now() + options.poll_timeout;
    while (!finished()) {
        if (std::chrono::steady_clock::now() + options.poll_interval > deadline) return false;
        std::this_thread::sleep_for(options.poll_interval);
    }
    return true;
}

std::pair<std::string, std::string> authorization_header(const Credentials& credentials, bool bearer) {
    if (bearer) return {"Authorization", "Bearer " + credentials.token};
    return {"Authorization", basic_authorization(credentials.user, credentials.password)};
}

}  // namespace csdmx::registry
