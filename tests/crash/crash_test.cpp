// Crash consistency of reportkit-mock --state-file (a SQLite database in WAL mode): SIGKILLed in
// the middle of a stream of creates and updates, restarted on the same file, it has every write
// it acknowledged; a truncated or corrupt state file is refused with a clear message and left as
// it was.
#include "../hostile/mock_process.hpp"
#include "../mock/mock_support.hpp" // TempDir

#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using mocktest::TempDir;
using rk::testing::MockProcess;
using namespace std::chrono_literals;

namespace {

const rk::Date today{2024, 6, 1};
const std::string tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae";
const std::string token = "CrashTestToken-0123456789";
const std::string monthly = R"({"recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"],)"
                            R"( "parameters": {"kind": "usage_summary", "tenant_id": ")"
                            + tenant
                            + R"(", "level": "accounts", "formats": ["csv"]},)"
                              R"( "schedule": {"type": "monthly"}, "result_action": "send"})";

std::vector<std::string> mock_args(const std::string& state_file) {
    return {"--state-file", state_file, "--log", "off", "--token", token, "--today", "2024-06-01"};
}

httplib::Client client_of(const MockProcess& p) {
    httplib::Client http(p.url());
    http.set_bearer_token_auth(token);
    http.set_connection_timeout(5, 0);
    http.set_tcp_nodelay(true);
    http.set_read_timeout(30, 0);
    return http;
}

// Every report the server holds, by id, at its version.
std::map<std::string, std::int64_t> held_reports(MockProcess& p) {
    auto http = client_of(p);
    auto list = http.Get("/api/2/tenants/" + tenant + "/reports");
    REQUIRE(list);
    REQUIRE(list->status == 200);
    auto ids = rk::from_json<rp::TenantReports>(list->body);
    REQUIRE(ids);
    std::map<std::string, std::int64_t> out;
    for (const rk::Uuid& id : ids->items) {
        auto got = http.Get("/api/2/reports/" + id.to_string());
        REQUIRE(got);
        REQUIRE(got->status == 200);
        auto report = rk::from_json<rp::Report>(got->body, {.today = today});
        REQUIRE(report);
        out[id.to_string()] = report->version;
    }
    return out;
}

// Writes creates and updates of its own reports until the server goes away; remembers what
// was acknowledged (2xx) at which version.
class Writer {
public:
    Writer(const MockProcess& p, std::map<std::string, std::int64_t> own, unsigned seed)
        : acknowledged(std::move(own)), http_(client_of(p)), rng_(seed) {}

    std::map<std::string, std::int64_t> acknowledged; // id -> version the server answered
    std::atomic<int> writes{0};
    std::string failure; // an answer the API does not allow, while the server was alive

    void run(const std::atomic<bool>& killed) {
        while (!killed) {
            bool update = !acknowledged.empty() && rng_() % 3 != 0;
            std::string id;
            if (update) {
                auto it = acknowledged.begin();
                std::advance(it, rng_() % acknowledged.size());
                id = it->first;
            }
            httplib::Result r =
                update ? http_.Put("/api/2/reports/" + id,
                                   rng_() % 2 ? R"({"schedule": {"enabled": false}})"
                                              : R"({"parameters": {"show_skus": true}})",
                                   "application/json")
                       : http_.Post("/api/2/reports", monthly, "application/json");
            if (!r)
                break; // the server is gone (or going): nothing was acknowledged
            if (r->status != 200) {
                failure = std::to_string(r->status) + " " + r->body;
                break;
            }
            auto report = rk::from_json<rp::Report>(r->body, {.today = today});
            if (!report) {
                failure = "no report in a 200 answer: " + r->body;
                break;
            }
            acknowledged[report->id.to_string()] = report->version;
            ++writes;
        }
    }

private:
    httplib::Client http_;
    std::mt19937 rng_;
};

} // namespace

