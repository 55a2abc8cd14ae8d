// `schemas install` and `schemas list` against a real HTTP server on 127.0.0.1
// serving archives built here from the official schema copies in ../shared. The
// oracle for "official" is those copies (sha256sum-identical to the sdmx-twg
// commits named in ../shared/sdmx/SOURCES.md), and for "valid" the official
// sample messages validated by Xerces-C against what was installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/sha256.h"
#include "registry/http_client.h"
#include "schema_install/archive_reader.h"
#include "schema_install/schema_installer.h"
#include "sdmx/validation/message_validator.h"
#include "sdmx/validation/schema_location.h"
#include "tests/install/redirecting_server.h"
#include "tests/install/schema_archives.h"
#include "tests/registry/fake_registry.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

namespace fs = std::filesystem;
using schemas::SchemaSet;

// HOME and the XDG folders point into the scratch folder; no CITIZEN_SDMX_SCHEMAS.
class ScratchHome {
public:
    explicit ScratchHome(const fs::path& home) {
        remember("HOME");
        remember("XDG_DATA_HOME");
        remember("XDG_DATA_DIRS");
        remember("CITIZEN_SDMX_SCHEMAS");
        setenv("HOME", home.c_str(), 1);
        unsetenv("XDG_DATA_HOME");
        setenv("XDG_DATA_DIRS", (home / "no-system-data").c_str(), 1);
        unsetenv("CITIZEN_SDMX_SCHEMAS");
    }
    ~ScratchHome() {
        for (const auto& [name, value] : saved_) {
            if (value) {
                setenv(name.c_str(), value->c_str(), 1);
            } else {
                unsetenv(name.c_str());
            }
        }
    }
    ScratchHome(const ScratchHome&) = delete;
    ScratchHome& operator=(const ScratchHome&) = delete;

private:
    void remember(const std::string& name) {
        const char* value = std::getenv(name.c_str());
        saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
    }
    std::map<std::string, std::optional<std::string>> saved_;
};

// Serves each set's archive at its official path; `change` may alter a set's members.
class SchemaServer {
public:
    SchemaServer(const fs::path& shared,
                 const std::function<void(const SchemaSet&, std::vector<ArchiveMember>&)>& change = {}) {
        for (const auto& set : schemas::pinned_schema_sets()) {
            auto members = official_members(set, shared);
            if (change) change(set, members);
            archives_["/" + std::string(set.archive)] = make_tar_gz(members);
        }
        server_ = std::make_unique<FakeRegistry>([this](const ReceivedRequest& request) {
            auto found = archives_.find(request.target);
            if (found == archives_.end()) return Reply{404, "text/plain", "not found"};
            return Reply{200, "application/gzip", found->second};
        });
    }
    std::string url() const { return server_->url() + "/"; }
    std::size_t requests() const { return server_->requests().size(); }

private:
    std::map<std::string, std::string> archives_;
    std::unique_ptr<FakeRegistry> server_;
};

schemas::InstallOptions from(const SchemaServer& server, std::vector<std::string> versions = {"2.1", "3.0"}) {
    schemas::InstallOptions options;
    options.base_url = server.url();
    options.versions = std::move(versions);
    options.http.retries = 0;
    options.http.timeout = std::chrono::milliseconds(10000);
    return options;
}

std::string problems_of(const InputError& error) {
    std::string text;
    for (const auto& d : error.diagnostics().items()) text += d.file + " " + d.path + ": " + d.message + "\n";
    return text;
}

