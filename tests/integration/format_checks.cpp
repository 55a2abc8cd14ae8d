#include "tests/integration/format_checks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sdmx/csv/csv_data_reader.h"
#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/dsd_schema_writer.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/validation/message_validator.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

using nlohmann::json;

// A component value from its "values" list: a code id or a plain value.
std::string value_text(const json& value) {
    if (value.contains("id")) return value["id"].get<std::string>();
    const auto& plain = value.at("value");
    return plain.is_string() ? plain.get<std::string>() : plain.dump();
}

// An attribute as written in a data set: an index into "values", a value, or null.
std::string attribute_text(const json& definition, const json& written) {
    if (written.is_null()) return "";
    if (definition.contains("values")) return value_text(definition["values"].at(written.get<std::size_t>()));
    return written.is_string() ? written.get<std::string>() : written.dump();
}

std::vector<std::size_t> indexes(const std::string& key) {
    std::vector<std::size_t> result;
    std::size_t start = 0;
    while (start <= key.size()) {
        std::size_t colon = key.find(':', start);
        if (colon == std::string::npos) colon = key.size();
        result.push_back(std::stoul(key.substr(start, colon - start)));
        start = colon + 1;
    }
    return result;
}

std::string attribute_listing(const sdmx::ComponentValues& values) {
    std::map<std::string, std::string> sorted(values.begin(), values.end());
    std::string text;
    for (const auto& [id, value] : sorted) text += id + "=" + value + ";";
    return text;
}

std::string annotation_listing(const sdmx::Annotations& annotations) {
    std::string text;
    for (const auto& a : annotations) text += a.type + "|" + a.title + "|" + a.text.text() + "\n";
    return text;
}

}  // namespace

mapping::ConvertOptions every_format() {
    mapping::ConvertOptions options;
    options.formats = sdmx::all_data_formats();
    return options;
}

std::string xmllint_problems(const std::filesystem::path& file, const std::filesystem::path& shared,
                             const sdmx::StructureSet& structures) {
    sdmx::MlVersion version = sdmx::MlVersion::v2_1;
    const auto kind = sdmx::classify_message(file, &version);
    const auto schemas =
        std::filesystem::absolute(shared / "sdmx/schemas" / sdmx::namespaces_of(version).schema_folder);
    std::filesystem::path schema = schemas / "SDMXMessage.xsd";
    if (kind == sdmx::MessageKind::structure_specific_data) {
        // One schema for xmllint: a driver importing the message schema and the DSD's.
        const auto header = sdmx::ml21::read_data_message_header(file);
        const auto* dataflow = header.by_dataflow ? structures.find_dataflow(header.structure) : nullptr;
        const auto* dsd = structures.find_data_structure(dataflow != nullptr ? dataflow->structure : header.structure);
        if (dsd == nullptr && header.by_dataflow) {
            // Only the DSD was given: the schema namespace names it ([DSD URN]:ObsLevelDim:...).
            sdmx::MaintainableRef named;
            const auto level = header.ss_namespace.find(":ObsLevelDim:");
            if (level != std::string::npos && sdmx::parse_urn(header.ss_namespace.substr(0, level), named)) {
                dsd = structures.find_data_structure(named);
            }
        }
        if (dsd == nullptr) return "no DSD " + header.structure.to_string() + " for " + file.string();
        const auto dsd_schema = sdmx::ml21::write_dsd_schema(
            *dsd, structures, sdmx::ml21::ObservationLevel::time_period, schemas.string(), version);
        const auto dsd_file = file.parent_path() / (file.stem().string() + ".dsd.xsd");
        std::ofstream(dsd_file) << dsd_schema.xsd;
        schema = file.parent_path() / (file.stem().string() + ".driver.xsd");
        std::ofstream(schema) << "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
                              << "<xs:import namespace=\"" << sdmx::namespaces_of(version).message
                              << "\" schemaLocation=\"" << (schemas / "SDMXMessage.xsd").string() << "\"/>\n"
                              << "<xs:import namespace=\"" << dsd_schema.target_namespace << "\" schemaLocation=\""
                              << dsd_file.string() << "\"/>\n</xs:schema>\n";
    }
    const auto log = file.parent_path() / (file.filename().string() + ".xmllint.txt");
    const std::string command = "xmllint --noout --nonet --schema '" + schema.string() + "' '" + file.string() +
                                "' > '" + log.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return code == 0 ? "" : "xmllint exit " + std::to_string(code) + ": " + read_file(log).substr(0, 2000);
}

