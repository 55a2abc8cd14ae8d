// SDMX REST v2 structure maintenance (../shared/sdmx/specs/rest/v2/maintenance.md):
// POST /structure for any set of artefacts, PUT /structure/{type}/{agency}/{id}/{version}
// to replace one, DELETE on the same path to remove one, referencing artefacts
// before those they reference (a conforming server answers 409 otherwise). The
// types are v2's (structures.md: ContentConstraint is a dataconstraint). The
// standard defines no data submission (its OpenAPI has GET only for data), so
// only structure messages are pushed.
#include "core/ascii.h"
#include "registry/answers.h"
#include "registry/api_kinds.h"

namespace csdmx::registry {

namespace {

constexpr const char* kAccept = "application/vnd.sdmx.registry+xml, application/xml;q=0.9";

class SdmxRestV2Api final : public RegistryApi {
public:
    SdmxRestV2Api(const PushOptions& options, const Credentials& credentials, const HttpClient& client)
        : options_(options), credentials_(credentials), client_(client) {
        action_ = options.action.empty() ? "append" : ascii_lower(options.action);
        if (action_ != "append" && action_ != "replace" && action_ != "delete") {
            throw std::invalid_argument("--action for sdmx-rest-v2 is append, replace or delete, not '" +
                                        options.action + "'");
        }
    }

    std::string describe(const SubmittedFile& file) const override {
        if (!file.structure) return "not sent: the SDMX REST v2 API defines no data submission";
        const auto& artefacts = file.artefacts;
        if (action_ == "delete") {
            const auto ordered = deletion_order(artefacts);
            return "DELETE " +
                   (ordered.empty() ? options_.registry.text()
                                    : options_.registry.with_path(ordered.front().rest_path()).text()) +
                   (ordered.size() > 1 ? " (and " + std::to_string(ordered.size() - 1) + " more)" : "");
        }
        if (action_ == "replace" && artefacts.size() == 1) {
            return "PUT " + options_.registry.with_path(artefacts.front().rest_path()).text();
        }
        return "POST " + options_.registry.with_path("structure").text();
    }

    void push(const SubmittedFile& file, FilePush& result) const override {
        const auto& artefacts = file.artefacts;
        if (action_ == "delete") {
            delete_each(deletion_order(artefacts), result);
            return;
        }
        HttpRequest request = base_request();
        const bool single = action_ == "replace" && artefacts.size() == 1;
        request.method = single ? "PUT" : "POST";
        request.headers.emplace_back("Content-Type", file.content_type);
        request.body_file = file.path;
        const Url url = options_.registry.with_path(single ? artefacts.front().rest_path() : "structure");
        result.request = request.method + " " + url.text();
        judge_structure_answer(client_.send(url, request), result, artefacts.size());
    }

private:
    HttpRequest base_request() const {
        HttpRequest request;
        request.headers.emplace_back("Accept", kAccept);
        if (credentials_.has_basic() || credentials_.has_token()) {
            request.headers.push_back(authorization_header(credentials_, !credentials_.has_basic()));
        }
        return request;
    }

    // DELETE addresses one artefact at a time; the file's verdict is the sum of theirs.
    void delete_each(const std::vector<StructureArtefact>& artefacts, FilePush& result) const {
        std::size_t accepted = 0;
        for (const auto& artefact : artefacts) {
            HttpRequest request = base_request();
            request.method = "DELETE";
            const Url url = options_.registry.with_path(artefact.rest_path());
            if (result.request.empty()) result.request = "DELETE " + url.text();
            FilePush one;
            judge_structure_answer(client_.send(url, request), one, 1);
            if (one.outcome == PushOutcome::accepted) ++accepted;
            result.http_status = one.http_status;
            result.answer += one.answer;
            if (one.artefacts.empty()) {
                ArtefactResult stand_in;
                stand_in.action = "Delete";
                stand_in.kind = artefact.element;
                stand_in.agency = artefact.agency;
                stand_in.id = artefact.id;
                stand_in.version = artefact.version;
                stand_in.status = "Failure";
                stand_in.code = std::to_string(one.http_status);
                stand_in.text = one.message;
                one.artefacts.push_back(stand_in);
            }
            result.artefacts.insert(result.artefacts.end(), one.artefacts.begin(), one.artefacts.end());
        }
        result.outcome = accepted == artefacts.size() ? PushOutcome::accepted
                         : accepted > 0               ? PushOutcome::partial
                                                      : PushOutcome::rejected;
        result.message = std::to_string(accepted) + " of " + std::to_string(artefacts.size()) + " artefact(s) deleted";
    }

    PushOptions options_;
    Credentials credentials_;
    const HttpClient& client_;
    std::string action_;
};

}  // namespace

std::unique_ptr<RegistryApi> make_sdmx_rest_v2_api(const PushOptions& options, const Credentials& credentials,
                                                   const HttpClient& client, bool has_data, bool check) {
    if (has_data && check) {
        throw std::invalid_argument(
            "the SDMX REST v2 API defines no data submission: push only structure messages with --api sdmx-rest-v2, "
            "or data with --api fmr or --api dotstat");
    }
    return std::make_unique<SdmxRestV2Api>(options, credentials, client);
}

}  // namespace csdmx::registry
