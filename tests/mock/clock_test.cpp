// One clock for the whole mock: set and moved by a test or the admin API, read by tokens,
// stored-file readiness, timestamps, the period rule and the usage-history window. Over real
// sockets, no sleeping.
#include "clock_support.hpp"

using namespace mocktest;

TEST_CASE("POST /__admin/clock sets or advances the clock, GET shows it, bad bodies are 400",
          "[mock][clock][admin]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    CHECK(f.get("/__admin/clock")->body == R"({"now":"2017-05-15T10:00:00+00:00"})");
    CHECK(f.post("/__admin/clock", R"({"advance": "PT2H"})")->body
          == R"({"now":"2017-05-15T12:00:00+00:00"})");
    CHECK(f.post("/__admin/clock", R"({"advance": 90})")->body
          == R"({"now":"2017-05-15T12:01:30+00:00"})");
    CHECK(f.post("/__admin/clock", R"({"advance": "P1M2DT3M"})")->body
          == R"({"now":"2017-06-17T12:04:30+00:00"})");
    CHECK(f.post("/__admin/clock", R"({"now": "2017-01-31T00:00:00Z"})")->body
          == R"({"now":"2017-01-31T00:00:00+00:00"})");
    CHECK(f.post("/__admin/clock", R"({"advance": "P1M"})")->body
          == R"({"now":"2017-02-28T00:00:00+00:00"})"); // the 31st becomes February's last

    for (std::string body : {R"({})", R"({"now": "2017-01-31T00:00:00Z", "advance": 1})"}) {
        auto res = f.post("/__admin/clock", body);
        REQUIRE(res->status == 400);
        CHECK(error_of(res).details->info->find("exactly one of \"now\"") != std::string::npos);
    }
    auto bad = f.post("/__admin/clock", R"({"advance": "P1X"})");
    REQUIRE(bad->status == 400);
    CHECK(*error_of(bad).details->info
          == "/advance: expected an ISO 8601 duration such as \"P1M\", \"PT2H\" or \"P1DT30M\", "
             "got \"P1X\": 'X' is not a designator here (allowed: YMWD, then T)");
    CHECK(f.post("/__admin/clock", R"({"advance": -5})")->status == 400);
    CHECK(f.post("/__admin/clock", R"({"now": "yesterday"})")->status == 400);
    CHECK(f.get("/__admin/clock")->body == R"({"now":"2017-02-28T00:00:00+00:00"})"); // unmoved
}

TEST_CASE("Tokens expire on the mock clock, expires_on is the clock's now plus the lifetime",
          "[mock][clock]") {
    Fixture f({.now = at("2017-05-15T10:00:00Z")}); // the documented two hours
    auto res = f.post("/__admin/token", "");
    auto token = rk::from_json<rp::TokenResponse>(res->body);
    REQUIRE(token);
    CHECK(token->expires_on == 1494842400 + 7200); // 2017-05-15T10:00:00Z + 2 h

    httplib::Client http(f.server.url());
    http.set_bearer_token_auth(token->access_token);
    CHECK(http.Get("/api/2/tenants/" + tenant + "/reports")->status == 200);
    f.server.clock().advance("PT1H59M59S");
    CHECK(http.Get("/api/2/tenants/" + tenant + "/reports")->status == 200);
    f.server.clock().advance(std::chrono::seconds(1));
    auto expired = http.Get("/api/2/tenants/" + tenant + "/reports");
    REQUIRE(expired->status == 401);
    CHECK(*error_of(expired).details->info == "the bearer token has expired");
}

TEST_CASE("With --seed, time is not fixed: a fresh token's expires_on is two hours from now",
          "[mock][clock]") {
    mock::Server server{{.clients = {{"c", "s"}}, .seed = 42}};
    httplib::Client http(server.url());
    http.set_basic_auth("c", "s");
    auto res = http.Post("/api/2/idp/token", "grant_type=client_credentials",
                         "application/x-www-form-urlencoded");
    REQUIRE(res->status == 200);
    auto token = rk::from_json<rp::TokenResponse>(res->body);
    REQUIRE(token);
    auto wall = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
    // What the vendor's sample clients do: compare it with their own clock.
    CHECK(token->expires_on > wall + 7000);
    CHECK(token->expires_on <= wall + 7200);
}