std::string sdmx_json_problems(const std::filesystem::path& file, const std::filesystem::path& shared) {
    const auto log = file.parent_path() / (file.filename().string() + ".validation.txt");
    const std::string command = "python3 '" + (source_directory() / "tests/json/validate_sdmx_json.py").string() +
                                "' '" + (shared / "sdmx/json-schemas/2.0.0/sdmx-json-data-schema.json").string() +
                                "' '" + file.string() + "' > '" + log.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const std::string said = read_file(log);
    if (code == 77) {
        ADD_FAILURE() << "cannot validate SDMX-JSON: " << said;  // install-deps test provides it
        return said;
    }
    return code == 0 ? "" : "exit " + std::to_string(code) + ": " + said;
}

std::string rsdmx_disagreements(const std::filesystem::path& data, const sdmx::DataStructure& dsd,
                                const std::map<std::string, ReadCell>& reference) {
    static const bool available = run_command("Rscript -e 'suppressMessages(library(rsdmx))'").exit_code == 0;
    if (!available) {
        ADD_FAILURE() << "rsdmx is not installed (Debian: r-cran-rsdmx, in scripts/install-deps)";
        return "rsdmx is absent";
    }
    const auto table = data.parent_path() / (data.filename().string() + ".rsdmx.tsv");
    std::string command = "Rscript " + shell_quote((source_directory() / "tests/rsdmx/read_observations.R").string()) +
                          " " + shell_quote(data.string()) + " " + shell_quote(table.string());
    const auto ids = dsd.key_ids();
    for (const auto& id : ids) command += " " + id;
    const auto run = run_command(command + " 2>&1");
    if (run.exit_code != 0) return "rsdmx failed: " + run.output.substr(0, 2000);

    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // the header: the ids, then OBS_VALUE
    std::size_t rows = 0;
    std::string differences;
    while (std::getline(in, line)) {
        ++rows;
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
            fields.push_back(line.substr(start, tab - start));
            start = tab + 1;
        }
        fields.push_back(line.substr(start));
        if (fields.size() != ids.size() + 1)
            return "rsdmx row with " + std::to_string(fields.size()) + " fields: " + line;
        std::string key;
        for (std::size_t i = 0; i < ids.size(); ++i) key += (i ? "|" : "") + ids[i] + "=" + fields[i];
        auto found = reference.find(key);
        if (found == reference.end()) {
            differences += "rsdmx read an observation we did not write: " + key + "\n";
            continue;
        }
        const std::string& ours = found->second.value;
        const std::string& theirs = fields.back();
        const bool ours_missing = ours == "(none)" || ours == "NaN";  // suppressed cells are NaN
        const bool both_missing = ours_missing && (theirs.empty() || theirs == "NaN" || theirs == "NA");
        // R prints 15 significant digits: equal within that.
        const auto differ = [](double a, double b) { return std::abs(a - b) > 1e-13 * std::max(1.0, std::abs(a)); };
        if (!both_missing && (ours == "(none)" || theirs.empty() || differ(std::stod(ours), std::stod(theirs)))) {
            differences += key + ": rsdmx " + theirs + ", ours " + ours + "\n";
        }
    }
    if (rows != reference.size()) {
        differences +=
            "rsdmx read " + std::to_string(rows) + " observations, ours " + std::to_string(reference.size()) + "\n";
    }
    return differences;
}

std::map<std::string, ReadCell> csv_observations_by_key(const std::filesystem::path& data,
                                                        const sdmx::DataStructure& dsd) {
    std::map<std::string, ReadCell> cells;
    sdmx::csv::CsvDataReader reader(data, dsd);
    sdmx::ReadObservation observation;
    while (reader.next(observation)) add_cell(cells, dsd, observation);
    return cells;
}

