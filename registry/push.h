// Pushing SDMX messages into an NSO's registry: structures first, then data, each
// file's answer read and judged. Three registry interfaces sit behind one
// interface (registry_api.h), as GDAL's drivers do:
//   sdmx-rest-v2  POST {registry}/structure (PUT for one artefact with --action replace,
//                 DELETE for --action delete); answers with a SubmitStructureResponse
//   fmr           Fusion Metadata Registry: POST {registry}/ws/secure/sdmxapi/rest with
//                 Basic auth and the ACTION header (REPLACE unless told); data checked by its data validation
//                 service (POST /ws/public/data/load, then GET /ws/public/data/loadStatus)
//   dotstat       .Stat Suite: structures POST {registry}/rest/structure with a Bearer
//                 token; data through the transfer service's asynchronous import
//                 (POST {transfer}/3/import/sdmxFile), polled until it ends
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "registry/credentials.h"
#include "registry/http_client.h"
#include "registry/submission_result.h"
#include "registry/url.h"

namespace csdmx::registry {

enum class ApiKind { sdmx_rest_v2, fmr, dotstat };
// Throws std::invalid_argument for an unknown name.
ApiKind parse_api_kind(const std::string& name);
const char* api_kind_name(ApiKind kind);

struct PushOptions {
    ApiKind api = ApiKind::sdmx_rest_v2;
    Url registry;
    std::string action;                  // per API: see docs/push.md; "" for the API's default
    std::optional<Url> transfer;         // .Stat Suite transfer service, for data
    std::optional<Url> token_url;        // .Stat Suite: OpenID Connect token endpoint (else a static token)
    std::string dataspace;               // .Stat Suite dataspace, for data
    std::string transfer_version = "3";  // .Stat Suite transfer API version (see docs/push.md)
    bool dry_run = false;                // say what would be sent; send nothing
    std::chrono::milliseconds poll_interval{2000};
    std::chrono::milliseconds poll_timeout{std::chrono::minutes(10)};
    HttpOptions http;
};

enum class PushOutcome {
    accepted,     // the registry confirmed every artefact / the data
    partial,      // some artefacts failed (207, or mixed statuses)
    rejected,     // refused: credentials, conflict, invalid, or an unreadable answer
    unreachable,  // no answer after every retry, or an untrusted TLS certificate
    not_sent,     // an earlier file failed, or a dry run
};
const char* push_outcome_name(PushOutcome outcome);

struct FilePush {
    std::filesystem::path file;
    std::string kind;     // "structure" or "data"
    std::string request;  // METHOD URL, for people and the ledger
    int http_status = 0;
    PushOutcome outcome = PushOutcome::not_sent;
    std::string message;  // the verdict in one line
    std::vector<ArtefactResult> artefacts;
    std::string answer;  // the registry's answer, as received (first 64 KiB)
};

struct PushReport {
    std::vector<FilePush> files;
    // A dry run that the real push would refuse (missing credentials, data for an
    // API without data submission): why, beside the plan. Empty otherwise.
    std::string refusal;
    bool all_accepted() const;
    bool any(PushOutcome outcome) const;
    std::string table() const;  // per file and per artefact, for people
    std::string json() const;
};

// Pushes structure messages first, then data messages (SDMX-ML or SDMX-CSV), in
// the order given otherwise; stops at the first file not accepted (data without
// its structures would only fail), reporting the rest as not sent.
// Throws std::invalid_argument for unusable options (no dataspace for .Stat data,
// data to an API that has no data submission, missing credentials), before any
// request is sent; InputError for a file that is not an SDMX message.
// Throws std::invalid_argument as push_files would for these options, sending nothing.
void check_push_options(const PushOptions& options, const Credentials& credentials, bool has_data);

PushReport push_files(const std::vector<std::filesystem::path>& files, const PushOptions& options,
                      const Credentials& credentials);

}  // namespace csdmx::registry
