// The messages one conversion writes: a data message per requested format and
// the structure message, all landing together (or not at all) in one folder.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/atomic_output.h"
#include "sdmx/data_format.h"
#include "sdmx/data_writer.h"
#include "sdmx/model/structure_set.h"
#include "sdmx/output_profile.h"

namespace csdmx::mapping {

class MessageSet {
public:
    // Data files are named <base><suffix of the format> (sdmx::file_suffix), the
    // structure message <base>-structure.xml, and with SDMX-ML 3.0 data its 3.0
    // counterpart <base>-structure-3.0.xml.
    // `profile`: what the messages leave where for readers that need it (sdmx/output_profile.h).
    MessageSet(const std::filesystem::path& directory, const std::string& base,
               const std::vector<sdmx::DataFormat>& formats,
               sdmx::OutputProfile profile = sdmx::OutputProfile::standard);

    void begin(const sdmx::MessageHeader& header, const sdmx::DataSetDescription& dataset);
    void write(const sdmx::Observation& observation);
    // A further output (a report) that lands with the messages.
    ByteSink& add_report(const std::string& file_name);
    // Closes every data message and writes the structure message. `structures`
    // describe the data (writers take names from them); `written`, when given, is
    // what the structure message holds instead (the DSD belongs to the NSO).
    void finish(const sdmx::MessageHeader& structure_header, const sdmx::StructureSet& structures,
                const sdmx::StructureSet* written = nullptr);
    // Renames every file to its final name; returns the final paths.
    std::vector<std::filesystem::path> commit();

private:
    std::filesystem::path directory_;
    OutputSet outputs_;
    AtomicOutputFile* structure_file_ = nullptr;
    AtomicOutputFile* structure_30_file_ = nullptr;  // when an SDMX-ML 3.0 data message is written
    std::vector<std::unique_ptr<sdmx::DataWriter>> writers_;
    sdmx::OutputProfile profile_;
    sdmx::MovedToStructures moved_;  // taken out of the data messages by the profile
};

}  // namespace csdmx::mapping
