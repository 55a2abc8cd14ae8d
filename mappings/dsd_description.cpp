#include "mappings/dsd_description.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace csdmx::mapping {

namespace {

using nlohmann::json;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// "PM2.5" and "pm25" are one search: letters and digits only, without case.
std::string folded(const std::string& text) {
    std::string result;
    for (unsigned char c : text) {
        if (std::isalnum(c)) result += static_cast<char>(std::tolower(c));
    }
    return result;
}

std::string concept_name(const sdmx::StructureSet& structures, const sdmx::ConceptRef& identity) {
    if (const auto* scheme = structures.find_concept_scheme(identity.scheme)) {
        if (const auto* concept_item = scheme->find(identity.concept_id)) return concept_item->name.text();
    }
    for (const auto& scheme : structures.concept_schemes) {  // a reference with another version
        if (const auto* concept_item = scheme.find(identity.concept_id)) return concept_item->name.text();
    }
    return {};
}

json representation(const sdmx::StructureSet& structures, const sdmx::ConceptRef& identity,
                    const std::optional<sdmx::Representation>& local, std::size_t codes_shown) {
    json out = json::object();
    const auto resolved = structures.representation_of(identity, local);
    if (resolved && resolved->enumeration) {
        out["codelist"] = resolved->enumeration->to_string();
        if (const auto* codelist = structures.codelist_of(identity, local)) {
            out["code_count"] = codelist->items.size();
            json some = json::array();
            for (std::size_t i = 0; i < codelist->items.size() && i < codes_shown; ++i) {
                some.push_back(codelist->items[i].id);
            }
            out["first_codes"] = some;
        } else {
            out["code_count"] = nullptr;  // the codelist is not in the files given
        }
    } else if (resolved && resolved->text_format) {
        out["text_type"] = resolved->text_format->text_type;
    }
    return out;
}

json component(const sdmx::StructureSet& structures, const std::string& id, const sdmx::ConceptRef& identity,
               const std::optional<sdmx::Representation>& local, const std::string& role, std::size_t codes_shown) {
    json out = {{"id", id}, {"role", role}, {"name", concept_name(structures, identity)}};
    out.update(representation(structures, identity, local, codes_shown));
    return out;
}

const char* level_name(sdmx::AttachmentLevel level) {
    switch (level) {
        case sdmx::AttachmentLevel::DataSet:
            return "data set";
        case sdmx::AttachmentLevel::Group:
            return "group";
        case sdmx::AttachmentLevel::Series:
            return "series";
        case sdmx::AttachmentLevel::Observation:
            return "observation";
    }
    return "observation";
}

json data_structure(const sdmx::StructureSet& structures, const sdmx::DataStructure& dsd, std::size_t codes_shown) {
    json components = json::array();
    for (const auto& dimension : dsd.dimensions) {
        components.push_back(component(structures, dimension.id, dimension.concept_identity,
                                       dimension.local_representation, "dimension", codes_shown));
    }
    if (dsd.time_dimension) {
        components.push_back(component(structures, dsd.time_dimension->id, dsd.time_dimension->concept_identity,
                                       dsd.time_dimension->local_representation, "time dimension", codes_shown));
    }
    components.push_back(component(structures, dsd.primary_measure.id, dsd.primary_measure.concept_identity,
                                   dsd.primary_measure.local_representation, "measure", codes_shown));
    for (const auto& attribute : dsd.attributes) {
        auto item = component(structures, attribute.id, attribute.concept_identity, attribute.local_representation,
                              "attribute", codes_shown);
        item["attached_to"] = level_name(attribute.relationship.level);
        item["mandatory"] = attribute.mandatory;
        components.push_back(std::move(item));
    }
    return {{"ref", dsd.ref.to_string()}, {"name", dsd.name.text()}, {"components", components}};
}

// Which components of which DSDs a codelist enumerates: where a found code can go.
std::map<std::string, std::vector<std::string>> codelist_users(const sdmx::StructureSet& structures) {
    std::map<std::string, std::vector<std::string>> users;
    for (const auto& dsd : structures.data_structures) {
        const auto note = [&](const std::string& id, const sdmx::ConceptRef& identity,
                              const std::optional<sdmx::Representation>& local) {
            if (const auto* codelist = structures.codelist_of(identity, local)) {
                users[codelist->ref.to_string()].push_back(dsd.ref.id + "." + id);
            }
        };
        for (const auto& dimension : dsd.dimensions) {
            note(dimension.id, dimension.concept_identity, dimension.local_representation);
        }
        for (const auto& attribute : dsd.attributes) {
            note(attribute.id, attribute.concept_identity, attribute.local_representation);
        }
    }
    return users;
}

const sdmx::Codelist* codelist_named(const sdmx::StructureSet& structures, const std::string& wanted) {
    if (const auto* codelist = structures.find_codelist(std::string_view(wanted))) return codelist;
    for (const auto& dsd : structures.data_structures) {  // a component id: its codelist
        for (const auto& dimension : dsd.dimensions) {
            if (dimension.id == wanted) {
                return structures.codelist_of(dimension.concept_identity, dimension.local_representation);
            }
        }
        for (const auto& attribute : dsd.attributes) {
            if (attribute.id == wanted) {
                return structures.codelist_of(attribute.concept_identity, attribute.local_representation);
            }
        }
    }
    return nullptr;
}

}  // namespace

