// PUT /reports/{id} bodies: partial, limited to what may change, merged into the stored report.
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include "../support/payloads.hpp"

#include <catch2/catch.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using reportkit::testing::errors_of;
using reportkit::testing::Finding;
using reportkit::testing::findings;
using Findings = std::vector<Finding>;

TEST_CASE("every top-level field of an update is optional", "[update]") {
    CHECK(rk::from_json<rp::ReportUpdate>("{}"));
    CHECK(rk::from_json<rp::ReportUpdate>(R"({"schedule": {"enabled": false}})"));
    CHECK(rk::from_json<rp::ReportUpdate>(
        R"({"parameters": {"kind": "usage_daily", "level": "accounts", "hide_zero_usage": true,)"
        R"( "show_skus": false}})"));
}

TEST_CASE("an update may change only kind, level and the two flags of parameters", "[update]") {
    CHECK(errors_of<rp::ReportUpdate>(
              R"({"parameters": {"tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae"}})")
          == Findings{{"/parameters/tenant_id", "unknown_key"}});
    CHECK(errors_of<rp::ReportUpdate>(
              R"({"parameters": {"period": {"start": "2017-05-01", "end": "2017-05-07"}}})")
          == Findings{{"/parameters/period", "unknown_key"}});
    CHECK(errors_of<rp::ReportUpdate>(R"({"parameters": {"kind": "usage_hourly"}})")
          == Findings{{"/parameters/kind", "enum"}});
}

TEST_CASE("an update's schedule holds only enabled, and must hold it", "[update]") {
    CHECK(errors_of<rp::ReportUpdate>(R"({"schedule": {}})")
          == Findings{{"/schedule/enabled", "required"}});
    CHECK(errors_of<rp::ReportUpdate>(R"({"schedule": {"enabled": true, "type": "once"}})")
          == Findings{{"/schedule/type", "unknown_key"}});
    CHECK(errors_of<rp::ReportUpdate>(R"({"generation_date": "2017-05-08"})")
          == Findings{{"/generation_date", "unknown_key"}});
}

TEST_CASE("an update's recipients are a list of distinct UUIDs", "[update]") {
    // Empty or not is for the stored result_action to decide (see the merged report below).
    CHECK(errors_of<rp::ReportUpdate>(R"({"recipients": []})").empty());
    CHECK(errors_of<rp::ReportUpdate>(R"({"recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619", )"
                                      R"("ca451758-b48a-45d9-9ae6-8f1059f67619"]})")
          == Findings{{"/recipients/1", "unique"}});
}

TEST_CASE("the merged report is judged by the Report rules", "[update]") {
    rp::Report stored = rp::examples::seed_report();
    stored.schedule.type = rp::ScheduleType::monthly;
    stored.generation_date.reset();

    auto disable = rk::from_json<rp::ReportUpdate>(R"({"schedule": {"enabled": false}})");
    rp::Report merged = rp::apply_update(stored, *disable);
    CHECK(merged.schedule.enabled == false);
    CHECK(rk::validate(merged).empty());

    // Recipients on a report that saves its files: the stored result_action decides.
    stored.result_action = rp::ResultAction::save;
    stored.recipients.reset();
    auto recipients = rk::from_json<rp::ReportUpdate>(
        R"({"recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"]})");
    CHECK(findings(rk::validate(rp::apply_update(stored, *recipients)))
          == Findings{{"/recipients", "forbidden"}});
    auto none = rk::from_json<rp::ReportUpdate>(R"({"recipients": []})");
    CHECK(rk::validate(rp::apply_update(stored, *none)).empty());
    rp::Report sent = rp::examples::seed_report();
    sent.schedule.type = rp::ScheduleType::monthly;
    sent.generation_date.reset();
    CHECK(findings(rk::validate(rp::apply_update(sent, *none)))
          == Findings{{"/recipients", "non_empty"}});

    auto kind = rk::from_json<rp::ReportUpdate>(
        R"({"parameters": {"kind": "usage_current", "show_skus": true}})");
    rp::Report changed = rp::apply_update(stored, *kind);
    CHECK(changed.parameters.kind == rp::Kind::usage_current);
    CHECK(changed.parameters.show_skus == true);
    CHECK(changed.parameters.level == stored.parameters.level);

    // As in a request, the flags may come as the strings "true" and "false", with a warning.
    auto strings = rk::from_json<rp::ReportUpdate>(
        R"({"parameters": {"hide_zero_usage": "true", "show_skus": "false"}})");
    REQUIRE(strings);
    CHECK(strings.warnings().size() == 2);
    rp::Report flagged = rp::apply_update(stored, *strings);
    CHECK(flagged.parameters.hide_zero_usage == true);
    CHECK(flagged.parameters.show_skus == false);
    CHECK(errors_of<rp::ReportUpdate>(R"({"parameters": {"show_skus": "no"}})")
          == Findings{{"/parameters/show_skus", "type"}});
}
