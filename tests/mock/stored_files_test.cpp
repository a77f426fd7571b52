// Stored files over a real socket: one per requested format (csv_v2_0 when none is), gzip
// downloads, readiness on the server's clock, and contents that follow the report.
#include "mock_support.hpp"

#include <reportkit/core/validate.hpp>
#include <reportkit/core/write.hpp>

#include <set>

using namespace mocktest;

TEST_CASE("stored files: one per format, gzip downloads of synthetic usage data",
          "[mock][stored]") {
    Fixture f;
    rp::Report created =
        f.create(save_request(R"(["csv", "html", "json_v1", "csv_v2_0", "json_v2_0"])"));
    const std::string path = "/api/2/reports/" + created.id.to_string() + "/stored";

    auto res = f.get(path);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto list = rk::from_json<rp::StoredReports>(res->body);
    REQUIRE(list);
    REQUIRE(list->items.size() == 5);
    std::vector<rp::Format> formats;
    for (const auto& item : list->items) {
        formats.push_back(item.report_format);
        CHECK(item.status == rp::StoredStatus::saved); // default: ready at once
    }
    CHECK(formats
          == std::vector<rp::Format>{rp::Format::csv, rp::Format::html, rp::Format::json_v1,
                                     rp::Format::csv_v2_0, rp::Format::json_v2_0});

    httplib::Client raw(f.server.url());
    raw.set_bearer_token_auth(f.token);
    raw.set_decompress(false); // to see the bytes as sent
    for (const auto& item : list->items) {
        auto download = raw.Get(path + "/" + item.id.to_string());
        REQUIRE(download);
        REQUIRE(download->status == 200);
        CHECK(download->get_header_value("Content-Type") == "application/octet-stream");
        CHECK(download->get_header_value("Content-Encoding") == "gzip");
        CHECK(static_cast<std::int64_t>(download->body.size()) == item.size);
        std::string content = gunzip(download->body);
        CHECK(content == *f.server.stored_content(created.id, item.id));
        // The same file twice: deterministic.
        CHECK(raw.Get(path + "/" + item.id.to_string())->body == download->body);

        switch (item.report_format) {
        case rp::Format::csv:
            CHECK_THAT(content, Catch::Contains("\r\nDate,Service,Item,Edition,")
                                    && Catch::Contains("2024-05-03"));
            break;
        case rp::Format::csv_v2_0:
            CHECK(content.rfind("application.id,application.name,date,", 0) == 0);
            CHECK(rp::read_usage_file(content));
            break;
        case rp::Format::html:
            CHECK_THAT(content, Catch::Contains("<table>") && Catch::Contains("<th>Item</th>"));
            break;
        case rp::Format::json_v1:
            CHECK(boost::json::parse(content).as_object().contains("rows"));
            break;
        case rp::Format::json_v2_0:
            CHECK(rp::read_usage_file(content));
            break;
        }
    }

    // httplib's usual client inflates on its own.
    auto inflated = f.get(path + "/" + list->items[0].id.to_string());
    REQUIRE(inflated);
    CHECK(inflated->body == *f.server.stored_content(created.id, list->items[0].id));

    require_error(f.get(path + "/00000000-0000-4000-8000-000000000000"), 404, 404);
    require_error(f.get("/api/2/reports/00000000-0000-4000-8000-000000000000/stored"), 404, 404);
    require_error(f.get(path + "/XYZ"), 400, 400);
}

TEST_CASE("stored files: the default format is csv_v2_0, send reports have none and fill the "
          "outbox",
          "[mock][stored]") {
    Fixture f;
    rp::Report saved = f.create(R"({"parameters": {"kind": "usage_current",
        "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae", "level": "itself"},
        "schedule": {"type": "once"}, "result_action": "save"})");
    auto items = f.server.stored(saved.id);
    REQUIRE(items.size() == 1);
    CHECK(items[0].report_format == rp::Format::csv_v2_0);
    CHECK(f.server.outbox().empty());

    rp::Report sent = f.create(seed_request_text());
    auto list = f.get("/api/2/reports/" + sent.id.to_string() + "/stored");
    REQUIRE(list);
    CHECK(list->status == 200);
    CHECK(list->body == R"({"items":[]})");

    auto outbox = f.server.outbox();
    REQUIRE(outbox.size() == 1);
    CHECK(outbox[0].report_id == sent.id);
    CHECK(outbox[0].recipients == *rp::examples::seed_request().recipients);
    CHECK(outbox[0].formats == std::vector<rp::Format>{rp::Format::csv, rp::Format::html});
}

