#include "tests/integration/conversion_fixture.h"

#include <gtest/gtest.h>

#include <set>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/validation/message_validator.h"

namespace csdmx::test {

std::string Conversion::listing() const {
    std::string text;
    for (const auto& d : diagnostics.items()) text += format_diagnostic(d) + "\n";
    return text;
}

mapping::ConvertOptions ml21_messages() {
    mapping::ConvertOptions options;
    options.formats = {sdmx::DataFormat::ml21_structure_specific, sdmx::DataFormat::ml21_generic};
    return options;
}

Conversion convert(const std::filesystem::path& descriptor, const std::filesystem::path& output,
                   const mapping::PrepareOptions& options, const mapping::ConvertOptions& convert_options) {
    Conversion conversion;
    auto prepared = mapping::prepare_package(descriptor, options, conversion.diagnostics);
    if (prepared) {
        conversion.ok =
            mapping::convert_prepared(*prepared, output, convert_options, conversion.diagnostics, conversion.outcome);
    }
    return conversion;
}

std::filesystem::path output_ending(const Conversion& conversion, const std::string& suffix) {
    for (const auto& path : conversion.outcome.outputs) {
        std::string name = path.filename().string();
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            return path;
        }
    }
    return {};
}

std::multiset<std::string> observations_by_name(const std::filesystem::path& data,
                                                const sdmx::StructureSet& structures) {
    std::multiset<std::string> rows;
    const auto& dsd = structures.data_structures.at(0);
    sdmx::ml21::DataMessageReader reader(data, &dsd);
    sdmx::ml21::ReadObservation observation;
    while (reader.next(observation)) {
        std::string row;
        for (const auto& dimension : dsd.dimensions) {
            std::string value;
            for (const auto& [id, v] : observation.key) {
                if (id == dimension.id) value = v;
            }
            const auto* codelist = structures.codelist_of(dimension.concept_identity, dimension.local_representation);
            const auto* code = codelist ? codelist->find(value) : nullptr;
            // INDICATOR and FREQ keep their codes; the table's own columns are compared by name.
            bool by_name = dimension.id != "INDICATOR" && dimension.id != "FREQ";
            row += dimension.id + "=" + (by_name && code ? code->name.text() : value) + "|";
        }
        for (const auto& [id, v] : observation.key) {
            if (id == "TIME_PERIOD") row += "TIME_PERIOD=" + v + "|";
        }
        row.append("=").append(observation.value.value_or("(none)"));
        rows.insert(row);
    }
    return rows;
}

std::map<std::string, ReadCell> observations_by_key(const std::filesystem::path& data,
                                                    const sdmx::StructureSet& structures) {
    std::map<std::string, ReadCell> cells;
    const auto& dsd = structures.data_structures.at(0);
    sdmx::ml21::DataMessageReader reader(data, &dsd);
    sdmx::ml21::ReadObservation observation;
    while (reader.next(observation)) add_cell(cells, dsd, observation);
    return cells;
}

std::string cell_key(const sdmx::DataStructure& dsd, const sdmx::ReadObservation& observation) {
    std::string key;
    for (const auto& dimension : dsd.dimensions) {
        for (const auto& [id, value] : observation.key) {
            if (id == dimension.id) key += (key.empty() ? "" : "|") + id + "=" + value;
        }
    }
    for (const auto& [id, value] : observation.key) {
        if (id == "TIME_PERIOD") key += "|TIME_PERIOD=" + value;
    }
    return key;
}

void add_cell(std::map<std::string, ReadCell>& cells, const sdmx::DataStructure& dsd,
              const sdmx::ReadObservation& observation) {
    const std::string key = cell_key(dsd, observation);
    ReadCell cell{observation.value.value_or("(none)"), {}};
    for (const auto& [id, value] : observation.attributes) cell.attributes[id] = value;
    EXPECT_TRUE(cells.emplace(key, cell).second) << "observation twice: " << key;
}

void expect_outputs_valid(const Conversion& conversion, const std::filesystem::path& shared) {
    sdmx::ValidateOptions options;
    options.schemas = shared / "sdmx/schemas";
    // The oracle is Xerces-C on the whole message, not our own streaming check.
    options.reference_schema_check = true;
    std::vector<std::filesystem::path> xml;
    for (const auto& output : conversion.outcome.outputs) {
        if (output.extension() == ".xml") xml.push_back(output);
    }
    auto reports = sdmx::validate_messages(xml, options);
    EXPECT_EQ(reports.size(), xml.size());
    for (const auto& report : reports) {
        std::string problems;
        for (const auto& d : report.diagnostics.items()) problems += format_diagnostic(d) + "\n";
        EXPECT_TRUE(report.valid) << report.file << "\n" << problems;
    }
}

}  // namespace csdmx::test
