// The schedules API.md documents, running on the mock clock: once on its generation_date,
// monthly on each 1st, send on the 2nd. Every case moves the clock instead of sleeping, over
// real sockets; each reads as the documentation's sentence it checks.
#include "clock_support.hpp"

#include <reportkit/reports/generation.hpp>

using namespace mocktest;

TEST_CASE("A monthly save report created on 2017-05-15: none on 05-31, May's on 06-02, two on "
          "07-02, disabled on 07-10 it stays at two on 08-02",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    rp::Report report = f.create(monthly("save"));
    CHECK(stored_of(f, report.id).items.empty());

    f.server.clock().set(at("2017-05-31T12:00:00Z"));
    CHECK(stored_of(f, report.id).items.empty());
    f.server.clock().set(at("2017-06-01T23:59:58Z")); // a second before the documented instant
    CHECK(stored_of(f, report.id).items.empty());

    f.server.clock().set(at("2017-06-02T09:00:00Z"));
    auto june = stored_of(f, report.id).items;
    REQUIRE(june.size() == 1);
    CHECK(june[0].created_at.to_string() == "2017-06-01T23:59:59+00:00");
    CHECK(june[0].status == rp::StoredStatus::saved);
    CHECK(june[0].report_format == rp::Format::csv_v2_0);
    CHECK(dates_in(f, report.id, june[0].id) == std::set<std::string>{"2017-05-31"}); // May

    f.server.clock().set(at("2017-07-02T09:00:00Z"));
    auto july = stored_of(f, report.id).items;
    REQUIRE(july.size() == 2);
    CHECK(july[0].id == june[0].id);
    CHECK(july[1].created_at.to_string() == "2017-07-01T23:59:59+00:00");
    CHECK(dates_in(f, report.id, july[1].id) == std::set<std::string>{"2017-06-30"}); // June

    f.server.clock().set(at("2017-07-10T09:00:00Z"));
    disable(f, report.id);
    f.server.clock().set(at("2017-08-02T09:00:00Z"));
    CHECK(stored_of(f, report.id).items.size() == 2);
}

TEST_CASE("A once report for 2017-05-08 created on 2017-05-01 is empty until 2017-05-08",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-01T08:00:00Z"));
    rp::Report report = f.create(once_on("2017-05-08"));
    CHECK(stored_of(f, report.id).items.empty());
    f.server.clock().set(at("2017-05-07T23:59:59Z"));
    CHECK(stored_of(f, report.id).items.empty());

    f.server.clock().set(at("2017-05-08T00:00:00Z"));
    auto items = stored_of(f, report.id).items;
    REQUIRE(items.size() == 1);
    CHECK(items[0].created_at.to_string() == "2017-05-08T00:00:00+00:00");
    // usage_current reports the day before generation.
    CHECK(dates_in(f, report.id, items[0].id) == std::set<std::string>{"2017-05-07"});

    f.server.clock().advance(std::chrono::months(3)); // generated once, not again
    CHECK(stored_of(f, report.id).items.size() == 1);
}

TEST_CASE("A once report due today (or without a generation_date) is generated when created",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-08T08:00:00Z"));
    CHECK(stored_of(f, f.create(once_on("2017-05-08")).id).items.size() == 1);
    CHECK(stored_of(f, f.create(once_on("2017-05-01")).id).items.size() == 1);
}

TEST_CASE("Advancing the clock by a year makes twelve monthly generations, one per month, and "
          "the tenant's list and each report's stored list agree",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    rp::Report a = f.create(monthly("save"));
    rp::Report b = f.create(monthly("save", R"(["csv", "html"])"));

    auto res = f.post("/__admin/clock", R"({"advance": "P1Y"})");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    CHECK(res->body == R"({"now":"2018-05-15T10:00:00+00:00"})");

    auto items = stored_of(f, a.id).items;
    REQUIRE(items.size() == 12);
    std::set<std::string> instants;
    for (const rp::StoredReport& item : items)
        instants.insert(item.created_at.to_string());
    CHECK(instants.size() == 12);
    CHECK(*instants.begin() == "2017-06-01T23:59:59+00:00");
    CHECK(*instants.rbegin() == "2018-05-01T23:59:59+00:00");
    CHECK(stored_of(f, b.id).items.size() == 24); // two formats each month

    auto listed =
        rk::from_json<rp::TenantReports>(f.get("/api/2/tenants/" + tenant + "/reports")->body);
    REQUIRE(listed);
    CHECK(listed->items == std::vector<rk::Uuid>{a.id, b.id});
    std::set<rk::Uuid> ids;
    for (const rk::Uuid& id : listed->items)
        for (const rp::StoredReport& item : stored_of(f, id).items)
            ids.insert(item.id);
    CHECK(ids.size() == 36); // no file shared, none lost

    // A deleted report leaves the tenant's list, and its files go with it.
    REQUIRE(f.del("/api/2/reports/" + b.id.to_string() + "?version=1")->status == 204);
    f.server.clock().advance(std::chrono::months(1));
    listed = rk::from_json<rp::TenantReports>(f.get("/api/2/tenants/" + tenant + "/reports")->body);
    CHECK(listed->items == std::vector<rk::Uuid>{a.id});
    CHECK(stored_of(f, a.id).items.size() == 13);
    CHECK(f.get("/api/2/reports/" + b.id.to_string() + "/stored")->status == 404);
}

