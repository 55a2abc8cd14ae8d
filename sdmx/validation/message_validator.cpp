#include "sdmx/validation/message_validator.h"

#include <map>
#include <memory>
#include <set>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/dsd_schema_writer.h"
#include "sdmx/ml21/namespaces.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/ml30/namespaces.h"
#include "sdmx/validation/data_conformance.h"
#include "sdmx/validation/schema_location.h"
#include "sdmx/validation/structure_specific_scan.h"
#include "sdmx/validation/xsd_validator.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::sdmx {

namespace {

// Schemas are found and loaded when a message of their version first needs them:
// a folder of SDMX-ML 2.1 messages validates without the 3.0 schemas, and the
// other way round.
struct Context {
    std::optional<std::filesystem::path> schemas_option;
    std::map<MlVersion, std::filesystem::path> schema_directories;
    std::map<MlVersion, std::unique_ptr<XsdValidator>> message_schemas;
    std::map<std::string, std::unique_ptr<XsdValidator>> dsd_schemas;  // by version and target namespace
    StructureSet structures;

    const std::filesystem::path& schema_directory(MlVersion version) {
        auto& directory = schema_directories[version];
        if (directory.empty()) directory = locate_schemas(schemas_option, namespaces_of(version).schema_folder);
        return directory;
    }

