// Multilingual text and annotations, shared by every SDMX artefact.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csdmx::sdmx {

struct LocalisedString {
    std::string lang;
    std::string text;
};

// SDMX InternationalString: the same text in several languages.
struct InternationalString {
    std::vector<LocalisedString> values;

    InternationalString() = default;
    InternationalString(std::string text, std::string lang = "en") {
        values.push_back({std::move(lang), std::move(text)});
    }
    bool empty() const { return values.empty(); }
    // The text in `lang`, else English, else the first one, else "".
    const std::string& text(std::string_view lang = "en") const;
    void set(std::string lang, std::string text);
};

struct Annotation {
    std::string id;
    std::string title;
    std::string type;
    std::string url;
    InternationalString text;
};

using Annotations = std::vector<Annotation>;

// The first annotation of the given type, or nullptr.
const Annotation* find_annotation(const Annotations& annotations, std::string_view type);

}  // namespace csdmx::sdmx
