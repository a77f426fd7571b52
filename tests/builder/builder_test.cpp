#include <reportkit/reports.hpp>
#include <reportkit/reports/builder.hpp>
#include <reportkit/reports/examples.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;

namespace {

using Finding = std::pair<std::string, std::string>; // (pointer, code)

template <class T>
std::vector<Finding> findings(const rk::Result<T>& result,
                              rk::Severity severity = rk::Severity::error) {
    std::vector<Finding> out;
    for (const auto& d : result.diagnostics())
        if (d.severity == severity)
            out.emplace_back(d.pointer, d.code);
    return out;
}

// Validation walks a value from the root down, the reader closes inner objects first: the same
// diagnostics may come in another order.
std::vector<std::string> sorted(const std::vector<rk::Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics)
        out.push_back(d.pointer + ' ' + d.code + ' ' + d.message);
    std::sort(out.begin(), out.end());
    return out;
}

const char* const tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae";
const char* const alice = "ca451758-b48a-45d9-9ae6-8f1059f67619";
const char* const bob = "ab00e527-219b-481b-b01b-311b5be0ed3c";

// Kind, tenant and level given: the pieces every test below shares.
auto base() {
    return rp::usage_report()
        .kind(rp::Kind::usage_summary)
        .tenant(tenant)
        .level(rp::Level::accounts);
}

// A value from the builder written out and read back: from_json must accept it and give the
// same value and the same warnings.
template <class T>
void require_reads_back(const rk::Result<T>& built, const rk::ReadOptions& options = {}) {
    REQUIRE(built);
    std::string text = rk::to_json_string(*built);
    auto read = rk::from_json<T>(text, options);
    INFO(text);
    REQUIRE(read);
    CHECK(rk::to_json_string(*read) == text);
    CHECK(sorted(read.diagnostics()) == sorted(built.diagnostics()));
}

} // namespace

TEST_CASE("the seed's request built with the builder is the seed's text, byte for byte",
          "[builder][seed]") {
    auto request = rp::usage_report()
                       .kind(rp::Kind::usage_summary)
                       .tenant(tenant)
                       .level(rp::Level::accounts)
                       .period("2017-05-01", "2017-05-07")
                       .formats({rp::Format::csv, rp::Format::html})
                       .once_on("2017-05-08")
                       .send_to({alice, bob})
                       .build();
    REQUIRE(request);
    CHECK(request.diagnostics().empty());

    std::ifstream in(std::string(REPORTKIT_TEST_DATA) + "/seed-request.json", std::ios::binary);
    std::ostringstream seed;
    seed << in.rdbuf();
    REQUIRE(!seed.str().empty());
    CHECK(rk::to_json_string(*request, {.indent = 4}) == seed.str());
}

TEST_CASE("values and text may be mixed: a Uuid, a Date or their text", "[builder]") {
    auto from_values = rp::usage_report()
                           .kind(rp::Kind::usage_daily)
                           .tenant(*rk::Uuid::parse(tenant))
                           .level(rp::Level::itself)
                           .period(rk::Date(2017, 5, 1), "2017-05-07")
                           .once_on(rk::Date(2017, 5, 8))
                           .send_to(std::vector<rk::Uuid>{*rk::Uuid::parse(alice)})
                           .build();
    auto from_text = rp::usage_report()
                         .kind(rp::Kind::usage_daily)
                         .tenant(std::string(tenant))
                         .level(rp::Level::itself)
                         .period(std::string_view("2017-05-01"), rk::Date(2017, 5, 7))
                         .once_on("2017-05-08")
                         .send_to({alice})
                         .build();
    REQUIRE(from_values);
    REQUIRE(from_text);
    CHECK(rk::to_json_string(*from_values) == rk::to_json_string(*from_text));
}

TEST_CASE("the schedule and result action calls set the fields their rules tie together",
          "[builder]") {
    SECTION("once(): type once, no generation date, enabled left to the server") {
        auto r = base().once().save().build();
        REQUIRE(r);
        CHECK(rk::to_json_string(r->schedule) == R"({"type":"once"})");
        CHECK_FALSE(r->generation_date);
    }
    SECTION("once_on(date): type once and the generation date") {
        auto r = base().once_on("2017-05-08").save().build();
        REQUIRE(r);
        CHECK(r->schedule.type == rp::ScheduleType::once);
        CHECK(r->generation_date == rk::Date(2017, 5, 8));
    }
    SECTION("monthly(): enabled is written out, true by default") {
        CHECK(rk::to_json_string(base().monthly().save().build()->schedule)
              == R"({"type":"monthly","enabled":true})");
        CHECK(rk::to_json_string(base().monthly(false).save().build()->schedule)
              == R"({"type":"monthly","enabled":false})");
    }
    SECTION("save(): result_action save and no recipients key at all") {
        auto r = base().once().save().build();
        REQUIRE(r);
        CHECK(r->result_action == rp::ResultAction::save);
        CHECK_FALSE(r->recipients);
        CHECK(rk::to_json_string(*r).find("recipients") == std::string::npos);
    }
    SECTION("send_to(...): result_action send with those recipients, in order") {
        auto r = base().once().send_to({bob, alice}).build();
        REQUIRE(r);
        CHECK(r->result_action == rp::ResultAction::send);
        CHECK(rk::to_json_string(*r->recipients)
              == std::string("[\"") + bob + "\",\"" + alice + "\"]");
    }
}