// Every file of the root, relative: to show that a refused install left nothing.
std::vector<std::string> tree(const fs::path& root) {
    std::vector<std::string> names;
    if (!fs::exists(root)) return names;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        names.push_back(fs::relative(entry.path(), root).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

fs::path ecb_structure(const fs::path& shared) {
    return shared / "sdmx/samples/2.1/exr/ecb_exr_ng/ecb_exr_ng_full.xml";
}

}  // namespace

TEST(SchemasInstall, EveryOfficialFileIsPinned) {
    CSDMX_REQUIRE_SHARED(shared);
    // The pinned lists must cover the official folders completely (a set missing a
    // file would install schemas whose includes fail to load).
    for (const auto& set : schemas::pinned_schema_sets()) {
        const auto official = list_directory(shared_folder(set, shared));
        std::vector<std::string> pinned;
        for (const auto& file : set.files) pinned.emplace_back(file.name);
        std::sort(pinned.begin(), pinned.end());
        EXPECT_EQ(pinned, official) << set.id;
    }
}

TEST(SchemasInstall, InstallsIntoTheUserFolderWhereValidationFindsThem) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    SchemaServer server(shared);
    const fs::path root = scratch / ".local/share/citizen-sdmx/schemas";

    // Before: nothing installed, so validation has no schemas (and says how to get them).
    try {
        sdmx::locate_schemas(std::nullopt, "2.1");
        FAIL() << "schemas found before any install";
    } catch (const EnvironmentError& error) {
        EXPECT_NE(std::string(error.what()).find("schemas install"), std::string::npos) << error.what();
    }

    const auto report = schemas::install_schemas(from(server));
    EXPECT_EQ(report.root, root);
    EXPECT_EQ(report.sets.size(), 4u);
    EXPECT_EQ(server.requests(), 4u);
    // Byte for byte the official files (sha256 of ../shared's copies, not of our table).
    for (const auto& set : schemas::pinned_schema_sets()) {
        for (const auto& name : list_directory(shared_folder(set, shared))) {
            EXPECT_EQ(read_file(root / set.folder / name), read_file(shared_folder(set, shared) / name))
                << set.folder << "/" << name;
        }
    }

    const auto listing = schemas::list_schemas(std::nullopt);
    for (const auto& listed : listing.sets) {
        EXPECT_EQ(listed.state, schemas::SetState::installed) << listed.set->id << ": " << listed.detail;
        EXPECT_EQ(listed.source, server.url() + listed.set->archive);
    }

    // Validation now finds them with no --schemas and no CITIZEN_SDMX_SCHEMAS.
    EXPECT_EQ(sdmx::locate_schemas(std::nullopt, "2.1"), root / "2.1");
    EXPECT_EQ(sdmx::locate_schemas(std::nullopt, "3.0"), root / "3.0");
    const auto reports = sdmx::validate_messages({ecb_structure(shared)}, sdmx::ValidateOptions{});
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_TRUE(reports[0].valid) << reports[0].diagnostics.items().size();
}

TEST(SchemasInstall, ATamperedFileRefusesTheWholeInstall) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    // One byte changed in one 3.0 schema; the 2.1 archives are intact.
    SchemaServer server(shared, [](const SchemaSet& set, std::vector<ArchiveMember>& members) {
        if (std::string(set.id) != "sdmx-ml-3.0") return;
        for (auto& member : members) {
            if (member.name.ends_with("schemas/SDMXCommon.xsd")) member.bytes[member.bytes.size() / 2] ^= 0x20;
        }
    });
    try {
        schemas::install_schemas(from(server));
        FAIL() << "a tampered schema was installed";
    } catch (const InputError& error) {
        const std::string problems = problems_of(error);
        EXPECT_NE(problems.find("schemas/SDMXCommon.xsd: SHA-256 is"), std::string::npos) << problems;
        // The digest it expected is that of the official copy (sha256 of ../shared's file).
        EXPECT_NE(problems.find(sha256_file(shared / "sdmx/schemas/3.0/SDMXCommon.xsd")), std::string::npos)
            << problems;
        EXPECT_EQ(error.diagnostics().error_count(), 1u) << problems;
    }
    // Nothing at all, not even the intact 2.1 sets, and no staging folder left behind.
    EXPECT_EQ(tree(scratch / ".local/share/citizen-sdmx/schemas"), std::vector<std::string>{});
    EXPECT_THROW(sdmx::locate_schemas(std::nullopt, "2.1"), EnvironmentError);
}

TEST(SchemasInstall, AMissingFileRefusesTheInstall) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    SchemaServer server(shared, [](const SchemaSet&, std::vector<ArchiveMember>& members) {
        std::erase_if(members, [](const ArchiveMember& m) { return m.name.ends_with("/SDMXStructure.xsd"); });
    });
    const fs::path dir = scratch / "schemas";
    auto options = from(server, {"2.1"});
    options.root = dir;
    try {
        schemas::install_schemas(options);
        FAIL() << "an incomplete set was installed";
    } catch (const InputError& error) {
        EXPECT_NE(problems_of(error).find("schemas/SDMXStructure.xsd: missing from the archive"), std::string::npos)
            << problems_of(error);
    }
    EXPECT_EQ(tree(dir), std::vector<std::string>{});
}