json describe_structures(const sdmx::StructureSet& structures, const DescribeRequest& request) {
    json out;
    json dsds = json::array();
    for (const auto& dsd : structures.data_structures)
        dsds.push_back(data_structure(structures, dsd, request.codes_shown));
    out["data_structures"] = dsds;
    json codelists = json::array();
    for (const auto& codelist : structures.codelists) {
        codelists.push_back(
            {{"ref", codelist.ref.to_string()}, {"name", codelist.name.text()}, {"code_count", codelist.items.size()}});
    }
    out["codelists"] = codelists;

    if (!request.codelist.empty()) {
        const auto* codelist = codelist_named(structures, request.codelist);
        json listed = {{"wanted", request.codelist}};
        if (codelist != nullptr) {
            listed["ref"] = codelist->ref.to_string();
            json codes = json::array();
            for (const auto& code : codelist->items) {
                json item = {{"id", code.id}, {"name", code.name.text()}};
                if (!code.parent.empty()) item["parent"] = code.parent;
                codes.push_back(std::move(item));
            }
            listed["codes"] = codes;
        } else {
            listed["codes"] = nullptr;
        }
        out["codelist"] = listed;
    }

    if (!request.find.empty()) {
        const auto users = codelist_users(structures);
        json matches = json::array();
        for (const auto& term : request.find) {
            const std::string exact = lower(term);
            const std::string loose = folded(term);
            for (const auto& codelist : structures.codelists) {
                for (const auto& code : codelist.items) {
                    const std::string id = lower(code.id);
                    const std::string name = lower(code.name.text());
                    const bool found =
                        id == exact ||
                        (!loose.empty() && (folded(code.id).find(loose) != std::string::npos ||
                                            folded(code.name.text()).find(loose) != std::string::npos)) ||
                        name.find(exact) != std::string::npos;
                    if (!found) continue;
                    auto used = users.find(codelist.ref.to_string());
                    matches.push_back({{"term", term},
                                       {"codelist", codelist.ref.to_string()},
                                       {"id", code.id},
                                       {"name", code.name.text()},
                                       {"used_by", used == users.end() ? json::array() : json(used->second)}});
                }
            }
        }
        out["matches"] = matches;
    }
    return out;
}

std::string describe_text(const json& description) {
    std::string text;
    const bool focused = description.contains("matches") || description.contains("codelist");
    if (!focused) {
        for (const auto& dsd : description["data_structures"]) {
            text += "DSD " + dsd["ref"].get<std::string>() + " \"" + dsd["name"].get<std::string>() + "\"\n";
            for (const auto& item : dsd["components"]) {
                std::string line = "  " + item["role"].get<std::string>() + " " + item["id"].get<std::string>();
                if (!item["name"].get<std::string>().empty()) line += " (" + item["name"].get<std::string>() + ")";
                if (item.contains("codelist")) {
                    line += ": codes of " + item["codelist"].get<std::string>();
                    if (item["code_count"].is_null()) {
                        line += " (not in the files given)";
                    } else {
                        std::string some;
                        for (const auto& code : item["first_codes"])
                            some += (some.empty() ? "" : ", ") + code.get<std::string>();
                        const auto count = item["code_count"].get<std::size_t>();
                        line += " (" + std::to_string(count) + ": " + some +
                                (count > item["first_codes"].size() ? ", ..." : "") + ")";
                    }
                } else if (item.contains("text_type")) {
                    line += ": " + item["text_type"].get<std::string>();
                }
                if (item.contains("attached_to")) {
                    line += std::string("; ") + (item["mandatory"].get<bool>() ? "mandatory" : "conditional") +
                            ", attached to the " + item["attached_to"].get<std::string>();
                }
                text += line + "\n";
            }
        }
        if (description["data_structures"].empty()) {
            text += "no DSD in the files given; " + std::to_string(description["codelists"].size()) + " codelist(s):\n";
            for (const auto& codelist : description["codelists"]) {
                text += "  " + codelist["ref"].get<std::string>() + " \"" + codelist["name"].get<std::string>() +
                        "\" (" + std::to_string(codelist["code_count"].get<std::size_t>()) + " codes)\n";
            }
        }
    }
    if (description.contains("codelist")) {
        const auto& listed = description["codelist"];
        if (listed["codes"].is_null()) {
            text +=
                "no codelist or coded component \"" + listed["wanted"].get<std::string>() + "\" in the files given\n";
        } else {
            text += listed["ref"].get<std::string>() + ":\n";
            for (const auto& code : listed["codes"]) {
                text += "  " + code["id"].get<std::string>() + "  " + code["name"].get<std::string>() + "\n";
            }
        }
    }
    if (description.contains("matches")) {
        const auto& matches = description["matches"];
        if (matches.empty()) text += "no code matches\n";
        for (const auto& match : matches) {
            std::string used;
            for (const auto& user : match["used_by"]) used += (used.empty() ? "" : ", ") + user.get<std::string>();
            text += match["id"].get<std::string>() + "  " + match["name"].get<std::string>() + "\n    in " +
                    match["codelist"].get<std::string>() + (used.empty() ? "" : ", used by " + used) + "\n";
        }
    }
    return text;
}

}  // namespace csdmx::mapping
