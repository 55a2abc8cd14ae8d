#include "copenhagen/citizen_checks.h"

namespace csdmx::mapping {

namespace {

void check_code(const sdmx::Codelist& codelist, const std::string& value, const std::string& path,
                const std::string& file, Diagnostics& diagnostics) {
    if (value.empty() || codelist.contains(value)) return;  // empty: the schema check reported it
    diagnostics.error(
        file, path,
        "expected a code of " + codelist.ref.id + " (" + sdmx::list_ids(codelist, 12) + "); found \"" + value + "\"");
}

std::string level_text(const CitizenCodelists& codelists, const std::string& level) {
    const sdmx::Code* code = codelists.participation_levels.find(level);
    return level + (code ? " (" + code->name.text() + ")" : std::string());
}

std::string stage_name(const CitizenCodelists& codelists, const std::string& stage) {
    const sdmx::Code* code = codelists.stages.find(stage);
    return code ? code->name.text() : stage;
}

std::string join_or(const std::vector<std::string>& items, const char* conjunction) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) text += (i + 1 == items.size()) ? std::string(" ") + conjunction + " " : ", ";
        text += items[i];
    }
    return text;
}

}  // namespace

void check_citizen_codes(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                         const std::string& file, Diagnostics& diagnostics) {
    check_code(codelists.producer_types, metadata.producer.type, "citizen_data.producer.type", file, diagnostics);
    check_code(codelists.initiative_types, metadata.initiative_type, "citizen_data.initiative_type", file, diagnostics);
    check_code(codelists.validation_results, metadata.validation.result, "citizen_data.validation.result", file,
               diagnostics);
    for (const auto& [stage, level] : metadata.participation) {
        std::string path = "citizen_data.participation." + stage;
        if (!codelists.stages.contains(stage)) {
            diagnostics.error(file, path,
                              "unknown stage; expected the codes of CL_VALUE_CHAIN_STAGE (" +
                                  sdmx::list_ids(codelists.stages, 12) + ")");
            continue;
        }
        check_code(codelists.participation_levels, level, path, file, diagnostics);
    }
    if (!metadata.participation.empty()) {  // else the schema check reported it
        for (const auto& stage : codelists.stages.items) {
            if (metadata.level_of(stage.id) == nullptr) {
                diagnostics.error(file, "citizen_data.participation." + stage.id,
                                  "missing; expected the level of citizen participation in " + stage.name.text() +
                                      ", a code of CL_PARTICIPATION_LEVEL (" +
                                      sdmx::list_ids(codelists.participation_levels, 12) + ")");
            }
        }
    }
    const auto& validation = metadata.validation;
    if (!validation.result.empty() && validation.result != kPendingValidationCode) {
        // A decision was made: it needs its author and date (the schema cannot say "unless PENDING").
        if (validation.by.empty()) {
            diagnostics.error(file, "citizen_data.validation.by",
                              "missing; expected the NSO (and unit) that decided, required when the validation "
                              "result is " +
                                  validation.result + " (write {\"result\": \"PENDING\"} while no decision is made)");
        }
        if (validation.date.empty()) {
            diagnostics.error(file, "citizen_data.validation.date",
                              "missing; expected the date of the decision, YYYY-MM-DD, required when the validation "
                              "result is " +
                                  validation.result);
        }
    }
    if (codelists.clears_for_official_use(metadata.validation.result) && metadata.validation.criteria.empty()) {
        diagnostics.error(file, "citizen_data.validation.criteria",
                          "missing; expected the quality criteria the NSO applied, required when the "
                          "validation result (" +
                              metadata.validation.result + ") clears the data for official use");
    }
}

Qualification assess_qualification(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists) {
    Qualification result;
    std::vector<std::string> met, qualifying_stages, sufficient_levels;
    for (const auto& stage : codelists.stages.items) {
        if (!codelists.is_qualifying_stage(stage.id)) continue;
        qualifying_stages.push_back(stage.name.text());
        const std::string* level = metadata.level_of(stage.id);
        if (level && codelists.is_sufficient_level(*level)) {
            met.push_back(level_text(codelists, *level) + " in " + stage_name(codelists, stage.id));
        }
    }
    for (const auto& level : codelists.participation_levels.items) {
        if (codelists.is_sufficient_level(level.id)) sufficient_levels.push_back(level_text(codelists, level.id));
    }
    result.qualifies = !met.empty();
    result.status_code = result.qualifies ? kQualifiesCode : kDoesNotQualifyCode;
    if (result.qualifies) {
        result.explanation = "qualifies as citizen data under the Copenhagen Framework: participation level " +
                             join_or(met, "and") + ".";
    } else {
        result.explanation = "does not qualify as citizen data under the Copenhagen Framework: it needs level " +
                             join_or(sufficient_levels, "or") + " in " + join_or(qualifying_stages, "or") + ".";
    }
    return result;
}

}  // namespace csdmx::mapping
