// The C interface: thin wrappers that call the C++ core inside guarded().
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "citizensdmx.h"
#include "core/atomic_output.h"
#include "core/version.h"
#include "package/package_inference.h"
#include "pipeline/converter.h"
#include "pipeline/package_check.h"
#include "plugin/api_support.h"
#include "plugin/conversion_options.h"
#include "sdmx/validation/message_validator.h"

using csdmx::api::guarded;
using csdmx::api::Options;
using csdmx::api::ResultHandle;

struct csdmx_package {
    std::unique_ptr<csdmx::mapping::PreparedPackage> prepared;
    std::map<std::string, std::string> info;
};

namespace {

csdmx_status bad_argument(const char* what) {
    csdmx::api::set_last_error(what);
    return CSDMX_BAD_ARGUMENT;
}

std::string first_error_text(const csdmx::Diagnostics& diagnostics) {
    for (const auto& item : diagnostics.items()) {
        if (item.severity == csdmx::Severity::error) return csdmx::format_diagnostic(item);
    }
    return {};
}

}  // namespace

extern "C" {

const char* csdmx_version(void) {
    return CITIZEN_SDMX_VERSION;
}

csdmx_status csdmx_package_open(const char* descriptor_path, const char* const* options, csdmx_package** package,
                                csdmx_result** result) {
    if (package != nullptr) *package = nullptr;
    if (result != nullptr) *result = nullptr;
    if (descriptor_path == nullptr || package == nullptr)
        return bad_argument("descriptor_path and package are required");
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"CODELISTS", "AGENCY", "RESOURCE", "BAD_ROWS", "MISSING_VALUE", "DSD", "MAPPING",
                                 "CA_FILE", "LINKS_OUTSIDE", "CODE_IDS"});
        const auto prepare = csdmx::api::prepare_options(parsed);

        csdmx::Diagnostics diagnostics;
        diagnostics.set_error_limit(500);
        auto prepared = csdmx::mapping::prepare_package(descriptor_path, prepare, diagnostics);
        out->add(diagnostics);
        if (!prepared) {
            csdmx::api::set_last_error(std::to_string(diagnostics.error_count()) +
                                       " problem(s) in the package; first: " + first_error_text(diagnostics));
            return CSDMX_BAD_INPUT;
        }
        auto opened = std::make_unique<csdmx_package>();
        const auto& metadata = prepared->metadata;
        opened->info = {
            {"producer.id", metadata.producer.id},
            {"producer.name", metadata.producer.name},
            // Written for an existing DSD: its dataflow, else the DSD itself.
            {"dataflow", !prepared->target                             ? prepared->names.dataflow().to_string()
                         : !prepared->target->mapping.dataflow.empty() ? prepared->target->mapping.dataflow.to_string()
                                                                       : prepared->target->mapping.dsd.to_string()},
            {"qualification", prepared->qualification.status_code},
            {"qualification.explanation", prepared->qualification.explanation},
            {"column_plan", prepared->column_plan},
            {"codelists", prepared->codelists.source},
        };
        opened->prepared = std::move(prepared);
        *package = opened.release();
        return CSDMX_OK;
    });
}

const char* csdmx_package_info(const csdmx_package* package, const char* key) {
    if (package == nullptr || key == nullptr) return nullptr;
    auto found = package->info.find(key);
    return found == package->info.end() ? nullptr : found->second.c_str();
}

csdmx_status csdmx_package_qualifies(const csdmx_package* package, int* qualifies) {
    if (package == nullptr || qualifies == nullptr) return bad_argument("package and qualifies are required");
    *qualifies = package->prepared->qualification.qualifies ? 1 : 0;
    return CSDMX_OK;
}

