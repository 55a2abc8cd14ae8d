#include <gtest/gtest.h>

#include "core/atomic_output.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/ml21/structure_writer.h"
#include "sdmx/validation/xsd_validator.h"
#include "tests/test_support.h"

namespace csdmx::sdmx {

namespace {

StructureSet small_structures() {
    StructureSet set;
    Codelist sex;
    sex.ref = {"TEST", "CL_SEX", "1.0"};
    sex.name.set("en", "Sex");
    sex.name.set("fr", "Sexe");
    Code female;
    female.id = "F";
    female.name = InternationalString("Female");
    female.annotations.push_back({"", "true", "CITIZEN_DATA_SUFFICIENT", "", InternationalString("note")});
    Code total;
    total.id = "_T";
    total.name = InternationalString("Total");
    female.parent = "_T";
    sex.add(total);
    sex.add(female);
    set.codelists.push_back(sex);

    ConceptScheme concepts;
    concepts.ref = {"TEST", "CS", "1.0"};
    concepts.name = InternationalString("Concepts");
    for (const char* id : {"SEX", "TIME_PERIOD", "OBS_VALUE", "NOTE", "STATUS", "UNIT"}) {
        Concept concept_item;
        concept_item.id = id;
        concept_item.name = InternationalString(id);
        concepts.add(concept_item);
    }
    set.concept_schemes.push_back(concepts);

    DataStructure dsd;
    dsd.ref = {"TEST", "DSD", "1.0"};
    dsd.name = InternationalString("A test DSD");
    Representation coded;
    coded.enumeration = sex.ref;
    dsd.dimensions.push_back({"SEX", {concepts.ref, "SEX"}, coded, {}});
    Representation time;
    time.text_format = TextFormat{};
    time.text_format->text_type = "ObservationalTimePeriod";
    dsd.time_dimension = Dimension{"TIME_PERIOD", {concepts.ref, "TIME_PERIOD"}, time, {}};
    DataAttribute note;
    note.id = "NOTE";
    note.concept_identity = {concepts.ref, "NOTE"};
    note.relationship.level = AttachmentLevel::Observation;
    DataAttribute status;
    status.id = "STATUS";
    status.concept_identity = {concepts.ref, "STATUS"};
    status.mandatory = true;
    status.relationship.level = AttachmentLevel::DataSet;
    DataAttribute unit;
    unit.id = "UNIT";
    unit.concept_identity = {concepts.ref, "UNIT"};
    unit.relationship.level = AttachmentLevel::Series;
    unit.relationship.dimensions = {"SEX"};
    dsd.attributes = {note, status, unit};
    dsd.primary_measure.concept_identity = {concepts.ref, "OBS_VALUE"};
    set.data_structures.push_back(dsd);

    Dataflow flow;
    flow.ref = {"TEST", "DF", "1.0"};
    flow.name = InternationalString("Flow");
    flow.structure = dsd.ref;
    flow.annotations.push_back(
        {"x", "title", "CITIZEN_DATA_STATUS", "https://example.org/r", InternationalString("t")});
    set.dataflows.push_back(flow);

    DataProviderScheme providers;
    providers.ref.agency = "TEST";
    providers.name = InternationalString("Providers");
    DataProvider provider;
    provider.id = "CSO_1";
    provider.name = InternationalString("A CSO");
    providers.add(provider);
    set.data_provider_schemes.push_back(providers);

    ProvisionAgreement agreement;
    agreement.ref = {"TEST", "PA", "1.0"};
    agreement.name = InternationalString("Agreement");
    agreement.dataflow = flow.ref;
    agreement.provider_scheme = providers.ref;
    agreement.provider_id = "CSO_1";
    set.provision_agreements.push_back(agreement);
    return set;
}

}  // namespace

TEST(StructureMessages, WrittenMessagesValidateAndReadBackTheSame) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    const auto path = scratch / "structure.xml";
    {
        OutputSet outputs;
        auto& file = outputs.add(path);
        XmlWriter xml(file);
        MessageHeader header{"TEST_1", false, "2026-01-01T00:00:00Z", "TEST", {}};
        ml21::write_structure_message(xml, header, small_structures());
        outputs.commit_all();
    }
    XsdValidator validator({test::schemas_21() / "SDMXMessage.xsd"});
    auto errors = validator.validate(path);
    EXPECT_FALSE(errors.has_errors()) << (errors.items().empty() ? "" : format_diagnostic(errors.items()[0]));

