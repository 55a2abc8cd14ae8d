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

namespace csdmx::registry {

namespace {

constexpr std::array<std::string_view, 5> kActions = {"APPEND", "REPLACE", "MERGE", "FULLREPLACE", "DELETE"};
// Load statuses during a check, and those that end it without a report.
constexpr std::array<std::string_view, 4> kWorking = {"Initialising", "Analysing", "Validating", "Consolidating"};
constexpr std::array<std::string_view, 4> kFailed = {"IncorrectDSD", "InvalidRef", "MissingDSD", "Error"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Every "Message" (or "ErrorMessage") string under a validation report, in order.
void collect_messages(const nlohmann::json& node, std::vector<std::string>& messages) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if ((key == "Message" || key == "ErrorMessage") && value.is_string()) {
                messages.push_back(value.get<std::string>());
            } else {
                collect_messages(value, messages);
            }
        }
    } else if (node.is_array()) {
        for (const auto& item : node) collect_messages(item, messages);
    }
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
        std::string uid;
        try {
            uid = nlohmann::json::parse(loaded.body).at("uid").get<std::string>();
        } catch (const nlohmann::json::exception&) {
            result.outcome = PushOutcome::rejected;
            result.message = "the data validation service answered without a uid: the check did not start";
            return;
        }
        nlohmann::json status;
        const Url status_url = options_.registry.with_path("ws/public/data/loadStatus?uid=" + percent_encode(uid));
        const bool ended = poll_until(options_, [&]() {
            const HttpResponse answer = client_.send(status_url, authorised("GET"));
            if (judge_http_failure(answer, result)) return true;
            try {
                status = nlohmann::json::parse(answer.body);
            } catch (const nlohmann::json::exception&) {
                status = nlohmann::json::object();
            }
            result.answer = answer.body.substr(0, kAnswerBytesKept);
            const bool has_state = status.contains("Status") && status["Status"].is_string();
            return has_state && !contains(kWorking, status["Status"].get<std::string>());
        });
        if (result.outcome == PushOutcome::rejected) return;
        if (!ended) {
            result.outcome = PushOutcome::unreachable;
            result.message = "FMR's data validation of uid " + uid + " did not end within " +
                             std::to_string(options_.poll_timeout.count() / 1000) + " s";
            return;
        }
        judge_validation(status, result);
    }

    static void judge_validation(const nlohmann::json& status, FilePush& result) {
        const std::string state =
            status.contains("Status") && status["Status"].is_string() ? status["Status"].get<std::string>() : "";
        if (contains(kFailed, state) || state != "Complete") {
            result.outcome = PushOutcome::rejected;
            std::string reason;
            if (status.contains("Error") && status["Error"].is_string()) reason = status["Error"].get<std::string>();
            result.message =
                "FMR could not check the data: " + state + (reason.empty() ? "" : ": " + first_line(reason));
            return;
        }
        bool errors = false;
        std::vector<std::string> messages;
        const nlohmann::json datasets = status.contains("Datasets") ? status["Datasets"] : nlohmann::json::array();
        for (const auto& dataset : datasets) {
            if (!dataset.is_object()) continue;
            const nlohmann::json flag = dataset.contains("Errors") ? dataset["Errors"] : nlohmann::json(false);
            if ((flag.is_boolean() && flag.get<bool>()) || (flag.is_number() && flag.get<double>() > 0)) {
                errors = true;
            }
            if (dataset.contains("ValidationReport")) collect_messages(dataset["ValidationReport"], messages);
        }
        if (errors) {
            result.outcome = PushOutcome::rejected;
            result.message = "FMR found the data invalid (" + std::to_string(messages.size()) + " error(s))" +
                             (messages.empty() ? "" : ": " + first_line(messages.front()));
        } else {
            result.outcome = PushOutcome::accepted;
            result.message = "FMR's data validation found no errors";
        }
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
