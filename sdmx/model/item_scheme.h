// Codelists and concept schemes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sdmx/model/annotation.h"
#include "sdmx/model/reference.h"

namespace csdmx::sdmx {

// Facets of an uncoded representation (SDMX TextFormat).
struct TextFormat {
    std::string text_type = "String";  // SDMX data type, e.g. "Double", "ObservationalTimePeriod"
    std::optional<std::string> min_length, max_length, min_value, max_value, decimals, pattern;
};

// How the values of a concept or component are represented: coded or a text format.
struct Representation {
    std::optional<MaintainableRef> enumeration;  // a Codelist
    std::optional<TextFormat> text_format;
};

// What every identifiable, nameable object has.
struct NameableItem {
    std::string id;
    InternationalString name;
    InternationalString description;
    Annotations annotations;
};

struct Code : NameableItem {
    std::string parent;
};

struct Concept : NameableItem {
    std::optional<Representation> core_representation;
};

// What every maintainable artefact has.
struct MaintainableArtefact {
    MaintainableRef ref;
    InternationalString name;
    InternationalString description;
    Annotations annotations;
    bool is_final = false;
};

// A scheme of items with lookup by id that stays valid as items are added.
template <typename Item>
struct ItemScheme : MaintainableArtefact {
    std::vector<Item> items;

    const Item* find(std::string_view id) const {
        if (index_.size() != items.size()) rebuild_index();
        auto it = index_.find(std::string(id));
        return it == index_.end() ? nullptr : &items[it->second];
    }
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    Item& add(Item item) {
        items.push_back(std::move(item));
        return items.back();
    }

private:
    void rebuild_index() const {
        index_.clear();
        for (std::size_t i = 0; i < items.size(); ++i) index_.emplace(items[i].id, i);
    }
    mutable std::unordered_map<std::string, std::size_t> index_;
};

using Codelist = ItemScheme<Code>;
using ConceptScheme = ItemScheme<Concept>;

// The first `limit` item ids joined with ", ", with "..." when there are more:
// used in error messages that list the allowed values.
template <typename Item>
std::string list_ids(const ItemScheme<Item>& scheme, std::size_t limit = 8) {
    std::string text;
    for (std::size_t i = 0; i < scheme.items.size() && i < limit; ++i) {
        if (i > 0) text += ", ";
        text += scheme.items[i].id;
    }
    if (scheme.items.size() > limit) text += ", ... (" + std::to_string(scheme.items.size()) + " in all)";
    return text;
}

}  // namespace csdmx::sdmx
