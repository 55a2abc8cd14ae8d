#include "registry/json_answers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/diagnostic.h"
#include "package/json_text.h"
#include "registry/answers.h"

namespace csdmx::registry {

namespace {

// Load statuses during an FMR check, and those that end it without a report.
constexpr std::array<std::string_view, 4> kFmrWorking = {"Initialising", "Analysing", "Validating", "Consolidating"};
constexpr std::array<std::string_view, 4> kFmrFailed = {"IncorrectDSD", "InvalidRef", "MissingDSD", "Error"};
// A token life beyond a year is treated as a year: the arithmetic on it stays in range.
constexpr long long kLongestTokenLifeSeconds = 365LL * 24 * 3600;

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Every "Message" (or "ErrorMessage") string under a validation report, in order.
// Recursion is bounded: read_json_answer() refuses nesting beyond the limit.
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

const nlohmann::json* member(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

}  // namespace

nlohmann::json read_json_answer(std::string_view body) {
    Diagnostics problems;
    package::check_json_text(body, "answer", problems);
    if (problems.error_count() > 0) return nlohmann::json::object();
    nlohmann::json parsed = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? nlohmann::json::object() : parsed;
}

std::string json_string(const nlohmann::json& object, const char* key) {
    const nlohmann::json* value = member(object, key);
    return value != nullptr && value->is_string() ? value->get<std::string>() : "";
}

std::optional<std::string> fmr_upload_uid(const nlohmann::json& answer) {
    std::string uid = json_string(answer, "uid");
    if (uid.empty()) return std::nullopt;
    return uid;
}

bool fmr_check_ended(const nlohmann::json& status) {
    const std::string state = json_string(status, "Status");
    return !state.empty() && !listed(kFmrWorking, state);
}

void judge_fmr_validation(const nlohmann::json& status, FilePush& result) {
    const std::string state = json_string(status, "Status");
    if (listed(kFmrFailed, state) || state != "Complete") {
        result.outcome = PushOutcome::rejected;
        const std::string reason = json_string(status, "Error");
        result.message = state.empty() ? "FMR's load status gave no Status: the check is not confirmed"
                                       : "FMR could not check the data: " + state +
                                             (reason.empty() ? "" : ": " + first_line(reason));
        return;
    }
    bool errors = false;
    std::vector<std::string> messages;
    const nlohmann::json* datasets = member(status, "Datasets");
    if (datasets != nullptr && datasets->is_array()) {
        for (const auto& dataset : *datasets) {
            if (!dataset.is_object()) continue;
            const nlohmann::json* flag = member(dataset, "Errors");
            if (flag != nullptr &&
                ((flag->is_boolean() && flag->get<bool>()) || (flag->is_number() && flag->get<double>() > 0))) {
                errors = true;
            }
            if (const nlohmann::json* report = member(dataset, "ValidationReport")) collect_messages(*report, messages);
        }
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

// "requestId" when given, else the number after "ID" in the message
// ("Successfully registered request with ID: 5").
std::optional<std::string> dotstat_request_id(const nlohmann::json& answer) {
    if (const nlohmann::json* id = member(answer, "requestId")) {
        if (id->is_number_integer()) return id->dump();
        if (id->is_string() && !id->get<std::string>().empty()) return id->get<std::string>();
    }
    const std::string message = json_string(answer, "message");
    const auto at = message.rfind("ID");
    if (at == std::string::npos) return std::nullopt;
    const auto digits = message.find_first_of("0123456789", at);
    if (digits == std::string::npos) return std::nullopt;
    return message.substr(digits, message.find_first_not_of("0123456789", digits) - digits);
}

bool dotstat_request_ended(const nlohmann::json& status) {
    const std::string state = json_string(status, "executionStatus");
    return state == "Completed" || state == "TimedOut" || state == "Canceled";
}

void judge_dotstat_import(const nlohmann::json& status, const std::string& id, FilePush& result) {
    const std::string state = json_string(status, "executionStatus");
    const std::string outcome = json_string(status, "outcome");
    std::string first_error;
    std::string last_message;
    const nlohmann::json* logs = member(status, "logs");
    if (logs != nullptr && logs->is_array()) {
        for (const auto& log : *logs) {
            const std::string message = json_string(log, "message");
            if (json_string(log, "logLevel") == "Error" && first_error.empty()) first_error = message;
            if (!message.empty()) last_message = message;
        }
    }
    if (first_error.empty()) first_error = last_message;
    if (state == "Completed" && (outcome == "Success" || outcome == "Warning")) {
        result.outcome = PushOutcome::accepted;
        result.message = "transfer request " + id + " completed: " + outcome;
    } else {
        result.outcome = PushOutcome::rejected;
        result.message = "transfer request " + id + " " + state + (outcome.empty() ? "" : ": " + outcome) +
                         (first_error.empty() ? "" : ": " + first_line(first_error));
    }
}

TokenAnswer read_token_answer(int http_status, std::string_view body) {
    const nlohmann::json token = read_json_answer(body);
    TokenAnswer answer;
    const std::string access = json_string(token, "access_token");
    if (http_status != 200 || access.empty()) {
        answer.refusal = json_string(token, "error_description");
        if (answer.refusal.empty()) answer.refusal = json_string(token, "error");
        return answer;
    }
    answer.access_token = access;
    answer.refresh_token = json_string(token, "refresh_token");
    if (const nlohmann::json* life = member(token, "expires_in"); life != nullptr && life->is_number()) {
        // A double may be NaN-free here (JSON has none) but out of long long's range.
        const double seconds = std::clamp(life->get<double>(), 0.0, static_cast<double>(kLongestTokenLifeSeconds));
        answer.lifetime = std::chrono::seconds(static_cast<long long>(seconds));
    }
    return answer;
}

}  // namespace csdmx::registry
