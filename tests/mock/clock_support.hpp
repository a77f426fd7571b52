// What the clock and schedule tests share: a mock started at an instant, the report bodies they
// create, and the stored lists and files they read back over the socket.
#pragma once

#include "mock_support.hpp"

#include <reportkit/core/csv.hpp>
#include <reportkit/reports/usage_record.hpp>

#include <set>
#include <string>
#include <string_view>

namespace mocktest {

inline rk::Timestamp at(std::string_view text) {
    auto t = rk::Timestamp::parse(text);
    REQUIRE(t);
    return *t;
}

// Tokens expire on the mock clock too: a test that moves it by months issues tokens that last.
constexpr std::chrono::seconds years_long = std::chrono::years(10);

inline mock::Options starting(std::string_view instant) {
    return mock::Options{.token_ttl = years_long, .now = at(instant)};
}

inline const std::string tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae";

inline std::string monthly(std::string_view action, std::string_view formats = R"(["csv_v2_0"])") {
    std::string recipients =
        action == "send" ? R"("recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"],)" : "";
    return "{" + recipients + R"("parameters": {"kind": "usage_summary", "tenant_id": ")" + tenant
           + R"(", "level": "accounts", "formats": )" + std::string(formats)
           + R"(}, "schedule": {"type": "monthly"}, "result_action": ")" + std::string(action)
           + "\"}";
}

inline std::string once_on(std::string_view date, std::string_view action = "save") {
    std::string recipients =
        action == "send" ? R"("recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"],)" : "";
    return "{" + recipients + R"("parameters": {"kind": "usage_current", "tenant_id": ")" + tenant
           + R"(", "level": "itself", "formats": ["csv_v2_0"]}, "schedule": {"type": "once"},
              "generation_date": ")"
           + std::string(date) + R"(", "result_action": ")" + std::string(action) + "\"}";
}

// GET /reports/{id}/stored as the client sees it.
inline rp::StoredReports stored_of(Fixture& f, const rk::Uuid& id) {
    auto res = f.get("/api/2/reports/" + id.to_string() + "/stored");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    auto list = rk::from_json<rp::StoredReports>(res->body);
    REQUIRE(list);
    return *list;
}

// The dates the rows of a stored csv_v2_0 file are for.
inline std::set<std::string> dates_in(Fixture& f, const rk::Uuid& id, const rk::Uuid& stored) {
    auto res = f.get("/api/2/reports/" + id.to_string() + "/stored/" + stored.to_string());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto rows = rk::from_csv<rp::UsageRecord>(std::string_view(res->body), rp::usage_csv_options());
    REQUIRE(rows);
    REQUIRE(!rows->empty());
    std::set<std::string> dates;
    for (const rp::UsageRecord& r : *rows)
        dates.insert(r.date.to_string());
    return dates;
}

inline void disable(Fixture& f, const rk::Uuid& id, bool enabled = false) {
    auto res = f.put("/api/2/reports/" + id.to_string(), std::string(R"({"schedule": {"enabled": )")
                                                             + (enabled ? "true" : "false") + "}}");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
}

inline std::size_t outbox_entries_of(const mock::Server& server, const rk::Uuid& id) {
    std::size_t n = 0;
    for (const mock::OutboxEntry& e : server.outbox())
        n += e.report_id == id;
    return n;
}

} // namespace mocktest
