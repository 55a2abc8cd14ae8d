// The registries as they really answer (issue 12): each fake server below gives
// the shape its registry documents or was recorded giving, cited beside it; the
// SDMX-ML answers are checked against the official schemas first.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include "registry/push.h"
#include "registry/structure_artefacts.h"
#include "sdmx/validation/xsd_validator.h"
#include "tests/registry/fake_registry.h"
#include "tests/registry/push_fixtures.h"
#include "tests/registry/registry_answers.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

using namespace std::chrono_literals;
using registry::ApiKind;
using registry::PushOutcome;

// A minimal SDMX-ML 2.1 structure-specific data message bound either to its DSD
// (message:Structure/common:Structure, dataScope DataStructure) or to a dataflow
// (common:StructureUsage, dataScope Dataflow): built here by hand so that these
// tests do not depend on what today's writers put in the header.
std::string data_message(bool dataflow_bound) {
    const std::string reference = dataflow_bound ? "<common:StructureUsage><Ref agencyID=\"NSO_MW\" id=\"DF_ACCESS\" "
                                                   "version=\"1.0\"/></common:StructureUsage>"
                                                 : "<common:Structure><Ref agencyID=\"NSO_MW\" id=\"DSD_ACCESS\" "
                                                   "version=\"1.0\"/></common:Structure>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<message:StructureSpecificData "
           "xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
           "xmlns:common=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\" "
           "xmlns:ss=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xmlns:ns1=\"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=NSO_MW:DSD_ACCESS(1.0):ObsLevelDim:"
           "AllDimensions\">\n"
           "<message:Header><message:ID>DATA</message:ID><message:Test>false</message:Test>"
           "<message:Prepared>2026-11-22T10:00:00</message:Prepared><message:Sender id=\"NSO_MW\"/>"
           "<message:Structure structureID=\"ACCESS\" namespace=\"urn:sdmx:org.sdmx.infomodel.datastructure."
           "DataStructure=NSO_MW:DSD_ACCESS(1.0):ObsLevelDim:AllDimensions\" "
           "dimensionAtObservation=\"AllDimensions\">" +
           reference +
           "</message:Structure></message:Header>\n"
           "<message:DataSet ss:dataScope=\"" +
           (dataflow_bound ? "Dataflow" : "DataStructure") +
           "\" xsi:type=\"ns1:DataSetType\" ss:structureRef=\"ACCESS\">"
           "<Obs REF_AREA=\"MW\" TIME_PERIOD=\"2024\" OBS_VALUE=\"12.5\"/></message:DataSet>\n"
           "</message:StructureSpecificData>\n";
}

// A small SDMX-CSV 1.0 data message.
const char* kCsvData = "DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nNSO_MW:DF_ACCESS(1.0),MW,2024,12.5\n";

// .Stat Suite's transfer service, as pysdmx's .Stat uploader (PR #634, branch
// cr-450-2: _submission_from_import/_submission_from_status and
// tests/api/stat/test_upload.py) and FAO's statsuite_lib (transfer.py) read it:
// import/sdmxFile answers {"message": "... with ID: N"}; status/request answers
// {"executionStatus": ..., "outcome": "Success"|"Warning"|"Error", "logs": [...]}.
// Data bound to the DSD instead of the dataflow are refused at status-poll time
// with the message quoted in issue 12.
struct FakeTransfer {
    std::string outcome = "Success";
    bool check_binding = true;
    std::atomic<int> imports = 0;
    std::mutex mutex;
    std::map<std::string, bool> bound;  // request ID -> the file named its dataflow