TEST_CASE("what only run time can know comes back as diagnostics, never as an exception",
          "[builder][diagnostics]") {
    auto build = [](auto builder, const rk::ValidateOptions& options = {}) {
        rk::Result<rp::ReportRequest> r(std::vector<rk::Diagnostic>{});
        REQUIRE_NOTHROW(r = builder.build(options));
        CHECK_FALSE(r);
        return r;
    };

    SECTION("a malformed tenant UUID, with the reader's message") {
        auto r = build(rp::usage_report()
                           .kind(rp::Kind::usage_summary)
                           .tenant("EDE9F834-70b3-476c-83d9-736f9f8c7dae")
                           .level(rp::Level::accounts)
                           .once()
                           .save());
        REQUIRE(findings(r) == std::vector<Finding>{{"/parameters/tenant_id", "format"}});
        CHECK(r.diagnostics()[0].message
              == "expected a UUID in lower-case 8-4-4-4-12 hexadecimal form, got "
                 "\"EDE9F834-70b3-476c-83d9-736f9f8c7dae\": upper-case hexadecimal digits are "
                 "not allowed; the API requires lower case");
        // The reader says the same about the same text.
        auto read = rk::from_json<rp::ReportRequest>(
            R"({"parameters":{"kind":"usage_summary","level":"accounts",)"
            R"("tenant_id":"EDE9F834-70b3-476c-83d9-736f9f8c7dae"},)"
            R"("schedule":{"type":"once"},"result_action":"save"})");
        CHECK(read.errors() == r.errors());
    }
    SECTION("malformed and impossible dates, each at its own pointer") {
        auto r = build(base().period("2017-5-1", "2017-02-30").once_on("tomorrow").save());
        CHECK(findings(r)
              == std::vector<Finding>{{"/parameters/period/start", "format"},
                                      {"/parameters/period/end", "format"},
                                      {"/generation_date", "format"}});
        CHECK(r.diagnostics()[1].message
              == "expected a date in YYYY-MM-DD form, got \"2017-02-30\": not a calendar date");
    }
    SECTION("malformed recipients, at their index") {
        auto r = build(base().once().send_to({alice, "not-a-uuid", bob, ""}));
        CHECK(findings(r)
              == std::vector<Finding>{{"/recipients/1", "format"}, {"/recipients/3", "format"}});
    }
    SECTION("start after end") {
        auto r = build(base().period("2017-05-07", "2017-05-01").once().save());
        REQUIRE(findings(r) == std::vector<Finding>{{"/parameters/period/start", "ordered"}});
        CHECK(r.diagnostics()[0].message
              == "must not be after /parameters/period/end: \"2017-05-07\" is after "
                 "\"2017-05-01\"");
    }
    SECTION("a period in the future, judged by the injected clock") {
        auto r = build(base().period("2017-05-01", "2017-05-09").once().save(),
                       {.today = rk::Date(2017, 5, 8)});
        CHECK(findings(r) == std::vector<Finding>{{"/parameters/period/end", "not_in_future"}});
        CHECK(base()
                  .period("2017-05-01", "2017-05-09")
                  .once()
                  .save()
                  .build({.today = rk::Date(2017, 5, 9)}));
    }
    SECTION("empty or repeated recipients and formats") {
        CHECK(findings(build(base().once().send_to({})))
              == std::vector<Finding>{{"/recipients", "non_empty"}});
        CHECK(findings(build(base().once().send_to({alice, bob, alice})))
              == std::vector<Finding>{{"/recipients/2", "unique"}});
        CHECK(findings(build(base().formats({}).once().save()))
              == std::vector<Finding>{{"/parameters/formats", "non_empty"}});
        CHECK(findings(build(base().formats({rp::Format::csv, rp::Format::csv}).once().save()))
              == std::vector<Finding>{{"/parameters/formats/1", "unique"}});
    }
}

TEST_CASE("warnings travel with a built value", "[builder][diagnostics]") {
    auto r = rp::usage_report()
                 .kind(rp::Kind::usage_daily)
                 .tenant(tenant)
                 .level(rp::Level::accounts)
                 .formats({rp::Format::json_v1})
                 .monthly()
                 .save()
                 .build();
    REQUIRE(r);
    CHECK(findings(r, rk::Severity::warning)
          == std::vector<Finding>{{"/parameters/formats/0", "allowed_subset"},
                                  {"/parameters/period", "recommended"}});
    require_reads_back(r);
}

