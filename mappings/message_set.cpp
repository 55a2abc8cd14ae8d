#include "mappings/message_set.h"

#include "sdmx/ml21/data_writers.h"
#include "sdmx/ml21/structure_writer.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::mapping {

MessageSet::MessageSet(const std::filesystem::path& directory, const std::string& base) {
    auto& structure_specific = outputs_.add(directory / (base + "-data-structurespecific.xml"));
    auto& generic = outputs_.add(directory / (base + "-data-generic.xml"));
    structure_file_ = &outputs_.add(directory / (base + "-structure.xml"));
    writers_.push_back(sdmx::ml21::make_structure_specific_writer(structure_specific));
    writers_.push_back(sdmx::ml21::make_generic_writer(generic));
}

void MessageSet::begin(const sdmx::MessageHeader& header, const sdmx::DataSetDescription& dataset) {
    for (auto& writer : writers_) writer->begin(header, dataset);
}

void MessageSet::write(const sdmx::Observation& observation) {
    for (auto& writer : writers_) writer->write(observation);
}

void MessageSet::finish_data() {
    for (auto& writer : writers_) writer->finish();
}

void MessageSet::write_structures(const sdmx::MessageHeader& header, const sdmx::StructureSet& structures) {
    sdmx::XmlWriter xml(*structure_file_);
    sdmx::ml21::write_structure_message(xml, header, structures);
}

std::vector<std::filesystem::path> MessageSet::commit() {
    outputs_.commit_all();
    return outputs_.final_paths();
}

}  // namespace csdmx::mapping