std::map<std::string, ReadCell> json_observations_by_key(const std::filesystem::path& data) {
    std::map<std::string, ReadCell> cells;
    std::ifstream in(data);
    const json message = json::parse(in);
    const json& structure = message.at("data").at("structures").at(0);
    const json& dataset = message.at("data").at("dataSets").at(0);
    const json& dimensions = structure.at("dimensions");
    const json series_dimensions = dimensions.value("series", json::array());
    const json& observation_dimensions = dimensions.at("observation");
    const json& attributes = structure.at("attributes");
    const json series_attributes = attributes.value("series", json::array());
    const json& observation_attributes = attributes.at("observation");

    // Keys in the DSD's order: keyPosition, with TIME_PERIOD last as in observations_by_key.
    const auto add = [&](const std::vector<std::pair<const json*, std::size_t>>& key_values, const json& values,
                         const json* series) {
        std::vector<std::pair<std::size_t, std::string>> parts;
        for (const auto& [dimension, index] : key_values) {
            parts.emplace_back(
                dimension->at("keyPosition").get<std::size_t>(),
                dimension->at("id").get<std::string>() + "=" + value_text(dimension->at("values").at(index)));
        }
        std::sort(parts.begin(), parts.end());
        std::string key;
        for (const auto& [position, text] : parts) key += (key.empty() ? "" : "|") + text;
        ReadCell cell;
        cell.value = values.at(0).is_null()     ? "(none)"
                     : values.at(0).is_string() ? values.at(0).get<std::string>()
                                                : values.at(0).dump();
        for (std::size_t a = 0; a < observation_attributes.size() && a + 1 < values.size(); ++a) {
            std::string text = attribute_text(observation_attributes[a], values[a + 1]);
            if (!text.empty()) cell.attributes[observation_attributes[a].at("id")] = text;
        }
        if (series != nullptr && series->contains("attributes")) {
            const auto& written = (*series)["attributes"];
            for (std::size_t a = 0; a < series_attributes.size() && a < written.size(); ++a) {
                std::string text = attribute_text(series_attributes[a], written[a]);
                if (!text.empty()) cell.attributes[series_attributes[a].at("id")] = text;
            }
        }
        EXPECT_TRUE(cells.emplace(key, cell).second) << "observation twice: " << key;
    };

    if (dataset.contains("series")) {
        for (const auto& [series_key, series] : dataset["series"].items()) {
            const auto series_indexes = indexes(series_key);
            for (const auto& [observation_key, values] : series.at("observations").items()) {
                std::vector<std::pair<const json*, std::size_t>> key_values;
                for (std::size_t d = 0; d < series_indexes.size(); ++d) {
                    key_values.emplace_back(&series_dimensions.at(d), series_indexes[d]);
                }
                const auto observation_indexes = indexes(observation_key);
                for (std::size_t d = 0; d < observation_indexes.size(); ++d) {
                    key_values.emplace_back(&observation_dimensions.at(d), observation_indexes[d]);
                }
                add(key_values, values, &series);
            }
        }
    } else {
        for (const auto& [observation_key, values] : dataset.at("observations").items()) {
            std::vector<std::pair<const json*, std::size_t>> key_values;
            const auto observation_indexes = indexes(observation_key);
            for (std::size_t d = 0; d < observation_indexes.size(); ++d) {
                key_values.emplace_back(&observation_dimensions.at(d), observation_indexes[d]);
            }
            add(key_values, values, nullptr);
        }
    }
    return cells;
}

