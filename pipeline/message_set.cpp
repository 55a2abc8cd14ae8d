#include "pipeline/message_set.h"

#include <algorithm>

#include "core/temporary_files.h"
#include "sdmx/ml21/structure_writer.h"
#include "sdmx/ml30/structure_writer.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::mapping {

MessageSet::MessageSet(const std::filesystem::path& directory, const std::string& base,
                       const std::vector<sdmx::DataFormat>& formats, sdmx::OutputProfile profile)
    : directory_(directory), profile_(profile) {
    // What a killed conversion left here; live temporaries of running ones stay.
    remove_stale_temporaries(directory);
    std::vector<sdmx::DataFormat> written;
    for (auto format : formats) {
        if (std::find(written.begin(), written.end(), format) != written.end()) continue;  // asked twice
        written.push_back(format);
        auto& file = outputs_.add(directory / (base + std::string(sdmx::file_suffix(format))));
        writers_.push_back(sdmx::make_data_writer(format, file));
    }
    structure_file_ = &outputs_.add(directory / (base + "-structure.xml"));
    if (std::any_of(written.begin(), written.end(), sdmx::needs_ml30_structures)) {
        structure_30_file_ = &outputs_.add(directory / (base + "-structure-3.0.xml"));
    }
}

void MessageSet::begin(const sdmx::MessageHeader& header, const sdmx::DataSetDescription& dataset) {
    sdmx::DataSetDescription written = dataset;
    moved_ = sdmx::apply_profile(profile_, written);
    for (auto& writer : writers_) writer->begin(header, written);
}

void MessageSet::write(const sdmx::Observation& observation) {
    for (auto& writer : writers_) writer->write(observation);
}

ByteSink& MessageSet::add_report(const std::string& file_name) {
    return outputs_.add(directory_ / file_name);
}

void MessageSet::finish(const sdmx::MessageHeader& structure_header, const sdmx::StructureSet& structures,
                        const sdmx::StructureSet* written) {
    for (auto& writer : writers_) writer->finish(structures);
    sdmx::StructureSet with_moved;  // only when the profile moved something here
    const sdmx::StructureSet* chosen = written != nullptr ? written : &structures;
    if (!moved_.annotations.empty()) {
        with_moved = *chosen;
        sdmx::receive_moved(moved_, with_moved);
        chosen = &with_moved;
    }
    const auto& in_message = *chosen;
    {
        sdmx::XmlWriter xml(*structure_file_);
        sdmx::ml21::write_structure_message(xml, structure_header, in_message);
    }
    if (structure_30_file_ != nullptr) {
        sdmx::XmlWriter xml(*structure_30_file_);
        sdmx::ml30::write_structure_message(xml, structure_header, in_message);
    }
}

std::vector<std::filesystem::path> MessageSet::commit() {
    outputs_.commit_all();
    return outputs_.final_paths();
}

}  // namespace csdmx::mapping
