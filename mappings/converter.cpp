#include "mappings/converter.h"

#include "core/atomic_output.h"
#include "core/sha256.h"
#include "core/version.h"
#include "mappings/citizen_annotations.h"
#include "package/table_reader.h"
#include "sdmx/ml21/data_writers.h"
#include "sdmx/ml21/structure_writer.h"
#include "sdmx/series_sorter.h"

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
    try {
        prepared->package = package::read_data_package(descriptor, diagnostics);
        prepared->metadata = package::read_citizen_metadata(prepared->package, diagnostics);
        prepared->codelists =
            load_citizen_codelists(options.codelists_file ? options.codelists_file : default_codelists_file());
        check_citizen_codes(prepared->metadata, prepared->codelists, file, diagnostics);
        if (prepared->package.resources.empty()) return nullptr;
        auto index = select_resource(prepared->package, options.resource, diagnostics);
        if (!index || diagnostics.has_errors()) return nullptr;
        prepared->resource_index = *index;
        const auto& chosen = prepared->resource();
        std::error_code missing;
        if (!chosen.path.empty() && !std::filesystem::is_regular_file(chosen.path, missing)) {
            diagnostics.error(file, chosen.json_path + ".path", "data file not found: " + chosen.path.string());
        }
        prepared->plan = plan_table(prepared->resource(), prepared->metadata, file, diagnostics);
        prepared->names =
            choose_names(prepared->package, prepared->resource(), prepared->metadata, options.agency, diagnostics);
        if (diagnostics.has_errors()) return nullptr;
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
        return nullptr;
    }
    prepared->column_plan = prepared->plan.describe();
    prepared->bad_rows = options.bad_rows.value_or(prepared->package.bad_rows);
    prepared->extra_missing_values = options.extra_missing_values;
    prepared->qualification = assess_qualification(prepared->metadata, prepared->codelists);
    const auto& result = prepared->metadata.validation.result;
    if (!prepared->codelists.clears_for_official_use(result)) {
        diagnostics.warning(file, "citizen_data.validation.result",
                            "\"" + result +
                                "\" does not clear the data for official use; the messages carry "
                                "this decision (attribute NSO_VALIDATION)");
    }
    return prepared;
}