TEST(SchemasInstall, APathTraversalEntryRefusesTheArchive) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    SchemaServer server(shared, [](const SchemaSet& set, std::vector<ArchiveMember>& members) {
        if (std::string(set.id) == "sdmx-ml-2.1") {
            members.push_back({"sdmx-ml-2.1-archive/schemas/../../../../escaped.xsd", "<xs:schema/>"});
        }
    });
    const fs::path dir = scratch / "deep/er/schemas";
    auto options = from(server, {"2.1"});
    options.root = dir;
    try {
        schemas::install_schemas(options);
        FAIL() << "an archive with a .. entry was used";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("escaped.xsd\" points outside"), std::string::npos) << error.what();
    }
    EXPECT_EQ(tree(dir), std::vector<std::string>{});
    EXPECT_FALSE(fs::exists(scratch / "escaped.xsd"));
    EXPECT_FALSE(fs::exists(scratch / "deep/escaped.xsd"));
    EXPECT_FALSE(schemas::is_safe_entry_name("/etc/passwd"));
    EXPECT_FALSE(schemas::is_safe_entry_name("a/../../b"));
    EXPECT_TRUE(schemas::is_safe_entry_name("a/..b/c"));
}

TEST(SchemasInstall, ALinkInPlaceOfASchemaFileIsRefused) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    SchemaServer server(shared, [](const SchemaSet&, std::vector<ArchiveMember>& members) {
        for (auto& member : members) {
            if (member.name.ends_with("schemas/xml.xsd")) member = {member.name, "/etc/passwd", true};
        }
    });
    auto options = from(server, {"2.1"});
    options.root = scratch / "schemas";
    EXPECT_THROW(schemas::install_schemas(options), InputError);
    EXPECT_EQ(tree(scratch / "schemas"), std::vector<std::string>{});
}

TEST(SchemasInstall, AFailedReinstallKeepsThePreviousSchemas) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    const fs::path dir = scratch / "schemas";
    {
        SchemaServer good(shared);
        auto options = from(good, {"2.1"});
        options.root = dir;
        schemas::install_schemas(options);
    }
    const auto before = tree(dir);
    SchemaServer bad(shared, [](const SchemaSet&, std::vector<ArchiveMember>& members) {
        for (auto& member : members) {
            if (member.name.ends_with(".xsd") || member.name.ends_with("schema.json")) member.bytes += " ";
        }
    });
    auto options = from(bad, {"2.1"});
    options.root = dir;
    EXPECT_THROW(schemas::install_schemas(options), InputError);
    EXPECT_EQ(tree(dir), before);
    for (const auto& listed : schemas::list_schemas(dir).sets) {
        if (std::string(listed.set->sdmx_version) == "2.1") {
            EXPECT_EQ(listed.state, schemas::SetState::installed) << listed.set->id;
        }
    }
}

TEST(SchemasInstall, FollowsRedirectsAsFromGithubToItsDownloadHost) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    SchemaServer server(shared);
    // Two hops: a path-only Location on the same server, then an absolute one to the archive server.
    RedirectingServer redirects([&server](const std::string& target) {
        return target.starts_with("/hop/") ? target.substr(4) : server.url() + target.substr(1);
    });
    auto options = from(server, {"2.1"});
    options.base_url = redirects.url() + "/hop/";
    options.root = scratch / "schemas";
    const auto report = schemas::install_schemas(options);
    EXPECT_EQ(redirects.requests(), 4);  // two sets, two hops each
    ASSERT_EQ(report.sets.size(), 2u);
    EXPECT_EQ(report.sets[0].source, server.url() + "sdmx-ml/archive/refs/tags/v2.1.tar.gz");
    EXPECT_EQ(schemas::list_schemas(options.root).sets[0].state, schemas::SetState::installed);
}

