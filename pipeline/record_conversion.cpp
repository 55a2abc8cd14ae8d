// Records (one response, one reading, one water point per row) tabulated into
// statistics by disaggregation and period, with disclosure control.
#include "copenhagen/citizen_annotations.h"
#include "pipeline/conversion_parts.h"
#include "pipeline/coverage_period.h"
#include "pipeline/message_set.h"
#include "tabulation/tabulator.h"
#include "package/table_reader.h"

namespace csdmx::mapping {

// What disclosure control did, for people and for the messages.
sdmx::Annotation disclosure_annotation(const TabulationReport& report) {
    sdmx::Annotation annotation;
    annotation.type = "DISCLOSURE_CONTROL";
    annotation.title = "k=" + std::to_string(report.min_cell_size) +
                       "; primary=" + std::to_string(report.suppressed.primary) +
                       "; secondary=" + std::to_string(report.suppressed.secondary);
    annotation.text = sdmx::InternationalString(
        std::to_string(report.cells) + " cells from " + std::to_string(report.records) + " records. " +
        std::to_string(report.suppressed.primary) + " cell(s) rest on fewer than " +
        std::to_string(report.min_cell_size) + " records and are suppressed (OBS_STATUS Q, CONF_STATUS A); " +
        std::to_string(report.suppressed.secondary) +
        " more are suppressed so that none can be recovered from a total and its other parts (CONF_STATUS D)" +
        (report.secondary ? "." : "; secondary suppression was turned off.") +
        " Suppressed cells carry no value and no number of records.");
    return annotation;
}

bool convert_records(const ConversionContext& context, Diagnostics& diagnostics, ConvertOutcome& outcome) {
    const auto& prepared = context.prepared;
    const auto& resource = prepared.resource();

    package::TableReadOptions read_options;
    read_options.bad_rows = prepared.bad_rows;
    read_options.extra_missing_values = prepared.extra_missing_values;
    read_options.spill_directory = context.output_directory;
    package::TableReader table(resource, read_options, diagnostics);
    if (!table.usable()) return false;
    Tabulator tabulator(*prepared.tabulation, prepared.plan.constant_time_period, prepared.plan.constant_frequency,
                        prepared.bad_rows, context.output_directory);
    package::TableRow row;
    while (table.next(row)) tabulator.add(row, diagnostics);
    table.finish();
    outcome.table = table.statistics();
    if (diagnostics.has_errors()) return false;
    tabulator.finish();

    // The messages are written once every record is in: the data set says what
    // disclosure control did.
    const auto& report = tabulator.report();
    auto dataset = dataset_description(context, tabulator.layout());
    dataset.annotations.push_back(disclosure_annotation(report));
    MessageSet messages(context.output_directory, prepared.names.dataflow().id, context.formats, context.profile);
    messages.begin(data_header(context), dataset);
    CoveragePeriodCheck coverage(prepared.metadata.coverage.period_start, prepared.metadata.coverage.period_end,
                                 tabulator.layout());
    tabulator.emit([&](const sdmx::Observation& observation) {
        messages.write(observation);
        coverage.see(observation);
    });
    coverage.report(context.data_file, diagnostics);
    messages.finish(structure_header(context),
                    generated_structures(context, tabulator.components(), {disclosure_annotation(report)}));

    outcome.statistics.rows = table.statistics().rows_read - table.statistics().empty_rows;
    outcome.statistics.rows_skipped = table.statistics().rows_skipped + report.records_left_out;
    outcome.statistics.observations = report.observations;
    outcome.tabulation = report;
    if (report.observations == 0)
        diagnostics.warning(context.data_file, {}, "no observations: no records were tabulated");
    outcome.outputs = messages.commit();
    return true;
}

}  // namespace csdmx::mapping
