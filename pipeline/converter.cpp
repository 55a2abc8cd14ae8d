#include "pipeline/converter.h"

#include "copenhagen/citizen_annotations.h"
#include "core/sha256.h"
#include "core/version.h"
#include "pipeline/conversion_parts.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/time_period.h"
#include "tabulation/tabulation_spec.h"
#include "tabulation/tabulator.h"

namespace csdmx::mapping {

namespace {

std::optional<std::size_t> select_resource(const package::DataPackage& package, const std::string& wanted,
                                           Diagnostics& diagnostics) {
    if (!wanted.empty()) {
        for (std::size_t i = 0; i < package.resources.size(); ++i) {
            if (package.resources[i].name == wanted) return i;
        }
    } else if (package.resources.size() == 1) {
        return 0;
    }
    std::string names;
    for (const auto& resource : package.resources) names += (names.empty() ? "" : ", ") + resource.name;
    diagnostics.error(package.descriptor_path.string(), "resources",
                      (wanted.empty() ? "the package has " + std::to_string(package.resources.size()) +
                                            " resources; choose one with --resource"
                                      : "no resource named \"" + wanted + "\"") +
                          " (resources: " + names + ")");
    return std::nullopt;
}

// For people: what the tabulation computes, cell by cell.
std::string describe_tabulation(const TabulationSpec& spec) {
    const auto& fields = spec.fields;
    std::string text = "    cells by";
    for (const auto& group : spec.group_by) {
        text += " " + group.concept_id + (group.totals ? " (with totals)" : "") + ",";
    }
    std::string frequencies;
    for (char frequency : spec.frequencies)
        frequencies += (frequencies.empty() ? "" : ", ") + std::string(1, frequency);
    text += spec.period_field
                ? " and period from " + fields[*spec.period_field].name + " at frequency " + frequencies + "\n"
                : " and the reference period\n";
    if (spec.unpivot) {
        text += "    " + fields[spec.unpivot->value_field].name + " = the value of each of " +
                std::to_string(spec.unpivot->columns.size()) + " columns (unpivoted)\n";
    }
    for (const auto& statistic : spec.statistics) {
        text += "    " + statistic.id + " = " + function_name(statistic.function);
        if (statistic.field) text += " of " + fields[*statistic.field].name;
        if (statistic.where) text += " where " + fields[statistic.where->field].name + " ...";
        if (statistic.weighted) text += ", weighted by " + fields[*spec.weight_field].name;
        text += "\n";
    }
    text += "    cells on fewer than " + std::to_string(spec.min_cell_size) + " records are suppressed" +
            (spec.secondary_suppression ? ", with secondary suppression against totals\n" : "\n");
    return text;
}

// A tabulation without a period column: every cell gets the coverage period.
void set_constant_period(PreparedPackage& prepared, const std::string& file, Diagnostics& diagnostics) {
    if (prepared.tabulation->period_field) return;
    const auto& coverage = prepared.metadata.coverage;
    if (auto period = sdmx::period_covering(coverage.period_start, coverage.period_end)) {
        prepared.plan.constant_time_period = period->value;
        prepared.plan.constant_frequency = period->frequency;
    } else {
        diagnostics.error(file, prepared.resource().json_path + ".tabulation",
                          "no \"period\", and citizen_data.coverage.period spans more than one "
                          "calendar year: give the tabulation a period column and frequency",
                          "tabulation");
    }
}

// The tabulated cells seen as a table: one column per component of the layout.
std::vector<package::Field> fields_of(const sdmx::ObservationLayout& layout) {
    std::vector<package::Field> fields;
    const auto add = [&](const std::string& id) {
        package::Field field;
        field.name = id;
        fields.push_back(std::move(field));
    };
    for (const auto& id : layout.key_ids) add(id);
    add(layout.measure_id);
    for (const auto& id : layout.attribute_ids) add(id);
    return fields;
}

// The structures and the mapping of a DSD target; nullptr when they cannot be read.
std::unique_ptr<DsdTarget> read_target(const PrepareOptions& options, const std::string& file,
                                       Diagnostics& diagnostics) {
    const std::size_t errors_before = diagnostics.error_count();
    auto target = std::make_unique<DsdTarget>();
    auto mapping = read_dsd_mapping(*options.mapping_file, diagnostics);
    if (options.dsd_files.empty()) {
        diagnostics.error(file, {}, "a mapping needs the structure message holding its DSD: give it with --dsd FILE");
    }
    for (const auto& dsd_file : options.dsd_files) target->structures.merge(sdmx::ml21::read_structure_file(dsd_file));
    if (!mapping || diagnostics.error_count() > errors_before) return nullptr;
    target->mapping = std::move(*mapping);
    return target;
}

// citizen_data.coverage.extent, read here because only DSD mappings use it.
std::string coverage_extent(const nlohmann::json& citizen_data) {
    if (!citizen_data.is_object() || !citizen_data.contains("coverage")) return {};
    const auto& coverage = citizen_data["coverage"];
    if (!coverage.is_object() || !coverage.contains("extent") || !coverage["extent"].is_string()) return {};
    return coverage["extent"].get<std::string>();
}

// Compact UTC time for message ids: 20261122T101500.
std::string compact_time(const std::string& timestamp) {
    std::string compact;
    for (char c : timestamp) {
        if (c != '-' && c != ':' && c != 'Z') compact += c;
    }
    return compact;
}

}  // namespace

std::unique_ptr<PreparedPackage> prepare_package(const std::filesystem::path& descriptor, const PrepareOptions& options,
                                                 Diagnostics& diagnostics) {
    auto prepared = std::make_unique<PreparedPackage>();
    const std::string file = descriptor.string();
    // A target DSD alone says nothing of how the table's columns become its
    // components: every caller (command line, C, Python, R) gets the same refusal.
    if (!options.dsd_files.empty() && !options.mapping_file) {
        diagnostics.error(file, {},
                          "a target DSD was given, but only a mapping says how the table becomes its data: give a "
                          "mapping as well (--mapping FILE, C option MAPPING; docs/mapping.md), or leave out the DSD "
                          "to convert with a DSD generated from the package");
        return nullptr;
    }
    // The errors keep_going looks past (citizen_data, its codes, the generated names).
    std::size_t tolerated = 0;
    const auto failed = [&] { return diagnostics.error_count() > tolerated; };
    try {
        prepared->package = package::read_data_package(descriptor, diagnostics, {options.allow_links_outside});
        prepared->metadata = package::read_citizen_metadata(prepared->package, diagnostics);
        prepared->codelists =
            load_citizen_codelists(options.codelists_file ? options.codelists_file : default_codelists_file());
        check_citizen_codes(prepared->metadata, prepared->codelists, file, diagnostics);
        if (options.keep_going) tolerated = diagnostics.error_count();
        if (prepared->package.resources.empty()) return nullptr;
        std::unique_ptr<DsdTarget> target;
        std::string wanted_resource = options.resource;
        if (options.mapping_file) {
            target = read_target(options, file, diagnostics);
            if (!target) return nullptr;
            if (wanted_resource.empty()) wanted_resource = target->mapping.resource;
        }
        auto index = select_resource(prepared->package, wanted_resource, diagnostics);
        if (!index || failed()) return nullptr;
        prepared->resource_index = *index;
        const auto& chosen = prepared->resource();
        std::error_code missing;
        for (const auto& part : chosen.parts) {
            if (!std::filesystem::is_regular_file(part, missing)) {
                diagnostics.error(file, chosen.json_path + ".path", "data file not found: " + part.string());
            }
        }
        const auto& resource = prepared->resource();
        if (target) {
            const auto fields = package::expanded_fields(resource.schema);
            std::vector<package::Field> mapped_fields = fields;
            std::string described;
            // Records are tabulated first when the mapping (or the resource) says how.
            if (!target->mapping.tabulation.is_null() || !resource.tabulation.is_null()) {
                package::Resource tabulated = resource;
                if (!target->mapping.tabulation.is_null()) tabulated.tabulation = target->mapping.tabulation;
                prepared->tabulation =
                    read_tabulation(prepared->package, tabulated, fields, prepared->metadata, diagnostics);
                if (!prepared->tabulation) return nullptr;
                set_constant_period(*prepared, file, diagnostics);
                mapped_fields = fields_of(tabulation_layout(*prepared->tabulation));
                described = describe_tabulation(*prepared->tabulation) + "    then onto " +
                            target->mapping.dsd.to_string() + ":\n";
            }
            target->coverage_extent = coverage_extent(prepared->package.citizen_data);
            const PlanPackage plan_package{prepared->metadata, prepared->codelists, target->coverage_extent};
            auto plan = plan_for_dsd(target->mapping, target->structures, mapped_fields, plan_package, diagnostics);
            if (!plan) return nullptr;
            target->plan = std::move(*plan);
            prepared->column_plan = described + target->plan.description;
            prepared->target = std::move(target);
        } else if (!resource.tabulation.is_null()) {
            const auto fields = package::expanded_fields(resource.schema);
            prepared->tabulation =
                read_tabulation(prepared->package, resource, fields, prepared->metadata, diagnostics);
            if (prepared->tabulation) {
                prepared->column_plan = describe_tabulation(*prepared->tabulation);
                set_constant_period(*prepared, file, diagnostics);
            }
        } else {
            prepared->plan =
                plan_table(resource, prepared->metadata, prepared->package.allow_personal, file, diagnostics);
        }
        if (failed()) return nullptr;
        const std::size_t before_names = diagnostics.error_count();
        prepared->names =
            choose_names(prepared->package, prepared->resource(), prepared->metadata, options.agency, diagnostics);
        if (options.keep_going && diagnostics.error_count() > before_names) {
            // Reported; placeholders let check still read the rows through the plan.
            prepared->names.agency = "CHECK";
            prepared->names.base_id = "CHECK";
            tolerated = diagnostics.error_count();
        }
        if (failed()) return nullptr;
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
        return nullptr;
    }
    if (!prepared->tabulation && !prepared->target) prepared->column_plan = prepared->plan.describe();
    prepared->plan.code_id_case = options.code_id_case;
    if (prepared->tabulation) prepared->tabulation->code_id_case = options.code_id_case;
    prepared->bad_rows = options.bad_rows.value_or(prepared->package.bad_rows);
    prepared->extra_missing_values = options.extra_missing_values;
    prepared->qualification = assess_qualification(prepared->metadata, prepared->codelists);
    const auto& result = prepared->metadata.validation.result;
    if (!prepared->codelists.clears_for_official_use(result)) {
        // Onto an existing DSD without an extension there is no NSO_VALIDATION attribute.
        const bool annotation_only = prepared->target && prepared->target->mapping.extension.empty();
        diagnostics.warning(
            file, "citizen_data.validation.result",
            "\"" + result + "\" does not clear the data for official use; the messages carry " +
                (annotation_only ? "this decision as annotation CITIZEN_DATA_NSO_VALIDATION on the "
                                   "data set (and the provision agreement, with a dataflow), not as an attribute"
                                 : "this decision (attribute NSO_VALIDATION)"));
    }
    return prepared;
}

ConversionContext conversion_context(const PreparedPackage& prepared, const std::filesystem::path& output_directory,
                                     const std::string& mapping, const std::string& mapping_detail,
                                     const ConvertOptions& options) {
    const auto& resource = prepared.resource();
    ConversionProvenance provenance;
    provenance.tool = std::string("citizen-sdmx ") + CITIZEN_SDMX_VERSION;
    provenance.converted_at = sdmx::utc_timestamp_now();
    const auto digest = [&](const std::filesystem::path& path) {
        auto known = options.known_sha256.find(path.string());
        return known != options.known_sha256.end() ? known->second : sha256_file(path);
    };
    provenance.inputs.push_back(
        {"descriptor", prepared.package.descriptor_path.filename().string(), digest(prepared.package.descriptor_path)});
    for (std::size_t i = 0; i < resource.parts.size(); ++i) {
        provenance.inputs.push_back({"data", resource.relative_parts[i], digest(resource.parts[i])});
    }
    provenance.mapping = mapping;
    provenance.mapping_detail = mapping_detail;
    return {prepared,
            output_directory,
            provenance.converted_at,
            conversion_annotations(provenance),
            resource.path.string(),
            options.formats,
            options.open_sdg,
            options.profile};
}

sdmx::MessageHeader data_header(const ConversionContext& context) {
    const auto& metadata = context.prepared.metadata;
    sdmx::MessageHeader header;
    header.id = context.prepared.names.base_id + "_" + compact_time(context.converted_at);
    header.prepared = context.converted_at;
    header.sender_id = metadata.producer.id;
    header.sender_name = sdmx::InternationalString(metadata.producer.name);
    return header;
}

sdmx::MessageHeader structure_header(const ConversionContext& context) {
    sdmx::MessageHeader header;
    header.id = context.prepared.names.base_id + "_STRUCTURE_" + compact_time(context.converted_at);
    header.prepared = context.converted_at;
    header.sender_id = context.prepared.names.agency;
    return header;
}

sdmx::StructureSet generated_structures(const ConversionContext& context, const GeneratedComponents& components,
                                        sdmx::Annotations extra_annotations) {
    const auto& prepared = context.prepared;
    return build_generated_structures({prepared.names, prepared.package, prepared.resource(), components,
                                       prepared.metadata, prepared.codelists, prepared.qualification,
                                       std::move(extra_annotations)});
}

sdmx::DataSetDescription dataset_description(const ConversionContext& context, sdmx::ObservationLayout layout) {
    const auto& prepared = context.prepared;
    sdmx::DataSetDescription dataset;
    dataset.structure = prepared.names.data_structure();
    dataset.dataflow = prepared.names.dataflow();
    dataset.provider = sdmx::DataProviderRef{prepared.names.provider_scheme(), prepared.metadata.producer.id};
    dataset.attributes = citizen_attribute_values(prepared.metadata, prepared.codelists, prepared.qualification);
    dataset.annotations = context.provenance;
    dataset.layout = std::move(layout);
    return dataset;
}

bool convert_prepared(const PreparedPackage& prepared, const std::filesystem::path& output_directory,
                      const ConvertOptions& options, Diagnostics& diagnostics, ConvertOutcome& outcome) {
    try {
        const auto& resource = prepared.resource();
        std::filesystem::create_directories(output_directory);
        if (options.open_sdg && !prepared.target) {
            diagnostics.error(prepared.package.descriptor_path.string(), {},
                              "Open SDG output needs a mapping onto an SDG DSD (--dsd and --mapping)");
            return false;
        }
        if (prepared.target) {
            auto context = conversion_context(prepared, output_directory,
                                              "onto " + prepared.target->mapping.dsd.to_string() + " with mapping " +
                                                  prepared.target->mapping.file.filename().string(),
                                              prepared.column_plan, options);
            return convert_to_dsd(context, options.on_error, diagnostics, outcome);
        }
        if (prepared.tabulation) {
            auto context = conversion_context(prepared, output_directory,
                                              "records of resource \"" + resource.name + "\" tabulated",
                                              prepared.column_plan, options);
            return convert_records(context, diagnostics, outcome);
        }
        auto context = conversion_context(prepared, output_directory,
                                          "generated DSD from the Table Schema of resource \"" + resource.name + "\"",
                                          prepared.column_plan, options);
        return convert_table(context, diagnostics, outcome);
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
        return false;
    }
}

}  // namespace csdmx::mapping
