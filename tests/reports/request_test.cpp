// POST /reports bodies, row by row of API.md's "Report request" table: for each field a valid
// case and the invalid ones, each asserting where the problem is reported and its code.
#include <reportkit/reports.hpp>

#include "../support/payloads.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace json = boost::json;
using reportkit::testing::edited;
using reportkit::testing::errors_of;
using reportkit::testing::Finding;
using reportkit::testing::message_at;
using reportkit::testing::test_data;
using reportkit::testing::warnings_of;
using Findings = std::vector<Finding>;

namespace {

const std::string seed = test_data("seed-request.json");
const rk::ReadOptions on_seed_day{.today = rk::Date(2017, 5, 8)};

struct Case {
    const char* what;
    std::function<void(json::object&)> edit;
    Findings expected; // empty: valid
};

json::object& params(json::object& o) {
    return o["parameters"].as_object();
}

void check_cases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        DYNAMIC_SECTION(c.what) {
            std::string text = edited(seed, c.edit);
            CAPTURE(text);
            CHECK(errors_of<rp::ReportRequest>(text, on_seed_day) == c.expected);
        }
    }
}

const char* other_user = "0b7a3e9c-3a0e-4c6a-9f43-4f1c2d7e8a11";

} // namespace

TEST_CASE("recipients: required and non-empty exactly when result_action is send, absent or empty "
          "with save",
          "[request]") {
    check_cases({
        {"send with recipients", [](auto&) {}, {}},
        {"send without recipients",
         [](auto& o) { o.erase("recipients"); },
         {{"/recipients", "required_if"}}},
        {"send with an empty list",
         [](auto& o) { o["recipients"] = json::array{}; },
         {{"/recipients", "non_empty"}}},
        {"save without recipients",
         [](auto& o) {
             o.erase("recipients");
             o["result_action"] = "save";
         },
         {}},
        {"save with recipients",
         [](auto& o) { o["result_action"] = "save"; },
         {{"/recipients", "forbidden"}}},
        // What the platform's own billing integration sends.
        {"save with an empty list",
         [](auto& o) {
             o["recipients"] = json::array{};
             o["result_action"] = "save";
         },
         {}},
        {"save with a malformed recipient",
         [](auto& o) {
             o["recipients"] = json::array{"ab00e527"};
             o["result_action"] = "save";
         },
         {{"/recipients/0", "format"}, {"/recipients", "forbidden"}}},
        {"a duplicate recipient",
         [](auto& o) { o["recipients"].as_array().push_back(o["recipients"].as_array()[0]); },
         {{"/recipients/2", "unique"}}},
        {"a malformed UUID",
         [](auto& o) { o["recipients"].as_array()[1] = "ab00e527"; },
         {{"/recipients/1", "format"}}},
        {"not an array", [](auto& o) { o["recipients"] = other_user; }, {{"/recipients", "type"}}},
        {"an item that is not a string",
         [](auto& o) { o["recipients"].as_array()[0] = 7; },
         {{"/recipients/0", "type"}}},
    });
}

TEST_CASE("recipients: messages say what the rule wants", "[request][messages]") {
    auto missing = edited(seed, [](auto& o) { o.erase("recipients"); });
    CHECK(message_at<rp::ReportRequest>(missing, "/recipients", on_seed_day)
          == "required when /result_action is \"send\"");
    auto saved = edited(seed, [](auto& o) { o["result_action"] = "save"; });
    CHECK(message_at<rp::ReportRequest>(saved, "/recipients", on_seed_day)
          == "allowed only when /result_action is \"send\", but it is \"save\" (only an empty "
             "array is accepted)");
    auto empty = edited(seed, [](auto& o) { o["recipients"] = json::array{}; });
    CHECK(message_at<rp::ReportRequest>(empty, "/recipients", on_seed_day)
          == "expected at least one item when /result_action is \"send\", got an empty array");
    auto upper = edited(seed, [](auto& o) {
        o["recipients"].as_array()[0] = "CA451758-B48A-45D9-9AE6-8F1059F67619";
    });
    CHECK(message_at<rp::ReportRequest>(upper, "/recipients/0", on_seed_day)
          == "expected a UUID in lower-case 8-4-4-4-12 hexadecimal form, got "
             "\"CA451758-B48A-45D9-9AE6-8F1059F67619\": upper-case hexadecimal digits are not "
             "allowed; the API requires lower case");
}

