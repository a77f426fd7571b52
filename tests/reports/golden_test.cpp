// The documentation's own payloads, byte for byte.
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include "../support/payloads.hpp"

#include <catch2/catch.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using reportkit::testing::test_data;

TEST_CASE("the seed's request reads and writes back byte for byte with indent 4", "[golden]") {
    const std::string seed = test_data("seed-request.json"); // json.dumps(report_data, indent=4)
    auto request = rk::from_json<rp::ReportRequest>(seed);
    REQUIRE(request);
    CHECK(request.diagnostics().empty());
    CHECK(rk::to_json_string(*request, {.indent = 4}) == seed);
}

TEST_CASE("the seed's request in compact form", "[golden]") {
    auto request = rk::from_json<rp::ReportRequest>(test_data("seed-request.json"));
    REQUIRE(request);
    CHECK(
        rk::to_json_string(*request)
        == R"({"recipients":["ca451758-b48a-45d9-9ae6-8f1059f67619","ab00e527-219b-481b-b01b-311b5be0ed3c"],)"
           R"("parameters":{"kind":"usage_summary","tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae",)"
           R"("level":"accounts","period":{"start":"2017-05-01","end":"2017-05-07"},)"
           R"("formats":["csv","html"]},"schedule":{"type":"once"},"generation_date":"2017-05-08",)"
           R"("result_action":"send"})");
}

TEST_CASE("the seed's request as built in code equals the documentation's text", "[golden]") {
    CHECK(rk::to_json_string(rp::examples::seed_request(), {.indent = 4})
          == test_data("seed-request.json"));
}

TEST_CASE("the seed's response reads as a Report", "[golden]") {
    auto report = rk::from_json<rp::Report>(test_data("seed-report.json"));
    REQUIRE(report);
    CHECK(report->id.to_string() == "20dffb36-d77b-45c6-b2fa-39276e98d5fc");
    CHECK(report->version == 1);
    CHECK(report->schedule.enabled == true);
    CHECK(report->schedule.type == rp::ScheduleType::once);
    CHECK(report->parameters.tenant_id.to_string() == "ede9f834-70b3-476c-83d9-736f9f8c7dae");
    CHECK(report->recipients->size() == 2);
    CHECK(rk::to_json(*report) == rk::to_json(rp::examples::seed_report()));
}

TEST_CASE("read -> write -> read is the identity for the seed's payloads", "[golden]") {
    auto request = rk::from_json<rp::ReportRequest>(test_data("seed-request.json"));
    auto again = rk::from_json<rp::ReportRequest>(rk::to_json_string(*request));
    REQUIRE(again);
    CHECK(rk::to_json_string(*again) == rk::to_json_string(*request));

    auto report = rk::from_json<rp::Report>(test_data("seed-report.json"));
    auto report_again = rk::from_json<rp::Report>(rk::to_json_string(*report, {.indent = 2}));
    REQUIRE(report_again);
    CHECK(rk::to_json_string(*report_again) == rk::to_json_string(*report));
}
