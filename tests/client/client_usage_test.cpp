// client.usage(): a stored csv_v2_0 or json_v2_0 file as typed records, over real sockets
// against the in-process mock, and the streaming overload for large files.
#include <reportkit/client.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports/builder.hpp>
#include <reportkit/reports/examples.hpp>

#include <catch2/catch.hpp>

#include <httplib.h>

#include <string>
#include <thread>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using namespace std::chrono_literals;

namespace {

const rk::ClientOptions fast{.retry = {.min_delay = 1ms, .max_delay = 5ms}, .poll_interval = 10ms};
const rk::Date today{2024, 6, 1};

rp::ReportRequest daily(std::vector<rp::Format> formats, rp::Level level = rp::Level::accounts) {
    return rp::usage_report()
        .kind(rp::Kind::usage_daily)
        .tenant(rp::examples::seed_tenant())
        .level(level)
        .period("2024-05-01", "2024-05-31")
        .formats(std::move(formats))
        .once()
        .save()
        .build({.today = today})
        .value();
}

struct Setup {
    mock::Server server{{.seed = 11, .today = today}};
    rk::Client client{server.base_url(), server.issue_token(), fast};

    // The report's stored items, by format.
    std::map<rp::Format, rk::Uuid> create(const rp::ReportRequest& request, rk::Uuid& id) {
        auto created = client.create(request);
        REQUIRE(created);
        id = created->id;
        auto stored = client.wait_until_stored(id, 5s);
        REQUIRE(stored);
        std::map<rp::Format, rk::Uuid> out;
        for (const auto& item : stored->items)
            out.emplace(item.report_format, item.id);
        return out;
    }
};

} // namespace

TEST_CASE("usage: a csv_v2_0 item as UsageRecords, the same as the file the server made",
          "[client][usage]") {
    Setup s;
    rk::Uuid id;
    auto items = s.create(daily({rp::Format::csv_v2_0, rp::Format::json_v2_0}), id);
    rk::ApiResult<rp::UsageFile> file = s.client.usage(id, items.at(rp::Format::csv_v2_0));
    REQUIRE(file);
    CHECK(file->format == rp::Format::csv_v2_0);
    CHECK_FALSE(file->report);
    auto expected =
        rk::from_csv<rp::UsageRecord>(*s.server.stored_content(id, items.at(rp::Format::csv_v2_0)));
    REQUIRE(expected);
    REQUIRE(file->records.size() == expected->size());
    CHECK(rk::to_csv(file->records) == rk::to_csv(*expected));
    CHECK(file->records.front().tenant.id == rp::examples::seed_tenant());

    rk::ApiResult<rp::UsageFile> json = s.client.usage(id, items.at(rp::Format::json_v2_0));
    REQUIRE(json);
    CHECK(json->format == rp::Format::json_v2_0);
    REQUIRE(json->report);
    CHECK(json->report->tenants.size() == expected->size());
    CHECK(json->report->params.kind == 4);
}

TEST_CASE("usage: the streaming overload passes every record, in order, without keeping them",
          "[client][usage]") {
    Setup s;
    rk::Uuid id;
    auto items = s.create(daily({rp::Format::csv_v2_0, rp::Format::json_v2_0}), id);
    auto whole = s.client.usage(id, items.at(rp::Format::csv_v2_0));
    REQUIRE(whole);
    std::size_t n = 0;
    bool same = true;
    rk::ApiResult<rk::CsvSummary> streamed =
        s.client.usage(id, items.at(rp::Format::csv_v2_0), [&](const rp::UsageRecord& r) {
            same = same && n < whole->records.size()
                   && rk::to_json_string(r) == rk::to_json_string(whole->records[n]);
            ++n;
        });
    REQUIRE(streamed);
    CHECK(streamed->rows == whole->records.size());
    CHECK(n == whole->records.size());
    CHECK(same);
    CHECK(whole->records.size() > 5000); // a month of 17 tenants: many inflate buffers

    // A JSON document is read whole, with usage(id, stored_id), and said so.
    auto refused = s.client.usage(id, items.at(rp::Format::json_v2_0), [](const auto&) {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == rk::ClientErrorKind::invalid_response);
    CHECK_THAT(refused.error().message, Catch::Contains("json_v2_0"));
}

TEST_CASE("usage: a file that is not a report file is an invalid_response with diagnostics",
          "[client][usage]") {
    Setup s;
    rk::Uuid id;
    auto items = s.create(daily({rp::Format::csv, rp::Format::json_v1}), id);
    auto human = s.client.usage(id, items.at(rp::Format::csv));
    REQUIRE_FALSE(human);
    CHECK(human.error().kind == rk::ClientErrorKind::invalid_response);
    CHECK_FALSE(human.error().diagnostics.empty());
    CHECK_THAT(human.error().message, Catch::Contains("not a valid csv_v2_0 or json_v2_0"));
    auto legacy = s.client.usage(id, items.at(rp::Format::json_v1));
    REQUIRE_FALSE(legacy);
    CHECK(legacy.error().diagnostics.front().pointer.rfind("/", 0) == 0);

    auto streamed_human = s.client.usage(id, items.at(rp::Format::csv), [](const auto&) {});
    REQUIRE_FALSE(streamed_human);
    CHECK_FALSE(streamed_human.error().diagnostics.empty());

    auto missing = s.client.usage(id, rp::examples::seed_tenant());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().status == 404);
}

TEST_CASE("usage: the billing integration's request, save with [] and no formats, gives csv_v2_0",
          "[client][usage]") {
    Setup s;
    auto request = rk::from_json<rp::ReportRequest>(
        R"({"recipients": [], "parameters": {"kind": "usage_current", "tenant_id": ")"
        + rp::examples::seed_tenant().to_string()
        + R"(", "level": "accounts", "hide_zero_usage": "false", "show_skus": "true"},
            "schedule": {"type": "once"}, "result_action": "save"})");
    REQUIRE(request);
    CHECK(request.diagnostics().size() == 2); // the quoted booleans, read with a warning
    auto created = s.client.create(*request);
    REQUIRE(created);
    CHECK(created->recipients == std::vector<rk::Uuid>{});
    auto stored = s.client.wait_until_stored(created->id, 5s);
    REQUIRE(stored);
    REQUIRE(stored->items.size() == 1);
    CHECK(stored->items[0].report_format == rp::Format::csv_v2_0);
    auto file = s.client.usage(created->id, stored->items[0].id);
    REQUIRE(file);
    CHECK(file->records.front().sku);
    CHECK(file->records.front().date == rk::Date(2024, 5, 31));
}