    Reply answer(const ReceivedRequest& request, const std::string& version) {
        if (request.target == "/rest/structure") {
            return xml_reply(200, nsi_structure_answer(verdicts_for(messages().structure, "Success", "201", "")));
        }
        if (request.target == "/" + version + "/import/sdmxFile") {
            const std::string id = std::to_string(++imports);
            const bool dataflow = contains(request.body, "StructureUsage") || contains(request.body, "DATAFLOW,");
            std::lock_guard lock(mutex);
            bound[id] = dataflow;
            return json_reply(200, {{"message", "Successfully registered request with ID: " + id}});
        }
        if (request.target == "/" + version + "/status/request") {
            const auto at = request.body.find("name=\"id\"\r\n\r\n");
            const std::string id = at == std::string::npos
                                       ? ""
                                       : request.body.substr(at + 13, request.body.find("\r\n", at + 13) - at - 13);
            std::lock_guard lock(mutex);
            if (check_binding && !bound[id]) {
                return json_reply(200, {{"requestId", std::stoi(id)},
                                        {"executionStatus", "Completed"},
                                        {"outcome", "Error"},
                                        {"logs",
                                         {{{"logLevel", "Error"},
                                           {"message",
                                            "Import failed: the data file must contain the full "
                                            "identification of the dataflow"}}}}});
            }
            return json_reply(200, {{"requestId", std::stoi(id)},
                                    {"executionStatus", "Completed"},
                                    {"outcome", outcome},
                                    {"logs", {{{"logLevel", "Notice"}, {"message", "1 observation imported"}}}}});
        }
        return xml_reply(404, "no such resource");
    }
};

class WireFormat : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_FALSE(messages().structure.empty() || messages().data.empty()); }

    registry::PushOptions dotstat_options(const FakeRegistry& server) {
        auto options = options_for(server, ApiKind::dotstat);
        options.transfer = registry::parse_url(server.url());
        options.dataspace = "design";
        return options;
    }

    ScratchDirectory scratch;
};

TEST_F(WireFormat, AnswerShapesValidateAgainstTheOfficialSchemas) {
    CSDMX_REQUIRE_SHARED(shared);
    const auto verdicts = verdicts_for(messages().structure, "Success", "201", "Created");
    sdmx::XsdValidator v21({shared / "sdmx/schemas/2.1/SDMXMessage.xsd"});
    sdmx::XsdValidator v30({shared / "sdmx/schemas/3.0/SDMXMessage.xsd"});
    const std::vector<std::tuple<std::string, std::string, sdmx::XsdValidator*>> answers = {
        {"nsi", nsi_structure_answer(verdicts), &v21},
        {"error", sdmx_error("500", "Dataflow DF_DUMMY uses the DSD which doesn't exist"), &v21},
        {"submit30", submit_structure_response_30(verdicts), &v30}};
    for (const auto& [name, body, validator] : answers) {
        write_file(scratch / (name + ".xml"), body);
        const auto problems = validator->validate(scratch / (name + ".xml"));
        EXPECT_FALSE(problems.has_errors())
            << name << ": " << (problems.items().empty() ? "" : problems.items().front().message);
    }
}

// Point 1: the verdict is `outcome`, beside executionStatus.
TEST_F(WireFormat, DotStatVerdictIsTheOutcomeField) {
    write_file(scratch / "data.xml", data_message(true));
    for (const auto& [outcome, expected] :
         std::vector<std::pair<std::string, PushOutcome>>{{"Success", PushOutcome::accepted},
                                                          {"Warning", PushOutcome::accepted},
                                                          {"Error", PushOutcome::rejected}}) {
        FakeTransfer transfer;
        transfer.outcome = outcome;
        FakeRegistry server([&](const ReceivedRequest& request) { return transfer.answer(request, "3"); });
        const auto report = registry::push_files({scratch / "data.xml"}, dotstat_options(server), token_credentials());
        EXPECT_EQ(report.files.front().outcome, expected) << outcome << ": " << report.files.front().message;
    }
    // The old reading: a field named executionOutcome is no verdict at all.
    FakeRegistry old_field([](const ReceivedRequest& request) {
        if (request.target == "/3/import/sdmxFile") return json_reply(200, {{"requestId", 5}});
        return json_reply(200, {{"executionStatus", "Completed"}, {"executionOutcome", "Success"}});
    });
    const auto report = registry::push_files({scratch / "data.xml"}, dotstat_options(old_field), token_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected) << report.files.front().message;
}