TEST_CASE("The stored-file delay runs on the mock clock", "[mock][clock]") {
    Fixture f({.stored_delay = 90s, .now = at("2017-05-15T10:00:00Z")});
    rp::Report report = f.create(once_on("2017-05-15"));
    CHECK(stored_of(f, report.id).items.at(0).status == rp::StoredStatus::in_progress);
    f.server.clock().advance(std::chrono::seconds(89));
    CHECK(stored_of(f, report.id).items.at(0).status == rp::StoredStatus::in_progress);
    f.server.clock().advance(std::chrono::seconds(1));
    CHECK(stored_of(f, report.id).items.at(0).status == rp::StoredStatus::saved);
}

TEST_CASE("The period rule's today is the mock clock's date", "[mock][clock]") {
    Fixture f(starting("2017-05-15T23:00:00Z"));
    auto request = [](std::string_view end) {
        return R"({"parameters": {"kind": "usage_daily", "tenant_id": ")" + tenant
               + R"(", "level": "itself", "period": {"start": "2017-05-01", "end": ")"
               + std::string(end)
               + R"("}}, "schedule": {"type": "once"}, "result_action": "save"})";
    };
    CHECK(f.post("/api/2/reports", request("2017-05-15"))->status == 200);
    auto future = f.post("/api/2/reports", request("2017-05-16"));
    REQUIRE(future->status == 400);
    CHECK(error_of(future).details->violations->at(0).code == "not_in_future");
    f.server.clock().advance("PT1H");
    CHECK(f.post("/api/2/reports", request("2017-05-16"))->status == 200);
}

TEST_CASE("Timestamps come from the clock: a clock standing still gives equal answers",
          "[mock][clock]") {
    auto run = [] {
        Fixture f({.seed = 5, .now = at("2017-05-15T10:00:00Z")});
        rp::Report report = f.create(once_on("2017-05-15"));
        return f.get("/api/2/reports/" + report.id.to_string() + "/stored")->body;
    };
    std::string first = run();
    CHECK(first.find("\"created_at\":\"2017-05-15T10:00:00+00:00\"") != std::string::npos);
    CHECK(run() == first);
}

TEST_CASE("Options::today is the clock's start at 00:00:00 UTC, with now it is refused",
          "[mock][clock]") {
    mock::Server server{{.today = rk::Date(2017, 5, 15)}};
    CHECK(rk::Timestamp::from_time(server.clock().now()).to_string()
          == "2017-05-15T00:00:00+00:00");
    CHECK_THROWS_WITH(
        (mock::Server{{.now = at("2017-05-15T10:00:00Z"), .today = rk::Date(2017, 5, 15)}}),
        Catch::Contains("not both"));
}

TEST_CASE("The usage-history window is opt-in: 400 with the documented message while it runs",
          "[mock][clock][usage_history]") {
    const std::string current = once_on("2017-05-15"); // usage_current: yesterday's data
    const std::string old_period =
        R"({"parameters": {"kind": "usage_daily", "tenant_id": ")" + tenant
        + R"(", "level": "itself", "period": {"start": "2017-05-01", "end": "2017-05-13"}},
            "schedule": {"type": "once"}, "result_action": "save"})";

    SECTION("off by default: even at 03:00 a create is made") {
        Fixture f(starting("2017-05-15T03:00:00Z"));
        CHECK(f.post("/api/2/reports", current)->status == 200);
    }
    SECTION("on: at 03:00 a create including yesterday is refused, and nothing is made") {
        Fixture f({.token_ttl = years_long,
                   .now = at("2017-05-15T03:00:00Z"),
                   .usage_history_window = mock::UsageHistoryWindow{}});
        auto res = f.post("/api/2/reports", current);
        REQUIRE(res->status == 400);
        auto error = error_of(res);
        CHECK(code_of(error) == 400);
        CHECK(error.message == "Usage history is not ready and shouldn't be ready yet");
        CHECK(*error.details->info
              == "the usage of 2017-05-14 is being computed until 2017-05-15T06:00:00+00:00");
        CHECK(f.server.reports().empty());

        // What it does not touch: data before yesterday, and reports generated later.
        CHECK(f.post("/api/2/reports", old_period)->status == 200);
        CHECK(f.post("/api/2/reports", monthly("save"))->status == 200);
        CHECK(f.post("/api/2/reports", once_on("2017-05-20"))->status == 200);

        f.server.clock().set(at("2017-05-15T05:59:59Z"));
        CHECK(f.post("/api/2/reports", current)->status == 400);
        f.server.clock().set(at("2017-05-15T06:00:00Z"));
        CHECK(f.post("/api/2/reports", current)->status == 200);
        f.server.clock().set(at("2017-05-16T00:59:59Z"));
        CHECK(f.post("/api/2/reports", once_on("2017-05-16"))->status == 200);
    }
}

