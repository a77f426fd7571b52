// The server's Report: the request's fields plus id, version and schedule.enabled.
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include "../support/payloads.hpp"

#include <catch2/catch.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace json = boost::json;
using reportkit::testing::edited;
using reportkit::testing::errors_of;
using reportkit::testing::Finding;
using reportkit::testing::test_data;
using Findings = std::vector<Finding>;

namespace {
const std::string seed_report = test_data("seed-report.json");
}

TEST_CASE("a report needs the server's id and a version of at least 1", "[report]") {
    CHECK(errors_of<rp::Report>(edited(seed_report, [](auto& o) { o.erase("id"); }))
          == Findings{{"/id", "required"}});
    CHECK(errors_of<rp::Report>(edited(seed_report, [](auto& o) { o.erase("version"); }))
          == Findings{{"/version", "required"}});
    CHECK(errors_of<rp::Report>(edited(seed_report, [](auto& o) { o["version"] = 0; }))
          == Findings{{"/version", "minimum"}});
    CHECK(errors_of<rp::Report>(edited(seed_report, [](auto& o) { o["version"] = "1"; }))
          == Findings{{"/version", "type"}});
}

TEST_CASE("a report always says whether its schedule is enabled", "[report]") {
    auto text = edited(seed_report, [](auto& o) { o["schedule"].as_object().erase("enabled"); });
    CHECK(errors_of<rp::Report>(text) == Findings{{"/schedule/enabled", "required"}});
}

TEST_CASE("a report obeys the request's rules", "[report]") {
    auto text = edited(seed_report, [](auto& o) { o["result_action"] = "save"; });
    CHECK(errors_of<rp::Report>(text) == Findings{{"/recipients", "forbidden"}});
}

TEST_CASE("make_report gives version 1 and an enabled schedule", "[report]") {
    auto request = rp::examples::seed_request();
    auto id = *rk::Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc");
    rp::Report report = rp::make_report(request, id);
    CHECK(report.version == 1);
    CHECK(report.schedule.enabled == true);
    CHECK(rk::to_json(report) == json::parse(seed_report));
    request.schedule.enabled = false;
    CHECK(rp::make_report(request, id).schedule.enabled == false);
}