TEST(SchemasInstall, AnUnreachableServerOrA404InstallsNothing) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    FakeRegistry server([](const ReceivedRequest&) { return Reply{404, "text/plain", "no such archive"}; });
    schemas::InstallOptions options;
    options.base_url = server.url();
    options.root = scratch / "schemas";
    options.http.retries = 0;
    try {
        schemas::install_schemas(options);
        FAIL() << "expected UnreachableError";
    } catch (const registry::UnreachableError& error) {
        EXPECT_NE(std::string(error.what()).find("answered 404"), std::string::npos) << error.what();
    }
    EXPECT_EQ(tree(scratch / "schemas"), std::vector<std::string>{});
}

TEST(SchemasInstall, ListSaysWhatIsMissingOrChanged) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    ScratchHome home(scratch.path());
    SchemaServer server(shared);
    auto options = from(server, {"3.0"});
    options.root = scratch / "schemas";
    schemas::install_schemas(options);
    fs::remove(scratch / "schemas/3.0/SDMXMessage.xsd");
    write_file(scratch / "schemas/json/2.0.0/sdmx-json-data-schema.json", "{}");
    std::map<std::string, schemas::ListedSet> by_id;
    for (const auto& listed : schemas::list_schemas(scratch / "schemas").sets) by_id[listed.set->id] = listed;
    EXPECT_EQ(by_id["sdmx-ml-2.1"].state, schemas::SetState::absent);
    EXPECT_EQ(by_id["sdmx-ml-3.0"].state, schemas::SetState::damaged);
    EXPECT_NE(by_id["sdmx-ml-3.0"].detail.find("1 of 30 files missing, 0 changed"), std::string::npos);
    EXPECT_EQ(by_id["sdmx-json-2.0.0"].state, schemas::SetState::damaged);
    EXPECT_NE(by_id["sdmx-json-2.0.0"].detail.find("0 of 3 files missing, 1 changed"), std::string::npos);
}

TEST(SchemasCli, InstallThenListAsJson) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    SchemaServer server(shared);
    const std::string tool = shell_quote((build_directory() / "citizen-sdmx").string());
    const std::string env = "HOME=" + shell_quote(scratch.path().string()) + " XDG_DATA_HOME= ";
    auto install = run_command(env + tool + " schemas install --version 2.1 --from " + shell_quote(server.url()));
    ASSERT_EQ(install.exit_code, 0) << install.output;
    EXPECT_NE(install.output.find("installed SDMX-ML 2.1 XML Schemas (58 files"), std::string::npos) << install.output;

    auto list = run_command(env + tool + " schemas list --format json 2>&1");
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const auto json = nlohmann::json::parse(list.output);
    EXPECT_EQ(json["root"], (scratch / ".local/share/citizen-sdmx/schemas").string());
    std::map<std::string, std::string> states;
    for (const auto& set : json["sets"]) states[set["id"]] = set["state"];
    EXPECT_EQ(states, (std::map<std::string, std::string>{{"sdmx-json-1.0", "installed"},
                                                          {"sdmx-json-2.0.0", "not installed"},
                                                          {"sdmx-ml-2.1", "installed"},
                                                          {"sdmx-ml-3.0", "not installed"}}));
}

TEST(SchemasCli, ATamperedDownloadFailsWithTheFileNamedAndNothingInstalled) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    SchemaServer server(shared, [](const SchemaSet&, std::vector<ArchiveMember>& members) {
        for (auto& member : members) {
            if (member.name.ends_with("/SDMXMessage.xsd")) member.bytes.insert(0, "<!-- -->");
        }
    });
    const std::string tool = shell_quote((build_directory() / "citizen-sdmx").string());
    auto install = run_command(tool + " schemas install --version 2.1 --dir " +
                               shell_quote((scratch / "schemas").string()) + " --from " + shell_quote(server.url()));
    EXPECT_EQ(install.exit_code, 1) << install.output;
    EXPECT_NE(install.output.find("schemas/SDMXMessage.xsd"), std::string::npos) << install.output;
    EXPECT_NE(install.output.find("nothing was installed"), std::string::npos) << install.output;
    EXPECT_EQ(tree(scratch / "schemas"), std::vector<std::string>{});
}

}  // namespace csdmx::test