// Point 2: the NSI web service's Error message with a code per artefact.
TEST_F(WireFormat, DotStatStructureAnswerIsAnErrorMessageWithCodesPerArtefact) {
    auto verdicts = verdicts_for(messages().structure, "Success", "201", "");
    verdicts.front().code = "200";  // updated
    FakeRegistry created([&](const ReceivedRequest&) { return xml_reply(200, nsi_structure_answer(verdicts)); });
    auto report =
        registry::push_files({messages().structure}, options_for(created, ApiKind::dotstat), token_credentials());
    const auto& pushed = report.files.front();
    EXPECT_EQ(pushed.outcome, PushOutcome::accepted) << pushed.message;
    EXPECT_EQ(pushed.artefacts.size(), verdicts.size());
    EXPECT_TRUE(contains(report.table(), "Created: ")) << report.table();

    auto failing = verdicts;
    failing.back().code = "411";
    failing.back().text = "Missing references - Codelist NSO_MW:CL_X";
    FakeRegistry refused([&](const ReceivedRequest&) { return xml_reply(200, nsi_structure_answer(failing)); });
    report = registry::push_files({messages().structure}, options_for(refused, ApiKind::dotstat), token_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::partial) << report.files.front().message;
    EXPECT_TRUE(contains(report.files.front().message, "Missing references - Codelist NSO_MW:CL_X"))
        << report.files.front().message;
}

