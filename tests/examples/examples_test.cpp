// The example programs as a user runs them: alone (they start an in-process mock), and pointed
// at a server through the environment, with the output and what the server received checked.
#include "../support/payloads.hpp"
#include "../support/process.hpp"

#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using rk::testing::bin;
using rk::testing::run;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;

// The command line that runs `program` with exactly these REPORTKIT_* variables set, whatever
// the environment of the test holds, with standard error merged into the output.
std::string command(const std::string& program, const Environment& environment = {}) {
    std::string line = "env";
    for (const char* name :
         {"REPORTKIT_BASE_URL", "REPORTKIT_TOKEN", "REPORTKIT_CLIENT_ID", "REPORTKIT_CLIENT_SECRET",
          "REPORTKIT_TENANT_ID", "REPORTKIT_RECIPIENTS"})
        line += std::string(" -u ") + name;
    for (const auto& [name, value] : environment)
        line += " " + name + "='" + value + "'";
    return line + " " + bin(program) + " 2>&1";
}

// The text between `start` and the next `end` after it; empty when either is missing.
std::string between(const std::string& text, const std::string& start, const std::string& end) {
    std::size_t from = text.find(start);
    if (from == std::string::npos)
        return {};
    from += start.size();
    std::size_t to = text.find(end, from);
    return to == std::string::npos ? std::string() : text.substr(from, to - from);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

rk::Uuid printed_report_id(const std::string& out) {
    std::smatch m;
    REQUIRE(std::regex_search(out, m, std::regex("report_id: ([0-9a-f-]{36})")));
    return rk::Uuid::parse(m[1].str()).value();
}

std::string seed_page_json() {
    std::string text = rk::testing::test_data("seed-request.json");
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

} // namespace

TEST_CASE("create_usage_report alone: an in-process mock and the seed page, step by step") {
    auto r = run(command("create_usage_report"));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("REPORTKIT_BASE_URL is not set: using an in-process mock "
                                        "of the API at http://127.0.0.1:"));
    // The payload exactly as the page prints it with json.dumps(indent=4), then the answer.
    CHECK_THAT(r.out, Catch::Contains(seed_page_json() + "\n\nStatus code: 200\n"));
    rk::Uuid id = printed_report_id(r.out);
    rp::Report expected = rp::make_report(rp::examples::seed_request(), id);
    CHECK_THAT(r.out, Catch::Contains("Status code: 200\n"
                                      + rk::to_json_string(expected, {.indent = 4}) + "\n\n"));
    CHECK_THAT(r.out, Catch::Contains("version: 1\n"));
    CHECK_THAT(r.out, Catch::EndsWith("Deleted report " + id.to_string() + " (status 204)\n"));
}

TEST_CASE("create_usage_report against REPORTKIT_BASE_URL with a token") {
    mock::Server server;
    auto r = run(command("create_usage_report", {{"REPORTKIT_BASE_URL", server.base_url()},
                                                 {"REPORTKIT_TOKEN", server.issue_token()}}));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, !Catch::Contains("in-process"));
    rk::Uuid id = printed_report_id(r.out);

    auto posted = server.journal().find("POST", "/api/2/reports");
    REQUIRE(posted.size() == 1);
    auto body = rk::from_json<rp::ReportRequest>(posted[0].body);
    REQUIRE(body);
    CHECK(rk::to_json_string(*body) == rk::to_json_string(rp::examples::seed_request()));
    auto deleted = server.journal().find("DELETE", "/api/2/reports/" + id.to_string());
    REQUIRE(deleted.size() == 1);
    CHECK(deleted[0].param("version") == "1");
    CHECK(deleted[0].status == 204);
    CHECK(server.reports().empty());
    CHECK_NOTHROW(server.journal().require_all_routed());
}

TEST_CASE("create_usage_report with client credentials, its own tenant and recipients") {
    mock::Server server{{.clients = {{"reporter", "s3cret", mock::Scope::admin}}}};
    const std::string tenant = "0f7c1a52-3d4e-4b8a-9c61-2e5f8d9a0b13";
    const std::string recipient = "9d2e4f60-7a1b-4c3d-8e5f-6a7b8c9d0e1f";
    auto r = run(command("create_usage_report", {{"REPORTKIT_BASE_URL", server.base_url()},
                                                 {"REPORTKIT_CLIENT_ID", "reporter"},
                                                 {"REPORTKIT_CLIENT_SECRET", "s3cret"},
                                                 {"REPORTKIT_TENANT_ID", tenant},
                                                 {"REPORTKIT_RECIPIENTS", recipient}}));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK(server.journal().count("POST", "/api/2/idp/token") == 1);
    auto posted = server.journal().last("POST", "/api/2/reports");
    REQUIRE(posted);
    auto body = rk::from_json<rp::ReportRequest>(posted->body);
    REQUIRE(body);
    CHECK(body->parameters.tenant_id.to_string() == tenant);
    REQUIRE(body->recipients);
    CHECK(*body->recipients == std::vector<rk::Uuid>{rk::Uuid::parse(recipient).value()});
}

