#include "sdmx/model/annotation.h"

namespace csdmx::sdmx {

const std::string& InternationalString::text(std::string_view lang) const {
    static const std::string kEmpty;
    for (const auto& value : values) {
        if (value.lang == lang) return value.text;
    }
    for (const auto& value : values) {
        if (value.lang == "en") return value.text;
    }
    return values.empty() ? kEmpty : values.front().text;
}

void InternationalString::set(std::string lang, std::string text) {
    for (auto& value : values) {
        if (value.lang == lang) {
            value.text = std::move(text);
            return;
        }
    }
    values.push_back({std::move(lang), std::move(text)});
}

const Annotation* find_annotation(const Annotations& annotations, std::string_view type) {
    for (const auto& annotation : annotations) {
        if (annotation.type == type) return &annotation;
    }
    return nullptr;
}

}  // namespace csdmx::sdmx
