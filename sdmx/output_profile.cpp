#include "sdmx/output_profile.h"

#include <algorithm>

namespace csdmx::sdmx {

namespace {

bool same(const Annotation& a, const Annotation& b) {
    return a.id == b.id && a.type == b.type && a.title == b.title && a.url == b.url && a.text.text() == b.text.text();
}

void add_missing(const Annotations& moved, Annotations& target) {
    for (const auto& annotation : moved) {
        const bool present = std::any_of(target.begin(), target.end(),
                                         [&](const Annotation& existing) { return same(existing, annotation); });
        if (!present) target.push_back(annotation);
    }
}

}  // namespace

std::optional<OutputProfile> parse_output_profile(std::string_view name) {
    if (name == "standard") return OutputProfile::standard;
    if (name == "sdmx1") return OutputProfile::sdmx1;
    return std::nullopt;
}

std::string_view profile_name(OutputProfile profile) {
    return profile == OutputProfile::sdmx1 ? "sdmx1" : "standard";
}

std::string output_profile_names() {
    return "standard, sdmx1";
}

MovedToStructures apply_profile(OutputProfile profile, DataSetDescription& dataset) {
    MovedToStructures moved;
    if (profile != OutputProfile::sdmx1) return moved;
    moved.annotations = std::move(dataset.annotations);
    add_missing(dataset.series_annotations, moved.annotations);
    dataset.annotations.clear();
    dataset.series_annotations.clear();
    dataset.provider.reset();  // the provision agreement names the provider
    return moved;
}

void receive_moved(const MovedToStructures& moved, StructureSet& structures) {
    if (moved.annotations.empty()) return;
    if (!structures.provision_agreements.empty()) {
        for (auto& agreement : structures.provision_agreements) add_missing(moved.annotations, agreement.annotations);
        return;
    }
    for (auto& dataflow : structures.dataflows) add_missing(moved.annotations, dataflow.annotations);
}

}  // namespace csdmx::sdmx
