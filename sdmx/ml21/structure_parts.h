// What the SDMX-ML 2.1 and 3.0 structure writers write alike: names, text
// formats, item schemes and sections. The elements are the same in both versions,
// in the namespaces each message declares; how artefacts and representations are
// referenced differs and is passed in.
#pragma once

#include <string_view>

#include "sdmx/ml21/common_writer.h"
#include "sdmx/model/item_scheme.h"
#include "sdmx/model/reference.h"

namespace csdmx::sdmx::ml21 {

// Annotations, common:Name (never empty: "(unnamed)") and common:Description.
void write_nameable_content(XmlWriter& xml, const Annotations& annotations, const InternationalString& name,
                            const InternationalString& description);

// structure:TextFormat with the facets that are set.
void write_text_format(XmlWriter& xml, const TextFormat& format);

// A scheme and its items. `write_maintainable(xml, kind, scheme)` writes the
// scheme's identifying attributes; `write_item_extra(item)` what an item has
// beyond its names and annotations (a code's parent, a concept's representation).
template <typename Item, typename WriteMaintainable, typename WriteExtra>
void write_item_scheme(XmlWriter& xml, const char* scheme_element, const char* item_element, ArtefactClass kind,
                       const ItemScheme<Item>& scheme, WriteMaintainable write_maintainable,
                       WriteExtra write_item_extra) {
    xml.start(scheme_element);
    write_maintainable(xml, kind, scheme);
    write_nameable_content(xml, scheme.annotations, scheme.name, scheme.description);
    for (const auto& item : scheme.items) {
        xml.start(item_element);
        xml.attribute("id", item.id);
        xml.attribute("urn", item_urn(kind, scheme.ref, item.id));
        write_nameable_content(xml, item.annotations, item.name, item.description);
        write_item_extra(item);
        xml.end();
    }
    xml.end();
}

// The section element around its artefacts, nothing when there are none.
template <typename Container, typename Write>
void write_section(XmlWriter& xml, const char* element, const Container& items, Write write) {
    if (items.empty()) return;
    xml.start(element);
    for (const auto& item : items) write(xml, item);
    xml.end();
}

}  // namespace csdmx::sdmx::ml21
