#include "sdmx/validation/data_conformance.h"

#include <algorithm>
#include <unordered_map>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/values.h"

namespace csdmx::sdmx {

namespace {

class Checker {
public:
    Checker(std::string file, const DataStructure& dsd, const StructureSet& structures,
            const ConformanceOptions& options, Diagnostics& diagnostics)
        : file_(std::move(file)), dsd_(dsd), options_(options), diagnostics_(diagnostics) {
        for (const auto& dimension : dsd.dimensions) {
            codelists_[dimension.id] =
                structures.codelist_of(dimension.concept_identity, dimension.local_representation);
        }
        for (const auto& attribute : dsd.attributes) {
            codelists_[attribute.id] =
                structures.codelist_of(attribute.concept_identity, attribute.local_representation);
        }
        auto measure = structures.representation_of(dsd.primary_measure.concept_identity,
                                                    dsd.primary_measure.local_representation);
        numeric_measure_ = measure && measure->text_format &&
                           (measure->text_format->text_type == "Double" || measure->text_format->text_type == "Float" ||
                            measure->text_format->text_type == "Decimal");
    }

    void check_code(const std::string& id, const std::string& value, std::uint64_t line) {
        if (!options_.check_codes) return;
        auto found = codelists_.find(id);
        if (found == codelists_.end() || found->second == nullptr) return;
        if (!found->second->contains(value)) {
            diagnostics_.error_at(file_, line, 0,
                                  id + ": code \"" + value + "\" is not in " + found->second->ref.to_string() +
                                      " (allowed: " + list_ids(*found->second) + ")");
        }
    }

    void check_dataset(const ml21::DataSetInfo& dataset) {
        for (const auto& attribute : dsd_.attributes) {
            if (attribute.relationship.level != AttachmentLevel::DataSet) continue;
            auto value = find(dataset.attributes, attribute.id);
            if (value == nullptr) {
                if (attribute.mandatory) {
                    diagnostics_.error_at(file_, dataset.line, 0,
                                          "mandatory data-set-level attribute " + attribute.id + " is missing");
                }
                continue;
            }
            check_code(attribute.id, *value, dataset.line);
        }
        for (const auto& [id, value] : dataset.attributes) {
            if (!options_.check_unknown_components) break;
            const DataAttribute* attribute = dsd_.find_attribute(id);
            if (attribute == nullptr) {
                diagnostics_.error_at(file_, dataset.line, 0,
                                      "data set attribute " + id + " is not defined by " + dsd_.ref.to_string());
            }
        }
    }

    void check_observation(const ml21::ReadObservation& observation) {
        const auto line = observation.line;
        for (const auto& dimension : dsd_.dimensions) {
            auto value = find(observation.key, dimension.id);
            if (value == nullptr) {
                diagnostics_.error_at(file_, line, 0, "dimension " + dimension.id + " is missing from the key");
                continue;
            }
            check_code(dimension.id, *value, line);
        }
        if (dsd_.time_dimension && find(observation.key, dsd_.time_dimension->id) == nullptr) {
            diagnostics_.error_at(file_, line, 0, "the time dimension " + dsd_.time_dimension->id + " is missing");
        }
        for (const auto& [id, value] : observation.key) {
            if (!options_.check_unknown_components) break;
            if (dsd_.find_dimension(id) == nullptr) {
                diagnostics_.error_at(file_, line, 0, "dimension " + id + " is not defined by " + dsd_.ref.to_string());
            }
        }
        for (const auto& attribute : dsd_.attributes) {
            if (attribute.relationship.level == AttachmentLevel::DataSet) continue;
            auto value = find(observation.attributes, attribute.id);
            if (value == nullptr) {
                if (attribute.mandatory) {
                    diagnostics_.error_at(file_, line, 0, "mandatory attribute " + attribute.id + " is missing");
                }
                continue;
            }
            check_code(attribute.id, *value, line);
        }
        for (const auto& [id, value] : observation.attributes) {
            if (!options_.check_unknown_components) break;
            if (dsd_.find_attribute(id) == nullptr) {
                diagnostics_.error_at(file_, line, 0, "attribute " + id + " is not defined by " + dsd_.ref.to_string());
            }
        }
        for (const auto& [id, value] : observation.unknown) {
            if (!options_.check_unknown_components) break;
            diagnostics_.error_at(file_, line, 0, id + " is no component of " + dsd_.ref.to_string());
        }
        if (numeric_measure_ && observation.value && !is_double_lexical(*observation.value)) {
            diagnostics_.error_at(
                file_, line, 0, dsd_.primary_measure.id + ": expected a number; found \"" + *observation.value + "\"");
        }
    }

private:
    static const std::string* find(const ml21::ComponentValues& values, const std::string& id) {
        auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == id; });
        return it == values.end() ? nullptr : &it->second;
    }

    std::string file_;
    const DataStructure& dsd_;
    const ConformanceOptions& options_;
    Diagnostics& diagnostics_;
    std::unordered_map<std::string, const Codelist*> codelists_;
    bool numeric_measure_ = false;
};

}  // namespace

void check_data_conformance(const std::filesystem::path& file, const DataStructure& dsd, const StructureSet& structures,
                            const ConformanceOptions& options, Diagnostics& diagnostics) {
    Checker checker(file.string(), dsd, structures, options, diagnostics);
    ml21::DataMessageReader reader(file, &dsd);
    ml21::ReadObservation observation;
    std::size_t checked_datasets = 0;
    while (reader.next(observation)) {
        if (reader.datasets_seen() != checked_datasets) {
            checked_datasets = reader.datasets_seen();
            checker.check_dataset(reader.dataset());
        }
        checker.check_observation(observation);
    }
    if (reader.datasets_seen() != checked_datasets) checker.check_dataset(reader.dataset());
}

}  // namespace csdmx::sdmx
