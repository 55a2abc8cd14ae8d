// Rows in, observations of the target DSD out, with every rule of the DSD
// enforced as the rows stream by: codes in their codelists, mandatory attributes
// present, TIME_PERIOD consistent with FREQ, the measure of its type.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/byte_sink.h"
#include "core/diagnostic.h"
#include "mappings/dsd_plan.h"
#include "package/table_reader.h"

namespace csdmx::mapping {

// What to do with a row that breaks a rule of the DSD.
enum class OnError {
    reject,  // an error: nothing is written (the default)
    skip,    // the row is left out and listed in the report of skipped rows
};

struct DsdMappingStatistics {
    std::uint64_t rows = 0;
    std::uint64_t rows_not_selected = 0;  // left out by rows.where
    std::uint64_t rows_skipped = 0;       // broke a rule, with --on-error skip
    std::uint64_t observations = 0;
};

class DsdRowMapper {
public:
    using Emit = std::function<void(const sdmx::Observation&, std::uint64_t position)>;

    // `skipped_report` receives one CSV line per skipped row (file,line,column,
    // component,problem) after a header; required with OnError::skip.
    DsdRowMapper(const DsdPlan& plan, OnError on_error, ByteSink* skipped_report);

    void map(const package::TableRow& row, Diagnostics& diagnostics, const Emit& emit);
    const DsdMappingStatistics& statistics() const { return statistics_; }

private:
    struct Problem {
        std::uint64_t line = 0, column = 0;
        std::string component, message;
    };
    bool value_of(const PlannedComponent& component, const package::TableRow& row, std::string& value,
                  Problem& problem) const;
    bool check_time(const std::string& frequency, std::string& period, Problem& problem) const;

    const DsdPlan& plan_;
    OnError on_error_;
    ByteSink* report_;
    DsdMappingStatistics statistics_;
    sdmx::Observation observation_;
    std::size_t frequency_position_ = static_cast<std::size_t>(-1);
};

}  // namespace csdmx::mapping
