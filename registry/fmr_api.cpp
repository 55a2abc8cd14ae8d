// The Fusion Metadata Registry (FMR): structures through its secure SDMX REST
// submission endpoint with HTTP Basic auth and the ACTION header, REPLACE unless
// told otherwise (FMR's default and pysdmx's StructureAction default), the body
// sent as application/xml (FMR wiki, "Structural Metadata Import Web Service");
// data checked (not stored: FMR keeps no data) by its data validation service,
// an upload (multipart uploadFile; SDMX-CSV with the Data-Format header of the
// wiki's CSV page) that returns a uid followed by load-status polls until the
// check ends (wiki, "Asynchronous Data Validation and Transformation").
#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/ascii.h"
#include "registry/answers.h"
#include "registry/api_kinds.h"
#include "registry/json_answers.h"

namespace csdmx::registry {

namespace {

constexpr std::array<std::string_view, 5> kActions = {"APPEND", "REPLACE", "MERGE", "FULLREPLACE", "DELETE"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

class FmrApi final : public RegistryApi {
public:
    FmrApi(const PushOptions& options, const Credentials& credentials, const HttpClient& client)
        : options_(options), credentials_(credentials), client_(client) {
        action_ = options.action.empty() ? "REPLACE" : ascii_upper(options.action);
        if (!contains(kActions, action_)) {
            throw std::invalid_argument("--action for fmr is APPEND, REPLACE, MERGE, FULLREPLACE or DELETE, not '" +
                                        options.action + "'");
        }
    }

    std::string describe(const SubmittedFile& file) const override {
        return file.structure ? "POST " + structure_url().text() + " (ACTION: " + action_ + ")"
                              : "POST " + options_.registry.with_path("ws/public/data/load").text();
    }

    void push(const SubmittedFile& file, FilePush& result) const override {
        if (file.structure) {
            push_structure(file, result);
        } else {
            validate_data(file, result);
        }
    }

private:
    Url structure_url() const { return options_.registry.with_path("ws/secure/sdmxapi/rest"); }

    HttpRequest authorised(const std::string& method) const {
        HttpRequest request;
        request.method = method;
        request.headers.push_back(authorization_header(credentials_, false));
        return request;
    }

    void push_structure(const SubmittedFile& file, FilePush& result) const {
        HttpRequest request = authorised("POST");
        request.headers.emplace_back("ACTION", action_);
        request.headers.emplace_back("Content-Type", "application/xml");
        request.headers.emplace_back("Accept", "application/xml");
        request.body_file = file.path;
        result.request = "POST " + structure_url().text();
        judge_structure_answer(client_.send(structure_url(), request), result, file.artefacts.size());
    }

    void validate_data(const SubmittedFile& file, FilePush& result) const {
        HttpRequest upload = authorised("POST");
        upload.headers.emplace_back("Accept", "application/json");
        if (file.content_type.find("csv") != std::string::npos) {
            upload.headers.emplace_back("Data-Format", "csv;delimiter=comma");
        }
        MultipartForm form;
        form.attach(upload, "uploadFile", file.path, file.content_type);
        const Url load_url = options_.registry.with_path("ws/public/data/load");
        result.request = "POST " + load_url.text();
        const HttpResponse loaded = client_.send(load_url, upload);
        if (judge_http_failure(loaded, result)) return;
        const std::optional<std::string> uploaded = fmr_upload_uid(read_json_answer(loaded.body));
        if (!uploaded) {
            result.outcome = PushOutcome::rejected;
            result.message = "the data validation service answered without a uid: the check did not start";
            return;
        }
        const std::string& uid = *uploaded;
        nlohmann::json status;
        const Url status_url = options_.registry.with_path("ws/public/data/loadStatus?uid=" + percent_encode(uid));
        const bool ended = poll_until(options_, [&]() {
            const HttpResponse answer = client_.send(status_url, authorised("GET"));
            if (judge_http_failure(answer, result)) return true;
            status = read_json_answer(answer.body);
            result.answer = answer.body.substr(0, kAnswerBytesKept);
            return fmr_check_ended(status);
        });
        if (result.outcome == PushOutcome::rejected) return;
        if (!ended) {
            result.outcome = PushOutcome::unreachable;
            result.message = "FMR's data validation of uid " + uid + " did not end within " +
                             std::to_string(options_.poll_timeout.count() / 1000) + " s";
            return;
        }
        judge_fmr_validation(status, result);
    }

    PushOptions options_;
    Credentials credentials_;
    const HttpClient& client_;
    std::string action_;
};

}  // namespace

std::unique_ptr<RegistryApi> make_fmr_api(const PushOptions& options, const Credentials& credentials,
                                          const HttpClient& client, bool /*has_data*/, bool check) {
    if (!credentials.has_basic() && check) {
        throw std::invalid_argument(
            "FMR needs a user and password: set CSDMX_REGISTRY_USER and CSDMX_REGISTRY_PASSWORD, or add a 'machine " +
            options.registry.host + "' entry to your netrc file");
    }
    return std::make_unique<FmrApi>(options, credentials, client);
}

}  // namespace csdmx::registry