// The archive reader (a module over libarchive, schema_install/archive_module_api.h):
// what it refuses, each as an InputError naming the download.
namespace csdmx::test {
namespace {

std::string refusal_of(const std::string& bytes, std::size_t max_entry_bytes = 64U << 20U) {
    try {
        schemas::read_archive(
            bytes, "download.tar.gz", [](const schemas::ArchiveEntry&) { return true; },
            [](const schemas::ArchiveEntry&, std::string&&) {}, max_entry_bytes);
    } catch (const InputError& error) {
        const auto& first = error.diagnostics().items().front();
        EXPECT_EQ(first.file, "download.tar.gz");
        return first.message;
    }
    return "";
}

TEST(ArchiveReader, ReadsEveryEntryOfATarGzWithItsBytes) {
    const std::string archive = make_tar_gz({{"top/a.xsd", "<a/>"}, {"top/b/c.xsd", std::string(100000, 'x')}});
    std::map<std::string, std::string> read;
    schemas::read_archive(
        archive, "download.tar.gz", [](const schemas::ArchiveEntry& entry) { return entry.regular; },
        [&](const schemas::ArchiveEntry& entry, std::string&& bytes) { read[entry.name] = std::move(bytes); });
    ASSERT_EQ(read.size(), 2U);
    EXPECT_EQ(read["top/a.xsd"], "<a/>");
    EXPECT_EQ(read["top/b/c.xsd"], std::string(100000, 'x'));
}

// Found by fuzz_archive_reader: the "./" of ".//4{" was removed, which handed over
// the absolute name "/4{". A doubled slash is one separator: the name is "4{".
TEST(ArchiveReader, NamesStartingWithDotSlashStayRelative) {
    const std::string archive = make_tar_gz(
        {{".//top/a.xsd", "<a/>"}, {"././//top/b.xsd", "<b/>"}, {".///etc/passwd", "x"}, {"./top/c.xsd", "<c/>"}});
    std::vector<std::string> names;
    schemas::read_archive(
        archive, "download.tar.gz", [](const schemas::ArchiveEntry&) { return true; },
        [&](const schemas::ArchiveEntry& entry, std::string&&) { names.push_back(entry.name); });
    EXPECT_EQ(names, (std::vector<std::string>{"top/a.xsd", "top/b.xsd", "etc/passwd", "top/c.xsd"}));
    // Still refused: what stripping cannot make relative.
    EXPECT_NE(refusal_of(make_tar_gz({{"./../escaped.xsd", "x"}})).find("points outside"), std::string::npos);
    EXPECT_NE(refusal_of(make_tar_gz({{"/top/a.xsd", "x"}})).find("points outside"), std::string::npos);
}

TEST(ArchiveReader, BytesThatAreNoArchiveAreRefused) {
    EXPECT_NE(refusal_of("<html>Not Found</html>").find("not a readable archive"), std::string::npos);
}

TEST(ArchiveReader, ACutArchiveIsRefusedAsDamaged) {
    // Bytes that do not compress, so that the cut falls inside the entry's data (the
    // writer pads a small compressed archive to 10240 bytes with zeros).
    std::string noise(200000, '\0');
    std::uint32_t state = 12345;
    for (auto& byte : noise) {
        state = state * 1664525U + 1013904223U;
        byte = static_cast<char>(state >> 24);
    }
    const std::string archive = make_tar_gz({{"top/a.xsd", noise}});
    ASSERT_GT(archive.size(), 150000U);
    const std::string message = refusal_of(archive.substr(0, archive.size() / 2));
    EXPECT_NE(message.find("damaged archive entry \"top/a.xsd\""), std::string::npos) << message;
    // Cut inside the first header: the archive cannot even be opened.
    EXPECT_NE(refusal_of(archive.substr(0, 30)).find("not a readable archive"), std::string::npos);
}

TEST(ArchiveReader, AnEntryLargerThanTheLimitIsRefused) {
    const std::string archive = make_tar_gz({{"top/big.xsd", std::string(5000, 'z')}});
    const std::string message = refusal_of(archive, 4096);
    EXPECT_NE(message.find("\"top/big.xsd\" is larger than 4096 bytes"), std::string::npos) << message;
}

}  // namespace
}  // namespace csdmx::test
