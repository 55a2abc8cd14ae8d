#include "sdmx/model/reference.h"

namespace csdmx::sdmx {

namespace {

struct ClassNames {
    const char* package_and_class;  // as in the URN
    const char* item_class;         // class of the scheme's items, or nullptr
};

ClassNames names_of(ArtefactClass kind) {
    switch (kind) {
        case ArtefactClass::Codelist:
            return {"codelist.Codelist", "codelist.Code"};
        case ArtefactClass::ConceptScheme:
            return {"conceptscheme.ConceptScheme", "conceptscheme.Concept"};
        case ArtefactClass::DataStructure:
            return {"datastructure.DataStructure", nullptr};
        case ArtefactClass::Dataflow:
            return {"datastructure.Dataflow", nullptr};
        case ArtefactClass::DataProviderScheme:
            return {"base.DataProviderScheme", "base.DataProvider"};
        case ArtefactClass::AgencyScheme:
            return {"base.AgencyScheme", "base.Agency"};
        case ArtefactClass::ProvisionAgreement:
            return {"registry.ProvisionAgreement", nullptr};
        case ArtefactClass::ContentConstraint:
            return {"registry.ContentConstraint", nullptr};
    }
    return {"", nullptr};
}

}  // namespace

std::string MaintainableRef::to_string() const {
    return agency + ":" + id + "(" + version + ")";
}

std::string urn(ArtefactClass kind, const MaintainableRef& ref) {
    return std::string("urn:sdmx:org.sdmx.infomodel.") + names_of(kind).package_and_class + "=" + ref.to_string();
}

std::string item_urn(ArtefactClass scheme_kind, const MaintainableRef& scheme, std::string_view item_id) {
    const char* item_class = names_of(scheme_kind).item_class;
    return std::string("urn:sdmx:org.sdmx.infomodel.") + (item_class ? item_class : "") + "=" + scheme.to_string() +
           "." + std::string(item_id);
}

bool parse_urn(std::string_view text, MaintainableRef& ref, std::string* item_id, std::string* class_name) {
    constexpr std::string_view kPrefix = "urn:sdmx:org.sdmx.infomodel.";
    if (text.substr(0, kPrefix.size()) != kPrefix) return false;
    text.remove_prefix(kPrefix.size());
    auto equals = text.find('=');
    auto colon = text.find(':', equals);
    auto open = text.find('(', colon);
    auto close = text.find(')', open);
    if (equals == std::string_view::npos || colon == std::string_view::npos || open == std::string_view::npos ||
        close == std::string_view::npos) {
        return false;
    }
    if (class_name != nullptr) {
        auto dot = text.rfind('.', equals);
        *class_name = std::string(text.substr(dot == std::string_view::npos ? 0 : dot + 1,
                                              equals - (dot == std::string_view::npos ? 0 : dot + 1)));
    }
    ref.agency = std::string(text.substr(equals + 1, colon - equals - 1));
    ref.id = std::string(text.substr(colon + 1, open - colon - 1));
    ref.version = std::string(text.substr(open + 1, close - open - 1));
    if (item_id != nullptr) {
        auto rest = text.substr(close + 1);
        *item_id = rest.empty() || rest.front() != '.' ? std::string() : std::string(rest.substr(1));
    }
    return !ref.agency.empty() && !ref.id.empty();
}

}  // namespace csdmx::sdmx
