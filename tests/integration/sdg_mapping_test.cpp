// Citizen data written for the NSO's own DSD (the global SDG DSD) through a
// mapping file: real data through a shipped mapping, and every rule of the DSD
// enforced, each by a test that breaks it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/validation/message_validator.h"
#include "tests/integration/format_checks.h"
#include "tests/integration/real_dataset_fixture.h"
#include "tests/package_fixture.h"

namespace csdmx::test {

namespace {

std::filesystem::path sdg_dsd(const std::filesystem::path& shared) {
    return shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml";
}

const sdmx::StructureSet& sdg_structures(const std::filesystem::path& shared) {
    static const sdmx::StructureSet structures = sdmx::ml21::read_structure_file(sdg_dsd(shared));
    return structures;
}

// Xerces-C against the DSD-specific schema made from the SDG DSD, and xmllint.
void expect_valid_against_sdg(const Conversion& conversion, const std::filesystem::path& shared) {
    sdmx::ValidateOptions options;
    options.schemas = shared / "sdmx/schemas";
    options.structure_files = {sdg_dsd(shared)};
    std::vector<std::filesystem::path> xml;
    for (const auto& output : conversion.outcome.outputs) {
        if (output.extension() == ".xml") xml.push_back(output);
    }
    ASSERT_FALSE(xml.empty());
    for (const auto& report : sdmx::validate_messages(xml, options)) {
        std::string problems;
        for (const auto& d : report.diagnostics.items()) problems += format_diagnostic(d) + "\n";
        EXPECT_TRUE(report.valid) << report.file << "\n" << problems;
    }
    for (const auto& file : xml) EXPECT_EQ(xmllint_problems(file, shared, sdg_structures(shared)), "") << file;
}

}  // namespace

// SDG 14.1.1b from the Great British Beach Clean (Marine Conservation Society
// volunteers), as ONS publishes it in Open SDG's layout, through the shipped mapping.
TEST_F(RealDataset, BeachLitterOntoTheGlobalSdgDsdWithTheShippedMapping) {
    json package = init_from(shared_ / "sdg/open-sdg", {"ons_data_indicator_14-1-1.csv"});
    package["citizen_data"] = citizen_data({"MCS_GBBC", "Marine Conservation Society, Great British Beach Clean", "CSO",
                                            "CITIZEN_LED", "4", "5", "2008-01-01", "2021-12-31"});
    package["citizen_data"]["coverage"]["area_code"] = "826";
    save(package);

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/14.1.1b-beach-litter.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, every_format());
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid_against_sdg(conversion, shared_);
    EXPECT_EQ(sdmx_json_problems(output_ending(conversion, "-data-sdmx-json-2.0.json"), shared_), "");

    // Expected: the national totals (no country, no source) of the CSV, read here.
    std::map<std::string, std::string> expected;  // year -> value
    std::ifstream csv(shared_ / "sdg/open-sdg/ons_data_indicator_14-1-1.csv");
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) {
        std::vector<std::string> cells;
        std::stringstream fields(line);
        std::string cell;
        while (std::getline(fields, cell, ',')) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        if (cells.size() == 7 && cells[1].empty() && cells[2].empty()) expected[cells[0]] = cells[6];
    }
    ASSERT_EQ(expected.size(), 14u);
    EXPECT_EQ(conversion.outcome.statistics.observations, 14u);

    const auto& structures = sdg_structures(shared_);
    const auto data = output_ending(conversion, "-data-structurespecific.xml");
    auto cells = observations_by_key(data, structures);
    ASSERT_EQ(cells.size(), expected.size());
    for (const auto& [year, value] : expected) {
        const std::string key =
            "FREQ=A|REPORTING_TYPE=N|SERIES=EN_MAR_BEALIT|REF_AREA=826|SEX=_T|AGE=_T|URBANISATION=_T|"
            "INCOME_WEALTH_QUANTILE=_T|EDUCATION_LEV=_T|OCCUPATION=_T|CUST_BREAKDOWN=_T|COMPOSITE_BREAKDOWN=_T|"
            "DISABILITY_STATUS=_T|ACTIVITY=_T|PRODUCT=_T|TIME_PERIOD=" +
            year;
        auto found = cells.find(key);
        ASSERT_NE(found, cells.end()) << key;
        EXPECT_DOUBLE_EQ(std::stod(found->second.value), std::stod(value)) << year;
        EXPECT_EQ(found->second.attributes["OBS_STATUS"], year == "2020" ? "B" : "A") << year;
        EXPECT_EQ(found->second.attributes["UNIT_MEASURE"], "NUMBER");
        EXPECT_EQ(found->second.attributes["UNIT_MULT"], "0");
        EXPECT_EQ(found->second.attributes["NATURE"], "C");
        EXPECT_EQ(found->second.attributes["SOURCE_DETAIL"], "Marine Conservation Society, Great British Beach Clean");
    }

    // Shaped as the real SDG data messages: the same header, and on Series and Obs
    // the components a national SDG message (Tajikistan's, on SDG 1.4) carries.
    const auto ours = sdmx::ml21::read_data_message_header(data);
    const auto theirs =
        sdmx::ml21::read_data_message_header(shared_ / "sdg/data/tajstat_SDG-1.4_structure-specific.xml");
    EXPECT_EQ(ours.dimension_at_observation, theirs.dimension_at_observation);
    EXPECT_EQ(ours.structure.agency, theirs.structure.agency);
    EXPECT_EQ(ours.structure.id, theirs.structure.id);
    EXPECT_EQ(ours.kind, theirs.kind);
    const std::string text = read_file(data);
    const std::string tajstat = read_file(shared_ / "sdg/data/tajstat_SDG-1.4_structure-specific.xml");
    for (const char* component : {"<Series FREQ=\"A\" REPORTING_TYPE=\"N\" SERIES=", " UNIT_MEASURE=\"",
                                  "<Obs TIME_PERIOD=\"", " OBS_STATUS=\"", " UNIT_MULT=\"", " NATURE=\"C\""}) {
        EXPECT_NE(text.find(component), std::string::npos) << component;
        EXPECT_NE(tajstat.find(component), std::string::npos) << component;
    }
    // The DSD has no room for participation: annotations on the data set and each series.
    sdmx::ml21::DataMessageReader reader(data, structures.find_data_structure({"IAEG-SDGs", "SDG", "1.5"}));
    sdmx::ReadObservation first;
    ASSERT_TRUE(reader.next(first));
    std::set<std::string> types;
    for (const auto& annotation : reader.dataset().annotations) types.insert(annotation.type);
    EXPECT_TRUE(types.count("CITIZEN_DATA_STATUS")) << text.substr(0, 3000);
    EXPECT_TRUE(types.count("CONVERSION_MAPPING"));
    const auto series_at = text.find("<Series ");
    EXPECT_NE(text.find("<common:Annotations>", series_at), std::string::npos);
}

}  // namespace csdmx::test