// Point 3: structure first, then data; .Stat refuses DSD-bound data when polled.
TEST_F(WireFormat, DotStatLoadsDataBoundToTheDataflowAndRefusesDsdBoundData) {
    write_file(scratch / "dataflow-bound.xml", data_message(true));
    write_file(scratch / "dsd-bound.xml", data_message(false));
    FakeTransfer transfer;
    FakeRegistry server([&](const ReceivedRequest& request) { return transfer.answer(request, "3"); });
    auto report = registry::push_files({scratch / "dataflow-bound.xml", messages().structure}, dotstat_options(server),
                                       token_credentials());
    ASSERT_EQ(report.files.size(), 2U);
    EXPECT_EQ(report.files[0].kind, "structure");
    EXPECT_EQ(report.files[0].outcome, PushOutcome::accepted) << report.files[0].message;
    EXPECT_EQ(report.files[1].outcome, PushOutcome::accepted) << report.files[1].message;

    report = registry::push_files({scratch / "dsd-bound.xml"}, dotstat_options(server), token_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_TRUE(contains(report.files.front().message, "full identification of the dataflow"))
        << report.files.front().message;
}

// Points 4 and 5: plain file-part types, and the transfer API version.
TEST_F(WireFormat, DotStatFilePartIsPlainTextAndTheTransferVersionIsAnOption) {
    write_file(scratch / "data.xml", data_message(true));
    write_file(scratch / "data.csv", kCsvData);
    for (const std::string version : {"3", "2"}) {
        FakeTransfer transfer;
        FakeRegistry server([&](const ReceivedRequest& request) { return transfer.answer(request, version); });
        auto options = dotstat_options(server);
        if (version != "3") options.transfer_version = version;  // 3 is the default
        const auto report =
            registry::push_files({scratch / "data.xml", scratch / "data.csv"}, options, token_credentials());
        ASSERT_EQ(report.files.size(), 2U);
        for (const auto& file : report.files) EXPECT_EQ(file.outcome, PushOutcome::accepted) << file.message;
        const auto requests = server.requests();
        ASSERT_GE(requests.size(), 4U);
        EXPECT_EQ(requests[0].target, "/" + version + "/import/sdmxFile");
        EXPECT_TRUE(contains(requests[0].body, "Content-Type: text/xml\r\n\r\n")) << requests[0].body.substr(0, 400);
        EXPECT_FALSE(contains(requests[0].body, "vnd.sdmx"));
        const auto csv = std::find_if(requests.begin() + 1, requests.end(),
                                      [](const auto& r) { return r.target.ends_with("import/sdmxFile"); });
        ASSERT_NE(csv, requests.end());
        EXPECT_TRUE(contains(csv->body, "Content-Type: text/csv\r\n\r\n")) << csv->body.substr(0, 400);
    }
    // A transfer URL that already names its version is used as it is.
    FakeTransfer transfer;
    FakeRegistry old([&](const ReceivedRequest& request) { return transfer.answer(request, "1.2"); });
    auto options = dotstat_options(old);
    options.transfer = registry::parse_url(old.url() + "/1.2");
    const auto report = registry::push_files({scratch / "data.xml"}, options, token_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    EXPECT_EQ(old.requests().front().target, "/1.2/import/sdmxFile");
}

// Point 7: FMR's default action, body type, CSV header and load-status errors
// (FMR wiki: Structural Metadata Import Web Service; Asynchronous Data
// Validation and Transformation; pysdmx fmr/maintenance.py StructureAction).
TEST_F(WireFormat, FmrDefaultsToReplaceSendsXmlAndCsvWithItsDataFormatHeader) {
    write_file(scratch / "data.csv", kCsvData);
    FakeRegistry server([](const ReceivedRequest& request) {
        if (request.target == "/ws/secure/sdmxapi/rest") {
            auto verdicts = verdicts_for(messages().structure, "Success", "200", "Replaced");
            for (auto& verdict : verdicts) verdict.action = "Replace";
            return xml_reply(200, submit_structure_response(verdicts));
        }
        if (request.target == "/ws/public/data/load") return json_reply(200, {{"Success", true}, {"uid", "u-9"}});
        return json_reply(200, {{"Status", "Error"},
                                {"Error", "Could not determine the Dataflow for the dataset: NSO_MW:DF_ACCESS(1.0)"}});
    });
    const auto report = registry::push_files({messages().structure, scratch / "data.csv"},
                                             options_for(server, ApiKind::fmr), basic_credentials());
    ASSERT_EQ(report.files.size(), 2U);
    EXPECT_EQ(report.files[0].outcome, PushOutcome::accepted) << report.files[0].message;
    EXPECT_EQ(report.files[1].outcome, PushOutcome::rejected);
    EXPECT_TRUE(contains(report.files[1].message, "Could not determine the Dataflow")) << report.files[1].message;
    const auto requests = server.requests();
    ASSERT_GE(requests.size(), 3U);
    EXPECT_EQ(requests[0].header("ACTION"), "REPLACE");
    EXPECT_EQ(requests[0].header("Content-Type"), "application/xml");
    EXPECT_EQ(requests[1].target, "/ws/public/data/load");
    EXPECT_EQ(requests[1].header("Data-Format"), "csv;delimiter=comma");
    EXPECT_TRUE(contains(requests[1].body, "name=\"uploadFile\""));
}

// Point 9: every artefact counted; the registry's own error text.
TEST_F(WireFormat, FewerConfirmedThanSentIsNotSuccessAndErrorTextsAreShown) {
    auto verdicts = verdicts_for(messages().structure, "Success", "201", "Created");
    ASSERT_GT(verdicts.size(), 2U);
    const std::size_t sent = verdicts.size();
    verdicts.resize(2);
    FakeRegistry two([&](const ReceivedRequest&) { return xml_reply(201, submit_structure_response(verdicts)); });
    auto report =
        registry::push_files({messages().structure}, options_for(two, ApiKind::sdmx_rest_v2), basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::partial) << report.files.front().message;
    EXPECT_TRUE(contains(report.files.front().message, std::to_string(sent) + " artefact(s) sent, 2 confirmed"))
        << report.files.front().message;

    // pysdmx PR #634 (comment of 2026-08-03): HTTP 500 with an SDMX Error body.
    const std::string reason =
        "Dataflow DF_DUMMY uses the DSD: ID: DSD_DUMMY VERSION:1.0 AGENCY: MD which doesn't "
        "exist in the Mapping Store";
    FakeRegistry failing([&](const ReceivedRequest&) { return xml_reply(500, sdmx_error("500", reason)); });
    report = registry::push_files({messages().structure}, options_for(failing, ApiKind::dotstat), token_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_TRUE(contains(report.files.front().message, reason)) << report.files.front().message;
    EXPECT_FALSE(contains(report.files.front().message, "<?xml")) << report.files.front().message;
}

// Point 8: a server that, as maintenance.md requires, answers 409 to deleting an
// artefact another still references (which type references which: the
// non-italic "children" of each type in structures.md's table).
bool references(const std::string& from, const std::string& to) {
    static const std::multimap<std::string, std::string> children = {
        {"DataStructure", "Codelist"},        {"DataStructure", "ConceptScheme"},
        {"ConceptScheme", "Codelist"},        {"Dataflow", "DataStructure"},
        {"ProvisionAgreement", "Dataflow"},   {"ProvisionAgreement", "DataProviderScheme"},
        {"ContentConstraint", "Dataflow"},    {"ContentConstraint", "DataStructure"},
        {"ContentConstraint", "Codelist"},    {"ContentConstraint", "ProvisionAgreement"},
        {"HierarchicalCodelist", "Codelist"}, {"Categorisation", "Dataflow"},
        {"Categorisation", "CategoryScheme"}, {"ContentConstraint", "DataProviderScheme"}};
    const auto [first, last] = children.equal_range(from);
    return std::any_of(first, last, [&](const auto& entry) { return entry.second == to; });
}

TEST_F(WireFormat, RestV2DeletesReferencingArtefactsFirst) {
    const auto artefacts = registry::list_structure_artefacts(messages().structure);
    std::mutex mutex;
    std::vector<registry::StructureArtefact> present = artefacts;
    FakeRegistry server([&](const ReceivedRequest& request) {
        std::lock_guard lock(mutex);
        const auto target = std::find_if(present.begin(), present.end(), [&](const auto& artefact) {
            return "/" + artefact.rest_path() == request.target;
        });
        if (request.method != "DELETE" || target == present.end()) return xml_reply(404, "no such artefact");
        Verdict verdict{target->element, target->agency, target->id, target->version,
                        "Delete",        "Success",      "200",      "deleted"};
        for (const auto& other : present) {
            if (references(other.element, target->element)) {
                verdict.status = "Failure";
                verdict.code = "409";
                verdict.text = "referenced by " + other.element + " " + other.id;
                return xml_reply(409, submit_structure_response({verdict}));
            }
        }
        present.erase(target);
        return xml_reply(200, submit_structure_response({verdict}));
    });
    auto options = options_for(server, ApiKind::sdmx_rest_v2);
    options.action = "delete";
    const auto report = registry::push_files({messages().structure}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    EXPECT_TRUE(present.empty());
    EXPECT_EQ(server.requests().size(), artefacts.size());
    // The sample's structure message lists some referenced artefacts before those that
    // reference them: deleting in its order would have been refused.
    bool message_order_refused = false;
    for (std::size_t i = 0; i < artefacts.size(); ++i) {
        for (std::size_t j = i + 1; j < artefacts.size(); ++j) {
            if (references(artefacts[j].element, artefacts[i].element)) message_order_refused = true;
        }
    }
    EXPECT_TRUE(message_order_refused);
}

TEST_F(WireFormat, RestV2TypesAndSdmxMl30AnswersNameEachArtefact) {
    EXPECT_EQ(registry::rest_resource("ContentConstraint"), "dataconstraint");
    EXPECT_EQ(registry::rest_resource("HierarchicalCodelist"), "hierarchy");
    EXPECT_EQ(registry::rest_resource("DataStructure"), "datastructure");
    EXPECT_EQ(registry::rest_resource("DataConstraint"), "dataconstraint");  // SDMX-ML 3.0's own name

    const auto verdicts = verdicts_for(messages().structure, "Success", "201", "Created");
    FakeRegistry server([&](const ReceivedRequest&) { return xml_reply(201, submit_structure_response_30(verdicts)); });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    const auto& pushed = report.files.front();
    EXPECT_EQ(pushed.outcome, PushOutcome::accepted) << pushed.message;
    ASSERT_EQ(pushed.artefacts.size(), verdicts.size());
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        EXPECT_EQ(pushed.artefacts[i].kind, verdicts[i].element);
        EXPECT_EQ(pushed.artefacts[i].id, verdicts[i].id);
        EXPECT_EQ(pushed.artefacts[i].version, verdicts[i].version);
        EXPECT_TRUE(
            contains(report.table(), verdicts[i].agency + ":" + verdicts[i].id + "(" + verdicts[i].version + ")"))
            << report.table();
    }
}

}  // namespace

}  // namespace csdmx::test
