#include "copenhagen/citizen_statement.h"

#include "copenhagen/citizen_checks.h"

namespace csdmx::mapping {

namespace {

// "Design: Collaboration (4); Collect: Citizen-led (5)", in codelist order.
std::string participation(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                          bool assessed_only) {
    std::string text;
    for (const auto& stage : codelists.stages.items) {
        const std::string* level = metadata.level_of(stage.id);
        if (level == nullptr) continue;
        const auto* code = codelists.participation_levels.find(*level);
        // Levels that are not on the ladder ("_U", not assessed) say nothing in the short form.
        if (assessed_only && (level->empty() || (*level)[0] == '_')) continue;
        text += (text.empty() ? "" : "; ") + stage.name.text() + ": " +
                (code != nullptr ? code->name.text() + " (" + *level + ")" : *level);
    }
    return text;
}

std::string producer(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists) {
    return metadata.producer.name + " (" + code_name(codelists.producer_types, metadata.producer.type) + ")";
}

std::string area(const package::CitizenMetadata::Coverage& coverage) {
    return coverage.area + (coverage.area_code.empty() ? std::string() : " (" + coverage.area_code + ")");
}

std::string period(const package::CitizenMetadata::Coverage& coverage) {
    return coverage.period_start == coverage.period_end ? coverage.period_start
                                                        : coverage.period_start + " to " + coverage.period_end;
}

std::string proxy_sentence(const ProxyNote& proxy) {
    if (proxy.empty()) return {};
    return " Published for " + proxy.area_code + " as a proxy from a sample that does not cover it: " + proxy.reason +
           (proxy.reason.back() == '.' ? "" : ".");
}

std::string end_sentence(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
    return text + ".";
}

}  // namespace

std::string code_name(const sdmx::Codelist& codelist, const std::string& id) {
    const sdmx::Code* code = codelist.find(id);
    return code != nullptr && !code->name.text().empty() ? code->name.text() : id;
}

std::string citizen_statement(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                              const ProxyNote& proxy) {
    const auto qualification = assess_qualification(metadata, codelists);
    const auto& coverage = metadata.coverage;
    const auto& validation = metadata.validation;
    std::string text = end_sentence(code_name(codelists.citizen_data_status, qualification.status_code));
    text += " Produced by " + producer(metadata, codelists) +
            "; initiative: " + code_name(codelists.initiative_types, metadata.initiative_type) + ".";
    text += " Participation: " + participation(metadata, codelists, false) + ".";
    if (!metadata.method.description.empty()) text += " Method: " + end_sentence(metadata.method.description);
    if (!metadata.sample.description.empty()) text += " Sample: " + end_sentence(metadata.sample.description);
    text += " Coverage: " + end_sentence(coverage.population) + " Area: " + area(coverage) +
            ". Period: " + period(coverage) + ".";
    text += " NSO validation: " + code_name(codelists.validation_results, validation.result);
    if (!validation.by.empty() || !validation.date.empty()) {
        text += " (" + validation.by + (validation.by.empty() || validation.date.empty() ? "" : ", ") +
                validation.date + ")";
    }
    text += ".";
    text += proxy_sentence(proxy);
    return text;
}

std::string citizen_statement_short(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                                    const ProxyNote& proxy) {
    const auto& coverage = metadata.coverage;
    std::string text = "Citizen data by " + producer(metadata, codelists) + ", " +
                       code_name(codelists.initiative_types, metadata.initiative_type);
    const auto stages = participation(metadata, codelists, true);
    if (!stages.empty()) text += "; participation: " + stages;
    text += "; " + area(coverage) + ", " + period(coverage);
    text += "; NSO validation: " + code_name(codelists.validation_results, metadata.validation.result) + ".";
    text += proxy_sentence(proxy);
    return text;
}

std::string validation_decision(const package::CitizenMetadata::Validation& validation,
                                const CitizenCodelists& codelists) {
    std::string text = code_name(codelists.validation_results, validation.result);
    if (!validation.by.empty()) text += ", decided by " + validation.by;
    if (!validation.date.empty()) text += (validation.by.empty() ? ", decided on " : " on ") + validation.date;
    return text + ".";
}

}  // namespace csdmx::mapping