TEST_CASE("Fault::usage_history_late() is the platform's 500 for a late computation",
          "[mock][usage_history]") {
    Fixture f;
    f.server.inject(mock::Fault::usage_history_late());
    auto res = f.post("/api/2/reports", save_request());
    REQUIRE(res->status == 500);
    CHECK(error_of(res).message == rp::usage_history_late_message);
    CHECK(f.server.reports().empty());
    CHECK(f.post("/api/2/reports", save_request())->status == 200); // used up
}

TEST_CASE("ISO 8601 durations and calendar months", "[mock][clock]") {
    using mock::parse_iso8601_duration;
    std::string why;
    auto d = parse_iso8601_duration("P1Y2M3W4DT5H6M7S", &why);
    REQUIRE(d);
    CHECK(d->months == std::chrono::months(14));
    CHECK(d->fixed == std::chrono::seconds(((21 + 4) * 24 + 5) * 3600 + 6 * 60 + 7));
    for (std::string_view bad :
         {"", "P", "1M", "PT", "P1", "PM", "P1M1Y", "PT1H1H", "P1.5D", "P-1D", "P1DT"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso8601_duration(bad, &why));
        CHECK(why.starts_with("expected an ISO 8601 duration"));
    }
    auto on = [](std::string_view t) {
        return std::chrono::system_clock::time_point(at(t).time());
    };
    CHECK(mock::add_months(on("2016-01-31T10:00:00Z"), std::chrono::months(1))
          == on("2016-02-29T10:00:00Z"));
    CHECK(mock::add_months(on("2017-12-15T00:00:00Z"), std::chrono::months(2))
          == on("2018-02-15T00:00:00Z"));
    mock::Clock clock({}, on("2017-05-15T00:00:00Z"));
    CHECK_THROWS_AS(clock.advance(std::chrono::seconds(-1)), std::invalid_argument);
    CHECK_THROWS_WITH(clock.advance("P1X"), Catch::Contains("'X' is not a designator"));
}

TEST_CASE("Every answer carries the mock clock in its Date header", "[mock][clock]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    CHECK(f.get("/api/2/tenants/" + tenant + "/reports")->get_header_value("Date")
          == "Mon, 15 May 2017 10:00:00 GMT");
    CHECK(f.get("/api/2/nowhere")->get_header_value("Date") == "Mon, 15 May 2017 10:00:00 GMT");
}

TEST_CASE("Dates past the clock's range: a once report for 4034 is created and waits, the clock "
          "refuses to be set or moved past 2262 and stays where it was",
          "[mock][clock][schedule]") {
    mock::Options options = starting("2017-05-01T08:00:00Z");
    options.token_ttl = std::chrono::years(150); // the test's token outlives its century
    Fixture f(options);
    rp::Report far = f.create(once_on("4034-05-08"));
    CHECK(stored_of(f, far.id).items.empty());
    f.server.clock().advance(std::chrono::years(100)); // 2117: still before it
    CHECK(stored_of(f, far.id).items.empty());

    auto set = f.post("/__admin/clock", R"({"now": "9999-12-31T23:59:59Z"})");
    REQUIRE(set->status == 400);
    CHECK(error_of(set).details->info->find("/now: 9999-12-31T23:59:59") == 0);
    CHECK(error_of(set).details->info->find("beyond the instants the mock clock holds")
          != std::string::npos);
    auto moved = f.post("/__admin/clock", R"({"advance": "P200Y"})");
    REQUIRE(moved->status == 400);
    CHECK(error_of(moved).details->info->find("/advance: ") == 0);
    CHECK(f.post("/__admin/clock", R"({"advance": 6307200000})")->status == 400);
    CHECK(f.get("/__admin/clock")->body == R"({"now":"2117-05-01T08:00:00+00:00"})"); // unmoved
    CHECK_THROWS_AS(f.server.clock().set(*rk::Timestamp::parse("2300-01-01T00:00:00Z")),
                    std::invalid_argument);
}
