// Tables written for an existing DSD (the SDG DSD, an NSO's own) through a mapping
// file: each row (or, with a tabulation, each tabulated cell) becomes one
// observation of that DSD, every rule of it enforced.
#include "copenhagen/citizen_annotations.h"
#include "pipeline/conversion_parts.h"
#include "pipeline/coverage_period.h"
#include "pipeline/generated_structures.h"
#include "pipeline/message_set.h"
#include "pipeline/national_extension.h"
#include "pipeline/open_sdg/open_sdg_output.h"
#include "tabulation/tabulator.h"

namespace csdmx::mapping {

namespace {

// A tabulated cell as a row of the "table" the mapping reads: its key, value and
// attributes in the order of tabulation_layout (fields_of in converter.cpp).
void cell_as_row(const sdmx::Observation& cell, std::uint64_t number, package::TableRow& row) {
    row.cells.resize(cell.key.size() + 1 + cell.attributes.size());
    std::size_t i = 0;
    const auto put = [&](const std::string& value) {
        auto& target = row.cells[i++];
        target.value = value;
        target.missing = value.empty();
        target.line = number;
        target.column = i;
    };
    for (const auto& value : cell.key) put(value);
    put(cell.value);
    for (const auto& value : cell.attributes) put(value);
    row.line = number;
}

}  // namespace

bool convert_to_dsd(const ConversionContext& context, OnError on_error, Diagnostics& diagnostics,
                    ConvertOutcome& outcome) {
    const auto& prepared = context.prepared;
    const auto& target = *prepared.target;
    const auto& plan = target.plan;

    package::TableReadOptions read_options;
    read_options.bad_rows = prepared.bad_rows;
    read_options.extra_missing_values = prepared.extra_missing_values;
    read_options.check_primary_key = false;  // duplicate keys are found after mapping, in the DSD's terms
    read_options.spill_directory = context.output_directory;
    package::TableReader table(prepared.resource(), read_options, diagnostics);
    if (!table.usable()) return false;

    const std::string base = prepared.names.base_id + "-" + target.mapping.dsd.id;
    MessageSet messages(context.output_directory, base, context.formats, context.profile);
    ByteSink* skipped = on_error == OnError::skip ? &messages.add_report(base + "-skipped-rows.csv") : nullptr;
    DsdRowMapper rows(plan, on_error, skipped);
    sdmx::SeriesSorter sorter(context.output_directory);
    const DsdRowMapper::Emit to_sorter = [&](const sdmx::Observation& observation, std::uint64_t position) {
        sorter.add(observation, position);
    };

    // The DSD has no room for participation: it travels in annotations (docs/mapping.md).
    const auto citizen = citizen_data_annotations(prepared.metadata, prepared.codelists, prepared.qualification);
    sdmx::DataSetDescription dataset;
    dataset.structure = target.mapping.dsd;
    dataset.provider = sdmx::DataProviderRef{prepared.names.provider_scheme(), prepared.metadata.producer.id};
    dataset.attributes = plan.data_set_attributes;
    dataset.annotations = context.provenance;
    dataset.annotations.insert(dataset.annotations.end(), citizen.begin(), citizen.end());
    // Every series of the data set shares its provenance: none is repeated per series
    // (sdg-build ignores them, readsdmx fails on them, and they multiplied the size).
    dataset.layout = plan.layout;
    // With an extension, the data are written for it and carry the citizen data
    // attributes it adds; its structure message holds everything it uses.
    const bool extended = !target.mapping.extension.empty();
    sdmx::StructureSet extension;
    if (extended) {
        extension =
            national_extension(target.structures, *plan.dsd, target.mapping.extension, target.mapping.extension_name,
                               prepared.metadata, prepared.codelists, prepared.qualification);
        dataset.structure = target.mapping.extension;
        const auto citizen_values =
            citizen_attribute_values(prepared.metadata, prepared.codelists, prepared.qualification);
        dataset.attributes.insert(dataset.attributes.end(), citizen_values.begin(), citizen_values.end());
    }
    // Every data message names the dataflow, which the structure message defines.
    const std::string dataflow_name =
        target.mapping.title.empty() ? target.mapping.dsd.to_string() : target.mapping.title;
    const sdmx::Dataflow dataflow =
        dataflow_for_dsd(prepared.names, target.mapping.dataflow, dataset.structure, extended, dataflow_name);
    dataset.dataflow = dataflow.ref;

    package::TableRow row;
    if (prepared.tabulation) {
        Tabulator tabulator(*prepared.tabulation, prepared.plan.constant_time_period, prepared.plan.constant_frequency,
                            prepared.bad_rows, context.output_directory);
        while (table.next(row)) tabulator.add(row, diagnostics);
        table.finish();
        outcome.table = table.statistics();
        if (diagnostics.has_errors()) return false;
        tabulator.finish();
        const auto& report = tabulator.report();
        dataset.annotations.push_back(disclosure_annotation(report));
        outcome.tabulation = report;
        package::TableRow cell_row;
        cell_row.file = context.data_file;
        std::uint64_t number = 0;
        tabulator.emit([&](const sdmx::Observation& cell) {
            cell_as_row(cell, ++number, cell_row);
            rows.map(cell_row, diagnostics, to_sorter);
        });
    } else {
        while (table.next(row)) rows.map(row, diagnostics, to_sorter);
        table.finish();
        outcome.table = table.statistics();
    }
    outcome.statistics.rows = table.statistics().rows_read - table.statistics().empty_rows;
    outcome.statistics.observations = rows.statistics().observations;
    outcome.statistics.rows_skipped = table.statistics().rows_skipped + rows.statistics().rows_skipped;
    if (diagnostics.has_errors()) return false;

    messages.begin(data_header(context), dataset);
    CoveragePeriodCheck coverage(prepared.metadata.coverage.period_start, prepared.metadata.coverage.period_end,
                                 plan.layout);
    std::optional<OpenSdgOutput> open_sdg;
    if (context.open_sdg) open_sdg.emplace(plan, base + "-open-sdg");
    replay_without_duplicates(
        sorter, table, plan.layout,
        [&](const sdmx::Observation& observation) {
            messages.write(observation);
            if (open_sdg) open_sdg->add(observation);
            coverage.see(observation);
        },
        diagnostics, outcome.statistics);
    if (diagnostics.has_errors()) return false;
    coverage.report(context.data_file, diagnostics);

    if (rows.statistics().rows_skipped > 0) {
        diagnostics.warning(context.data_file, {},
                            std::to_string(rows.statistics().rows_skipped) + " row(s) broke rules of " +
                                target.mapping.dsd.to_string() + " and were skipped; each is listed in " + base +
                                "-skipped-rows.csv");
    }
    if (rows.statistics().rows_not_selected > 0) {
        diagnostics.note(context.data_file, {},
                         std::to_string(rows.statistics().rows_not_selected) +
                             (prepared.tabulation ? " tabulated cell(s)" : " row(s)") +
                             " were not selected by the mapping's rows.where");
    }
    auto agreement_annotations = citizen;
    if (outcome.tabulation) agreement_annotations.push_back(disclosure_annotation(*outcome.tabulation));
    auto written = provider_structures(prepared.names, prepared.metadata, dataflow.ref, dataflow_name,
                                       std::move(agreement_annotations));
    written.dataflows.push_back(dataflow);
    if (extended) {
        written.merge(extension);
        messages.finish(structure_header(context), written);
    } else {
        messages.finish(structure_header(context), target.structures, &written);
    }
    if (open_sdg) {
        const ProxyNote proxy{plan.proxy_area, target.mapping.national_proxy_reason};
        open_sdg->write(messages, {prepared.metadata, prepared.codelists, proxy, target.coverage_extent});
    }
    if (outcome.statistics.observations == 0) {
        diagnostics.warning(context.data_file, {}, "no observations were written: no row was selected and valid");
    }
    outcome.outputs = messages.commit();
    return true;
}

}  // namespace csdmx::mapping