    auto read = ml21::read_structure_file(path);
    ASSERT_EQ(read.codelists.size(), 1u);
    const auto& sex = read.codelists[0];
    EXPECT_EQ(sex.name.text("fr"), "Sexe");
    ASSERT_NE(sex.find("F"), nullptr);
    EXPECT_EQ(sex.find("F")->parent, "_T");
    ASSERT_EQ(sex.find("F")->annotations.size(), 1u);
    EXPECT_EQ(sex.find("F")->annotations[0].type, "CITIZEN_DATA_SUFFICIENT");
    EXPECT_EQ(sex.find("F")->annotations[0].text.text(), "note");

    ASSERT_EQ(read.data_structures.size(), 1u);
    const auto& dsd = read.data_structures[0];
    EXPECT_EQ(dsd.key_ids(), (std::vector<std::string>{"SEX", "TIME_PERIOD"}));
    ASSERT_NE(dsd.find_attribute("STATUS"), nullptr);
    EXPECT_TRUE(dsd.find_attribute("STATUS")->mandatory);
    EXPECT_EQ(dsd.find_attribute("STATUS")->relationship.level, AttachmentLevel::DataSet);
    EXPECT_EQ(dsd.find_attribute("UNIT")->relationship.level, AttachmentLevel::Series);
    EXPECT_EQ(dsd.find_attribute("UNIT")->relationship.dimensions, std::vector<std::string>{"SEX"});
    EXPECT_EQ(dsd.find_attribute("NOTE")->relationship.level, AttachmentLevel::Observation);
    EXPECT_EQ(read.codelist_of(dsd.dimensions[0].concept_identity, dsd.dimensions[0].local_representation), &sex);

    ASSERT_EQ(read.dataflows.size(), 1u);
    EXPECT_EQ(read.dataflows[0].structure, dsd.ref);
    EXPECT_EQ(read.dataflows[0].annotations.at(0).url, "https://example.org/r");
    ASSERT_EQ(read.provision_agreements.size(), 1u);
    EXPECT_EQ(read.provision_agreements[0].provider_id, "CSO_1");
    EXPECT_EQ(read.provision_agreements[0].provider_scheme.id, "DATA_PROVIDERS");
    EXPECT_EQ(read.data_provider_schemes.at(0).items.at(0).name.text(), "A CSO");
}

TEST(StructureMessages, ReadsTheGlobalSdgDsd) {
    CSDMX_REQUIRE_SHARED(shared);
    auto sdg = ml21::read_structure_file(shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml");
    const auto* dsd = sdg.find_data_structure({"IAEG-SDGs", "SDG", "1.5"});
    ASSERT_NE(dsd, nullptr);
    EXPECT_EQ(dsd->key_ids(), (std::vector<std::string>{"FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "SEX", "AGE",
                                                        "URBANISATION", "INCOME_WEALTH_QUANTILE", "EDUCATION_LEV",
                                                        "OCCUPATION", "CUST_BREAKDOWN", "COMPOSITE_BREAKDOWN",
                                                        "DISABILITY_STATUS", "ACTIVITY", "PRODUCT", "TIME_PERIOD"}));
    const auto* area = sdg.codelist_of(dsd->find_dimension("REF_AREA")->concept_identity,
                                       dsd->find_dimension("REF_AREA")->local_representation);
    ASSERT_NE(area, nullptr);
    EXPECT_EQ(area->ref.id, "CL_AREA");
    EXPECT_NE(area->find("GH"), nullptr);
    const auto* reporting = dsd->find_dimension("REPORTING_TYPE");
    const auto* reporting_codes = sdg.codelist_of(reporting->concept_identity, reporting->local_representation);
    ASSERT_NE(reporting_codes, nullptr);
    EXPECT_NE(reporting_codes->find("N"), nullptr);
    ASSERT_NE(dsd->find_attribute("UNIT_MEASURE"), nullptr);
    ASSERT_EQ(sdg.agency_schemes.size(), 1u);  // SDMX:AGENCIES(1.0)
    EXPECT_EQ(sdg.agency_schemes[0].ref.agency, "SDMX");
    EXPECT_NE(sdg.agency_schemes[0].find("IAEG-SDGs"), nullptr);
    EXPECT_NE(ml21::read_structure_file(shared / "sdg/dsd/IAEG-SDGs_SDG-1.4_global-dsd.xml")
                  .find_data_structure({"IAEG-SDGs", "SDG", "1.4"}),
              nullptr);

    auto ghana = ml21::read_structure_file(shared / "sdg/dsd/GSS_SDG-1.2_ghana-national-dsd.xml");
    EXPECT_NE(ghana.find_data_structure({"GSS", "SDG", "1.2"}), nullptr);
}

TEST(StructureMessages, RefusesDoctypesAndEntities) {
    test::ScratchDirectory scratch;
    const std::string laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>\n"
        "<message:Structure xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">&lol4;"
        "</message:Structure>\n";
    const std::string external =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
        "<message:Structure xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">&secret;"
        "</message:Structure>\n";
    for (const auto& [name, content] : {std::pair{"laughs.xml", laughs}, std::pair{"external.xml", external}}) {
        test::write_file(scratch / name, content);
        try {
            ml21::read_structure_file(scratch / name);
            FAIL() << name << " was accepted";
        } catch (const InputError& error) {
            EXPECT_NE(std::string(error.what()).find("DOCTYPE"), std::string::npos) << error.what();
        }
    }
}

}  // namespace csdmx::sdmx

