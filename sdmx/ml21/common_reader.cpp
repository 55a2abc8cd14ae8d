#include "sdmx/ml21/common_reader.h"

#include "sdmx/ml21/namespaces.h"
#include "sdmx/ml30/namespaces.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::sdmx::ml21 {

namespace {
// Reference fields default as in SDMXCommonReferences.xsd (version="1.0").
constexpr const char* kDefaultVersion = "1.0";
}  // namespace

std::string language_of(const xmlNode* node) {
    xmlChar* lang = xmlNodeGetLang(node);
    std::string text = lang ? reinterpret_cast<const char*>(lang) : "en";
    xmlFree(lang);
    return text;
}

void read_annotations(const xmlNode* annotations, Annotations& out) {
    for (const xmlNode* a = dom::first_child(annotations); a; a = dom::next_sibling(a)) {
        // The same Annotation elements in SDMX-ML 2.1 and 3.0.
        if (!dom::is(a, kCommonNs, "Annotation") && !dom::is(a, ml30::kCommonNs, "Annotation")) continue;
        Annotation annotation;
        annotation.id = dom::attribute_or(a, "id", "");
        for (const xmlNode* f = dom::first_child(a); f; f = dom::next_sibling(f)) {
            auto name = dom::local_name(f);
            if (name == "AnnotationTitle") annotation.title = dom::text(f);
            if (name == "AnnotationType") annotation.type = dom::text(f);
            if (name == "AnnotationURL") annotation.url = dom::text(f);
            if (name == "AnnotationText") annotation.text.set(language_of(f), dom::text(f));
        }
        out.push_back(std::move(annotation));
    }
}

MaintainableRef read_reference(const xmlNode* holder, std::string* item_id) {
    MaintainableRef result;
    if (const xmlNode* ref = dom::child(holder, "Ref")) {
        result.agency = dom::attribute_or(ref, "agencyID", "");
        if (auto parent = dom::attribute(ref, "maintainableParentID")) {
            result.id = *parent;
            result.version = dom::attribute_or(ref, "maintainableParentVersion", kDefaultVersion);
            if (item_id) *item_id = dom::attribute_or(ref, "id", "");
        } else {
            result.id = dom::attribute_or(ref, "id", "");
            result.version = dom::attribute_or(ref, "version", kDefaultVersion);
        }
    } else if (const xmlNode* urn_node = dom::child(holder, "URN")) {
        if (!parse_urn(dom::text(urn_node), result, item_id)) result = MaintainableRef{"", "", ""};
    } else if (const std::string text = dom::text(holder); !text.empty()) {
        // SDMX-ML 3.0: the reference is the element's text, a URN.
        if (!parse_urn(text, result, item_id)) result = MaintainableRef{"", "", ""};
    } else {
        result.version.clear();
    }
    return result;
}

}  // namespace csdmx::sdmx::ml21