csdmx_status csdmx_package_convert(const csdmx_package* package, const char* output_directory,
                                   const char* const* options, csdmx_result** result) {
    if (result != nullptr) *result = nullptr;
    if (package == nullptr || output_directory == nullptr)
        return bad_argument("package and output_directory are required");
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"FORMAT", "ON_ERROR", "OPEN_SDG", "PROFILE"});
        const auto convert = csdmx::api::convert_options(parsed);
        csdmx::Diagnostics diagnostics;
        diagnostics.set_error_limit(200);
        csdmx::mapping::ConvertOutcome outcome;
        bool converted = false;
        try {
            converted =
                csdmx::mapping::convert_prepared(*package->prepared, output_directory, convert, diagnostics, outcome);
        } catch (...) {
            out->add(diagnostics);
            throw;
        }
        out->add(diagnostics);
        out->values["rows"] = std::to_string(outcome.statistics.rows);
        out->values["observations"] = std::to_string(outcome.statistics.observations);
        out->values["missing_values"] = std::to_string(outcome.statistics.missing_values);
        out->values["rows_left_out"] = std::to_string(outcome.statistics.rows_skipped);
        out->values["duplicates_left_out"] = std::to_string(outcome.statistics.duplicates_left_out);
        if (outcome.tabulation) {
            const auto& report = *outcome.tabulation;
            out->values["records_tabulated"] = std::to_string(report.records);
            out->values["cells"] = std::to_string(report.cells);
            out->values["min_cell_size"] = std::to_string(report.min_cell_size);
            out->values["suppressed_primary"] = std::to_string(report.suppressed.primary);
            out->values["suppressed_secondary"] = std::to_string(report.suppressed.secondary);
            const auto ids = csdmx::mapping::cell_dimension_ids(*package->prepared->tabulation);
            out->values["secondary_causes"] = csdmx::mapping::describe_secondary_causes(report.suppressed, ids);
            out->values["suppressed_cells"] = csdmx::mapping::list_suppressed_cells(report.suppressed, ids);
        }
        for (const auto& path : outcome.outputs) out->outputs.push_back(path.string());
        if (!converted) {
            csdmx::api::set_last_error(
                std::to_string(diagnostics.error_count()) +
                " problem(s) in the data; nothing was written; first: " + first_error_text(diagnostics));
            return CSDMX_BAD_INPUT;
        }
        return CSDMX_OK;
    });
}

void csdmx_package_free(csdmx_package* package) {
    delete package;
}

csdmx_status csdmx_check_package(const char* descriptor_path, const char* const* options, csdmx_result** result) {
    if (result != nullptr) *result = nullptr;
    if (descriptor_path == nullptr) return bad_argument("descriptor_path is required");
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"CODELISTS", "BAD_ROWS", "MISSING_VALUE", "LINKS_OUTSIDE", "AGENCY", "RESOURCE", "DSD",
                                 "MAPPING", "CA_FILE", "CODE_IDS"});
        csdmx::mapping::CheckOptions check;
        check.prepare = csdmx::api::prepare_options(parsed);
        auto report = csdmx::mapping::check_package(descriptor_path, check);
        out->add(report.diagnostics);
        out->values["resources"] = std::to_string(report.resources.size());
        for (std::size_t i = 0; i < report.resources.size(); ++i) {
            const auto& checked = report.resources[i];
            const std::string prefix = "resource." + std::to_string(i) + ".";
            out->values[prefix + "name"] = checked.name;
            out->values[prefix + "rows"] = std::to_string(checked.statistics.rows_read);
            out->values[prefix + "delivered"] = std::to_string(checked.statistics.rows_delivered);
            out->values[prefix + "skipped"] = std::to_string(checked.statistics.rows_skipped);
            out->values[prefix + "empty_rows"] = std::to_string(checked.statistics.empty_rows);
            out->values[prefix + "encoding"] = checked.statistics.encoding;
            out->values[prefix + "delimiter"] = std::string(1, checked.statistics.delimiter);
            if (checked.tabulation) {
                const auto& tabulated = *checked.tabulation;
                out->values[prefix + "records_tabulated"] = std::to_string(tabulated.records);
                out->values[prefix + "cells"] = std::to_string(tabulated.cells);
                out->values[prefix + "suppressed_primary"] = std::to_string(tabulated.suppressed.primary);
                out->values[prefix + "suppressed_secondary"] = std::to_string(tabulated.suppressed.secondary);
                out->values[prefix + "secondary_causes"] =
                    csdmx::mapping::describe_secondary_causes(tabulated.suppressed, checked.cell_dimensions);
                out->values[prefix + "suppressed_cells"] =
                    csdmx::mapping::list_suppressed_cells(tabulated.suppressed, checked.cell_dimensions);
            }
        }
        if (report.unusable) {
            csdmx::api::set_last_error("the package cannot be read: " + first_error_text(report.diagnostics));
            return CSDMX_BAD_INPUT;
        }
        if (report.diagnostics.has_errors()) {
            csdmx::api::set_last_error(std::to_string(report.diagnostics.error_count()) + " problem(s) found");
            return CSDMX_INVALID;
        }
        return CSDMX_OK;
    });
}

