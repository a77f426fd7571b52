// The `reportkit` command: what a shell script or CI job sees.
#include "../support/payloads.hpp"
#include "../support/process.hpp"

#include <catch2/catch.hpp>

#include <boost/json.hpp>

using reportkit::testing::bin;
using reportkit::testing::run;
using reportkit::testing::test_data;

namespace {
const std::string cli = bin("reportkit");
const std::string seed_file = std::string(REPORTKIT_TEST_DATA) + "/seed-request.json";

std::string with_input(const std::string& json) {
    return "printf '%s' '" + json + "' | ";
}
} // namespace

TEST_CASE("validate: a valid payload exits 0", "[cli]") {
    auto r = run(cli + " validate " + seed_file);
    CHECK(r.status == 0);
    CHECK(r.out == "valid\n");
    CHECK(run(cli + " validate --type report " + REPORTKIT_TEST_DATA + "/seed-report.json").status
          == 0);
}

TEST_CASE("validate: one line per problem, pointer first, exit 1", "[cli]") {
    auto r = run(with_input(R"({"parameters":{"kind":"usage_x"}})") + cli + " validate -");
    CHECK(r.status == 1);
    CHECK(r.out
          == "/parameters/kind: expected one of \"usage_daily\", \"usage_summary\", "
             "\"usage_current\" "
             "or \"usage_breakdown\", got \"usage_x\"\n"
             "/parameters/tenant_id: missing required field \"tenant_id\"\n"
             "/parameters/level: missing required field \"level\"\n"
             "/schedule: missing required field \"schedule\"\n"
             "/result_action: missing required field \"result_action\"\n");
}

TEST_CASE("validate --json: machine-readable verdict and diagnostics", "[cli]") {
    auto r = run(with_input(R"({"recipients":[]})") + cli + " validate --json");
    CHECK(r.status == 1);
    auto doc = boost::json::parse(r.out);
    CHECK(doc.at("valid") == false);
    const auto& first = doc.at("diagnostics").at(0);
    CHECK(first.at("pointer") == "/parameters");
    CHECK(first.at("code") == "required");
    CHECK(first.at("severity") == "error");
    CHECK(first.at("message") == "missing required field \"parameters\"");
}

TEST_CASE("validate --json: a quoted value cut short stays valid UTF-8, so valid JSON", "[cli]") {
    // The value's 40th character is 'é' (two bytes): an excerpt cut after 40 bytes would end
    // inside it.
    std::string kind = std::string(39, 'a') + "\xc3\xa9" + "bcdef";
    auto r =
        run(with_input(R"({"parameters":{"kind":")" + kind + R"("}})") + cli + " validate --json");
    CHECK(r.status == 1);
    boost::json::error_code ec;
    auto doc = boost::json::parse(r.out, ec);
    REQUIRE_FALSE(ec);
    std::string message(doc.at("diagnostics").at(0).at("message").as_string());
    CHECK_THAT(message, Catch::EndsWith("got \"" + std::string(39, 'a') + "\xc3\xa9...\""));
}

TEST_CASE("validate --today moves the clock for the not-in-future rule", "[cli]") {
    CHECK(run(cli + " validate --today 2017-05-07 " + seed_file).status == 0);
    auto r = run(cli + " validate --today 2017-05-06 " + seed_file);
    CHECK(r.status == 1);
    CHECK(r.out
          == "/parameters/period/end: must not be in the future: \"2017-05-07\" is after "
             "today (2017-05-06)\n");
}

TEST_CASE("validate: warnings are printed but the payload stays valid", "[cli]") {
    auto r = run(
        with_input(
            R"({"parameters":{"kind":"usage_daily","tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","level":"accounts"},"schedule":{"type":"once"},"result_action":"save"})")
        + cli + " validate");
    CHECK(r.status == 0);
    CHECK(r.out
          == "/parameters/period: warning: recommended when /parameters/kind is one of "
             "\"usage_daily\", \"usage_summary\" or \"usage_breakdown\"\nvalid\n");
}

TEST_CASE("usage errors and unreadable input exit 2", "[cli]") {
    CHECK(run(cli + " validate /nonexistent/file.json 2>&1").status == 2);
    CHECK(run(cli + " validate --type nonsense " + seed_file + " 2>&1").status == 2);
    CHECK(run(cli + " validate --today 2017-02-30 " + seed_file + " 2>&1").status == 2);
    CHECK(run(cli + " frobnicate 2>&1").status == 2);
    CHECK(run(cli + " 2>&1").status == 2);
}

TEST_CASE("malformed JSON is a syntax error with a position", "[cli]") {
    auto r = run(with_input("{\"a\": ") + cli + " validate");
    CHECK(r.status == 1);
    CHECK(r.out.rfind("(root): malformed JSON at line 1, column 7: ", 0) == 0);
}

TEST_CASE("format: canonical JSON of a valid payload", "[cli]") {
    auto r = run(cli + " format " + seed_file);
    CHECK(r.status == 0);
    CHECK(r.out == test_data("seed-request.json") + "\n");
    auto compact = run(
        with_input(
            R"({ "schedule" : {"type":"once"}, "result_action":"save", "parameters":{"level":"accounts","kind":"usage_current","tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae"}})")
        + cli + " format --indent 0");
    CHECK(compact.status == 0);
    CHECK(
        compact.out
        == R"({"parameters":{"kind":"usage_current","tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","level":"accounts"},"schedule":{"type":"once"},"result_action":"save"})"
           "\n");
}

TEST_CASE("format: an invalid payload prints diagnostics on stderr and exits 1", "[cli]") {
    auto r = run(with_input(R"({"schedule":{}})") + cli + " format 2>/dev/null");
    CHECK(r.status == 1);
    CHECK(r.out.empty());
}

TEST_CASE("example: lists the examples and prints the seed's payloads", "[cli]") {
    auto list = run(cli + " example");
    CHECK(list.status == 0);
    CHECK(list.out.find("seed-request") != std::string::npos);
    CHECK(list.out.find("seed-report") != std::string::npos);
    auto seed = run(cli + " example seed-request");
    CHECK(seed.status == 0);
    CHECK(seed.out == test_data("seed-request.json") + "\n");
    auto report = run(cli + " example seed-report | " + cli + " validate --type report");
    CHECK(report.status == 0);
    CHECK(run(cli + " example no-such-example 2>&1").status == 2);
}

TEST_CASE("every subcommand has --help", "[cli]") {
    for (const char* sub : {"validate", "format", "example"}) {
        auto r = run(cli + " " + sub + " --help");
        CHECK(r.status == 0);
        CHECK(r.out.rfind(std::string("usage: reportkit ") + sub, 0) == 0);
    }
    auto top = run(cli + " --help");
    CHECK(top.status == 0);
    CHECK(top.out.find("validate") != std::string::npos);
}
