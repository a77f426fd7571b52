// The /reports operations end to end over a real socket: every success and every error status
// of API.md, each with the platform error body.
#include "mock_support.hpp"

#include <reportkit/core/validate.hpp>
#include <reportkit/core/write.hpp>

#include <set>

using namespace mocktest;

namespace {

std::set<std::string> keys_of(const boost::json::object& o) {
    std::set<std::string> out;
    for (const auto& kv : o)
        out.insert(std::string(kv.key()));
    return out;
}

} // namespace

TEST_CASE("create: the seed's exact request answers 200 with the documented report shape",
          "[mock][create]") {
    Fixture f;
    auto res = f.post("/api/2/reports", seed_request_text());
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200); // not 201
    REQUIRE(res->get_header_value("Content-Type") == "application/json");

    auto report = rk::from_json<rp::Report>(res->body);
    REQUIRE(report);
    CHECK(report->version == 1);
    CHECK(report->schedule.enabled == true);
    // Everything but the server-made id is the documentation's answer.
    CHECK(rk::to_json_string(*report)
          == rk::to_json_string(rp::make_report(rp::examples::seed_request(), report->id)));

    // Same keys at every level as the documented response (tests/data/seed-report.json).
    auto got = boost::json::parse(res->body).as_object();
    auto documented = boost::json::parse(rk::testing::test_data("seed-report.json")).as_object();
    CHECK(keys_of(got) == keys_of(documented));
    CHECK(keys_of(got["parameters"].as_object()) == keys_of(documented["parameters"].as_object()));
    CHECK(keys_of(got["schedule"].as_object()) == keys_of(documented["schedule"].as_object()));
    documented["id"] = got["id"];
    CHECK(got == documented);

    REQUIRE(f.server.report(report->id));
    CHECK(f.server.journal().count("POST", "/api/2/reports") == 1);
}

TEST_CASE("fetch: 200 with the report, 404 for an unknown id, 400 for a malformed one",
          "[mock][fetch]") {
    Fixture f;
    rp::Report created = f.create(seed_request_text());

    auto res = f.get("/api/2/reports/" + created.id.to_string());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->body == rk::to_json_string(created));

    require_error(f.get("/api/2/reports/00000000-0000-4000-8000-000000000000"), 404, 404);

    std::string upper = created.id.to_string();
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto bad = f.get("/api/2/reports/" + upper);
    require_error(bad, 400, 400);
    CHECK_THAT(*error_of(bad).details->info,
               Catch::Contains("report_id") && Catch::Contains("lower case"));
    require_error(f.get("/api/2/reports/1234"), 400, 400);
}

TEST_CASE("tenant list: the tenant's report ids in creation order, nothing else",
          "[mock][tenants]") {
    Fixture f;
    const std::string a = "11111111-1111-4111-8111-111111111111";
    const std::string b = "22222222-2222-4222-8222-222222222222";
    rp::Report first = f.create(save_request(R"(["csv"])", a));
    f.create(save_request(R"(["csv"])", b));
    rp::Report third = f.create(save_request(R"(["html"])", a));

    auto res = f.get("/api/2/tenants/" + a + "/reports");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto list = rk::from_json<rp::TenantReports>(res->body);
    REQUIRE(list);
    CHECK(list->items == std::vector<rk::Uuid>{first.id, third.id});

    auto empty = f.get("/api/2/tenants/33333333-3333-4333-8333-333333333333/reports");
    REQUIRE(empty);
    CHECK(empty->status == 200);
    CHECK(empty->body == R"({"items":[]})");

    require_error(f.get("/api/2/tenants/not-a-uuid/reports"), 400, 400);
    // No paging, no query parameters.
    require_error(f.get("/api/2/tenants/" + a + "/reports?limit=10"), 400, 400);
}

