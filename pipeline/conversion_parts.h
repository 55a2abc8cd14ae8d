// What the two ways of converting share: tables whose rows are observations
// (table_conversion.cpp) and records tabulated into statistics (record_conversion.cpp).
#pragma once

#include <string>

#include "pipeline/converter.h"
#include "package/table_reader.h"
#include "sdmx/data_format.h"
#include "sdmx/data_writer.h"
#include "sdmx/model/message_header.h"
#include "sdmx/series_sorter.h"

namespace csdmx::mapping {

// Everything about one conversion that is known before the rows are read.
struct ConversionContext {
    const PreparedPackage& prepared;
    std::filesystem::path output_directory;
    std::string converted_at;      // xs:dateTime, one for every message
    sdmx::Annotations provenance;  // CONVERSION_* annotations for the data sets
    std::string data_file;
    std::vector<sdmx::DataFormat> formats;  // the data messages to write
    bool open_sdg = false;                  // also Open SDG's input files (DSD mappings only)
    sdmx::OutputProfile profile = sdmx::OutputProfile::standard;
};

ConversionContext conversion_context(const PreparedPackage& prepared, const std::filesystem::path& output_directory,
                                     const std::string& mapping, const std::string& mapping_detail,
                                     const ConvertOptions& options);

sdmx::MessageHeader data_header(const ConversionContext& context);
sdmx::MessageHeader structure_header(const ConversionContext& context);
// The data set with the citizen data attributes and the provenance annotations.
sdmx::DataSetDescription dataset_description(const ConversionContext& context, sdmx::ObservationLayout layout);

// The generated structures for this package, from the components the data pass
// collected; `extra_annotations` go on the dataflow and provision agreement.
sdmx::StructureSet generated_structures(const ConversionContext& context, const GeneratedComponents& components,
                                        sdmx::Annotations extra_annotations = {});

// The DISCLOSURE_CONTROL annotation: what disclosure control did, for people and messages.
sdmx::Annotation disclosure_annotation(const TabulationReport& report);

bool convert_table(const ConversionContext& context, Diagnostics& diagnostics, ConvertOutcome& outcome);
bool convert_records(const ConversionContext& context, Diagnostics& diagnostics, ConvertOutcome& outcome);
bool convert_to_dsd(const ConversionContext& context, OnError on_error, Diagnostics& diagnostics,
                    ConvertOutcome& outcome);

// Hands the sorted observations to `write`; duplicate keys become problems (an
// identical duplicate is left out with a warning, a differing one is an error).
void replay_without_duplicates(sdmx::SeriesSorter& sorter, const package::TableReader& table,
                               const sdmx::ObservationLayout& layout,
                               const std::function<void(const sdmx::Observation&)>& write, Diagnostics& diagnostics,
                               MappingStatistics& statistics);

}  // namespace csdmx::mapping