    const XsdValidator& base(MlVersion version) {
        auto& schema = message_schemas[version];
        if (!schema) {
            schema = std::make_unique<XsdValidator>(
                std::vector<std::filesystem::path>{schema_directory(version) / "SDMXMessage.xsd"});
        }
        return *schema;
    }
};

// The schema folder of a version, or an empty path when it cannot be found.
std::filesystem::path locate_schemas_or_empty(const std::optional<std::filesystem::path>& option, MlVersion version) {
    try {
        return locate_schemas(option, namespaces_of(version).schema_folder);
    } catch (const EnvironmentError&) {
        return {};
    }
}

std::string message_schema_check(MlVersion version) {
    return std::string("XML Schema: SDMXMessage.xsd (") + namespaces_of(version).label + ")";
}

const DataStructure* find_dsd(const StructureSet& structures, const ml21::DataMessageHeader& header) {
    if (header.by_dataflow) {
        const Dataflow* dataflow = structures.find_dataflow(header.structure);
        if (dataflow != nullptr) return structures.find_data_structure(dataflow->structure);
        // Structure-specific data name their DSD in the schema namespace too
        // ([DSD URN]:ObsLevelDim:...): enough when only the DSD was given.
        const auto level = header.ss_namespace.find(":ObsLevelDim:");
        MaintainableRef dsd;
        std::string class_name;
        if (level == std::string::npos || !parse_urn(header.ss_namespace.substr(0, level), dsd, nullptr, &class_name) ||
            class_name != "DataStructure") {
            return nullptr;
        }
        return structures.find_data_structure(dsd);
    }
    return structures.find_data_structure(header.structure);
}

void record_failure(FileReport& report, const std::exception& error) {
    if (const auto* input = dynamic_cast<const InputError*>(&error)) {
        report.diagnostics.append(input->diagnostics());
    } else {
        report.diagnostics.error(report.file.string(), {}, error.what());
    }
}

// A --structure file is input to the validation: one that is not a structure
// message, or not valid against its version's schema, is refused with its first
// located problem (the schema says what it expected where), before any data.
void read_given_structure_file(Context& context, const std::filesystem::path& file, std::size_t max_errors) {
    MlVersion version = MlVersion::v2_1;
    const auto kind = classify_message(file, &version);
    if (kind != MessageKind::structure) {
        throw InputError(file.string(), 0, 0,
                         "given with --structure, but it is " + std::string(message_kind_name(kind)) +
                             ", not an SDMX-ML structure message");
    }
    auto problems = context.base(version).validate(file, max_errors);
    if (problems.has_errors()) {
        const auto count = problems.error_count();
        if (count > 1) {
            problems.note(file.string(), {},
                          std::to_string(count - 1) +
                              " more schema error(s) in this --structure file: run "
                              "citizen-sdmx validate on it to list them");
        }
        throw InputError(std::move(problems));
    }
    context.structures.merge(ml21::read_structure_file(file));
}

std::string rules_check(const DataStructure& dsd, bool structure_specific) {
    return std::string("DSD rules: codes in codelists, mandatory attributes") +
           (structure_specific ? "" : ", known components") + " (" + dsd.ref.to_string() + ")";
}

// SDMX-ML 2.1 structure-specific data the streaming scan decides valid, with the rest
// of the message valid against the schema: true, the checks recorded. False leaves the
// whole message to the reference validation, which also says where the errors are.
bool scanned_valid(const XsdValidator& validator, const DataStructure& dsd, const StructureSet& structures,
                   ml21::ObservationLevel level, FileReport& report, std::size_t max_errors) {
    auto scan = StructureSpecificScan::plan(dsd, structures, level);
    if (!scan) return false;
    std::string skeleton, reason;
    if (!scan->scan(report.file, skeleton, reason)) return false;
    if (validator.validate_text(skeleton, report.file.string(), max_errors).has_errors()) return false;
    report.checks.push_back("XML Schema: SDMXMessage.xsd + DSD-specific schema generated from " +
                            dsd.ref.to_string() + " (data bodies by the streaming check)");
    report.checks.push_back(rules_check(dsd, true));
    return true;
}

void validate_data(Context& context, FileReport& report, const ValidateOptions& options) {
    const std::size_t max_errors = options.max_errors_per_file;
    ml21::DataMessageHeader header = ml21::read_data_message_header(report.file);
    const DataStructure* dsd = find_dsd(context.structures, header);
    const bool structure_specific = report.kind == MessageKind::structure_specific_data;
    if (dsd == nullptr) {
        std::string what = (header.by_dataflow ? "dataflow " : "DSD ") + header.structure.to_string();
        if (structure_specific) {
            report.diagnostics.error(report.file.string(), {},
                                     "not validated: structure-specific data can only be validated against its "
                                     "DSD, and " +
                                         what +
                                         " is not in the structure files given; pass the "
                                         "structure message with --structure FILE");
            return;
        }
        report.diagnostics.note(report.file.string(), {},
                                "checked against the SDMX-ML schema only: " + what +
                                    " was not given (--structure), so codes and attributes were not checked");
    }

    Diagnostics schema_errors;
    schema_errors.set_error_limit(max_errors);
    if (structure_specific) {
        auto level = header.dimension_at_observation == "AllDimensions" ? ml21::ObservationLevel::all_dimensions
                                                                        : ml21::ObservationLevel::time_period;
        if (header.dimension_at_observation != "AllDimensions" && header.dimension_at_observation != "TIME_PERIOD") {
            report.diagnostics.error(report.file.string(), {},
                                     "dimensionAtObservation=\"" + header.dimension_at_observation +
                                         "\" is not supported yet (AllDimensions and TIME_PERIOD are)");
            return;
        }
        const auto& schema_directory = context.schema_directory(header.version);
        auto schema = ml21::write_dsd_schema(*dsd, context.structures, level,
                                             std::filesystem::absolute(schema_directory).string(), header.version);
        if (!header.ss_namespace.empty() && header.ss_namespace != schema.target_namespace) {
            report.diagnostics.error(report.file.string(), {},
                                     "the header's namespace \"" + header.ss_namespace +
                                         "\" is not the DSD-specific "
                                         "namespace \"" +
                                         schema.target_namespace + "\"");
        }
        for (const auto& missing : schema.missing_codelists) {
            report.diagnostics.error(report.file.string(), {},
                                     "codelist " + missing +
                                         " is not in the structure files given, so its codes "
                                         "cannot be checked; pass the structure message that defines it");
        }
        // 2.1 and 3.0 schemas of one DSD share their target namespace.
        auto& validator =
            context.dsd_schemas[std::string(namespaces_of(header.version).label) + " " + schema.target_namespace];
        if (!validator) {
            validator = std::make_unique<XsdValidator>(
                std::vector<std::filesystem::path>{schema_directory / "SDMXMessage.xsd"},
                std::vector<InMemorySchema>{{"generated DSD-specific schema for " + dsd->ref.to_string(), schema.xsd}});
        }
        if (header.version == MlVersion::v2_1 && !options.reference_schema_check && !report.diagnostics.has_errors() &&
            scanned_valid(*validator, *dsd, context.structures, level, report, max_errors)) {
            return;
        }
        schema_errors = validator->validate(report.file, max_errors);
        report.checks.push_back("XML Schema: SDMXMessage.xsd + DSD-specific schema generated from " +
                                dsd->ref.to_string());
    } else {
        schema_errors = context.base(header.version).validate(report.file, max_errors);
        report.checks.push_back(message_schema_check(header.version));
    }
    if (dsd == nullptr) {
        report.diagnostics.append(schema_errors);
        return;
    }

    Diagnostics rule_errors;
    rule_errors.set_error_limit(max_errors);
    ConformanceOptions conformance;
    conformance.check_unknown_components = !structure_specific;
    try {
        check_data_conformance(report.file, *dsd, context.structures, conformance, rule_errors);
    } catch (const InputError&) {
        // Not well-formed: the schema validation above has said where.
        if (!schema_errors.has_errors()) throw;
    }
    report.checks.push_back(rules_check(*dsd, structure_specific));
    // A bad code fails the schema's enumeration too; keep only the rule's message,
    // which names the component and the allowed codes.
    std::set<std::uint64_t> lines_with_code_errors;
    for (const auto& item : rule_errors.items()) {
        if (item.message.find(": code \"") != std::string::npos) lines_with_code_errors.insert(item.line);
    }
    for (const auto& item : schema_errors.items()) {
        bool duplicate =
            item.message.find("not in enumeration") != std::string::npos && lines_with_code_errors.count(item.line) > 0;
        if (!duplicate) report.diagnostics.add(item);
    }
    report.diagnostics.add_suppressed_errors(schema_errors.suppressed_errors());
    report.diagnostics.append(rule_errors);
}

}  // namespace

