#include "sdmx/data_format.h"

#include "sdmx/csv/csv_data_writer.h"
#include "sdmx/json/json_data_writer.h"
#include "sdmx/ml21/data_writers.h"

namespace csdmx::sdmx {

namespace {

struct FormatInfo {
    DataFormat format;
    std::string_view name;
    std::string_view suffix;
};

// Suffixes keep the SDMX-ML 2.1 names of earlier versions, so scripts that pick
// up "-data-structurespecific.xml" keep working.
constexpr FormatInfo kFormats[] = {
    {DataFormat::ml21_structure_specific, "sdmx-ml-2.1-ss", "-data-structurespecific.xml"},
    {DataFormat::ml21_generic, "sdmx-ml-2.1-generic", "-data-generic.xml"},
    {DataFormat::ml30_structure_specific, "sdmx-ml-3.0-ss", "-data-3.0-structurespecific.xml"},
    {DataFormat::csv10, "sdmx-csv-1.0", "-data-sdmx-csv-1.0.csv"},
    {DataFormat::csv20, "sdmx-csv-2.0", "-data-sdmx-csv-2.0.csv"},
    {DataFormat::json20, "sdmx-json-2.0", "-data-sdmx-json-2.0.json"},
};

const FormatInfo& info(DataFormat format) {
    for (const auto& entry : kFormats) {
        if (entry.format == format) return entry;
    }
    return kFormats[0];
}

}  // namespace

const std::vector<DataFormat>& all_data_formats() {
    static const std::vector<DataFormat> formats = [] {
        std::vector<DataFormat> list;
        for (const auto& entry : kFormats) list.push_back(entry.format);
        return list;
    }();
    return formats;
}

std::string_view format_name(DataFormat format) {
    return info(format).name;
}

std::optional<DataFormat> parse_data_format(std::string_view name) {
    for (const auto& entry : kFormats) {
        if (entry.name == name) return entry.format;
    }
    return std::nullopt;
}

std::string data_format_names() {
    std::string names;
    for (const auto& entry : kFormats) {
        if (!names.empty()) names += ", ";
        names += entry.name;
    }
    return names;
}

std::string_view file_suffix(DataFormat format) {
    return info(format).suffix;
}

bool needs_ml30_structures(DataFormat format) {
    return format == DataFormat::ml30_structure_specific;
}

std::unique_ptr<DataWriter> make_data_writer(DataFormat format, ByteSink& output) {
    switch (format) {
        case DataFormat::ml21_structure_specific:
            return ml21::make_structure_specific_writer(output);
        case DataFormat::ml21_generic:
            return ml21::make_generic_writer(output);
        case DataFormat::ml30_structure_specific:
            return ml21::make_structure_specific_writer(output, MlVersion::v3_0);
        case DataFormat::csv10:
            return csv::make_csv_data_writer(output, csv::CsvVersion::v1_0);
        case DataFormat::csv20:
            return csv::make_csv_data_writer(output, csv::CsvVersion::v2_0);
        case DataFormat::json20:
            return json::make_json_data_writer(output);
    }
    throw std::logic_error("no writer for " + std::string(format_name(format)));
}

}  // namespace csdmx::sdmx