void expect_formats_agree(const Conversion& conversion, const std::filesystem::path& shared) {
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_outputs_valid(conversion, shared);
    const auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    const auto& dsd = structures.data_structures.at(0);
    // Registries load data against a dataflow: the structure message defines it for
    // the DSD, and every data message names it (below, per format).
    ASSERT_EQ(structures.dataflows.size(), 1u);
    const auto& dataflow = structures.dataflows.at(0);
    EXPECT_EQ(dataflow.structure, dsd.ref);
    ASSERT_EQ(structures.provision_agreements.size(), 1u);
    EXPECT_EQ(structures.provision_agreements.at(0).dataflow, dataflow.ref);
    // An AgencyScheme beside the DataProviderScheme (pysdmx before 1.18 needs one),
    // listing the agencies of the dataflow and of the provider scheme.
    ASSERT_EQ(structures.agency_schemes.size(), 1u);
    ASSERT_EQ(structures.data_provider_schemes.size(), 1u);
    EXPECT_NE(structures.agency_schemes.at(0).find(dataflow.ref.agency), nullptr);
    EXPECT_NE(structures.agency_schemes.at(0).find(structures.data_provider_schemes.at(0).ref.agency), nullptr);
    const auto reference_file = output_ending(conversion, "-data-structurespecific.xml");
    ASSERT_FALSE(reference_file.empty());
    const auto reference = observations_by_key(reference_file, structures);
    EXPECT_EQ(reference.size(), conversion.outcome.statistics.observations);

    sdmx::ml21::DataMessageReader reference_reader(reference_file, &dsd);
    sdmx::ReadObservation first_reference;
    reference_reader.next(first_reference);  // the data set's attributes and annotations are read with it
    const auto& reference_dataset = reference_reader.dataset();
    const std::string reference_attributes = attribute_listing(reference_dataset.attributes);
    EXPECT_FALSE(reference_attributes.empty());

    // JSON numbers are compared as numbers: a JSON parser keeps the double, not its digits.
    const auto compare = [&](const std::map<std::string, ReadCell>& cells, const std::string& format,
                             bool numbers = false) {
        ASSERT_EQ(cells.size(), reference.size()) << format;
        for (const auto& [key, cell] : reference) {
            auto found = cells.find(key);
            ASSERT_NE(found, cells.end()) << format << " lacks " << key;
            if (numbers && found->second.value != cell.value && cell.value != "(none)" &&
                found->second.value != "(none)") {
                EXPECT_EQ(std::stod(found->second.value), std::stod(cell.value)) << format << " " << key;
            } else {
                EXPECT_EQ(found->second.value, cell.value) << format << " " << key;
            }
            EXPECT_EQ(found->second.attributes, cell.attributes) << format << " " << key;
        }
    };

    for (const char* suffix : {"-data-sdmx-csv-1.0.csv", "-data-sdmx-csv-2.0.csv"}) {
        const auto file = output_ending(conversion, suffix);
        ASSERT_FALSE(file.empty()) << suffix;
        compare(csv_observations_by_key(file, dsd), suffix);
        sdmx::csv::CsvDataReader reader(file, dsd);
        sdmx::ReadObservation first;
        if (reader.next(first)) {
            EXPECT_EQ(attribute_listing(reader.data_set_attributes()), reference_attributes) << suffix;
            // Every message is bound to the dataflow its structure message defines.
            EXPECT_EQ(reader.structure(), dataflow.ref.to_string()) << suffix;
            // 1.0's DATAFLOW column is always a dataflow; 2.0 says so in STRUCTURE.
            if (std::string(suffix).find("2.0") != std::string::npos) {
                EXPECT_EQ(reader.structure_kind(), "dataflow") << suffix;
            }
        }
    }
    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml", "-data-3.0-structurespecific.xml"}) {
        const auto header = sdmx::ml21::read_data_message_header(output_ending(conversion, suffix));
        EXPECT_TRUE(header.by_dataflow) << suffix;
        EXPECT_EQ(header.structure, dataflow.ref) << suffix;
    }
    for (const char* suffix : {"-data-generic.xml", "-data-3.0-structurespecific.xml"}) {
        const auto file = output_ending(conversion, suffix);
        ASSERT_FALSE(file.empty()) << suffix;
        compare(observations_by_key(file, structures), suffix);
        sdmx::ml21::DataMessageReader reader(file, &dsd);
        sdmx::ReadObservation first;
        reader.next(first);
        EXPECT_EQ(attribute_listing(reader.dataset().attributes), reference_attributes) << suffix;
        EXPECT_EQ(annotation_listing(reader.dataset().annotations), annotation_listing(reference_dataset.annotations))
            << suffix;
        EXPECT_EQ(reader.dataset().provider_id, reference_dataset.provider_id) << suffix;
    }
    // rsdmx reads both SDMX-ML 2.1 data messages: the same observations and values.
    // (Up to 5,000 observations: rsdmx parses a whole DOM in R and needs minutes, past
    // the command timeout, for the largest real datasets; samples and SDG outputs are far smaller.)
    if (reference.size() <= 5000) {
        for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml"}) {
            EXPECT_EQ(rsdmx_disagreements(output_ending(conversion, suffix), dsd, reference), "") << suffix;
        }
    }
    // Every XML message through the second validator too.
    for (const auto& output : conversion.outcome.outputs) {
        if (output.extension() == ".xml") EXPECT_EQ(xmllint_problems(output, shared, structures), "") << output;
    }

    const auto json_file = output_ending(conversion, "-data-sdmx-json-2.0.json");
    ASSERT_FALSE(json_file.empty());
    EXPECT_EQ(sdmx_json_problems(json_file, shared), "");
    compare(json_observations_by_key(json_file), "SDMX-JSON", true);
    // Data set attributes and annotations, by index into the structure.
    std::ifstream in(json_file);
    const json message = json::parse(in);
    const json& structure = message["data"]["structures"][0];
    const json& dataset = message["data"]["dataSets"][0];
    const std::string dataflow_urn = sdmx::urn(sdmx::ArtefactClass::Dataflow, dataflow.ref);
    bool links_dataflow = false;
    for (const auto& link : structure.value("links", json::array())) {
        links_dataflow =
            links_dataflow || (link.value("rel", "") == "dataflow" && link.value("urn", "") == dataflow_urn);
    }
    EXPECT_TRUE(links_dataflow) << structure.value("links", json::array()).dump();
    sdmx::ComponentValues json_attributes;
    for (std::size_t a = 0; a < dataset["attributes"].size(); ++a) {
        const auto& definition = structure["attributes"]["dataSet"][a];
        json_attributes.emplace_back(definition["id"], attribute_text(definition, dataset["attributes"][a]));
    }
    EXPECT_EQ(attribute_listing(json_attributes), reference_attributes);
    sdmx::Annotations json_annotations;
    for (const auto& index : dataset["annotations"]) {
        const auto& a = structure["annotations"].at(index.get<std::size_t>());
        sdmx::Annotation annotation;
        annotation.type = a.value("type", "");
        annotation.title = a.value("title", "");
        annotation.text = sdmx::InternationalString(a.value("text", ""));
        json_annotations.push_back(annotation);
    }
    EXPECT_EQ(annotation_listing(json_annotations), annotation_listing(reference_dataset.annotations));
    EXPECT_NE(annotation_listing(json_annotations).find("CONVERSION"), std::string::npos);
}

}  // namespace csdmx::test