TEST_CASE("A monthly report enabled again resumes from the next 1st, not with the months it "
          "was off",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    rp::Report report = f.create(monthly("save"));
    disable(f, report.id);
    f.server.clock().set(at("2017-08-10T00:00:00Z"));
    CHECK(stored_of(f, report.id).items.empty());
    disable(f, report.id, true);
    CHECK(stored_of(f, report.id).items.empty());
    f.server.clock().set(at("2017-09-02T00:00:00Z"));
    auto items = stored_of(f, report.id).items;
    REQUIRE(items.size() == 1);
    CHECK(items[0].created_at.to_string() == "2017-09-01T23:59:59+00:00");
    CHECK(dates_in(f, report.id, items[0].id) == std::set<std::string>{"2017-08-31"});
}

TEST_CASE("A monthly send report is e-mailed on the 2nd: one outbox entry a month, none when "
          "disabled",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    rp::Report report = f.create(monthly("send"));
    CHECK(outbox_entries_of(f.server, report.id) == 0); // created, not generated
    f.server.clock().set(at("2017-06-01T23:59:59Z"));
    CHECK(outbox_entries_of(f.server, report.id) == 0);
    f.server.clock().set(at("2017-06-02T00:00:00Z"));
    REQUIRE(outbox_entries_of(f.server, report.id) == 1);
    CHECK(f.server.outbox().back().sent_at.to_string() == "2017-06-02T00:00:00+00:00");
    CHECK(stored_of(f, report.id).items.empty()); // send: nothing stored

    disable(f, report.id);
    f.server.clock().advance("P3M");
    CHECK(outbox_entries_of(f.server, report.id) == 1);
}

TEST_CASE("A once send report for a later date is e-mailed on that date, once",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-01T08:00:00Z"));
    rp::Report report = f.create(once_on("2017-05-08", "send"));
    CHECK(outbox_entries_of(f.server, report.id) == 0);
    f.server.clock().advance("P10D");
    REQUIRE(outbox_entries_of(f.server, report.id) == 1);
    CHECK(f.server.outbox().back().sent_at.to_string() == "2017-05-08T00:00:00+00:00");
}

TEST_CASE("A file made by a schedule shows the report as it was then", "[mock][schedule]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    rp::Report report = f.create(monthly("save"));
    f.server.clock().set(at("2017-06-02T00:00:00Z"));
    auto res =
        f.put("/api/2/reports/" + report.id.to_string(), R"({"parameters": {"level": "itself"}})");
    REQUIRE(res->status == 200);
    f.server.clock().set(at("2017-07-02T00:00:00Z"));
    auto items = stored_of(f, report.id).items;
    REQUIRE(items.size() == 2);
    auto tenants_in = [&](const rk::Uuid& stored) {
        auto file = f.server.stored_content(report.id, stored);
        REQUIRE(file);
        auto rows = rk::from_csv<rp::UsageRecord>(std::string_view(*file), rp::usage_csv_options());
        REQUIRE(rows);
        std::set<rk::Uuid> tenants;
        for (const rp::UsageRecord& r : *rows)
            tenants.insert(r.tenant.id);
        return tenants.size();
    };
    CHECK(tenants_in(items[0].id) == 17); // accounts, as in May's generation
    CHECK(tenants_in(items[1].id) == 1);  // itself, after the update
}

TEST_CASE("The schedule instants of reports/generation.hpp", "[mock][schedule]") {
    using namespace std::chrono;
    CHECK(rk::Timestamp::from_time(rp::monthly_generation(2017y / June)).to_string()
          == "2017-06-01T23:59:59+00:00");
    CHECK(rk::Timestamp::from_time(rp::monthly_mailing(2017y / June)).to_string()
          == "2017-06-02T00:00:00+00:00");
    CHECK(rp::month_covered(2017y / January).start == rk::Date(2016, 12, 1));
    CHECK(rp::month_covered(2017y / March).end == rk::Date(2017, 2, 28));
}

TEST_CASE("A clock set back runs nothing twice, and what was not made yet is made",
          "[mock][schedule]") {
    Fixture f(starting("2017-05-15T10:00:00Z"));
    rp::Report report = f.create(monthly("save"));
    f.server.clock().set(at("2017-07-02T00:00:00Z"));
    REQUIRE(stored_of(f, report.id).items.size() == 2);
    f.server.clock().set(at("2017-05-20T00:00:00Z"));
    rp::Report later = f.create(once_on("2017-05-25")); // made while the clock was back
    f.server.clock().set(at("2017-07-02T00:00:00Z"));
    CHECK(stored_of(f, report.id).items.size() == 2);
    CHECK(stored_of(f, later.id).items.size() == 1);
    f.server.clock().set(at("2017-08-02T00:00:00Z"));
    CHECK(stored_of(f, report.id).items.size() == 3);
}

TEST_CASE("Schedules run while the mock runs: restarted later on its state file, it makes only "
          "what comes due from then on",
          "[mock][schedule]") {
    TempDir dir;
    const std::string file = dir.file("state.db");
    rk::Uuid id;
    {
        Fixture f({.token_ttl = years_long, .state_file = file, .now = at("2017-05-15T10:00:00Z")});
        id = f.create(monthly("save")).id;
    }
    Fixture again({.token_ttl = years_long, .state_file = file, .now = at("2017-07-02T00:00:00Z")});
    CHECK(stored_of(again, id).items.empty()); // June and July passed while it was stopped
    again.server.clock().set(at("2017-08-02T00:00:00Z"));
    auto items = stored_of(again, id).items;
    REQUIRE(items.size() == 1);
    CHECK(items[0].created_at.to_string() == "2017-08-01T23:59:59+00:00");
}