TEST_CASE("parameters: a required object", "[request]") {
    check_cases({
        {"missing", [](auto& o) { o.erase("parameters"); }, {{"/parameters", "required"}}},
        {"not an object",
         [](auto& o) { o["parameters"] = "usage_summary"; },
         {{"/parameters", "type"}}},
        {"an unknown key inside",
         [](auto& o) { params(o)["tenant"] = other_user; },
         {{"/parameters/tenant", "unknown_key"}}},
    });
}

TEST_CASE("parameters.kind: required, one of four", "[request]") {
    std::vector<Case> cases;
    for (const char* kind : {"usage_daily", "usage_summary", "usage_current", "usage_breakdown"})
        cases.push_back({kind, [kind](auto& o) { params(o)["kind"] = kind; }, {}});
    cases.push_back(
        {"missing", [](auto& o) { params(o).erase("kind"); }, {{"/parameters/kind", "required"}}});
    cases.push_back({"unknown",
                     [](auto& o) { params(o)["kind"] = "usage_weekly"; },
                     {{"/parameters/kind", "enum"}}});
    cases.push_back({"wrong case",
                     [](auto& o) { params(o)["kind"] = "USAGE_DAILY"; },
                     {{"/parameters/kind", "enum"}}});
    check_cases(cases);
    auto unknown = edited(seed, [](auto& o) { params(o)["kind"] = "usage_weekly"; });
    CHECK(message_at<rp::ReportRequest>(unknown, "/parameters/kind", on_seed_day)
          == "expected one of \"usage_daily\", \"usage_summary\", \"usage_current\" or "
             "\"usage_breakdown\", got \"usage_weekly\"");
}

TEST_CASE("parameters.tenant_id: a required UUID", "[request]") {
    check_cases({
        {"missing",
         [](auto& o) { params(o).erase("tenant_id"); },
         {{"/parameters/tenant_id", "required"}}},
        {"upper case",
         [](auto& o) { params(o)["tenant_id"] = "EDE9F834-70B3-476C-83D9-736F9F8C7DAE"; },
         {{"/parameters/tenant_id", "format"}}},
        {"braces",
         [](auto& o) { params(o)["tenant_id"] = "{ede9f834-70b3-476c-83d9-736f9f8c7dae}"; },
         {{"/parameters/tenant_id", "format"}}},
        {"a number",
         [](auto& o) { params(o)["tenant_id"] = 42; },
         {{"/parameters/tenant_id", "type"}}},
    });
}

TEST_CASE("parameters.level: required, one of five", "[request]") {
    std::vector<Case> cases;
    for (const char* level :
         {"direct_partners", "all_partners", "all_customers", "accounts", "itself"})
        cases.push_back({level, [level](auto& o) { params(o)["level"] = level; }, {}});
    cases.push_back({"missing",
                     [](auto& o) { params(o).erase("level"); },
                     {{"/parameters/level", "required"}}});
    cases.push_back({"unknown",
                     [](auto& o) { params(o)["level"] = "customers"; },
                     {{"/parameters/level", "enum"}}});
    check_cases(cases);
}

TEST_CASE("parameters.formats: optional, non-empty and unique when present", "[request]") {
    std::vector<Case> cases;
    for (const char* format : {"csv", "html", "json_v1", "csv_v2_0", "json_v2_0"})
        cases.push_back(
            {format, [format](auto& o) { params(o)["formats"] = json::array{format}; }, {}});
    cases.push_back({"absent", [](auto& o) { params(o).erase("formats"); }, {}});
    cases.push_back({"empty",
                     [](auto& o) { params(o)["formats"] = json::array{}; },
                     {{"/parameters/formats", "non_empty"}}});
    cases.push_back({"repeated",
                     [](auto& o) {
                         params(o)["formats"] = json::array{"csv", "csv"};
                     },
                     {{"/parameters/formats/1", "unique"}}});
    cases.push_back({"unknown format",
                     [](auto& o) {
                         params(o)["formats"] = json::array{"csv", "pdf"};
                     },
                     {{"/parameters/formats/1", "enum"}}});
    cases.push_back({"a string, not an array",
                     [](auto& o) { params(o)["formats"] = "csv"; },
                     {{"/parameters/formats", "type"}}});
    check_cases(cases);
}

