// Modules loaded on first use (core/loadable_module.h): the XML Schema engine is
// found where the build puts it, and a missing module or symbol is a clear error.
#include "core/loadable_module.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "schema_install/archive_module_api.h"
#include "sdmx/validation/xsd_engine_api.h"

namespace csdmx {
namespace {

// Sets an environment variable for one test, restoring it afterwards.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnvironment() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(LoadableModule, TheXmlSchemaEngineIsFoundWhereTheBuildPutsIt) {
    using Entry = const csdmx_xsd_engine_api* (*)();
    auto entry = reinterpret_cast<Entry>(module_symbol(CSDMX_XSD_ENGINE_MODULE, CSDMX_XSD_ENGINE_ENTRY));
    ASSERT_NE(entry, nullptr);
    ASSERT_NE(entry(), nullptr);
    EXPECT_EQ(entry()->version, CSDMX_XSD_ENGINE_API_VERSION);
}

// Where to look is settled when the library is loaded: a process that changes its
// folder afterwards (run from a relative path, as `make fuzz-smoke` runs the fuzzers)
// still finds its modules.
TEST(LoadableModule, ModulesAreFoundAfterTheProcessChangesFolder) {
    const auto before = std::filesystem::current_path();
    std::filesystem::current_path(std::filesystem::temp_directory_path());
    const void* entry = nullptr;
    try {
        entry = module_symbol(CSDMX_ARCHIVE_MODULE_FILE, CSDMX_ARCHIVE_MODULE_ENTRY);
    } catch (...) {
        std::filesystem::current_path(before);
        throw;
    }
    std::filesystem::current_path(before);
    EXPECT_NE(entry, nullptr);
}

TEST(LoadableModule, AMissingModuleNamesTheFolderItLookedIn) {
    const auto folder = std::filesystem::temp_directory_path() / "csdmx-no-modules-here";
    std::filesystem::create_directories(folder);
    ScopedEnvironment chosen("CITIZEN_SDMX_MODULE_DIR", folder.string());
    try {
        module_symbol("libcitizensdmx-no-such-module.so", "anything");
        FAIL() << "a missing module must throw";
    } catch (const EnvironmentError& error) {
        const std::string text = error.what();
        EXPECT_NE(text.find("libcitizensdmx-no-such-module.so"), std::string::npos) << text;
        EXPECT_NE(text.find((folder / "libcitizensdmx-no-such-module.so").string() + ": not found"), std::string::npos)
            << text;
        EXPECT_NE(text.find("CITIZEN_SDMX_MODULE_DIR"), std::string::npos) << text;
    }
}

TEST(LoadableModule, AModuleWithoutTheSymbolBelongsToAnotherVersion) {
    try {
        module_symbol(CSDMX_XSD_ENGINE_MODULE, "csdmx_no_such_entry");
        FAIL() << "a missing symbol must throw";
    } catch (const EnvironmentError& error) {
        const std::string text = error.what();
        EXPECT_NE(text.find("csdmx_no_such_entry"), std::string::npos) << text;
        EXPECT_NE(text.find("another version"), std::string::npos) << text;
    }
}

TEST(LoadableModule, ATableOfAnotherVersionIsRefused) {
    struct VersionOnly {
        unsigned version;
    };
    EXPECT_EQ(module_table<VersionOnly>(CSDMX_XSD_ENGINE_MODULE, CSDMX_XSD_ENGINE_ENTRY, CSDMX_XSD_ENGINE_API_VERSION)
                  .version,
              CSDMX_XSD_ENGINE_API_VERSION);
    try {
        module_table<VersionOnly>(CSDMX_XSD_ENGINE_MODULE, CSDMX_XSD_ENGINE_ENTRY, CSDMX_XSD_ENGINE_API_VERSION + 1);
        FAIL() << "a table of another version must be refused";
    } catch (const EnvironmentError& error) {
        EXPECT_NE(std::string(error.what()).find("belongs to another version"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace csdmx
