// .Stat Suite: structures to the NSI web service (POST {nsi}/rest/structure) with
// a Bearer token, answered by a SubmitStructureResponse; data through the transfer
// service, whose import is asynchronous: POST import/sdmxFile (multipart: the
// dataspace and the file) registers a request and returns its ID, then
// status/request is polled until the request is Completed (with an outcome),
// TimedOut or Canceled.
#include <nlohmann/json.hpp>

#include "registry/answers.h"
#include "registry/api_kinds.h"

namespace csdmx::registry {

namespace {

// The transfer request ID: "requestId" when given, else the number after "ID"
// in the message ("Successfully registered request with ID: 5").
std::optional<std::string> request_id(const nlohmann::json& answer) {
    if (answer.contains("requestId")) {
        const auto& id = answer["requestId"];
        if (id.is_number_integer()) return std::to_string(id.get<long long>());
        if (id.is_string()) return id.get<std::string>();
    }
    if (answer.contains("message") && answer["message"].is_string()) {
        const std::string message = answer["message"].get<std::string>();
        const auto at = message.rfind("ID");
        if (at == std::string::npos) return std::nullopt;
        const auto digits = message.find_first_of("0123456789", at);
        if (digits == std::string::npos) return std::nullopt;
        return message.substr(digits, message.find_first_not_of("0123456789", digits) - digits);
    }
    return std::nullopt;
}

std::string text_of(const nlohmann::json& object, const char* key) {
    return object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : "";
}

class DotStatApi final : public RegistryApi {
public:
    DotStatApi(const PushOptions& options, const Credentials& credentials, const HttpClient& client)
        : options_(options), credentials_(credentials), client_(client) {
        if (options.transfer) {
            transfer_ = *options.transfer;
            if (transfer_.target == "/") transfer_.target = "/1.2";  // the documented API version
        }
    }

    std::string describe(const SubmittedFile& file) const override {
        return file.structure ? "POST " + structure_url().text()
                              : "POST " + transfer_.with_path("import/sdmxFile").text() + " (dataspace " +
                                    options_.dataspace + ")";
    }

    void push(const SubmittedFile& file, FilePush& result) const override {
        if (file.structure) {
            HttpRequest request = authorised();
            request.headers.emplace_back("Content-Type", file.content_type);
            request.headers.emplace_back("Accept", "application/xml");
            request.body_file = file.path;
            result.request = "POST " + structure_url().text();
            judge_structure_answer(client_.send(structure_url(), request), result);
        } else {
            import_data(file, result);
        }
    }

private:
    Url structure_url() const { return options_.registry.with_path("rest/structure"); }

    HttpRequest authorised() const {
        HttpRequest request;
        request.method = "POST";
        request.headers.push_back(authorization_header(credentials_, true));
        request.headers.emplace_back("Accept", "application/json");
        return request;
    }

    void import_data(const SubmittedFile& file, FilePush& result) const {
        HttpRequest request = authorised();
        MultipartForm form;
        form.field("dataspace", options_.dataspace);
        form.attach(request, "file", file.path, file.content_type);
        const Url import_url = transfer_.with_path("import/sdmxFile");
        result.request = "POST " + import_url.text();
        const HttpResponse registered = client_.send(import_url, request);
        if (judge_http_failure(registered, result)) return;
        std::optional<std::string> id;
        try {
            id = request_id(nlohmann::json::parse(registered.body));
        } catch (const nlohmann::json::exception&) {
        }
        if (!id) {
            result.outcome = PushOutcome::rejected;
            result.message = "the transfer service answered without a request ID: the import is not confirmed";
            return;
        }
        nlohmann::json status;
        const Url status_url = transfer_.with_path("status/request");
        const bool ended = poll_until(options_, [&]() {
            HttpRequest poll = authorised();
            MultipartForm fields;
            fields.field("dataspace", options_.dataspace);
            fields.field("id", *id);
            fields.attach_fields(poll);
            const HttpResponse answer = client_.send(status_url, poll);
            if (judge_http_failure(answer, result)) return true;
            result.answer = answer.body.substr(0, kAnswerBytesKept);
            try {
                status = nlohmann::json::parse(answer.body);
            } catch (const nlohmann::json::exception&) {
                status = nlohmann::json::object();
            }
            const std::string state = text_of(status, "executionStatus");
            return state == "Completed" || state == "TimedOut" || state == "Canceled";
        });
        if (result.outcome == PushOutcome::rejected) return;
        if (!ended) {
            result.outcome = PushOutcome::unreachable;
            result.message = "transfer request " + *id + " did not end within " +
                             std::to_string(options_.poll_timeout.count() / 1000) + " s";
            return;
        }
        judge_import(status, *id, result);
    }

    static void judge_import(const nlohmann::json& status, const std::string& id, FilePush& result) {
        const std::string state = text_of(status, "executionStatus");
        const std::string outcome = text_of(status, "executionOutcome");
        std::string first_error;
        if (status.contains("logs") && status["logs"].is_array()) {
            for (const auto& log : status["logs"]) {
                if (log.is_object() && text_of(log, "logLevel") == "Error" && first_error.empty()) {
                    first_error = text_of(log, "message");
                }
            }
        }
        if (state == "Completed" && (outcome == "Success" || outcome == "Warning")) {
            result.outcome = PushOutcome::accepted;
            result.message = "transfer request " + id + " completed: " + outcome;
        } else {
            result.outcome = PushOutcome::rejected;
            result.message = "transfer request " + id + " " + state + (outcome.empty() ? "" : ": " + outcome) +
                             (first_error.empty() ? "" : ": " + first_line(first_error));
        }
    }

    PushOptions options_;
    Credentials credentials_;
    const HttpClient& client_;
    Url transfer_;
};

}  // namespace

std::unique_ptr<RegistryApi> make_dotstat_api(const PushOptions& options, const Credentials& credentials,
                                              const HttpClient& client, bool has_data) {
    if (has_data && !options.transfer) {
        throw std::invalid_argument(
            ".Stat Suite loads data through its transfer service: give its URL with --transfer");
    }
    if (has_data && options.dataspace.empty()) {
        throw std::invalid_argument(".Stat Suite loads data into a dataspace: name it with --dataspace");
    }
    if (!credentials.has_token() && !options.dry_run) {
        throw std::invalid_argument(
            ".Stat Suite needs a Bearer token: set CSDMX_REGISTRY_TOKEN, or put it as the password of a 'machine " +
            options.registry.host + "' entry in your netrc file");
    }
    return std::make_unique<DotStatApi>(options, credentials, client);
}

}  // namespace csdmx::registry