TEST_CASE("update: a monthly report changes and its version goes up by one", "[mock][update]") {
    Fixture f;
    rp::Report created = f.create(monthly_request());
    const std::string path = "/api/2/reports/" + created.id.to_string();

    auto res = f.put(path, R"({"schedule": {"enabled": false}, "parameters": {"level": "itself",
                                "show_skus": true}})");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    auto updated = rk::from_json<rp::Report>(res->body);
    REQUIRE(updated);
    CHECK(updated->version == 2);
    CHECK(updated->schedule.enabled == false);
    CHECK(updated->parameters.level == rp::Level::itself);
    CHECK(updated->parameters.show_skus == true);
    CHECK(updated->parameters.kind == created.parameters.kind); // untouched fields stay

    auto again = f.put(path, R"({"recipients": ["ab00e527-219b-481b-b01b-311b5be0ed3c"]})");
    REQUIRE(again);
    REQUIRE(again->status == 200);
    CHECK(f.server.report(created.id)->version == 3);
    CHECK(f.server.report(created.id)->recipients
          == std::vector<rk::Uuid>{*rk::Uuid::parse("ab00e527-219b-481b-b01b-311b5be0ed3c")});

    // The fetched report is the updated one.
    auto fetched = f.get(path);
    REQUIRE(fetched);
    CHECK(fetched->body == again->body);
}

TEST_CASE("update: a one-time report is refused with 400 and platform code 1027",
          "[mock][update]") {
    Fixture f;
    rp::Report created = f.create(seed_request_text());
    auto res =
        f.put("/api/2/reports/" + created.id.to_string(), R"({"schedule": {"enabled": false}})");
    require_error(res, 400, rp::platform_code::business_rules);
    CHECK(f.server.report(created.id)->version == 1);
}

TEST_CASE("update: the merged report is judged by the Report rules", "[mock][update]") {
    Fixture f;
    // A monthly `save` report: recipients are forbidden, so adding some must fail.
    rp::Report created = f.create(R"({"parameters": {"kind": "usage_current",
        "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae", "level": "accounts"},
        "schedule": {"type": "monthly"}, "result_action": "save"})");
    auto res = f.put("/api/2/reports/" + created.id.to_string(),
                     R"({"recipients": ["ab00e527-219b-481b-b01b-311b5be0ed3c"]})");
    REQUIRE(res);
    REQUIRE(res->status == 400);
    auto error = error_of(res);
    REQUIRE(error.details->violations);
    REQUIRE(error.details->violations->size() == 1);
    CHECK(error.details->violations->front().pointer == "/recipients");
    CHECK(error.details->violations->front().code == "forbidden");
    CHECK(f.server.report(created.id)->version == 1);
}

TEST_CASE("update: fields an update may not touch, unknown ids, bodies", "[mock][update]") {
    Fixture f;
    rp::Report created = f.create(monthly_request());
    const std::string path = "/api/2/reports/" + created.id.to_string();

    auto res = f.put(path, R"({"parameters": {"tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae"},
                               "schedule": {"type": "once"}})");
    REQUIRE(res);
    REQUIRE(res->status == 400);
    auto error = error_of(res);
    REQUIRE(error.details->violations);
    std::vector<std::string> pointers;
    for (const auto& v : *error.details->violations)
        pointers.push_back(v.pointer);
    CHECK(pointers
          == std::vector<std::string>{"/parameters/tenant_id", "/schedule/type",
                                      "/schedule/enabled"});

    require_error(f.put("/api/2/reports/00000000-0000-4000-8000-000000000000",
                        R"({"schedule": {"enabled": true}})"),
                  404, 404);
    require_error(f.put(path, "{\"schedule\": "), 400, 400);
    CHECK(f.server.report(created.id)->version == 1);
}

TEST_CASE("delete: 204 with the right version, 409/1001 with a stale one, 400 without one",
          "[mock][delete]") {
    Fixture f;
    rp::Report created = f.create(monthly_request());
    const std::string path = "/api/2/reports/" + created.id.to_string();
    REQUIRE(f.put(path, R"({"schedule": {"enabled": false}})")->status == 200); // now version 2

    require_error(f.del(path), 400, 400);
    require_error(f.del(path + "?version=two"), 400, 400);
    require_error(f.del(path + "?version=1.0"), 400, 400);
    require_error(f.del(path + "?version=1&force=true"), 400, 400);

    auto stale = f.del(path + "?version=1");
    require_error(stale, 409, rp::platform_code::version_mismatch);
    CHECK_THAT(*error_of(stale).details->info, Catch::Contains("version 2"));
    REQUIRE(f.server.report(created.id));

    auto res = f.del(path + "?version=2");
    REQUIRE(res);
    CHECK(res->status == 204);
    CHECK(res->body.empty());
    CHECK_FALSE(f.server.report(created.id));
    require_error(f.get(path), 404, 404);
    require_error(f.del(path + "?version=2"), 404, 404);
}