csdmx_status csdmx_init_package(const char* const* data_paths, size_t count, const char* descriptor_path,
                                const char* const* options, csdmx_result** result) {
    if (result != nullptr) *result = nullptr;
    if (descriptor_path == nullptr || data_paths == nullptr || count == 0) {
        return bad_argument("data_paths (at least one) and descriptor_path are required");
    }
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"FORCE"});
        const std::string* force = parsed.get("FORCE");
        const std::filesystem::path descriptor(descriptor_path);
        std::error_code exists_error;
        if (std::filesystem::exists(descriptor, exists_error) && (force == nullptr || *force == "0")) {
            throw std::invalid_argument(descriptor.string() + " exists already; pass FORCE=1 to replace it");
        }
        std::vector<std::filesystem::path> files;
        for (size_t i = 0; i < count; ++i) {
            if (data_paths[i] == nullptr) throw std::invalid_argument("data_paths[" + std::to_string(i) + "] is NULL");
            files.emplace_back(data_paths[i]);
        }
        csdmx::Diagnostics diagnostics;
        auto inferred = csdmx::package::infer_package(files, descriptor, diagnostics);
        out->add(diagnostics);
        if (diagnostics.has_errors()) {
            csdmx::api::set_last_error(first_error_text(diagnostics));
            return CSDMX_BAD_INPUT;
        }
        csdmx::OutputSet output;
        output.add(descriptor).write(inferred.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        output.commit_all();
        out->outputs.push_back(descriptor.string());
        return CSDMX_OK;
    });
}