TEST_CASE("SIGKILL in the middle of creates and updates loses no acknowledged write", "[crash]") {
    TempDir dir;
    std::string state = dir.file("state.db");
    constexpr int writers = 3, rounds = 5;
    std::vector<std::map<std::string, std::int64_t>> acknowledged(writers);
    std::size_t unacknowledged_allowance = 0;

    for (int round = 0; round <= rounds; ++round) {
        CAPTURE(round);
        MockProcess process(mock_args(state), dir.file("mock.err"));
        INFO(process.stderr_text());
        REQUIRE(process.read_banner());

        // Every write acknowledged before the last kill is there: a report at the version it
        // was acknowledged with, or one more when an update was written but not yet answered
        // (each writer has at most one request in flight).
        auto held = held_reports(process);
        std::size_t known = 0;
        for (auto& own : acknowledged) {
            for (auto& [id, version] : own) {
                CAPTURE(id, version);
                REQUIRE(held.count(id));
                CHECK((held[id] == version || held[id] == version + 1));
                version = held[id];
            }
            known += own.size();
        }
        // Creates written but not answered are the only reports nobody was told of.
        CHECK(held.size() >= known);
        CHECK(held.size() - known <= unacknowledged_allowance);
        if (round == rounds)
            break;

        std::atomic<bool> killed{false};
        std::vector<std::unique_ptr<Writer>> stream;
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            stream.push_back(
                std::make_unique<Writer>(process, acknowledged[w], unsigned(round * writers + w)));
            threads.emplace_back([&, w] { stream[w]->run(killed); });
        }
        // Kill at a different point each round, while every writer is still writing.
        int target = 15 + 10 * round;
        auto total = [&] {
            int n = 0;
            for (auto& s : stream)
                n += s->writes;
            return n;
        };
        auto deadline = std::chrono::steady_clock::now() + 120s;
        while (total() < target && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(2ms);
        killed = true;
        CHECK(process.kill(SIGKILL) == 128 + SIGKILL);
        for (auto& t : threads)
            t.join();
        for (int w = 0; w < writers; ++w) {
            CHECK(stream[w]->failure.empty());
            acknowledged[w] = stream[w]->acknowledged;
        }
        CHECK(total() >= target);
        unacknowledged_allowance += writers;
    }
}

TEST_CASE("a truncated or corrupt state file is refused with a clear message, never half-opened",
          "[crash]") {
    TempDir dir;
    std::string state = dir.file("state.db");
    {
        MockProcess process(mock_args(state), dir.file("first.err"));
        REQUIRE(process.read_banner());
        auto http = client_of(process);
        for (int i = 0; i < 60; ++i) {
            auto r = http.Post("/api/2/reports", monthly, "application/json");
            REQUIRE(r);
            REQUIRE(r->status == 200);
        }
        REQUIRE(process.kill(SIGTERM) == 0);
    }
    const std::string good = rk::testing::read_file(state);
    REQUIRE(good.rfind("SQLite format 3", 0) == 0);
    REQUIRE(good.size() >= 8 * 4096);

    std::string overwritten = good;
    for (std::size_t i = 2 * 4096; i < 5 * 4096; ++i)
        overwritten[i] = static_cast<char>(i * 7);
    std::vector<std::pair<std::string, std::string>> corrupt = {
        {"truncated in the middle", good.substr(0, good.size() / 2)},
        {"missing its last page", good.substr(0, good.size() - 4096)},
        {"header only", good.substr(0, 100)},
        {"empty", ""},
        {"garbage", "\x7f"
                    "ELF\x02\x01\x01"},
        {"pages overwritten", overwritten},
    };
    for (const auto& [what, text] : corrupt) {
        CAPTURE(what);
        {
            std::ofstream out(state, std::ios::binary | std::ios::trunc);
            out << text;
        }
        MockProcess process(mock_args(state), dir.file("refused.err"));
        CHECK_FALSE(process.read_banner()); // never listened
        CHECK(process.wait() == 1);
        std::string err = process.stderr_text();
        CAPTURE(err);
        CHECK(err.find("reportkit-mock: state file " + state
                       + " is truncated or corrupt; refusing to load any of it")
              != std::string::npos);
        CHECK(rk::testing::read_file(state) == text); // left for a person to look at
        // The embeddable server refuses it the same way.
        CHECK_THROWS_WITH(mock::Server({.state_file = state}),
                          Catch::Contains("is truncated or corrupt"));
        CHECK(rk::testing::read_file(state) == text);
    }

    // The good file still opens, whole.
    {
        std::ofstream out(state, std::ios::binary | std::ios::trunc);
        out << good;
    }
    MockProcess process(mock_args(state), dir.file("again.err"));
    REQUIRE(process.read_banner());
    CHECK(held_reports(process).size() == 60);
}