TEST_CASE("create_usage_report fails loudly: a refused token, a malformed recipient") {
    mock::Server server;

    SECTION("the server's 401 is printed and the exit status is 1") {
        auto r = run(command("create_usage_report", {{"REPORTKIT_BASE_URL", server.base_url()},
                                                     {"REPORTKIT_TOKEN", "expired-token"}}));
        CHECK(r.status == 1);
        CHECK_THAT(r.out, Catch::Contains("Status code: 401\n"));
        CHECK_THAT(r.out, Catch::Contains("POST /api/2/reports: answered 401"));
        CHECK(server.journal().count("DELETE") == 0);
    }
    SECTION("a recipient that is no UUID is named by its pointer before anything is sent") {
        auto r = run(command("create_usage_report", {{"REPORTKIT_BASE_URL", server.base_url()},
                                                     {"REPORTKIT_TOKEN", server.issue_token()},
                                                     {"REPORTKIT_RECIPIENTS", "not-a-user"}}));
        CHECK(r.status == 1);
        CHECK_THAT(r.out, Catch::StartsWith("/recipients/0: expected a UUID"));
        CHECK(server.journal().size() == 0);
    }
    SECTION("REPORTKIT_BASE_URL without credentials") {
        auto r = run(command("create_usage_report", {{"REPORTKIT_BASE_URL", server.base_url()}}));
        CHECK(r.status == 1);
        CHECK_THAT(r.out, Catch::Contains("neither REPORTKIT_TOKEN nor REPORTKIT_CLIENT_ID"));
    }
}

TEST_CASE("billing_report alone: a csv_v2_0 file stored, read, billed, report deleted") {
    auto r = run(command("billing_report"));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("using an in-process mock"));
    CHECK_THAT(r.out, Catch::Contains(" csv_v2_0 records\n"));
    CHECK_THAT(r.out, Catch::Contains("\nBilled per tenant"));
    CHECK_THAT(r.out, Catch::Contains("\nDeleted report "));
}

namespace {
// What each tenant is billed, computed here apart from the example from the mock's own file:
// (tenant id, application/item, edition) -> quantity.
using Bills = std::map<std::tuple<std::string, std::string, std::string>, double>;

Bills expected_bills(const std::vector<rp::UsageRecord>& records) {
    Bills out;
    for (const auto& r : records) {
        bool by_change = r.name == "compute_points";
        const auto& axis = by_change ? r.usage.delta : r.usage.absolute;
        double v = r.tenant.kind == rp::TenantKind::customer ? axis.total : axis.production;
        out[{r.tenant.id.to_string(), r.application.name + "/" + r.name,
             r.edition.value_or("-")}] += v;
    }
    for (auto it = out.begin(); it != out.end();)
        it = it->second == 0 ? out.erase(it) : std::next(it);
    return out;
}

// The lines the example printed under each tenant's heading.
Bills printed_bills(const std::string& out) {
    Bills bills;
    std::string tenant;
    static const std::regex heading(R"(^.* \((partner|customer), ([0-9a-f-]{36})\)$)");
    static const std::regex line(R"(^  (\S+) (\S+) (\S+) (\S+)$)");
    std::smatch m;
    for (const std::string& l :
         lines_of(between(out, "summed over infrastructures):\n", "\nDeleted"))) {
        if (std::regex_match(l, m, heading))
            tenant = m[2];
        else if (std::regex_match(l, m, line))
            bills[{tenant, m[1], m[2]}] = std::stod(m[3]);
    }
    return bills;
}
} // namespace

TEST_CASE("billing_report bills what the mock's csv_v2_0 file says, the platform's way") {
    mock::Server server;
    auto r = run(command("billing_report", {{"REPORTKIT_BASE_URL", server.base_url()},
                                            {"REPORTKIT_TOKEN", server.issue_token()}}));
    INFO(r.out);
    REQUIRE(r.status == 0);

    auto request =
        rk::from_json<rp::ReportRequest>(between(r.out, "Report request:\n", "\n\nCreated report"));
    REQUIRE(request);
    CHECK(request->result_action == rp::ResultAction::save);
    CHECK_FALSE(request->parameters.formats); // the default: csv_v2_0

    // The mock's files follow from the report's parameters and the day, so a second mock given
    // the same request holds the file the example read from the first.
    mock::Server reference;
    auto report = reference.create(*request);
    REQUIRE(report);
    auto items = reference.stored(report->id);
    REQUIRE(items.size() == 1);
    REQUIRE(items[0].report_format == rp::Format::csv_v2_0);
    auto records =
        rk::from_csv<rp::UsageRecord>(reference.stored_content(report->id, items[0].id).value());
    REQUIRE(records);
    Bills expected = expected_bills(*records);
    REQUIRE(expected.size() > 20);
    CHECK(printed_bills(r.out) == expected);
    // Both kinds of tenant, and compute points billed by their change, are in the bill.
    bool partner = false, compute = false;
    for (const auto& rec : *records) {
        partner = partner || rec.tenant.kind == rp::TenantKind::partner;
        compute = compute || (rec.name == "compute_points" && rec.usage.delta.total != 0);
    }
    CHECK(partner);
    CHECK(compute);

    CHECK(server.journal().count("GET", "/api/2/reports/*/stored/*") == 1);
    CHECK(server.journal().count("DELETE", "/api/2/reports/*") == 1);
    CHECK(server.reports().empty());
    CHECK_NOTHROW(server.journal().require_all_routed());
}
