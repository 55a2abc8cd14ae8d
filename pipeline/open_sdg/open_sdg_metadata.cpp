#include "pipeline/open_sdg/open_sdg_metadata.h"

#include <yaml-cpp/yaml.h>

namespace csdmx::mapping {

namespace {

std::string sentence(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
    return text.empty() ? text : text + ".";
}

std::string extent_words(const std::string& extent) {
    if (extent.empty()) return "extent not stated";
    return extent;
}

}  // namespace

std::string source_classification(const OpenSdgFacts& facts) {
    return facts.codelists.clears_for_official_use(facts.metadata.validation.result) ? "Official statistics"
                                                                                     : "Non-official";
}

std::string open_sdg_metadata_file(const std::string& indicator, const OpenSdgFacts& facts,
                                   const std::string& computation_units) {
    const auto& metadata = facts.metadata;
    const auto& codelists = facts.codelists;
    const auto& coverage = metadata.coverage;
    const auto& validation = metadata.validation;
    const bool official = codelists.clears_for_official_use(validation.result);
    const std::string validation_name = code_name(codelists.validation_results, validation.result);
    const std::string short_statement = citizen_statement_short(metadata, codelists, facts.proxy);

    std::string method = sentence(metadata.method.description);
    if (!metadata.method.instrument.empty()) method += " Instrument: " + sentence(metadata.method.instrument);
    std::string validation_text = validation_decision(validation, codelists);
    if (!validation.criteria.empty()) validation_text += " Criteria: " + sentence(validation.criteria);
    if (!validation.report_url.empty()) validation_text += " Report: " + validation.report_url;
    std::string limitations = "Covers " + coverage.area + " (" + extent_words(facts.coverage_extent) + "), " +
                              coverage.period_start + " to " + coverage.period_end +
                              "; population: " + sentence(coverage.population);
    if (!metadata.sample.description.empty()) limitations += " Sample: " + sentence(metadata.sample.description);
    if (!facts.proxy.empty()) {
        limitations += " Published for " + facts.proxy.area_code + " only as a proxy: " + sentence(facts.proxy.reason);
    }
    if (!official) limitations += " Not validated for official use: " + sentence(validation_name);

    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "indicator_number" << YAML::Value << YAML::DoubleQuoted << indicator;
    out << YAML::Key << "reporting_status" << YAML::Value << "complete";
    out << YAML::Key << "data_non_statistical" << YAML::Value << false;
    out << YAML::Key << "graph_type" << YAML::Value << "line";
    out << YAML::Key << "national_geographical_coverage" << YAML::Value << coverage.area;
    if (!computation_units.empty()) out << YAML::Key << "computation_units" << YAML::Value << computation_units;
    // The source, as the indicator page lists it (sdg-build's source_*_N fields).
    out << YAML::Key << "source_active_1" << YAML::Value << true;
    out << YAML::Key << "source_organisation_1" << YAML::Value << metadata.producer.name;
    // No link rather than an empty one when the package names no web page.
    const std::string url = metadata.producer.url.empty() ? metadata.method.documentation_url : metadata.producer.url;
    if (!url.empty()) {
        out << YAML::Key << "source_url_1" << YAML::Value << url;
        out << YAML::Key << "source_url_text_1" << YAML::Value << metadata.producer.name;
    }
    out << YAML::Key << "source_statistical_classification_1" << YAML::Value << source_classification(facts);
    out << YAML::Key << "source_geographical_coverage_1" << YAML::Value << coverage.area;
    out << YAML::Key << "source_other_info_1" << YAML::Value << citizen_statement(metadata, codelists, facts.proxy);
    // Under every chart and table, and in a notice box above them.
    out << YAML::Key << "data_footnote" << YAML::Value << short_statement;
    out << YAML::Key << "data_notice_heading" << YAML::Value
        << (official ? "Citizen data" : "Citizen data, not validated for official use");
    out << YAML::Key << "data_notice_text" << YAML::Value << short_statement;
    out << YAML::Key << "data_notice_class" << YAML::Value << "blank";
    // National metadata fields (SDG metadata concepts, as Open SDG's metadata schema names them).
    out << YAML::Key << "SOURCE_TYPE" << YAML::Value
        << "Citizen-generated data: " + code_name(codelists.producer_types, metadata.producer.type) + ", " +
               code_name(codelists.initiative_types, metadata.initiative_type);
    out << YAML::Key << "COLL_METHOD" << YAML::Value << method;
    out << YAML::Key << "COMPILING_ORG" << YAML::Value << metadata.producer.name;
    out << YAML::Key << "DATA_VALIDATION" << YAML::Value << validation_text;
    out << YAML::Key << "REC_USE_LIM" << YAML::Value << limitations;
    out << YAML::EndMap;
    return std::string("---\n") + out.c_str() + "\n---\n";
}

}  // namespace csdmx::mapping