TEST_CASE("an optional piece given twice: the last call wins, its problems included",
          "[builder][twice]") {
    auto twice = base()
                     .period("2017-05-01", "2017-05-02")
                     .period("2017-04-01", "2017-04-30")
                     .formats({rp::Format::json_v1})
                     .formats({rp::Format::csv})
                     .hide_zero_usage(true)
                     .hide_zero_usage(false)
                     .show_skus(false)
                     .show_skus(true)
                     .once()
                     .save()
                     .build();
    REQUIRE(twice);
    CHECK(rk::to_json_string(twice->parameters)
          == R"({"kind":"usage_summary","tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae",)"
             R"("level":"accounts","period":{"start":"2017-04-01","end":"2017-04-30"},)"
             R"("formats":["csv"],"hide_zero_usage":false,"show_skus":true})");

    // A malformed period replaced by a good one leaves no trace; the other way round, it does.
    CHECK(base().period("bad", "worse").period("2017-04-01", "2017-04-30").once().save().build());
    auto bad_last =
        base().period("2017-04-01", "2017-04-30").period("bad", "2017-04-30").once().save().build();
    CHECK(findings(bad_last) == std::vector<Finding>{{"/parameters/period/start", "format"}});
}

TEST_CASE("a builder never yields a payload that from_json rejects", "[builder][round-trip]") {
    // Every combination of the builder's calls, with good and with bad values; whatever builds
    // must read back unchanged, warnings and all.
    const rk::ReadOptions options{.today = rk::Date(2017, 6, 30)};
    const std::vector<std::pair<const char*, const char*>> periods{{nullptr, nullptr},
                                                                   {"2017-05-01", "2017-05-31"},
                                                                   {"2017-05-31", "2017-05-01"},
                                                                   {"2017-06-01", "2017-07-01"}};
    const std::vector<std::vector<rp::Format>> format_lists{
        {},
        {rp::Format::csv},
        {rp::Format::csv, rp::Format::html},
        {rp::Format::json_v1, rp::Format::csv_v2_0, rp::Format::json_v2_0},
        {rp::Format::html, rp::Format::html}};
    const std::vector<std::vector<rp::UuidInput>> recipient_lists{
        {alice}, {alice, bob}, {}, {alice, alice}};
    std::size_t built = 0, refused = 0;
    for (rp::Kind kind : {rp::Kind::usage_daily, rp::Kind::usage_summary, rp::Kind::usage_current,
                          rp::Kind::usage_breakdown})
        for (std::size_t l = 0; l < rk::enum_names<rp::Level>().size(); ++l)
            for (const auto& [start, end] : periods)
                for (std::size_t f = 0; f <= format_lists.size(); ++f)
                    for (int schedule = 0; schedule < 4; ++schedule)
                        for (std::size_t action = 0; action <= recipient_lists.size(); ++action) {
                            auto b = rp::usage_report().kind(kind).tenant(tenant).level(
                                static_cast<rp::Level>(l));
                            if (start)
                                b = b.period(start, end);
                            if (f < format_lists.size())
                                b = b.formats(format_lists[f]);
                            if (l % 2)
                                b = b.hide_zero_usage(l == 1).show_skus(l == 3);
                            auto s = schedule == 0   ? b.once()
                                     : schedule == 1 ? b.once_on("2017-06-01")
                                                     : b.monthly(schedule == 2);
                            auto done = action == recipient_lists.size()
                                            ? s.save()
                                            : s.send_to(recipient_lists[action]);
                            auto result = done.build({.today = options.today});
                            if (!result) {
                                ++refused;
                                continue;
                            }
                            ++built;
                            require_reads_back(result, options);
                        }
    // Both outcomes occur, so the loop tested something on each side.
    CHECK(built > 1000);
    CHECK(refused > 1000);
}

TEST_CASE("report_update() builds PUT bodies, every piece optional, the last call wins",
          "[builder][update]") {
    CHECK(rk::to_json_string(*rp::report_update().build()) == "{}");
    CHECK(rk::to_json_string(*rp::report_update().disable().build())
          == R"({"schedule":{"enabled":false}})");
    CHECK(rk::to_json_string(*rp::report_update().disable().enable().build())
          == R"({"schedule":{"enabled":true}})");

    auto full = rp::report_update()
                    .send_to({alice})
                    .kind(rp::Kind::usage_daily)
                    .level(rp::Level::all_partners)
                    .hide_zero_usage(true)
                    .show_skus(false)
                    .enabled(true)
                    .build();
    REQUIRE(full);
    CHECK(rk::to_json_string(*full)
          == std::string(R"({"recipients":[")") + alice
                 + R"("],"parameters":{"kind":"usage_daily","level":"all_partners",)"
                   R"("hide_zero_usage":true,"show_skus":false},"schedule":{"enabled":true}})");
    require_reads_back(full);

    auto bad = rp::report_update().send_to({alice, "ALICE"}).build();
    CHECK(findings(bad) == std::vector<Finding>{{"/recipients/1", "format"}});
    CHECK(findings(rp::report_update().send_to({bob, bob}).build())
          == std::vector<Finding>{{"/recipients/1", "unique"}});
    // An empty list is no error on its own: it is judged against the stored report's
    // result_action (README, Decisions), which the builder does not know.
    CHECK(findings(rp::report_update().send_to({}).build()).empty());
    // Replacing bad recipients with good ones clears their problems.
    CHECK(rp::report_update().send_to({"bad"}).send_to({bob}).build());
}
