// The Debian package as an NSO's server would use it: unpacked by `dpkg -x`
// (tests/install/deb_package_test.sh, the fixture), its CLI converts a bundled
// sample, finds no schemas on a fresh account, installs them with `schemas
// install` from a local server (archives built from ../shared's official copies)
// and then validates the sample with no --schemas and no CITIZEN_SDMX_SCHEMAS.
#include <gtest/gtest.h>

#include "tests/install/schema_archives.h"
#include "tests/registry/fake_registry.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

namespace fs = std::filesystem;

}  // namespace

TEST(DebPackage, ItsCliConvertsThenValidatesAfterSchemasInstall) {
    CSDMX_REQUIRE_SHARED(shared);
    const fs::path root = build_directory() / "test-scratch/deb_package/root";
    ASSERT_TRUE(fs::exists(root / "usr/bin/citizen-sdmx")) << "run the deb_package test first (ctest fixture)";
    ScratchDirectory scratch;

    std::map<std::string, std::string> archives;
    for (const auto& set : schemas::pinned_schema_sets()) {
        archives["/" + std::string(set.archive)] = make_tar_gz(official_members(set, shared));
    }
    FakeRegistry server([&archives](const ReceivedRequest& request) {
        auto found = archives.find(request.target);
        if (found == archives.end()) return Reply{404, "text/plain", "not found"};
        return Reply{200, "application/gzip", found->second};
    });

    // A fresh account: HOME in the scratch folder, no system-wide schemas, and the
    // packaged CLI with the packaged library (no RUNPATH: LD_LIBRARY_PATH decides).
    const std::string cli =
        "env -u CITIZEN_SDMX_SCHEMAS -u XDG_DATA_HOME HOME=" + shell_quote((scratch / "home").string()) +
        " XDG_DATA_DIRS=" + shell_quote((scratch / "no-system-data").string()) +
        " LD_LIBRARY_PATH=" + shell_quote((root / "usr/lib").string()) + " " +
        shell_quote((root / "usr/bin/citizen-sdmx").string());
    auto ldd = run_command("LD_LIBRARY_PATH=" + shell_quote((root / "usr/lib").string()) + " ldd " +
                           shell_quote((root / "usr/bin/citizen-sdmx").string()));
    EXPECT_TRUE(contains(ldd.output, (root / "usr/lib/libcitizensdmx.so.0").string())) << ldd.output;

    const auto package = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto convert = run_command(cli + " convert " + shell_quote(package.string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    ASSERT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "QUALIFIES")) << convert.output;
    EXPECT_EQ(list_directory(scratch / "out").size(), 2u);
    const std::string messages = shell_quote((scratch / "out").string()) + "/*.xml";

    // The shipped codelists under /usr/share/citizen-sdmx are the repository's file and
    // work with the packaged CLI as --codelists (the default is the embedded copy).
    const fs::path codelists = root / "usr/share/citizen-sdmx/codelists/citizen-data-codelists.xml";
    EXPECT_EQ(read_file(codelists), read_file(source_directory() / "mappings/codelists/citizen-data-codelists.xml"));
    auto with_codelists =
        run_command(cli + " convert " + shell_quote(package.string()) + " --codelists " +
                    shell_quote(codelists.string()) + " --out " + shell_quote((scratch / "out-codelists").string()));
    EXPECT_EQ(with_codelists.exit_code, 0) << with_codelists.output;
    EXPECT_TRUE(contains(with_codelists.output, "QUALIFIES")) << with_codelists.output;
    for (const auto& name : list_directory(source_directory() / "mappings/sdg")) {
        EXPECT_EQ(read_file(root / "usr/share/citizen-sdmx/mappings/sdg" / name),
                  read_file(source_directory() / "mappings/sdg" / name))
            << name;
    }

    // No schemas yet: the packaged library must not fall back to the build
    // machine's folder, and says how to get them (exit 3: environment).
    auto before = run_command(cli + " validate " + messages);
    EXPECT_EQ(before.exit_code, 3) << before.output;
    EXPECT_TRUE(contains(before.output, "schemas install")) << before.output;

    auto install = run_command(cli + " schemas install --version 2.1 --from " + shell_quote(server.url() + "/"));
    ASSERT_EQ(install.exit_code, 0) << install.output;
    auto list = run_command(cli + " schemas list");
    EXPECT_TRUE(contains(list.output, "sdmx-ml-2.1 (SDMX-ML 2.1 XML Schemas): installed in " +
                                          (scratch / "home/.local/share/citizen-sdmx/schemas/2.1").string()))
        << list.output;

    auto after = run_command(cli + " validate " + messages);
    EXPECT_EQ(after.exit_code, 0) << after.output;
    EXPECT_TRUE(contains(after.output, "2 of 2 message(s) valid")) << after.output;
}

}  // namespace csdmx::test
