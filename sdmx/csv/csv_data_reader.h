// Reads SDMX-CSV 1.0 and 2.0 data messages one observation at a time, telling
// dimensions from attributes by the DSD, for round-trip checks and for loading
// what other SDMX tools export.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "sdmx/csv/csv_data_writer.h"
#include "sdmx/model/data_structure.h"
#include "sdmx/read_observation.h"

namespace csdmx::sdmx::csv {

class CsvDataReader {
public:
    // Reads the header row; throws InputError (file, line, column, what was
    // expected) when it is no SDMX-CSV header.
    CsvDataReader(const std::filesystem::path& file, const DataStructure& dsd);
    ~CsvDataReader();
    CsvDataReader(const CsvDataReader&) = delete;
    CsvDataReader& operator=(const CsvDataReader&) = delete;

    CsvVersion version() const;
    // Next observation; false at the end. Data-set-level attributes, replicated on
    // every row, are in data_set_attributes() rather than in the observation.
    // Throws InputError for a row with the wrong number of fields.
    bool next(ReadObservation& observation);
    // The structure the last row named ("AGENCY:ID(VERSION)") and, in 2.0, its kind
    // ("dataflow", "datastructure") and action ("I", "A", "R", "D").
    const std::string& structure() const;
    const std::string& structure_kind() const;
    const std::string& action() const;
    const ComponentValues& data_set_attributes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace csdmx::sdmx::csv