TEST_CASE("stored files: in_progress until the stored delay has passed on the server's clock",
          "[mock][stored]") {
    ManualClock clock;
    Fixture f({.stored_delay = 90s, .today = today, .clock = clock.function()});
    rp::Report created = f.create(save_request(R"(["csv"])"));
    const std::string path = "/api/2/reports/" + created.id.to_string() + "/stored";

    auto before = rk::from_json<rp::StoredReports>(f.get(path)->body);
    REQUIRE(before);
    REQUIRE(before->items.size() == 1);
    CHECK(before->items[0].status == rp::StoredStatus::in_progress);
    CHECK(before->items[0].size > 0);
    require_error(f.get(path + "/" + before->items[0].id.to_string()), 404, 404);

    clock.advance(89s);
    CHECK(f.server.stored(created.id)[0].status == rp::StoredStatus::in_progress);
    clock.advance(1s);
    auto after = rk::from_json<rp::StoredReports>(f.get(path)->body);
    REQUIRE(after);
    CHECK(after->items[0].status == rp::StoredStatus::saved);
    CHECK(f.get(path + "/" + after->items[0].id.to_string())->status == 200);
}

TEST_CASE("synthetic data follows the report: period, level, hidden zeros, SKUs",
          "[mock][stored]") {
    Fixture f;
    auto content_of = [&](const std::string& request) {
        rp::Report r = f.create(request);
        auto items = f.server.stored(r.id);
        REQUIRE(items.size() == 1);
        return *f.server.stored_content(r.id, items[0].id);
    };
    auto request = [](const std::string& extra, const std::string& level) {
        return R"({"parameters": {"kind": "usage_daily", "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae",
            "level": ")"
               + level + R"(", "period": {"start": "2024-02-27", "end": "2024-03-01"},
            "formats": ["csv"])"
               + extra + R"(}, "schedule": {"type": "once"}, "result_action": "save"})";
    };
    auto lines = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };

    // The human csv: every day of the period (a leap year's February), nothing after it.
    std::string itself = content_of(request("", "itself"));
    CHECK_THAT(itself, Catch::Contains("\r\n2024-02-29,") && Catch::Contains("\r\n2024-03-01,"));
    CHECK_THAT(itself, !Catch::Contains("2024-03-02"));

    std::string customers = content_of(request("", "all_customers"));
    CHECK(lines(customers) > lines(itself));
    std::string hidden = content_of(request(R"(, "hide_zero_usage": true)", "all_customers"));
    CHECK(lines(hidden) < lines(customers));

    std::string skus = content_of(request(R"(, "show_skus": true)", "itself"));
    CHECK_THAT(skus, Catch::Contains(",Billable,SKU\r\n"));
    CHECK_THAT(itself, !Catch::Contains(",SKU"));
}

TEST_CASE("stored files: each size is its own file's, with the sizes of earlier reports "
          "remembered",
          "[mock][stored]") {
    Fixture f;
    httplib::Client raw(f.server.url());
    raw.set_bearer_token_auth(f.token);
    raw.set_decompress(false);
    // Every stored item's size, after checking it against the bytes its download sends.
    auto sizes_of = [&](const std::string& request) {
        rp::Report r = f.create(request);
        std::vector<std::int64_t> sizes;
        for (const rp::StoredReport& item : f.server.stored(r.id)) {
            auto download =
                raw.Get("/api/2/reports/" + r.id.to_string() + "/stored/" + item.id.to_string());
            REQUIRE(download);
            REQUIRE(download->status == 200);
            CHECK(static_cast<std::int64_t>(download->body.size()) == item.size);
            sizes.push_back(item.size);
        }
        return sizes;
    };
    auto with = [](std::string request, const std::string& from, const std::string& to) {
        request.replace(request.find(from), from.size(), to);
        return request;
    };
    const std::string formats = R"(["csv_v2_0", "json_v1"])";
    const std::string first = save_request(formats);
    std::vector<std::int64_t> sizes = sizes_of(first);
    // The same request again (another report, another id): the same files.
    CHECK(sizes_of(first) == sizes);
    // Anything the files follow gives other files, each with its own size.
    CHECK(sizes_of(with(first, "2024-05-03", "2024-05-02")) != sizes);
    CHECK(sizes_of(with(first, "all_customers", "itself")) != sizes);
    CHECK(sizes_of(with(first, R"("formats")", R"("show_skus": true, "formats")")) != sizes);
    CHECK(sizes_of(save_request(R"(["json_v1", "csv_v2_0"])"))
          == std::vector<std::int64_t>{sizes[1], sizes[0]});
}
