#include "tests/registry/registry_answers.h"

#include <map>

#include "registry/structure_artefacts.h"

namespace csdmx::test {

namespace {

// The SDMX information-model package of each class (MaintainableRefType's package attribute).
std::string package_of(const std::string& element) {
    static const std::map<std::string, std::string> packages = {{"Codelist", "codelist"},
                                                                {"ConceptScheme", "conceptscheme"},
                                                                {"DataStructure", "datastructure"},
                                                                {"Dataflow", "datastructure"},
                                                                {"DataProviderScheme", "base"},
                                                                {"AgencyScheme", "base"},
                                                                {"ContentConstraint", "registry"},
                                                                {"ProvisionAgreement", "registry"},
                                                                {"CategoryScheme", "categoryscheme"},
                                                                {"Categorisation", "categoryscheme"}};
    const auto found = packages.find(element);
    return found == packages.end() ? "base" : found->second;
}

std::string escape(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        if (c == '<') {
            escaped += "&lt;";
        } else if (c == '&') {
            escaped += "&amp;";
        } else if (c == '"') {
            escaped += "&quot;";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string urn_of(const Verdict& verdict) {
    return "urn:sdmx:org.sdmx.infomodel." + package_of(verdict.element) + "." + verdict.element + "=" + verdict.agency +
           ":" + verdict.id + "(" + verdict.version + ")";
}

// What the NSI web service writes per artefact (pysdmx PR #634 comment of 2026-08-03).
std::string nsi_text(const Verdict& verdict) {
    const std::string reference = verdict.agency + ":" + verdict.id + " (v" + verdict.version + ")";
    if (verdict.code == "201") return "Created: " + verdict.element + " " + reference + ". Success was inserted.";
    if (verdict.code == "200") return "Updated: " + verdict.element + " " + reference + ".";
    return "Not Created: " + verdict.element + " " + reference + ", " + verdict.text;
}

}  // namespace

std::vector<Verdict> verdicts_for(const std::filesystem::path& structure_file, const std::string& status,
                                  const std::string& code, const std::string& text) {
    std::vector<Verdict> verdicts;
    for (const auto& artefact : registry::list_structure_artefacts(structure_file)) {
        Verdict verdict;
        verdict.element = artefact.element;
        verdict.agency = artefact.agency;
        verdict.id = artefact.id;
        verdict.version = artefact.version;
        verdict.status = status;
        verdict.code = code;
        verdict.text = text;
        verdicts.push_back(verdict);
    }
    return verdicts;
}

std::string submit_structure_response(const std::vector<Verdict>& verdicts) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<mes:RegistryInterface xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
        "xmlns:reg=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/registry\" "
        "xmlns:com=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n"
        "<mes:Header><mes:ID>SUBMIT_RESPONSE</mes:ID><mes:Test>true</mes:Test>"
        "<mes:Prepared>2026-11-22T10:00:00</mes:Prepared><mes:Sender id=\"TEST_REGISTRY\"/>"
        "<mes:Receiver id=\"CITIZEN_SDMX\"/></mes:Header>\n<mes:SubmitStructureResponse>\n";
    for (const auto& verdict : verdicts) {
        xml += "<reg:SubmissionResult><reg:SubmittedStructure action=\"" + verdict.action +
               "\"><reg:MaintainableObject><Ref agencyID=\"" + escape(verdict.agency) + "\" id=\"" +
               escape(verdict.id) + "\" version=\"" + escape(verdict.version) + "\" class=\"" + verdict.element +
               "\" package=\"" + package_of(verdict.element) +
               "\"/></reg:MaintainableObject></reg:SubmittedStructure><reg:StatusMessage status=\"" + verdict.status +
               "\"><reg:MessageText code=\"" + verdict.code + "\"><com:Text xml:lang=\"en\">" + escape(verdict.text) +
               "</com:Text></reg:MessageText></reg:StatusMessage></reg:SubmissionResult>\n";
    }
    return xml + "</mes:SubmitStructureResponse>\n</mes:RegistryInterface>\n";
}

}  // namespace csdmx::test

namespace csdmx::test {

std::string submit_structure_response_30(const std::vector<Verdict>& verdicts) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<mes:RegistryInterface xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message\" "
        "xmlns:reg=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/registry\" "
        "xmlns:com=\"http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common\">\n"
        "<mes:Header><mes:ID>SUBMIT_RESPONSE</mes:ID><mes:Test>true</mes:Test>"
        "<mes:Prepared>2026-11-22T10:00:00</mes:Prepared><mes:Sender id=\"TEST_REGISTRY\"/>"
        "<mes:Receiver id=\"CITIZEN_SDMX\"/></mes:Header>\n<mes:SubmitStructureResponse>\n";
    for (const auto& verdict : verdicts) {
        xml += "<reg:SubmissionResult><reg:SubmittedStructure action=\"" + verdict.action +
               "\"><reg:MaintainableObject>" + escape(urn_of(verdict)) +
               "</reg:MaintainableObject></reg:SubmittedStructure><reg:StatusMessage status=\"" + verdict.status +
               "\"><reg:MessageText code=\"" + verdict.code + "\"><com:Text xml:lang=\"en\">" + escape(verdict.text) +
               "</com:Text></reg:MessageText></reg:StatusMessage></reg:SubmissionResult>\n";
    }
    return xml + "</mes:SubmitStructureResponse>\n</mes:RegistryInterface>\n";
}

std::string nsi_structure_answer(const std::vector<Verdict>& verdicts) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<message:Error xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
        "xmlns:common=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n";
    for (const auto& verdict : verdicts) {
        xml += "<message:ErrorMessage code=\"" + verdict.code + "\"><common:Text xml:lang=\"en\">" +
               escape(nsi_text(verdict)) + "</common:Text></message:ErrorMessage>\n";
    }
    return xml + "</message:Error>\n";
}

std::string sdmx_error(const std::string& code, const std::string& text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<message:Error xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
           "xmlns:common=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n"
           "<message:ErrorMessage code=\"" +
           code + "\"><common:Text xml:lang=\"en\">" + escape(text) +
           "</common:Text></message:ErrorMessage>\n</message:Error>\n";
}

}  // namespace csdmx::test