TEST_CASE("an invalid body gets 400 with every problem at its JSON Pointer", "[mock][create]") {
    Fixture f;
    auto res = f.post("/api/2/reports", R"({"parameters": {"kind": "usage_daily",
        "tenant_id": "EDE9F834-70B3-476C-83D9-736F9F8C7DAE", "level": "accounts",
        "hide_zero_usage": "yes"}, "schedule": {"type": "weekly"}, "result_action": "send",
        "color": "blue"})");
    REQUIRE(res);
    REQUIRE(res->status == 400);
    auto error = error_of(res);
    CHECK(code_of(error) == 400);
    REQUIRE(error.details->violations);
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& v : *error.details->violations)
        got.emplace(v.pointer, v.code);
    CHECK(got
          == std::set<std::pair<std::string, std::string>>{{"/parameters/tenant_id", "format"},
                                                           {"/parameters/hide_zero_usage", "type"},
                                                           {"/schedule/type", "enum"},
                                                           {"/color", "unknown_key"},
                                                           {"/recipients", "required_if"}});
    // details.info is the first problem in words.
    CHECK(*error.details->info
          == "/parameters/tenant_id: " + error.details->violations->front().message);
    CHECK(f.server.reports().empty());
}

TEST_CASE("malformed JSON gets 400 with the platform body", "[mock][create]") {
    Fixture f;
    for (std::string body : {"", "{", "{\"parameters\": }", "[1, 2", "nul"}) {
        INFO(body);
        auto res = f.post("/api/2/reports", body);
        require_error(res, 400, 400);
        auto error = error_of(res);
        CHECK(error.message == "The request body is not valid JSON.");
        REQUIRE(error.details->violations);
        CHECK(error.details->violations->front().code == "syntax");
    }
}

TEST_CASE("warnings do not fail a request, the period must not be in the future",
          "[mock][create]") {
    Fixture f;
    // A monthly report with json_v1 and a usage_daily without period: both only warnings.
    auto warned =
        f.post("/api/2/reports", R"({"recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"],
        "parameters": {"kind": "usage_daily", "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae",
        "level": "accounts", "formats": ["json_v1"]}, "schedule": {"type": "monthly"},
        "result_action": "send"})");
    REQUIRE(warned);
    CHECK(warned->status == 200);

    auto future = f.post("/api/2/reports", R"({"parameters": {"kind": "usage_daily",
        "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae", "level": "accounts",
        "period": {"start": "2024-05-30", "end": "2024-06-02"}}, "schedule": {"type": "once"},
        "result_action": "save"})");
    REQUIRE(future);
    REQUIRE(future->status == 400);
    auto error = error_of(future);
    REQUIRE(error.details->violations->size() == 1);
    CHECK(error.details->violations->front().pointer == "/parameters/period/end");
    CHECK(error.details->violations->front().code == "not_in_future");
}

TEST_CASE("unknown routes 404, known paths with other methods 405 with Allow", "[mock][routes]") {
    Fixture f;
    rp::Report created = f.create(seed_request_text());
    const std::string id = created.id.to_string();

    for (std::string path : std::vector<std::string>{
             "/api/2", "/api/2/", "/api/2/nothing", "/api/2/reports/", "/api/1/reports",
             "/api/2/reports/" + id + "/stored/x/y", "/api/2/tenants", "/"}) {
        INFO(path);
        require_error(f.get(path), 404, 404);
    }

    struct Case {
        std::string method, path, allow;
    };
    for (const Case& c : std::vector<Case>{
             {"GET", "/api/2/reports", "POST"},
             {"DELETE", "/api/2/reports", "POST"},
             {"POST", "/api/2/reports/" + id, "GET, PUT, DELETE"},
             {"PATCH", "/api/2/reports/" + id, "GET, PUT, DELETE"},
             {"PUT", "/api/2/reports/" + id + "/stored", "GET"},
             {"POST", "/api/2/tenants/" + id + "/reports", "GET"},
             {"GET", "/api/2/idp/token", "POST"},
         }) {
        INFO(c.method << ' ' << c.path);
        httplib::Request req;
        req.method = c.method;
        req.path = c.path;
        req.headers = bearer(f.token);
        if (c.method != "GET" && c.method != "DELETE")
            req.body = "{}", req.set_header("Content-Type", "application/json");
        auto res = f.http.send(req);
        require_error(res, 405, 405);
        CHECK(res->get_header_value("Allow") == c.allow);
    }
}

