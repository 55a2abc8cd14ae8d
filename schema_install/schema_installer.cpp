#include "schema_install/schema_installer.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "core/diagnostic.h"
#include "core/sha256.h"
#include "schema_install/archive_reader.h"
#include "schema_install/schema_download.h"
#include "sdmx/validation/schema_location.h"

namespace csdmx::schemas {

namespace {

namespace fs = std::filesystem;

std::string sha256_of(const std::string& bytes) {
    Sha256 digest;
    digest.update(bytes);
    return digest.hex_digest();
}

// GitHub archives hold one top folder ("sdmx-ml-2.1/"); pinned members are below it.
std::string below_top_folder(const std::string& name) {
    const auto slash = name.find('/');
    return slash == std::string::npos ? "" : name.substr(slash + 1);
}

std::string join_url(const std::string& base, const std::string& path) {
    return base.ends_with("/") ? base + path : base + "/" + path;
}

// A folder next to the schema root (same file system, so renames are atomic) that
// is removed with everything in it unless the install completes.
class Staging {
public:
    explicit Staging(const fs::path& root) {
        std::random_device random;
        path_ = root / (".staging-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        fs::create_directories(path_);
    }
    ~Staging() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw EnvironmentError("cannot write " + path.string() + " (disk full or no permission?)");
}

// Reads the set's archive and writes its pinned files into `target`, but only when
// every one is present once, as a regular file, with its pinned digest; otherwise
// each problem is added to `problems` and nothing is written.
void unpack_verified(const Download& download, const SchemaSet& set, const fs::path& target, Diagnostics& problems) {
    std::map<std::string, const PinnedFile*> pinned;
    for (const auto& file : set.files) pinned.emplace(file.member, &file);
    std::map<std::string, std::string> found;
    const std::size_t errors_before = problems.error_count();

    read_archive(
        download.body, download.url,
        [&](const ArchiveEntry& entry) {
            const std::string member = below_top_folder(entry.name);
            if (pinned.count(member) == 0) return false;
            if (!entry.regular) {
                problems.error(download.url, entry.name, "a pinned schema file must be a regular file, not a link");
                return false;
            }
            return true;
        },
        [&](const ArchiveEntry& entry, std::string&& bytes) {
            const std::string member = below_top_folder(entry.name);
            if (!found.emplace(member, std::move(bytes)).second) {
                problems.error(download.url, entry.name, "the archive holds this schema file twice");
            }
        });

    for (const auto& [member, file] : pinned) {
        auto bytes = found.find(member);
        if (bytes == found.end()) {
            problems.error(download.url, member,
                           std::string("missing from the archive; ") + set.title + " need every pinned file");
            continue;
        }
        const std::string digest = sha256_of(bytes->second);
        if (digest != file->sha256) {
            problems.error(download.url, member,
                           "SHA-256 is " + digest + ", but the official file has " + file->sha256 +
                               ": the download is not the official schema (damaged or tampered with)");
        }
    }
    if (problems.error_count() != errors_before) return;
    for (const auto& [member, file] : pinned) write_file(target / file->name, found.at(member));
}

std::string now_utc() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace

std::vector<std::string> parse_schema_versions(const std::string& text) {
    if (text.empty() || text == "all") return {"2.1", "3.0"};
    if (text == "2.1" || text == "3.0") return {text};
    throw std::invalid_argument("unknown schema version \"" + text + "\" (known: 2.1, 3.0, all)");
}

InstallReport install_schemas(const InstallOptions& options) {
    InstallReport report;
    report.root = options.root ? *options.root : sdmx::user_schema_root();
    std::vector<const SchemaSet*> wanted;
    for (const auto& version : options.versions) {
        parse_schema_versions(version);  // refuses unknown versions
        for (const auto& set : pinned_schema_sets()) {
            if (version == set.sdmx_version) wanted.push_back(&set);
        }
    }
    if (wanted.empty()) throw std::invalid_argument("no schema version to install");

    fs::create_directories(report.root);
    Staging staging(report.root);
    Diagnostics problems;
    for (const SchemaSet* set : wanted) {
        const std::string url = join_url(options.base_url, set->archive);
        if (options.http.log) options.http.log(std::string("fetching ") + set->title + " from " + url);
        const Download archive = download(url, options.http);
        unpack_verified(archive, *set, staging.path() / set->folder, problems);
        report.sets.push_back({set, report.root / set->folder, archive.url, false});
    }
    if (problems.has_errors()) throw InputError(std::move(problems));

    // Every set checked: now move them into place, each replacing its old copy.
    for (auto& installed : report.sets) {
        nlohmann::json record{{"set", installed.set->id},
                              {"url", installed.source},
                              {"installed", now_utc()},
                              {"files", installed.set->files.size()}};
        write_file(staging.path() / installed.set->folder / kSourceRecord, record.dump(2) + "\n");
        if (fs::exists(installed.folder)) {
            fs::rename(installed.folder, staging.path() / (std::string("replaced-") + installed.set->id));
            installed.replaced = true;
        }
        fs::create_directories(installed.folder.parent_path());
        fs::rename(staging.path() / installed.set->folder, installed.folder);
    }
    return report;
}

std::string InstallReport::table() const {
    std::string text;
    for (const auto& installed : sets) {
        text += std::string("installed ") + installed.set->title + " (" + std::to_string(installed.set->files.size()) +
                " files, each matching its pinned SHA-256) in " + installed.folder.string() +
                (installed.replaced ? " (replacing the previous copy)" : "") + "\n";
    }
    return text;
}

std::string InstallReport::json() const {
    nlohmann::json sets_json = nlohmann::json::array();
    for (const auto& installed : sets) {
        sets_json.push_back({{"id", installed.set->id},
                             {"sdmx_version", installed.set->sdmx_version},
                             {"folder", installed.folder.string()},
                             {"files", installed.set->files.size()},
                             {"source", installed.source}});
    }
    return nlohmann::json{{"root", root.string()}, {"installed", sets_json}}.dump(2);
}

SchemaListing list_schemas(const std::optional<std::filesystem::path>& root) {
    SchemaListing listing;
    listing.root = root ? *root : sdmx::user_schema_root();
    for (const auto& set : pinned_schema_sets()) {
        ListedSet listed{&set, listing.root / set.folder, SetState::absent, "", ""};
        if (fs::is_directory(listed.folder)) {
            std::size_t missing = 0;
            std::size_t changed = 0;
            for (const auto& file : set.files) {
                const fs::path path = listed.folder / file.name;
                if (!fs::is_regular_file(path)) {
                    ++missing;
                } else if (sha256_file(path) != file.sha256) {
                    ++changed;
                }
            }
            listed.state = missing + changed == 0 ? SetState::installed : SetState::damaged;
            if (listed.state == SetState::damaged) {
                listed.detail = std::to_string(missing) + " of " + std::to_string(set.files.size()) +
                                " files missing, " + std::to_string(changed) +
                                " changed; run `citizen-sdmx schemas install` again";
            }
            std::ifstream record_file(listed.folder / kSourceRecord);
            if (record_file) {
                const auto record = nlohmann::json::parse(record_file, nullptr, false);
                if (record.is_object() && record.contains("url") && record["url"].is_string()) {
                    listed.source = record["url"].get<std::string>();
                }
            }
        }
        listing.sets.push_back(std::move(listed));
    }
    return listing;
}

namespace {
const char* state_name(SetState state) {
    switch (state) {
        case SetState::installed:
            return "installed";
        case SetState::damaged:
            return "damaged";
        case SetState::absent:
            break;
    }
    return "not installed";
}
}  // namespace

std::string SchemaListing::table() const {
    std::string text = "schemas in " + root.string() + "\n";
    for (const auto& listed : sets) {
        text += std::string("  ") + listed.set->id + " (" + listed.set->title + "): " + state_name(listed.state);
        if (listed.state != SetState::absent) text += " in " + listed.folder.string();
        if (!listed.detail.empty()) text += ": " + listed.detail;
        if (!listed.source.empty()) text += "\n      from " + listed.source;
        text += "\n";
    }
    return text;
}

std::string SchemaListing::json() const {
    nlohmann::json sets_json = nlohmann::json::array();
    for (const auto& listed : sets) {
        nlohmann::json item{{"id", listed.set->id},
                            {"sdmx_version", listed.set->sdmx_version},
                            {"title", listed.set->title},
                            {"state", state_name(listed.state)},
                            {"folder", listed.folder.string()},
                            {"files", listed.set->files.size()}};
        if (!listed.detail.empty()) item["detail"] = listed.detail;
        if (!listed.source.empty()) item["source"] = listed.source;
        sets_json.push_back(std::move(item));
    }
    return nlohmann::json{{"root", root.string()}, {"sets", sets_json}}.dump(2);
}

}  // namespace csdmx::schemas