TEST_CASE("parameters.period: optional, start and end required, ordered, not in the future",
          "[request]") {
    check_cases({
        {"absent (usage_current)",
         [](auto& o) {
             params(o).erase("period");
             params(o)["kind"] = "usage_current";
         },
         {}},
        {"one day",
         [](auto& o) {
             params(o)["period"] = json::object{{"start", "2017-05-01"}, {"end", "2017-05-01"}};
         },
         {}},
        {"start missing",
         [](auto& o) { params(o)["period"].as_object().erase("start"); },
         {{"/parameters/period/start", "required"}}},
        {"end missing",
         [](auto& o) { params(o)["period"].as_object().erase("end"); },
         {{"/parameters/period/end", "required"}}},
        {"start after end",
         [](auto& o) { params(o)["period"].as_object()["start"] = "2017-05-08"; },
         {{"/parameters/period/start", "ordered"}}},
        {"end after today",
         [](auto& o) { params(o)["period"].as_object()["end"] = "2017-05-09"; },
         {{"/parameters/period/end", "not_in_future"}}},
        {"not a calendar date",
         [](auto& o) { params(o)["period"].as_object()["start"] = "2017-02-30"; },
         {{"/parameters/period/start", "format"}}},
        {"a timestamp, not a date",
         [](auto& o) { params(o)["period"].as_object()["end"] = "2017-05-07T00:00:00Z"; },
         {{"/parameters/period/end", "format"}}},
        {"an unknown key",
         [](auto& o) { params(o)["period"].as_object()["days"] = 7; },
         {{"/parameters/period/days", "unknown_key"}}},
    });
}

TEST_CASE("parameters.hide_zero_usage and show_skus: booleans, or \"true\" and \"false\" with "
          "a warning",
          "[request]") {
    check_cases({
        {"both true",
         [](auto& o) {
             params(o)["hide_zero_usage"] = true;
             params(o)["show_skus"] = true;
         },
         {}},
        {"both false",
         [](auto& o) {
             params(o)["hide_zero_usage"] = false;
             params(o)["show_skus"] = false;
         },
         {}},
        // The vendor's published SKU sample sends the strings, and the platform accepts them.
        {"both as the strings",
         [](auto& o) {
             params(o)["hide_zero_usage"] = "false";
             params(o)["show_skus"] = "true";
         },
         {}},
        {"another string",
         [](auto& o) { params(o)["hide_zero_usage"] = "True"; },
         {{"/parameters/hide_zero_usage", "type"}}},
        {"show_skus as a number",
         [](auto& o) { params(o)["show_skus"] = 1; },
         {{"/parameters/show_skus", "type"}}},
    });
    auto strings = edited(seed, [](auto& o) {
        params(o)["hide_zero_usage"] = "false";
        params(o)["show_skus"] = "true";
    });
    auto read = rk::from_json<rp::ReportRequest>(strings, on_seed_day);
    REQUIRE(read);
    CHECK(read->parameters.hide_zero_usage == false);
    CHECK(read->parameters.show_skus == true);
    REQUIRE(read.warnings().size() == 2);
    CHECK(read.warnings()[0]
          == rk::Diagnostic{"/parameters/hide_zero_usage", "quoted_boolean", rk::Severity::warning,
                            "expected a boolean, got the string \"false\"; read as the boolean "
                            "false"});
    CHECK(read.warnings()[1].pointer == "/parameters/show_skus");
    // Written back, they are booleans: what reportkit sends is the strict form.
    CHECK(rk::to_json_string(read->parameters).find(R"("hide_zero_usage":false,"show_skus":true)")
          != std::string::npos);
    auto text = edited(seed, [](auto& o) { params(o)["hide_zero_usage"] = "yes"; });
    CHECK(message_at<rp::ReportRequest>(text, "/parameters/hide_zero_usage", on_seed_day)
          == "expected a boolean (true or false, or the string \"true\" or \"false\"), got the "
             "string \"yes\"");
}

TEST_CASE("schedule: required, type required, one of two, enabled optional boolean", "[request]") {
    check_cases({
        {"enabled false", [](auto& o) { o["schedule"].as_object()["enabled"] = false; }, {}},
        {"missing", [](auto& o) { o.erase("schedule"); }, {{"/schedule", "required"}}},
        {"type missing",
         [](auto& o) { o["schedule"] = json::object{}; },
         {{"/schedule/type", "required"}}},
        {"type unknown",
         [](auto& o) { o["schedule"].as_object()["type"] = "weekly"; },
         {{"/schedule/type", "enum"}}},
        {"enabled as a string",
         [](auto& o) { o["schedule"].as_object()["enabled"] = "yes"; },
         {{"/schedule/enabled", "type"}}},
        {"an unknown key",
         [](auto& o) { o["schedule"].as_object()["day"] = 1; },
         {{"/schedule/day", "unknown_key"}}},
    });
}