TEST_CASE("415 for a body that is not declared JSON, a charset parameter is fine",
          "[mock][routes]") {
    Fixture f;
    require_error(f.post("/api/2/reports", seed_request_text(), "text/plain"), 415, 415);
    require_error(
        f.post("/api/2/reports", seed_request_text(), "application/x-www-form-urlencoded"), 415,
        415);
    httplib::Request req;
    req.method = "POST";
    req.path = "/api/2/reports";
    req.headers = bearer(f.token);
    req.body = seed_request_text();
    require_error(f.http.send(req), 415, 415); // no Content-Type at all

    auto charset = f.post("/api/2/reports", seed_request_text(), "application/json; charset=utf-8");
    REQUIRE(charset);
    CHECK(charset->status == 200);
    auto upper = f.post("/api/2/reports", seed_request_text(), "Application/JSON");
    REQUIRE(upper);
    CHECK(upper->status == 200);

    rp::Report monthly = f.create(monthly_request());
    require_error(f.put("/api/2/reports/" + monthly.id.to_string(),
                        R"({"schedule": {"enabled": false}})", "text/json"),
                  415, 415);
}

TEST_CASE("413 for a body over the size limit, with the platform body", "[mock][routes]") {
    Fixture f({.max_body = 2048, .today = today});
    std::string big = seed_request_text();
    big.insert(big.size() - 2, std::string(3000, ' '));
    auto res = f.post("/api/2/reports", big);
    require_error(res, 413, 413);
    CHECK(f.server.reports().empty());

    // At the limit is still fine.
    std::string fits = seed_request_text();
    fits.insert(fits.size() - 2, std::string(2048 - fits.size(), ' '));
    REQUIRE(fits.size() == 2048);
    auto ok = f.post("/api/2/reports", fits);
    REQUIRE(ok);
    CHECK(ok->status == 200);

    // The journal counts the refused request as one aimed at a defined route.
    REQUIRE(f.server.journal().count("POST", "/api/2/reports") == 2);
    CHECK(f.server.journal().find("POST", "/api/2/reports")[0].status == 413);
    CHECK_NOTHROW(f.server.journal().require_all_routed());
}

TEST_CASE("the in-process seeding API agrees with HTTP", "[mock][api]") {
    Fixture f;
    auto created = f.server.create(rp::examples::seed_request());
    REQUIRE(created);
    auto res = f.get("/api/2/reports/" + created->id.to_string());
    REQUIRE(res);
    CHECK(res->body == rk::to_json_string(*created));

    rp::Report custom = rp::examples::seed_report();
    custom.version = 7;
    f.server.put(custom);
    auto fetched =
        rk::from_json<rp::Report>(f.get("/api/2/reports/" + custom.id.to_string())->body);
    REQUIRE(fetched);
    CHECK(fetched->version == 7);
    require_error(f.del("/api/2/reports/" + custom.id.to_string() + "?version=1"), 409,
                  rp::platform_code::version_mismatch);

    rp::ReportRequest bad = rp::examples::seed_request();
    bad.recipients.reset();
    auto refused = f.server.create(bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.errors().front().pointer == "/recipients");

    rp::Report invalid = custom;
    invalid.version = 0;
    CHECK_THROWS_AS(f.server.put(invalid), std::invalid_argument);

    CHECK(f.server.reports().size() == 2);
    f.server.reset();
    CHECK(f.server.reports().empty());
    CHECK(f.server.outbox().empty());
    CHECK(f.server.journal().size() == 0);
}
