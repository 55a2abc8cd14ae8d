#include "sdmx/ml21/structure_parts.h"

namespace csdmx::sdmx::ml21 {

void write_nameable_content(XmlWriter& xml, const Annotations& annotations, const InternationalString& name,
                            const InternationalString& description) {
    write_annotations(xml, annotations);
    write_international(xml, "common:Name", name.empty() ? InternationalString("(unnamed)") : name);
    write_international(xml, "common:Description", description);
}

void write_text_format(XmlWriter& xml, const TextFormat& format) {
    xml.start("structure:TextFormat");
    xml.attribute("textType", format.text_type);
    auto optional_attribute = [&](const char* name, const std::optional<std::string>& value) {
        if (value) xml.attribute(name, *value);
    };
    optional_attribute("minLength", format.min_length);
    optional_attribute("maxLength", format.max_length);
    optional_attribute("minValue", format.min_value);
    optional_attribute("maxValue", format.max_value);
    optional_attribute("decimals", format.decimals);
    optional_attribute("pattern", format.pattern);
    xml.end();
}

}  // namespace csdmx::sdmx::ml21
