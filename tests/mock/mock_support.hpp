// What the mock's tests share: a server with a ready HTTP client, the platform error body read
// back, gzip undone, a clock moved by hand.
#pragma once

#include "../support/payloads.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <httplib.h>
#include <unistd.h>
#include <zlib.h>

namespace mocktest {

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using namespace std::chrono_literals;

// The injected "today": fixed, so the not-in-future rule never depends on when tests run.
inline const rk::Date today{2024, 6, 1};

inline httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

// A server plus a client that carries an admin token.
struct Fixture {
    explicit Fixture(mock::Options options = {.today = today})
        : server(std::move(options)), http(server.url()), token(server.issue_token()) {
        http.set_bearer_token_auth(token);
        http.set_read_timeout(30, 0);
    }

    httplib::Result post(const std::string& path, const std::string& body,
                         const std::string& type = "application/json") {
        return http.Post(path, body, type);
    }
    httplib::Result put(const std::string& path, const std::string& body,
                        const std::string& type = "application/json") {
        return http.Put(path, body, type);
    }
    httplib::Result get(const std::string& path) { return http.Get(path); }
    httplib::Result del(const std::string& path) { return http.Delete(path); }

    // Creates a report over HTTP and returns it as the server answered.
    rp::Report create(const std::string& body) {
        auto res = post("/api/2/reports", body);
        REQUIRE(res);
        INFO(res->body);
        REQUIRE(res->status == 200);
        auto report = rk::from_json<rp::Report>(res->body, {.today = today});
        REQUIRE(report);
        return *report;
    }

    mock::Server server;
    httplib::Client http;
    std::string token;
};

inline std::string seed_request_text() {
    return rk::testing::test_data("seed-request.json");
}

// A valid request of each shape, as JSON text.
inline std::string
save_request(const std::string& formats = R"(["csv", "html", "json_v1"])",
             const std::string& tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae") {
    return R"({"parameters": {"kind": "usage_daily", "tenant_id": ")" + tenant +
           R"(", "level": "all_customers", "period": {"start": "2024-05-01", "end": "2024-05-03"},
              "formats": )"
           + formats + R"(},
              "schedule": {"type": "once"}, "generation_date": "2024-05-04",
              "result_action": "save"})";
}

inline std::string monthly_request() {
    return R"({"recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"],
              "parameters": {"kind": "usage_summary", "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae",
                             "level": "accounts", "formats": ["csv"]},
              "schedule": {"type": "monthly"}, "result_action": "send"})";
}

// The platform error body of a response; fails the test when the body is not one.
inline rp::PlatformError error_of(const httplib::Result& res) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->get_header_value("Content-Type") == "application/json");
    auto error = rk::from_json<rp::ApiError>(res->body);
    REQUIRE(error);
    CHECK(error->error.domain == std::string(rp::error_domain));
    REQUIRE(error->error.details);
    CHECK(error->error.details->info);
    return error->error;
}

inline std::int64_t code_of(const rp::PlatformError& e) {
    return std::get<std::int64_t>(e.code);
}

// The status and the error body's code at once, so a wrong status shows its body.
inline void require_error(const httplib::Result& res, int status, std::int64_t code) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == status);
    REQUIRE(code_of(error_of(res)) == code);
}

inline std::string gunzip(const std::string& data) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buffer[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    REQUIRE(rc == Z_STREAM_END);
    return out;
}

// A clock that moves only when told to.
struct ManualClock {
    std::shared_ptr<std::atomic<std::int64_t>> ms =
        std::make_shared<std::atomic<std::int64_t>>(1'717'200'000'000); // 2024-06-01
    std::function<std::chrono::system_clock::time_point()> function() const {
        return [ms = ms] {
            return std::chrono::system_clock::time_point(std::chrono::milliseconds(*ms));
        };
    }
    void advance(std::chrono::milliseconds by) const { *ms += by.count(); }
};

// A fresh empty folder under the system's temporary directory, removed at the end.
struct TempDir {
    TempDir() {
        static std::atomic<int> counter{0};
        path = std::filesystem::temp_directory_path()
               / ("reportkit-mock-test-" + std::to_string(::getpid()) + "-"
                  + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
    std::filesystem::path path;
};

// Polls `done` every 10 ms for at most `limit`; for waiting on another thread, never for timing.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 10s) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

} // namespace mocktest
