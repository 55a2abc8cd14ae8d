// .Stat Suite: structures to the NSI web service (POST {nsi}/rest/structure) with
// a Bearer token, answered by an SDMX-ML Error message with a code per artefact
// (201 created, 200 updated; failures as 4xx/5xx codes in the body of an HTTP
// 200), or by a SubmitStructureResponse: both are read (pysdmx PR #634, commit
// 4d691823). Data go through the transfer service, whose import is asynchronous:
// POST {transfer}/{version}/import/sdmxFile (multipart: the dataspace and the
// file, whose part declares a plain text/xml or text/csv type from the service's
// whitelist: pysdmx commit 72ee95ba) registers a request and returns its ID, then
// {version}/status/request is polled until executionStatus is Completed, TimedOut
// or Canceled; the verdict is the answer's `outcome` (Success, Warning, Error),
// as pysdmx's status parser and FAO's statsuite_lib read it.
#include <functional>
#include <nlohmann/json.hpp>

#include "registry/answers.h"
#include "registry/api_kinds.h"
#include "registry/bearer_token.h"
#include "registry/json_answers.h"

namespace csdmx::registry {

namespace {

// The transfer service versions its routes ({transfer}/3/import/sdmxFile): the
// version is appended unless the URL already ends with a version segment.
Url versioned_transfer(const Url& transfer, const std::string& version) {
    std::string path = transfer.target.substr(0, transfer.target.find('?'));
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    const std::string last = path.substr(path.rfind('/') + 1);
    const bool versioned = !last.empty() && last.find_first_not_of("0123456789.") == std::string::npos;
    return versioned ? transfer : transfer.with_path(version);
}

// The file part's type: the transfer service whitelists plain types and detects
// the SDMX format from the bytes (pysdmx commit 72ee95ba).
std::string file_part_type(const SubmittedFile& file) {
    if (file.content_type.find("csv") != std::string::npos) return "text/csv";
    if (file.content_type.find("json") != std::string::npos) return "application/json";
    return "text/xml";
}

class DotStatApi final : public RegistryApi {
public:
    DotStatApi(const PushOptions& options, const Credentials& credentials, const HttpClient& client,
               std::optional<TokenEndpoint> endpoint)
        : options_(options),
          client_(client),
          token_(endpoint ? BearerToken(std::move(*endpoint), client) : BearerToken(credentials.token)) {
        if (options.transfer) transfer_ = versioned_transfer(*options.transfer, options.transfer_version);
    }

    std::string describe(const SubmittedFile& file) const override {
        return file.structure ? "POST " + structure_url().text()
                              : "POST " + transfer_.with_path("import/sdmxFile").text() + " (dataspace " +
                                    options_.dataspace + ")";
    }

    void push(const SubmittedFile& file, FilePush& result) const override {
        try {
            if (file.structure) {
                result.request = "POST " + structure_url().text();
                const HttpResponse answer = send(structure_url(), [&](HttpRequest& request) {
                    request.headers.emplace_back("Content-Type", file.content_type);
                    request.headers.emplace_back("Accept", "application/xml");
                    request.body_file = file.path;
                });
                judge_structure_answer(answer, result, file.artefacts.size());
            } else {
                import_data(file, result);
            }
        } catch (const UnreachableError&) {
            throw;
        } catch (const std::runtime_error& error) {  // a token the identity provider refused, an unreadable file
            result.outcome = PushOutcome::rejected;
            result.message = error.what();
        }
    }

private:
    Url structure_url() const { return options_.registry.with_path("rest/structure"); }

    // Sends an authorised POST built by `build`; on a 401 with a token from the
    // identity provider, renews the token and sends once more.
    HttpResponse send(const Url& url, const std::function<void(HttpRequest&)>& build) const {
        for (int attempt = 0;; ++attempt) {
            HttpRequest request;
            request.method = "POST";
            request.headers.emplace_back("Authorization", token_.authorization());
            build(request);
            HttpResponse answer = client_.send(url, request);
            if (answer.status != 401 || attempt > 0 || !token_.renew()) return answer;
        }
    }

    void import_data(const SubmittedFile& file, FilePush& result) const {
        MultipartForm form;
        form.field("dataspace", options_.dataspace);
        const Url import_url = transfer_.with_path("import/sdmxFile");
        result.request = "POST " + import_url.text();
        const HttpResponse registered = send(import_url, [&](HttpRequest& request) {
            request.headers.emplace_back("Accept", "application/json");
            form.attach(request, "file", file.path, file_part_type(file));
        });
        if (judge_http_failure(registered, result)) return;
        const std::optional<std::string> id = dotstat_request_id(read_json_answer(registered.body));
        if (!id) {
            result.outcome = PushOutcome::rejected;
            result.message = "the transfer service answered without a request ID: the import is not confirmed";
            return;
        }
        nlohmann::json status;
        const Url status_url = transfer_.with_path("status/request");
        MultipartForm fields;
        fields.field("dataspace", options_.dataspace);
        fields.field("id", *id);
        const bool ended = poll_until(options_, [&]() {
            const HttpResponse answer = send(status_url, [&](HttpRequest& request) {
                request.headers.emplace_back("Accept", "application/json");
                fields.attach_fields(request);
            });
            if (judge_http_failure(answer, result)) return true;
            result.answer = answer.body.substr(0, kAnswerBytesKept);
            status = read_json_answer(answer.body);
            return dotstat_request_ended(status);
        });
        if (result.outcome == PushOutcome::rejected) return;
        if (!ended) {
            result.outcome = PushOutcome::unreachable;
            result.message = "transfer request " + *id + " did not end within " +
                             std::to_string(options_.poll_timeout.count() / 1000) + " s";
            return;
        }
        judge_dotstat_import(status, *id, result);
    }

    PushOptions options_;
    const HttpClient& client_;
    mutable BearerToken token_;
    Url transfer_;
};

}  // namespace

std::unique_ptr<RegistryApi> make_dotstat_api(const PushOptions& options, const Credentials& credentials,
                                              const HttpClient& client, bool has_data, bool check) {
    if (check && has_data && !options.transfer) {
        throw std::invalid_argument(
            ".Stat Suite loads data through its transfer service: give its URL with --transfer");
    }
    if (check && has_data && options.dataspace.empty()) {
        throw std::invalid_argument(".Stat Suite loads data into a dataspace: name it with --dataspace");
    }
    std::optional<TokenEndpoint> endpoint;
    if (options.token_url) {
        try {
            endpoint = find_token_endpoint(*options.token_url);
        } catch (const std::invalid_argument&) {
            if (check) throw;
        }
    } else if (!credentials.has_token() && check) {
        throw std::invalid_argument(
            ".Stat Suite needs a Bearer token: set CSDMX_REGISTRY_TOKEN, put it as the password of a 'machine " +
            options.registry.host +
            "' entry in your netrc file, or get it from the identity provider with --token-url");
    }
    return std::make_unique<DotStatApi>(options, credentials, client, std::move(endpoint));
}

}  // namespace csdmx::registry
