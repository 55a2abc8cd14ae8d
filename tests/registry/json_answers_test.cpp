// The JSON answers of registries read as functions of the answer (registry/json_answers.h).
// Shapes: FMR's data validation answers from the FMR wiki ("Asynchronous Data Validation
// and Transformation": load returns {"uid": ...}, loadStatus a Status with Datasets and
// their ValidationReport); the .Stat Suite transfer service as pysdmx's status parser and
// FAO's statsuite_lib read it (requestId or "...with ID: 5", executionStatus, outcome,
// logs); a token endpoint as RFC 6749 sections 5.1 and 5.2 define it.
#include "registry/json_answers.h"

#include <gtest/gtest.h>

#include "core/input_limits.h"

namespace csdmx::test {

using registry::FilePush;
using registry::PushOutcome;

TEST(JsonAnswers, FmrReportsTheFirstValidationMessage) {
    const auto status = registry::read_json_answer(
        R"({"Status":"Complete","Datasets":[{"Errors":true,"ValidationReport":[{"Type":"CodelistValidation",)"
        R"("Errors":[{"ErrorMessage":"Code 'X' is not in codelist CL_SEX"}]}]}]})");
    EXPECT_TRUE(registry::fmr_check_ended(status));
    FilePush result;
    registry::judge_fmr_validation(status, result);
    EXPECT_EQ(result.outcome, PushOutcome::rejected);
    EXPECT_EQ(result.message, "FMR found the data invalid (1 error(s)): Code 'X' is not in codelist CL_SEX");

    EXPECT_FALSE(registry::fmr_check_ended(registry::read_json_answer(R"({"Status":"Validating"})")));
    EXPECT_EQ(registry::fmr_upload_uid(registry::read_json_answer(R"({"Success":true,"uid":"u-42"})")), "u-42");
    EXPECT_FALSE(registry::fmr_upload_uid(registry::read_json_answer(R"({"uid":42})")).has_value());
}

TEST(JsonAnswers, DotStatReadsTheRequestIdAndTheOutcome) {
    EXPECT_EQ(registry::dotstat_request_id(registry::read_json_answer(R"({"requestId": 12})")), "12");
    EXPECT_EQ(registry::dotstat_request_id(
                  registry::read_json_answer(R"({"message":"Successfully registered request with ID: 5"})")),
              "5");
    const auto status = registry::read_json_answer(
        R"({"executionStatus":"Completed","outcome":"Error","logs":[{"logLevel":"Info","message":"started"},)"
        R"({"logLevel":"Error","message":"Dimension SEX: code Z not found"}]})");
    EXPECT_TRUE(registry::dotstat_request_ended(status));
    FilePush result;
    registry::judge_dotstat_import(status, "12", result);
    EXPECT_EQ(result.outcome, PushOutcome::rejected);
    EXPECT_EQ(result.message, "transfer request 12 Completed: Error: Dimension SEX: code Z not found");
}

TEST(JsonAnswers, TokenLifetimesOutOfRangeAreClampedNotOverflowed) {
    auto token = registry::read_token_answer(200, R"({"access_token":"a","expires_in":1e300,"token_type":"Bearer"})");
    EXPECT_EQ(token.access_token, "a");
    EXPECT_EQ(token.lifetime, std::chrono::seconds(365LL * 24 * 3600));
    token = registry::read_token_answer(200, R"({"access_token":"a","expires_in":-5})");
    EXPECT_EQ(token.lifetime, std::chrono::seconds(0));
    token = registry::read_token_answer(401, R"({"error":"invalid_client","error_description":"bad secret"})");
    EXPECT_TRUE(token.access_token.empty());
    EXPECT_EQ(token.refusal, "bad secret");
}

TEST(JsonAnswers, HostileAnswersAreReadAsEmptyAndJudgedUnconfirmed) {
    // 100,000 nested arrays under a validation report: the message walk recursed once per level.
    const std::string deep = R"({"Status":"Complete","Datasets":[{"Errors":true,"ValidationReport":)" +
                             std::string(100000, '[') + std::string(100000, ']') + "}]}";
    FilePush result;
    registry::judge_fmr_validation(registry::read_json_answer(deep), result);
    EXPECT_EQ(result.outcome, PushOutcome::rejected);
    EXPECT_EQ(result.message, "FMR's load status gave no Status: the check is not confirmed");

    EXPECT_TRUE(registry::read_json_answer(R"({"requestId": 1e400})").empty());
    EXPECT_TRUE(registry::read_json_answer("not json").empty());
    EXPECT_FALSE(registry::dotstat_request_id(registry::read_json_answer("[1,2]")).has_value());
}

}  // namespace csdmx::test
