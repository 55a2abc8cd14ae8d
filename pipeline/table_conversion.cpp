// Tables whose rows are already observations (counts or values by disaggregation
// and period): each row becomes one observation per measure column.
#include "copenhagen/citizen_annotations.h"
#include "pipeline/conversion_parts.h"
#include "pipeline/coverage_period.h"
#include "pipeline/record_hints.h"
#include "pipeline/message_set.h"
#include "package/table_reader.h"
#include "sdmx/series_sorter.h"

namespace csdmx::mapping {

void replay_without_duplicates(sdmx::SeriesSorter& sorter, const package::TableReader& table,
                               const sdmx::ObservationLayout& layout,
                               const std::function<void(const sdmx::Observation&)>& write, Diagnostics& diagnostics,
                               MappingStatistics& statistics) {
    sorter.replay(write, [&](const sdmx::Observation& kept, std::uint64_t first, const sdmx::Observation& observation,
                             std::uint64_t position) {
        std::string key;
        for (std::size_t i = 0; i < layout.key_ids.size(); ++i) {
            key += (i ? ", " : "") + layout.key_ids[i] + "=" + observation.key[i];
        }
        // The same observation twice says nothing new: keep one, say so.
        const bool identical = kept.value == observation.value && kept.attributes == observation.attributes;
        if (identical) ++statistics.duplicates_left_out;
        diagnostics.problem_at(!identical, table.file_of(position), package::line_of_position(position), 0,
                               std::string(identical ? "identical duplicate, left out" : "duplicate observation") +
                                   ": the row on " + table.describe(first) + " has the same key (" + key + ")" +
                                   (identical ? "" : " and another value"),
                               "duplicate");
    });
    statistics.observations -= statistics.duplicates_left_out;
}

bool convert_table(const ConversionContext& context, Diagnostics& diagnostics, ConvertOutcome& outcome) {
    const auto& prepared = context.prepared;
    const auto& resource = prepared.resource();
    const std::string& data_file = context.data_file;

    package::TableReadOptions read_options;
    read_options.bad_rows = prepared.bad_rows;
    read_options.extra_missing_values = prepared.extra_missing_values;
    read_options.check_primary_key = false;  // duplicate observation keys are found below, after coding
    read_options.spill_directory = context.output_directory;
    package::TableReader table(resource, read_options, diagnostics);
    if (!table.usable()) return false;
    RowMapper rows(prepared.plan, prepared.bad_rows);

    MessageSet messages(context.output_directory, prepared.names.dataflow().id, context.formats, context.profile);
    messages.begin(data_header(context), dataset_description(context, rows.layout()));

    // The one pass over the rows. Observations go through the sorter, which hands
    // them to the writers in series order and finds duplicate keys.
    sdmx::SeriesSorter sorter(context.output_directory);
    const RowMapper::Emit emit = [&](const sdmx::Observation& observation, std::uint64_t position) {
        sorter.add(observation, position);
    };
    // Key problems are gathered apart: thousands of them mean the file is one row per
    // record, which is said once (record_hints.h).
    Diagnostics key_problems;
    key_problems.set_error_limit(1000);
    package::TableRow row;
    while (table.next(row)) rows.map(row, key_problems, emit);
    table.finish();
    outcome.table = table.statistics();
    rows.count_skipped(table.statistics().rows_skipped);
    outcome.statistics = rows.statistics();
    outcome.statistics.rows = table.statistics().rows_read - table.statistics().empty_rows;
    if (key_problems.has_errors() || diagnostics.has_errors()) {
        append_condensing_key_floods(diagnostics, key_problems, data_file);
        return false;  // the temporary files are removed
    }
    Diagnostics duplicates;
    duplicates.set_error_limit(1000);
    CoveragePeriodCheck coverage(prepared.metadata.coverage.period_start, prepared.metadata.coverage.period_end,
                                 rows.layout());
    replay_without_duplicates(
        sorter, table, rows.layout(),
        [&](const sdmx::Observation& observation) {
            messages.write(observation);
            coverage.see(observation);
        },
        duplicates, outcome.statistics);
    append_condensing_key_floods(diagnostics, key_problems, data_file);
    append_condensing_key_floods(diagnostics, duplicates, data_file);
    if (diagnostics.has_errors()) return false;
    coverage.report(data_file, diagnostics);
    warn_record_like_dimensions(rows.components(), outcome.statistics.rows, data_file, diagnostics);

    // Structures last: their codelists hold exactly the codes the data used.
    messages.finish(structure_header(context), generated_structures(context, rows.components()));
    if (outcome.statistics.observations == 0) {
        diagnostics.warning(data_file, {},
                            "no observations were written: the table has no rows, or every measure value is missing");
    }
    outcome.outputs = messages.commit();
    return true;
}

}  // namespace csdmx::mapping
