// The library's side of XML Schema validation: loads the Xerces module on first use
// and turns what it reports into Diagnostics.
#include "sdmx/validation/xsd_validator.h"

#include "core/loadable_module.h"
#include "sdmx/validation/xsd_engine_api.h"

namespace csdmx::sdmx {

namespace {

const csdmx_xsd_engine_api& engine_api() {
    static const csdmx_xsd_engine_api& api = module_table<csdmx_xsd_engine_api>(
        CSDMX_XSD_ENGINE_MODULE, CSDMX_XSD_ENGINE_ENTRY, CSDMX_XSD_ENGINE_API_VERSION);
    return api;
}

void add_report(void* context, const char* file, std::uint64_t line, std::uint64_t column, const char* message) {
    // Called from the module, which cannot take an exception: a failure to record
    // (out of memory) is dropped rather than thrown through it.
    try {
        static_cast<Diagnostics*>(context)->error_at(file, line, column, message);
    } catch (...) {
    }
}

}  // namespace

struct XsdValidator::Impl {
    const csdmx_xsd_engine_api* api = nullptr;
    void* engine = nullptr;
    ~Impl() {
        if (engine != nullptr) api->destroy(engine);
    }
};

XsdValidator::XsdValidator(const std::vector<std::filesystem::path>& schema_files,
                           const std::vector<InMemorySchema>& in_memory_schemas)
    : impl_(std::make_unique<Impl>()) {
    std::vector<std::string> files;
    files.reserve(schema_files.size());
    for (const auto& file : schema_files) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            throw EnvironmentError("XML Schema not found: " + file.string());
        }
        files.push_back(std::filesystem::absolute(file).string());
    }
    std::vector<const char*> file_names;
    file_names.reserve(files.size());
    for (const auto& file : files) file_names.push_back(file.c_str());
    std::vector<csdmx_xsd_schema_text> texts;
    texts.reserve(in_memory_schemas.size());
    for (const auto& schema : in_memory_schemas) {
        texts.push_back({schema.system_id.c_str(), schema.content.data(), schema.content.size()});
    }
    Diagnostics problems;
    impl_->api = &engine_api();
    impl_->engine =
        impl_->api->create(file_names.data(), file_names.size(), texts.data(), texts.size(), add_report, &problems);
    if (impl_->engine == nullptr) {
        const std::string name = problems.empty() ? "?" : problems.items().front().file;
        const std::string reason =
            problems.empty() ? "it could not be read" : format_diagnostic(problems.items().front());
        throw EnvironmentError("the XML Schema " + name + " could not be loaded completely, so no " +
                               "document can be validated against it: " + reason);
    }
}

XsdValidator::~XsdValidator() = default;

Diagnostics XsdValidator::validate(const std::filesystem::path& document, std::size_t max_errors) const {
    Diagnostics problems;
    problems.set_error_limit(max_errors);
    impl_->api->validate_file(impl_->engine, document.c_str(), add_report, &problems);
    return problems;
}

Diagnostics XsdValidator::validate_text(const std::string& document, const std::string& name,
                                        std::size_t max_errors) const {
    Diagnostics problems;
    problems.set_error_limit(max_errors);
    impl_->api->validate_text(impl_->engine, document.data(), document.size(), name.c_str(), add_report, &problems);
    return problems;
}

}  // namespace csdmx::sdmx
