#include "copenhagen/citizen_annotations.h"

#include "copenhagen/citizen_statement.h"

namespace csdmx::mapping {

namespace {

sdmx::Annotation make(std::string type, std::string title, std::string text, std::string url = {},
                      std::string id = {}) {
    sdmx::Annotation annotation;
    annotation.id = std::move(id);
    annotation.type = std::move(type);
    annotation.title = std::move(title);
    annotation.url = std::move(url);
    if (!text.empty()) annotation.text = sdmx::InternationalString(std::move(text));
    return annotation;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
}

}  // namespace

sdmx::Annotations citizen_data_annotations(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                                           const Qualification& qualification) {
    sdmx::Annotations annotations;
    annotations.push_back(
        make("CITIZEN_DATA_STATUS", qualification.status_code, "The dataset " + qualification.explanation));

    const auto& producer = metadata.producer;
    std::string producer_text =
        "Producer type: " + producer.type + " (" + code_name(codelists.producer_types, producer.type) + ").";
    if (!producer.contact.empty()) producer_text += " Contact: " + producer.contact + ".";
    annotations.push_back(make("CITIZEN_DATA_PRODUCER", producer.name, producer_text, producer.url, producer.id));

    annotations.push_back(make("CITIZEN_DATA_INITIATIVE", metadata.initiative_type,
                               code_name(codelists.initiative_types, metadata.initiative_type)));

    // One per stage, in codelist order, so consumers can read the ladder position directly.
    for (const auto& stage : codelists.stages.items) {
        const std::string* level = metadata.level_of(stage.id);
        if (level == nullptr) continue;
        annotations.push_back(make(
            "CITIZEN_DATA_PARTICIPATION", *level,
            stage.name.text() + ": " + *level + " " + code_name(codelists.participation_levels, *level), {}, stage.id));
    }

    annotations.push_back(make("CITIZEN_DATA_PURPOSE", {}, metadata.purpose));
    annotations.push_back(make("CITIZEN_DATA_TARGET_INDICATORS", join(metadata.target_indicators, ", "), {}));

    std::string method = metadata.method.description;
    if (!metadata.method.instrument.empty()) method += " Instrument: " + metadata.method.instrument + ".";
    annotations.push_back(make("CITIZEN_DATA_METHOD", {}, method, metadata.method.documentation_url));

    std::string sample_title;
    if (metadata.sample.size) {
        sample_title = std::to_string(*metadata.sample.size) +
                       (metadata.sample.unit.empty() ? std::string() : " " + metadata.sample.unit);
    }
    annotations.push_back(make("CITIZEN_DATA_SAMPLE", sample_title, metadata.sample.description));

    const auto& coverage = metadata.coverage;
    std::string coverage_text = "Population: " + coverage.population + ". Area: " + coverage.area +
                                (coverage.area_code.empty() ? std::string() : " (" + coverage.area_code + ")") +
                                ". Reference period: " + coverage.period_start + " to " + coverage.period_end + ".";
    annotations.push_back(
        make("CITIZEN_DATA_COVERAGE", coverage.period_start + "/" + coverage.period_end, coverage_text));

    annotations.push_back(make("CITIZEN_DATA_CONSENT", metadata.consent.basis, metadata.consent.description));
    annotations.push_back(make("CITIZEN_DATA_LICENCE", metadata.licence.name, {}, metadata.licence.url));
    annotations.push_back(make(
        "CITIZEN_DATA_DISCLOSURE_THRESHOLD", std::to_string(metadata.disclosure_threshold),
        "No published cell rests on fewer than " + std::to_string(metadata.disclosure_threshold) + " respondents."));

    const auto& validation = metadata.validation;
    std::string validation_text = validation_decision(validation, codelists);
    if (!validation.criteria.empty()) validation_text += " Criteria: " + validation.criteria;
    annotations.push_back(
        make("CITIZEN_DATA_NSO_VALIDATION", validation.result, validation_text, validation.report_url));
    // The same in words, as COMMENT_TS and the Open SDG metadata carry it.
    annotations.push_back(make("CITIZEN_DATA_STATEMENT", citizen_statement_short(metadata, codelists),
                               citizen_statement(metadata, codelists)));
    return annotations;
}

sdmx::Annotations conversion_annotations(const ConversionProvenance& provenance) {
    sdmx::Annotations annotations;
    annotations.push_back(make("CONVERSION_TOOL", provenance.tool, {}));
    annotations.push_back(make("CONVERSION_TIME", provenance.converted_at, {}));
    for (const auto& input : provenance.inputs) {
        annotations.push_back(make("CONVERSION_INPUT", "sha256:" + input.sha256, input.name, {}, input.role));
    }
    annotations.push_back(make("CONVERSION_MAPPING", provenance.mapping, provenance.mapping_detail));
    return annotations;
}

}  // namespace csdmx::mapping