bool convert_prepared(const PreparedPackage& prepared, const std::filesystem::path& output_directory,
                      Diagnostics& diagnostics, ConvertOutcome& outcome) {
    const auto& resource = prepared.resource();
    const auto& metadata = prepared.metadata;
    const auto& names = prepared.names;
    const std::string data_file = resource.path.string();
    try {
        const std::string converted_at = sdmx::utc_timestamp_now();
        ConversionProvenance provenance;
        provenance.tool = std::string("citizen-sdmx ") + CITIZEN_SDMX_VERSION;
        provenance.converted_at = converted_at;
        provenance.inputs.push_back({"descriptor", prepared.package.descriptor_path.filename().string(),
                                     sha256_file(prepared.package.descriptor_path)});
        provenance.inputs.push_back({"data", resource.relative_path, sha256_file(resource.path)});
        provenance.mapping = "generated DSD from the Table Schema of resource \"" + resource.name + "\"";
        provenance.mapping_detail = prepared.column_plan;

        OutputSet outputs;
        const std::string base = names.dataflow().id;
        auto& ss_file = outputs.add(output_directory / (base + "-data-structurespecific.xml"));
        auto& generic_file = outputs.add(output_directory / (base + "-data-generic.xml"));
        auto& structure_file = outputs.add(output_directory / (base + "-structure.xml"));
        std::vector<std::unique_ptr<sdmx::DataWriter>> writers;
        writers.push_back(sdmx::ml21::make_structure_specific_writer(ss_file));
        writers.push_back(sdmx::ml21::make_generic_writer(generic_file));

        package::TableReadOptions read_options;
        read_options.bad_rows = prepared.bad_rows;
        read_options.extra_missing_values = prepared.extra_missing_values;
        read_options.check_primary_key = false;  // duplicate observation keys are found below, after coding
        read_options.spill_directory = output_directory;
        std::filesystem::create_directories(output_directory);
        package::TableReader table(resource, read_options, diagnostics);
        if (!table.usable()) return false;
        RowMapper rows(prepared.plan, prepared.bad_rows, data_file);

        sdmx::MessageHeader data_header;
        data_header.id = names.base_id + "_" + compact_time(converted_at);
        data_header.prepared = converted_at;
        data_header.sender_id = metadata.producer.id;
        data_header.sender_name = sdmx::InternationalString(metadata.producer.name);
        sdmx::DataSetDescription dataset;
        dataset.structure = names.data_structure();
        dataset.provider = sdmx::DataProviderRef{names.provider_scheme(), metadata.producer.id};
        dataset.attributes = citizen_attribute_values(metadata, prepared.codelists, prepared.qualification);
        dataset.annotations = conversion_annotations(provenance);
        dataset.layout = rows.layout();
        for (auto& writer : writers) writer->begin(data_header, dataset);

        // The one pass over the rows. Observations go through the sorter, which
        // hands them to every writer in series order and finds duplicate keys.
        sdmx::SeriesSorter sorter(output_directory);
        const RowMapper::Emit emit = [&](const sdmx::Observation& observation, std::uint64_t line) {
            sorter.add(observation, line);
        };
        package::TableRow row;
        while (table.next(row)) rows.map(row, diagnostics, emit);
        table.finish();
        rows.count_skipped(table.statistics().rows_skipped);
        outcome.statistics = rows.statistics();
        outcome.statistics.rows = table.statistics().rows_read - table.statistics().empty_rows;
        if (diagnostics.has_errors()) return false;  // the temporary files are removed
        const auto& layout = rows.layout();
        sorter.replay(
            [&](const sdmx::Observation& observation) {
                for (auto& writer : writers) writer->write(observation);
            },
            [&](const sdmx::Observation& kept, std::uint64_t first_line, const sdmx::Observation& observation,
                std::uint64_t line) {
                std::string key;
                for (std::size_t i = 0; i < layout.key_ids.size(); ++i) {
                    key += (i ? ", " : "") + layout.key_ids[i] + "=" + observation.key[i];
                }
                // The same observation twice says nothing new: keep one, say so.
                const bool identical = kept.value == observation.value && kept.attributes == observation.attributes;
                if (identical) ++outcome.statistics.duplicates_left_out;
                diagnostics.problem_at(
                    !identical, data_file, line, 0,
                    std::string(identical ? "identical duplicate, left out" : "duplicate observation") +
                        ": the row on line " + std::to_string(first_line) + " has the same key (" + key + ")" +
                        (identical ? "" : " and another value"),
                    "duplicate");
            });
        outcome.statistics.observations -= outcome.statistics.duplicates_left_out;
        if (diagnostics.has_errors()) return false;
        for (auto& writer : writers) writer->finish();

        // Structures last: their codelists hold exactly the codes the data used.
        const GeneratedComponents components = rows.components();
        sdmx::StructureSet structures = build_generated_structures(
            {names, prepared.package, resource, components, metadata, prepared.codelists, prepared.qualification, {}});
        sdmx::MessageHeader structure_header;
        structure_header.id = names.base_id + "_STRUCTURE_" + compact_time(converted_at);
        structure_header.prepared = converted_at;
        structure_header.sender_id = names.agency;
        {
            sdmx::XmlWriter xml(structure_file);
            sdmx::ml21::write_structure_message(xml, structure_header, structures);
        }
        if (outcome.statistics.observations == 0) {
            diagnostics.warning(data_file, {},
                                "no observations were written: the table has no rows, or every "
                                "measure value is missing");
        }
        outputs.commit_all();
        outcome.outputs = outputs.final_paths();
        return true;
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
        return false;
    }
}

}  // namespace csdmx::mapping