const char* message_kind_name(MessageKind kind) {
    switch (kind) {
        case MessageKind::structure:
            return "structure";
        case MessageKind::generic_data:
            return "generic data";
        case MessageKind::structure_specific_data:
            return "structure-specific data";
        case MessageKind::other_message:
            return "other SDMX-ML message";
        case MessageKind::not_sdmx:
            return "not SDMX-ML";
    }
    return "unknown";
}

MessageKind classify_message(const std::filesystem::path& file, MlVersion* version) {
    auto reader = XmlReader::open_file(file);
    while (reader.read()) {
        if (!reader.is_element()) continue;
        const auto ns = reader.namespace_uri();
        if (ns == ml30::kMessageNs) {
            if (version) *version = MlVersion::v3_0;
        } else if (ns == ml21::kMessageNs) {
            if (version) *version = MlVersion::v2_1;
        } else {
            return MessageKind::not_sdmx;
        }
        auto name = reader.local_name();
        if (name == "Structure") return MessageKind::structure;
        if (name == "GenericData" || name == "GenericTimeSeriesData") return MessageKind::generic_data;
        if (name == "StructureSpecificData" || name == "StructureSpecificTimeSeriesData") {
            return MessageKind::structure_specific_data;
        }
        return MessageKind::other_message;
    }
    return MessageKind::not_sdmx;
}

std::vector<FileReport> validate_messages(const std::vector<std::filesystem::path>& files,
                                          const ValidateOptions& options) {
    Context context;
    context.schemas_option = options.schemas;
    // Say up front when no schemas can be found at all, whatever the files are:
    // the 3.0 ones do when the 2.1 ones are missing, else the 2.1 error stands.
    try {
        context.schema_directory(MlVersion::v2_1);
    } catch (const EnvironmentError&) {
        context.schema_directories.clear();
        if (!std::filesystem::exists(locate_schemas_or_empty(options.schemas, MlVersion::v3_0))) throw;
    }

    std::vector<FileReport> reports;
    for (const auto& file : files) {
        FileReport report;
        report.file = file;
        report.diagnostics.set_error_limit(options.max_errors_per_file);
        try {
            report.kind = classify_message(file, &report.version);
        } catch (const std::exception& error) {
            record_failure(report, error);
        }
        reports.push_back(std::move(report));
    }

    // Structures first (given with --structure, or among the files): data needs their DSDs.
    for (const auto& file : options.structure_files) {
        read_given_structure_file(context, file, options.max_errors_per_file);
    }
    for (auto& report : reports) {
        if (report.kind != MessageKind::structure || report.diagnostics.has_errors()) continue;
        try {
            report.diagnostics.append(context.base(report.version).validate(report.file, options.max_errors_per_file));
            report.checks.push_back(message_schema_check(report.version));
            // Structure messages of either version provide the DSDs of data messages.
            if (!report.diagnostics.has_errors()) context.structures.merge(ml21::read_structure_file(report.file));
        } catch (const EnvironmentError&) {
            throw;
        } catch (const std::exception& error) {
            record_failure(report, error);
        }
    }
    for (auto& report : reports) {
        if (report.kind == MessageKind::structure || report.diagnostics.has_errors()) continue;
        try {
            switch (report.kind) {
                case MessageKind::generic_data:
                case MessageKind::structure_specific_data:
                    validate_data(context, report, options);
                    break;
                case MessageKind::other_message:
                    report.diagnostics.append(
                        context.base(report.version).validate(report.file, options.max_errors_per_file));
                    report.checks.push_back(message_schema_check(report.version));
                    break;
                default:
                    report.diagnostics.error(report.file.string(), {},
                                             "not an SDMX-ML 2.1 or 3.0 message (the root element is in neither "
                                             "namespace " +
                                                 std::string(ml21::kMessageNs) + " nor " + ml30::kMessageNs + ")");
                    break;
            }
        } catch (const EnvironmentError&) {
            throw;
        } catch (const std::exception& error) {
            record_failure(report, error);
        }
    }
    for (auto& report : reports) {
        report.valid = !report.diagnostics.has_errors() && !report.checks.empty();
    }
    return reports;
}

}  // namespace csdmx::sdmx