namespace csdmx::sdmx {

TEST(StructureMessages, ReadsSdmxMl30Structures) {
    CSDMX_REQUIRE_SHARED(shared);
    const auto samples = shared / "sdmx/samples/3.0";
    auto dsds = ml21::read_structure_file(samples / "Data Structure Definition/ECB_EXR.xml");
    const auto* dsd = dsds.find_data_structure({"ECB", "ECB_EXR", "1.0"});
    ASSERT_NE(dsd, nullptr);
    EXPECT_EQ(dsd->key_ids(), (std::vector<std::string>{"FREQ", "CURRENCY", "CURRENCY_DENOM", "EXR_TYPE", "EXR_SUFFIX",
                                                        "TIME_PERIOD"}));
    EXPECT_EQ(dsd->primary_measure.id, "OBS_VALUE");
    const auto* status = dsd->find_attribute("OBS_STATUS");
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->mandatory);  // usage="mandatory"
    EXPECT_EQ(status->relationship.level, AttachmentLevel::Observation);
    const auto* title = dsd->find_attribute("TITLE");
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->relationship.level, AttachmentLevel::Series);
    EXPECT_EQ(dsd->find_dimension("FREQ")->local_representation->enumeration->id, "CL_FREQ");  // a URN in 3.0
    EXPECT_EQ(dsd->find_dimension("FREQ")->concept_identity.concept_id, "FREQ");

    auto flows = ml21::read_structure_file(samples / "Dataflow/dataflow.xml");
    ASSERT_EQ(flows.dataflows.size(), 1u);
    EXPECT_EQ(flows.dataflows[0].structure, (MaintainableRef{"ECB", "EXR", "1.0"}));
    auto codes = ml21::read_structure_file(samples / "Codelist/codelist.xml");
    ASSERT_EQ(codes.codelists.size(), 1u);
    EXPECT_FALSE(codes.codelists[0].items.empty());
    auto concepts = ml21::read_structure_file(samples / "Concept Scheme/conceptscheme.xml");
    ASSERT_EQ(concepts.concept_schemes.size(), 1u);

    // DataConstraints, with SDMX 3.0's % wildcards kept for matching.
    auto constrained = ml21::read_structure_file(samples / "Codelist/codelist - discriminated union.xml");
    ASSERT_EQ(constrained.content_constraints.size(), 2u);
    const auto& isic = constrained.content_constraints[0];
    EXPECT_EQ(isic.ref.id, "ISIC_CONSTRAINT");
    ASSERT_EQ(isic.dataflows.size(), 1u);
    EXPECT_EQ(isic.dataflows[0].id, "LABOUR_ISIC");
    EXPECT_EQ(isic.included.at("ACTIVITY"), (std::set<std::string>{"ISIC4_%"}));
}

}  // namespace csdmx::sdmx
