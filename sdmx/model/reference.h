// References between SDMX artefacts and their URNs.
#pragma once

#include <string>
#include <string_view>

namespace csdmx::sdmx {

// Identifies a maintainable artefact: agency, id and version.
struct MaintainableRef {
    std::string agency;
    std::string id;
    std::string version = "1.0";

    bool operator==(const MaintainableRef&) const = default;
    bool empty() const { return id.empty(); }
    // "AGENCY:ID(VERSION)", the form used in URNs and messages to people.
    std::string to_string() const;
};

// The artefact classes this tool reads and writes, with their URN package names.
enum class ArtefactClass {
    Codelist,
    ConceptScheme,
    DataStructure,
    Dataflow,
    DataProviderScheme,
    AgencyScheme,
    ProvisionAgreement,
    ContentConstraint,
};

// "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=AG:CL(1.0)"
std::string urn(ArtefactClass kind, const MaintainableRef& ref);
// URN of an item inside a scheme, e.g. a Code or a Concept or a DataProvider.
std::string item_urn(ArtefactClass scheme_kind, const MaintainableRef& scheme, std::string_view item_id);

// Parses a URN of a maintainable artefact or of an item in one. On success sets
// `ref` (and `item_id` when the URN names an item). Returns false for anything else.
bool parse_urn(std::string_view urn, MaintainableRef& ref, std::string* item_id = nullptr,
               std::string* class_name = nullptr);

}  // namespace csdmx::sdmx