namespace {

// What a file validate does not check is, by its name: "" for those it checks.
std::string skipped_format(const csdmx::sdmx::FileReport& report) {
    if (report.kind != csdmx::sdmx::MessageKind::not_sdmx) return {};
    std::string extension = report.file.extension().string();
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Only what convert writes is passed over: any other file stays "not valid".
    std::ifstream in(report.file, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
    if (extension == ".csv" && (head.rfind("STRUCTURE,", 0) == 0 || head.rfind("DATAFLOW,", 0) == 0)) {
        return "SDMX-CSV, not SDMX-ML (validate checks SDMX-ML messages)";
    }
    if (extension == ".json" && head.find("\"meta\"") != std::string::npos &&
        head.find("sdmx-json") != std::string::npos) {
        return "SDMX-JSON, not SDMX-ML (validate checks SDMX-ML messages)";
    }
    return {};
}

}  // namespace

csdmx_status csdmx_validate_files(const char* const* paths, size_t count, const char* const* options,
                                  csdmx_result** result) {
    if (result != nullptr) *result = nullptr;
    if (paths == nullptr && count > 0) return bad_argument("paths is NULL");
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"SCHEMAS", "STRUCTURE", "REFERENCE_SCHEMA_CHECK"});
        csdmx::sdmx::ValidateOptions validate;
        if (const auto* schemas = parsed.get("SCHEMAS")) validate.schemas = *schemas;
        const std::string* reference = parsed.get("REFERENCE_SCHEMA_CHECK");
        validate.reference_schema_check = reference != nullptr && *reference != "0";
        for (const auto& structure : parsed.all("STRUCTURE")) validate.structure_files.emplace_back(structure);
        std::vector<std::filesystem::path> files;
        for (size_t i = 0; i < count; ++i) {
            if (paths[i] == nullptr) throw std::invalid_argument("paths[" + std::to_string(i) + "] is NULL");
            files.emplace_back(paths[i]);
        }
        auto reports = csdmx::sdmx::validate_messages(files, validate);
        std::size_t invalid = 0, skipped = 0;
        for (const auto& report : reports) {
            // `validate out/*` meets the SDMX-CSV and SDMX-JSON files convert wrote beside
            // the XML: they are not invalid messages, only not what validate checks.
            const std::string skip = skipped_format(report);
            if (!skip.empty()) {
                out->files.push_back({report.file.string(), "skipped: " + skip, "", false});
                ++skipped;
                continue;
            }
            std::string checks;
            for (const auto& check : report.checks) checks += check + "\n";
            out->files.push_back(
                {report.file.string(), csdmx::sdmx::message_kind_name(report.kind), checks, report.valid});
            out->add(report.diagnostics);
            if (!report.valid) ++invalid;
        }
        out->values["files"] = std::to_string(reports.size());
        out->values["invalid"] = std::to_string(invalid);
        out->values["skipped"] = std::to_string(skipped);
        if (invalid > 0) {
            csdmx::api::set_last_error(std::to_string(invalid) + " of " + std::to_string(reports.size()) +
                                       " message(s) are not valid");
            return CSDMX_INVALID;
        }
        return CSDMX_OK;
    });
}

csdmx_status csdmx_validate_file(const char* path, const char* const* options, csdmx_result** result) {
    if (path == nullptr) return bad_argument("path is NULL");
    const char* paths[] = {path};
    return csdmx_validate_files(paths, 1, options, result);
}

size_t csdmx_result_diagnostic_count(const csdmx_result* result) {
    return result == nullptr ? 0 : result->diagnostics.size();
}

csdmx_status csdmx_result_diagnostic(const csdmx_result* result, size_t index, csdmx_diagnostic* out) {
    if (result == nullptr || out == nullptr || index >= result->diagnostics.size()) {
        return bad_argument("no such diagnostic");
    }
    const auto& item = result->diagnostics[index];
    *out = {item.severity,     item.file.c_str(),    item.line,        item.column,
            item.path.c_str(), item.message.c_str(), item.kind.c_str()};
    return CSDMX_OK;
}

size_t csdmx_result_suppressed_errors(const csdmx_result* result) {
    return result == nullptr ? 0 : result->suppressed_errors;
}

size_t csdmx_result_output_count(const csdmx_result* result) {
    return result == nullptr ? 0 : result->outputs.size();
}

const char* csdmx_result_output(const csdmx_result* result, size_t index) {
    if (result == nullptr || index >= result->outputs.size()) return nullptr;
    return result->outputs[index].c_str();
}

size_t csdmx_result_file_count(const csdmx_result* result) {
    return result == nullptr ? 0 : result->files.size();
}

csdmx_status csdmx_result_file(const csdmx_result* result, size_t index, csdmx_file_report* out) {
    if (result == nullptr || out == nullptr || index >= result->files.size())
        return bad_argument("no such file report");
    const auto& file = result->files[index];
    *out = {file.file.c_str(), file.kind.c_str(), file.valid ? 1 : 0, file.checks.c_str()};
    return CSDMX_OK;
}

const char* csdmx_result_value(const csdmx_result* result, const char* key) {
    if (result == nullptr || key == nullptr) return nullptr;
    auto found = result->values.find(key);
    return found == result->values.end() ? nullptr : found->second.c_str();
}

void csdmx_result_free(csdmx_result* result) {
    delete result;
}

}  // extern "C"
