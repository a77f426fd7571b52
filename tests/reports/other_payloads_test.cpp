// The other documented payloads: stored files, a tenant's report list, errors, tokens.
#include <reportkit/reports.hpp>

#include "../support/payloads.hpp"

#include <catch2/catch.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using reportkit::testing::errors_of;
using reportkit::testing::Finding;
using Findings = std::vector<Finding>;

namespace {
const char* stored_item =
    R"({"id": "5b7e0b1a-2f33-4c2e-8f0e-1c9d6a4b2e10", "report_format": "csv",)"
    R"( "size": 1024, "created_at": "2019-08-08T07:36:57+00:00",)"
    R"( "status": "saved"})";
std::string stored_with(const std::string& key, const std::string& json_value) {
    auto doc = boost::json::parse(stored_item);
    doc.as_object()[key] = boost::json::parse(json_value);
    return R"({"items": [)" + boost::json::serialize(doc) + "]}";
}
} // namespace

TEST_CASE("stored files: id, format, size, RFC 3339 time, status", "[stored]") {
    auto list =
        rk::from_json<rp::StoredReports>(std::string(R"({"items": [)") + stored_item + "]}");
    REQUIRE(list);
    REQUIRE(list->items.size() == 1);
    CHECK(list->items[0].status == rp::StoredStatus::saved);
    CHECK(list->items[0].created_at.text() == "2019-08-08T07:36:57+00:00");
    CHECK(rk::from_json<rp::StoredReports>(R"({"items": []})"));

    CHECK(errors_of<rp::StoredReports>(stored_with("created_at", R"("2019-08-08 07:36:57")"))
          == Findings{{"/items/0/created_at", "format"}});
    CHECK(errors_of<rp::StoredReports>(stored_with("status", R"("done")"))
          == Findings{{"/items/0/status", "enum"}});
    CHECK(errors_of<rp::StoredReports>(stored_with("size", "-1"))
          == Findings{{"/items/0/size", "minimum"}});
    CHECK(errors_of<rp::StoredReports>(stored_with("report_format", R"("pdf")"))
          == Findings{{"/items/0/report_format", "enum"}});
    CHECK(errors_of<rp::StoredReports>(R"({})") == Findings{{"/items", "required"}});
}

TEST_CASE("a tenant's reports: a list of distinct UUIDs", "[tenant]") {
    CHECK(
        rk::from_json<rp::TenantReports>(R"({"items": ["5b7e0b1a-2f33-4c2e-8f0e-1c9d6a4b2e10"]})"));
    CHECK(errors_of<rp::TenantReports>(R"({"items": ["5b7e0b1a"]})")
          == Findings{{"/items/0", "format"}});
    CHECK(errors_of<rp::TenantReports>(R"({"items": [], "next": null})")
          == Findings{{"/next", "unknown_key"}});
}

TEST_CASE("the platform's error body, with a numeric or textual code", "[error]") {
    auto numeric = rk::from_json<rp::ApiError>(
        R"({"error": {"code": 409, "message": "Version mismatch", "domain": "PlatformAccountServer",)"
        R"( "details": {"info": "expected version 2"}, "context": {}}})");
    REQUIRE(numeric);
    CHECK(std::get<std::int64_t>(numeric->error.code) == 409);
    auto textual = rk::from_json<rp::ApiError>(R"({"error": {"code": "1001", "message": "x"}})");
    REQUIRE(textual);
    CHECK(std::get<std::string>(textual->error.code) == "1001");
    CHECK(errors_of<rp::ApiError>(R"({"error": {"code": true, "message": "x"}})")
          == Findings{{"/error/code", "type"}});
    CHECK(errors_of<rp::ApiError>(R"({"error": {"code": 400}})")
          == Findings{{"/error/message", "required"}});
}

TEST_CASE("validation_error lists every error and leaves warnings out", "[error]") {
    std::vector<rk::Diagnostic> diagnostics{
        {"/recipients", "required_if", rk::Severity::error,
         "required when /result_action is \"send\""},
        {"/parameters/period", "recommended", rk::Severity::warning, "recommended when ..."},
        {"/parameters/kind", "enum", rk::Severity::error, "expected one of ..."}};
    rp::ApiError body = rp::validation_error(diagnostics);
    CHECK(std::get<std::int64_t>(body.error.code) == 400);
    CHECK(body.error.domain == "PlatformAccountServer");
    CHECK(body.error.details->info == "/recipients: required when /result_action is \"send\"");
    REQUIRE(body.error.details->violations->size() == 2);
    CHECK(body.error.details->violations->at(1).pointer == "/parameters/kind");
    // It reads back as the documented shape.
    CHECK(rk::from_json<rp::ApiError>(rk::to_json_string(body)));
    CHECK(rk::to_json_string(body).find(R"("context":{})") != std::string::npos);
}

TEST_CASE("a token answer", "[token]") {
    auto token = rk::from_json<rp::TokenResponse>(
        R"({"access_token": "eyJ0eXAi", "token_type": "bearer", "expires_in": 7200,)"
        R"( "expires_on": 1700000000})");
    REQUIRE(token);
    CHECK(token->expires_in == 7200);
    CHECK(errors_of<rp::TokenResponse>(
              R"({"token_type": "bearer", "expires_in": 7200, "expires_on": 1})")
          == Findings{{"/access_token", "required"}});
}
