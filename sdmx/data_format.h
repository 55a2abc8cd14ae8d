// The data message formats this tool writes, by the names users give on the
// command line, and the writer for each.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"
#include "sdmx/data_writer.h"

namespace csdmx::sdmx {

enum class DataFormat {
    ml21_structure_specific,  // sdmx-ml-2.1-ss (the default)
    ml21_generic,             // sdmx-ml-2.1-generic
    ml30_structure_specific,  // sdmx-ml-3.0-ss
    csv10,                    // sdmx-csv-1.0
    csv20,                    // sdmx-csv-2.0
    json20,                   // sdmx-json-2.0
};

// Every format, in the order of the list above.
const std::vector<DataFormat>& all_data_formats();

// "sdmx-ml-2.1-ss", ...: what --format takes.
std::string_view format_name(DataFormat format);
std::optional<DataFormat> parse_data_format(std::string_view name);
// "sdmx-ml-2.1-ss, sdmx-ml-2.1-generic, ...", for help texts and errors.
std::string data_format_names();

// What ends the data file's name: "-data-structurespecific.xml", "-data.csv", ...
std::string_view file_suffix(DataFormat format);

// Whether the format needs an SDMX-ML 3.0 structure message beside it.
bool needs_ml30_structures(DataFormat format);

std::unique_ptr<DataWriter> make_data_writer(DataFormat format, ByteSink& output);

}  // namespace csdmx::sdmx
