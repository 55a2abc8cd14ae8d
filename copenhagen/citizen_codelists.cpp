#include "copenhagen/citizen_codelists.h"

#include <cstdlib>

#include "core/diagnostic.h"
#include "core/embedded_resources.h"
#include "sdmx/ml21/structure_reader.h"

namespace csdmx::mapping {

namespace {

constexpr const char* kEmbeddedName = "mappings/codelists/citizen-data-codelists.xml";

bool has_true_annotation(const sdmx::Codelist& codelist, const std::string& code_id, const char* type) {
    const sdmx::Code* code = codelist.find(code_id);
    if (code == nullptr) return false;
    const sdmx::Annotation* annotation = sdmx::find_annotation(code->annotations, type);
    return annotation != nullptr && annotation->title != "false";
}

bool any_annotated(const sdmx::Codelist& codelist, const char* type) {
    for (const auto& code : codelist.items) {
        if (has_true_annotation(codelist, code.id, type)) return true;
    }
    return false;
}

}  // namespace

bool CitizenCodelists::is_sufficient_level(const std::string& level) const {
    return has_true_annotation(participation_levels, level, kSufficientLevelAnnotation);
}

bool CitizenCodelists::is_qualifying_stage(const std::string& stage) const {
    return has_true_annotation(stages, stage, kQualifyingStageAnnotation);
}

bool CitizenCodelists::clears_for_official_use(const std::string& result) const {
    return has_true_annotation(validation_results, result, kOfficialUseAnnotation);
}

std::optional<std::filesystem::path> default_codelists_file() {
    if (const char* env = std::getenv("CITIZEN_SDMX_CODELISTS"); env != nullptr && *env != '\0') {
        return std::filesystem::path(env);
    }
    return std::nullopt;
}

CitizenCodelists load_citizen_codelists(const std::optional<std::filesystem::path>& file) {
    CitizenCodelists codelists;
    sdmx::StructureSet structures;
    if (file) {
        structures = sdmx::ml21::read_structure_file(*file);
        codelists.source = file->string();
    } else {
        structures = sdmx::ml21::read_structure_memory(embedded_resource(kEmbeddedName).value(), kEmbeddedName);
        codelists.source = "embedded default (" + std::string(kEmbeddedName) + ")";
    }
    Diagnostics problems;
    auto take = [&](const char* id, sdmx::Codelist& target) {
        const sdmx::Codelist* found = structures.find_codelist(id);
        if (found == nullptr) {
            problems.error(codelists.source, id, "codelist missing; the citizen data codelists file must define it");
            return;
        }
        if (found->items.empty()) problems.error(codelists.source, id, "codelist has no codes");
        target = *found;
    };
    take("CL_PARTICIPATION_LEVEL", codelists.participation_levels);
    take("CL_VALUE_CHAIN_STAGE", codelists.stages);
    take("CL_INITIATIVE_TYPE", codelists.initiative_types);
    take("CL_PRODUCER_TYPE", codelists.producer_types);
    take("CL_VALIDATION_RESULT", codelists.validation_results);
    take("CL_CITIZEN_DATA_STATUS", codelists.citizen_data_status);
    if (!problems.has_errors()) {
        if (!any_annotated(codelists.participation_levels, kSufficientLevelAnnotation)) {
            problems.error(codelists.source, "CL_PARTICIPATION_LEVEL",
                           std::string("no code carries the ") + kSufficientLevelAnnotation +
                               " annotation, so no dataset could qualify as citizen data");
        }
        if (!any_annotated(codelists.stages, kQualifyingStageAnnotation)) {
            problems.error(codelists.source, "CL_VALUE_CHAIN_STAGE",
                           std::string("no code carries the ") + kQualifyingStageAnnotation + " annotation");
        }
        for (const char* code : {kQualifiesCode, kDoesNotQualifyCode}) {
            if (!codelists.citizen_data_status.contains(code)) {
                problems.error(codelists.source, "CL_CITIZEN_DATA_STATUS",
                               std::string("expected a code ") + code + " (its name may be anything)");
            }
        }
    }
    if (problems.has_errors()) throw InputError(problems);
    return codelists;
}

}  // namespace csdmx::mapping