TEST_CASE("generation_date: a date, only for one-time reports", "[request]") {
    check_cases({
        {"once without one", [](auto& o) { o.erase("generation_date"); }, {}},
        {"monthly without one",
         [](auto& o) {
             o.erase("generation_date");
             o["schedule"].as_object()["type"] = "monthly";
         },
         {}},
        {"monthly with one",
         [](auto& o) { o["schedule"].as_object()["type"] = "monthly"; },
         {{"/generation_date", "forbidden"}}},
        {"not a calendar date",
         [](auto& o) { o["generation_date"] = "2017-05-32"; },
         {{"/generation_date", "format"}}},
    });
    auto monthly = edited(seed, [](auto& o) { o["schedule"].as_object()["type"] = "monthly"; });
    CHECK(message_at<rp::ReportRequest>(monthly, "/generation_date", on_seed_day)
          == "allowed only when /schedule/type is \"once\", but it is \"monthly\"");
}

TEST_CASE("result_action: required, save or send", "[request]") {
    check_cases({
        {"missing", [](auto& o) { o.erase("result_action"); }, {{"/result_action", "required"}}},
        {"unknown", [](auto& o) { o["result_action"] = "email"; }, {{"/result_action", "enum"}}},
        {"null", [](auto& o) { o["result_action"] = nullptr; }, {{"/result_action", "type"}}},
    });
}

TEST_CASE("unknown keys are errors at the top level too", "[request]") {
    check_cases({
        {"a misspelt field",
         [](auto& o) { o["recipient"] = json::array{other_user}; },
         {{"/recipient", "unknown_key"}}},
        {"the server's id", [](auto& o) { o["id"] = other_user; }, {{"/id", "unknown_key"}}},
    });
}

TEST_CASE("warnings: a period-less daily report, a monthly report in other formats",
          "[request][warnings]") {
    for (const char* kind : {"usage_daily", "usage_summary", "usage_breakdown"}) {
        auto text = edited(seed, [kind](auto& o) {
            params(o)["kind"] = kind;
            params(o).erase("period");
        });
        CHECK(rk::from_json<rp::ReportRequest>(text, on_seed_day));
        CHECK(warnings_of<rp::ReportRequest>(text, on_seed_day)
              == Findings{{"/parameters/period", "recommended"}});
    }
    auto current = edited(seed, [](auto& o) {
        params(o)["kind"] = "usage_current";
        params(o).erase("period");
    });
    CHECK(warnings_of<rp::ReportRequest>(current, on_seed_day).empty());

    auto monthly = edited(seed, [](auto& o) {
        o.erase("generation_date");
        o["schedule"].as_object()["type"] = "monthly";
        params(o)["formats"] = json::array{"csv", "json_v2_0", "html", "json_v1"};
    });
    auto result = rk::from_json<rp::ReportRequest>(monthly, on_seed_day);
    CHECK(result);
    CHECK(warnings_of<rp::ReportRequest>(monthly, on_seed_day)
          == Findings{{"/parameters/formats/1", "allowed_subset"},
                      {"/parameters/formats/3", "allowed_subset"}});
    CHECK(result.warnings().at(0).message
          == "when /schedule/type is \"monthly\", only \"csv\" or \"html\" are supported; got "
             "\"json_v2_0\"");
}

TEST_CASE("five independent mistakes give exactly five errors", "[request]") {
    auto text = edited(seed, [](auto& o) {
        o.erase("recipients");                                 // required_if
        params(o)["level"] = "everyone";                       // enum
        params(o)["period"].as_object()["start"] = "2017-5-1"; // format
        o["schedule"].as_object()["enabled"] = "true";         // type
        o["colour"] = "blue";                                  // unknown_key
    });
    CHECK(errors_of<rp::ReportRequest>(text, on_seed_day)
          == Findings{{"/parameters/level", "enum"},
                      {"/parameters/period/start", "format"},
                      {"/schedule/enabled", "type"},
                      {"/colour", "unknown_key"},
                      {"/recipients", "required_if"}});
}
