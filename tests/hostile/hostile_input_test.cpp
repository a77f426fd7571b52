// Hostile input against a running mock over real sockets. Each request gets the status API.md
// documents and the platform error body (which rk::from_json<rp::ApiError> must accept), and
// the server answers the next request normally.
#include "raw_http.hpp"

#include "../support/payloads.hpp"

#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using rk::testing::RawConnection;
using rk::testing::RawResponse;
using namespace std::chrono_literals;

namespace {

const rk::Date today{2024, 6, 1};
const std::string seed = rk::testing::test_data("seed-request.json");
const std::string known_id = "ca451758-b48a-45d9-9ae6-8f1059f67619";
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Target {
    explicit Target(mock::Options options = {.today = today, .request_timeout = 2s})
        : server(std::move(options)), token(server.issue_token()) {}

    RawResponse send(std::string_view method, std::string_view target, const Headers& headers,
                     std::string_view body = {}) {
        auto r = rk::testing::exchange(server.port(),
                                       rk::testing::raw_request(method, target, headers, body),
                                       method == "HEAD");
        REQUIRE(r);
        return *r;
    }
    Headers auth(std::string content_type = "application/json") const {
        Headers h{{"Authorization", "Bearer " + token}};
        if (!content_type.empty())
            h.emplace_back("Content-Type", content_type);
        return h;
    }
    RawResponse create(std::string_view body, std::string content_type = "application/json") {
        return send("POST", "/api/2/reports", auth(std::move(content_type)), body);
    }

    // A create and a fetch, both as a well-behaved client sends them.
    void answers_normally() {
        RawResponse created = create(seed);
        INFO(created.body);
        REQUIRE(created.status == 200);
        auto report = rk::from_json<rp::Report>(created.body, {.today = today});
        REQUIRE(report);
        CHECK(report->version == 1);
        RawResponse fetched = send("GET", "/api/2/reports/" + report->id.to_string(), auth(""));
        CHECK(fetched.status == 200);
        CHECK(fetched.body == created.body);
    }

    mock::Server server;
    std::string token;
};

// The platform error body of `r`, after checking the status and that it is one.
rp::PlatformError platform_error(const RawResponse& r, int status) {
    INFO("status " << r.status << ", body: " << r.body);
    REQUIRE(r.status == status);
    REQUIRE(r.header("Content-Type") == "application/json");
    auto error = rk::from_json<rp::ApiError>(r.body);
    if (!error)
        for (const auto& d : error.diagnostics())
            UNSCOPED_INFO(d);
    REQUIRE(error);
    CHECK(error->error.domain == std::string(rp::error_domain));
    REQUIRE(error->error.details);
    REQUIRE(error->error.details->info);
    CHECK(!error->error.details->info->empty());
    return error->error;
}

void expect_error(const RawResponse& r, int status, std::int64_t code = 0) {
    auto error = platform_error(r, status);
    CHECK(std::get<std::int64_t>(error.code) == (code ? code : status));
}

// The (pointer, code) pairs of a 400 validation error body.
std::vector<rk::testing::Finding> violations_of(const RawResponse& r) {
    auto error = platform_error(r, 400);
    REQUIRE(error.details->violations);
    std::vector<rk::testing::Finding> out;
    for (const rp::Violation& v : *error.details->violations)
        out.emplace_back(v.pointer, v.code);
    return out;
}

bool has(const std::vector<rk::testing::Finding>& findings, const std::string& pointer,
         const std::string& code) {
    return std::find(findings.begin(), findings.end(), rk::testing::Finding{pointer, code})
           != findings.end();
}

std::string with(std::string_view field_and_value) {
    std::string text = seed;
    text.insert(text.find('{') + 1, std::string(field_and_value) + ", ");
    return text;
}

} // namespace

TEST_CASE("malformed, truncated and empty bodies: 400 naming a syntax error", "[hostile]") {
    Target t;
    for (std::string body :
         {std::string(R"({"parameters": {"kind": })"), seed.substr(0, seed.size() / 2),
          std::string(), std::string("{}{}"), std::string("nul"), seed + ","}) {
        CAPTURE(body);
        RawResponse r = t.create(body);
        auto error = platform_error(r, 400);
        CHECK(error.message == "The request body is not valid JSON.");
        CHECK(violations_of(r) == std::vector<rk::testing::Finding>{{"", "syntax"}});
        t.answers_normally();
    }
}

TEST_CASE("wrong types everywhere: 400 with a type violation at every field", "[hostile]") {
    Target t;
    std::string body = R"({"recipients": "x", "parameters": {"kind": 1, "tenant_id": true,)"
                       R"( "level": [], "formats": {}, "period": "p", "hide_zero_usage": "yes",)"
                       R"( "show_skus": 0}, "schedule": [], "generation_date": 20170508,)"
                       R"( "result_action": null})";
    auto found = violations_of(t.create(body));
    for (const char* pointer :
         {"/recipients", "/parameters/kind", "/parameters/tenant_id", "/parameters/level",
          "/parameters/formats", "/parameters/period", "/parameters/hide_zero_usage",
          "/parameters/show_skus", "/schedule", "/generation_date", "/result_action"}) {
        CAPTURE(pointer);
        CHECK(has(found, pointer, "type"));
    }
    // The root itself of the wrong type, for every payload route.
    CHECK(violations_of(t.create("[]")) == std::vector<rk::testing::Finding>{{"", "type"}});
    t.answers_normally();
}

TEST_CASE("a 10 MiB body: 413 without reading it into memory first", "[hostile]") {
    Target t;
    std::string huge(std::size_t{10} << 20, ' ');
    huge.front() = '{';
    huge.back() = '}';
    expect_error(t.create(huge), 413);
    // A body that fits the limit but lies about its length ends with the connection, not a hang.
    RawConnection c(t.server.port());
    c.send("POST /api/2/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Authorization: Bearer "
           + t.token + "\r\nContent-Length: 1000\r\n\r\n{}");
    CHECK(c.closed_by_peer(30s));
    t.answers_normally();
}

TEST_CASE("a request whose end the server does not know ends the connection: nothing can be "
          "smuggled after it",
          "[hostile]") {
    std::vector<std::string> log;
    std::mutex log_mutex;
    Target t({.today = today,
              .log = mock::LogFormat::text,
              .log_sink =
                  [&](std::string_view line) {
                      std::lock_guard lock(log_mutex);
                      log.emplace_back(line);
                  },
              .request_timeout = 2s});
    RawResponse created = t.create(seed);
    REQUIRE(created.status == 200);
    std::string id = rk::from_json<rp::Report>(created.body, {.today = today})->id.to_string();
    t.server.journal().clear();
    // A whole request, sent after the answer as the rest of the body: were it read as the next
    // request, it would delete the report.
    std::string smuggled = rk::testing::raw_request("DELETE", "/api/2/reports/" + id + "?version=1",
                                                    {{"Authorization", "Bearer " + t.token}});
    std::string length = std::to_string(smuggled.size());
    std::string auth = "Authorization: Bearer " + t.token + "\r\n";
    struct Case {
        std::string head; // request line and headers, up to the empty line
        int status;
    };
    // GET and OPTIONS bodies are not read; chunked and encoded bodies are refused before they
    // are read; after a request line httplib cannot read, its headers are not read either.
    for (const Case& c : {
             Case{"GET /api/2/reports/" + id + " HTTP/1.1\r\n" + auth + "Content-Length: " + length
                      + "\r\n",
                  200},
             Case{"OPTIONS /api/2/reports HTTP/1.1\r\n" + auth + "Content-Length: " + length
                      + "\r\n",
                  405},
             Case{"POST /api/2/reports HTTP/1.1\r\n" + auth
                      + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                  411},
             Case{"POST /api/2/reports HTTP/1.1\r\n" + auth
                      + "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                        "Content-Length: "
                      + length + "\r\n",
                  415},
             Case{"FETCH /api/2/reports/" + id + " HTTP/1.1\r\n" + auth
                      + "Content-Length: " + length + "\r\n",
                  400},
         }) {
        INFO(c.head);
        RawConnection connection(t.server.port());
        REQUIRE(connection.send(c.head + "Host: 127.0.0.1\r\n\r\n"));
        auto answer = connection.read_response(10s);
        REQUIRE(answer);
        CHECK(answer->status == c.status);
        CHECK(answer->header("Connection") == "close");
        connection.send(smuggled); // may find the connection closed already
        CHECK(connection.closed_by_peer(5s));
        CHECK(!connection.has_unread()); // no answer to the smuggled bytes
    }
    CHECK(t.send("GET", "/api/2/reports/" + id, t.auth("")).status == 200);
    // Exactly the requests sent: the five above and the last GET.
    CHECK(t.server.journal().size() == 6);
    CHECK(t.server.journal().count("DELETE") == 0);
    // A line is logged once its answer is out: the last GET's may still be on its way.
    std::unique_lock lock(log_mutex);
    for (auto until = std::chrono::steady_clock::now() + 5s;
         log.size() < 7 && std::chrono::steady_clock::now() < until;) {
        lock.unlock();
        std::this_thread::sleep_for(10ms);
        lock.lock();
    }
    for (const std::string& line : log)
        UNSCOPED_INFO(line);
    CHECK(log.size() == 7); // the create too
    CHECK(std::count_if(log.begin(), log.end(),
                        [](const std::string& line) { return line.rfind("DELETE", 0) == 0; })
          == 0);
}

TEST_CASE("nesting 100,000 deep: 400 too_deep, no stack exhausted", "[hostile]") {
    Target t;
    std::size_t depth = 100'000;
    std::string arrays =
        R"({"parameters": )" + std::string(depth, '[') + std::string(depth, ']') + "}";
    std::string objects;
    for (std::size_t i = 0; i < depth; ++i)
        objects += R"({"a":)";
    objects += "1" + std::string(depth, '}');
    for (const std::string& body : {arrays, objects}) {
        auto found = violations_of(t.create(body));
        REQUIRE(found.size() == 1);
        CHECK(found[0].second == "too_deep");
        t.answers_normally();
    }
}

TEST_CASE("invalid UTF-8 and NUL bytes in bodies and paths", "[hostile]") {
    Target t;
    SECTION("bodies") {
        for (std::string body : {with("\"recipients\": [\"\xc3\x28\"]"), with("\"\xff\xfe\": 1"),
                                 with(std::string("\"x\": \"a\0b\"", 10))}) {
            CAPTURE(body);
            CHECK(violations_of(t.create(body))
                  == std::vector<rk::testing::Finding>{{"", "syntax"}});
        }
        // An escaped NUL is valid JSON, and an invalid UUID.
        std::string nul = seed;
        nul.replace(nul.find("ede9f834"), 8, "\\u0000ed");
        CHECK(has(violations_of(t.create(nul)), "/parameters/tenant_id", "format"));
    }
    SECTION("paths") {
        // The server quotes what it could not use; its answer must still be JSON.
        auto error = platform_error(t.send("GET", "/api/2/reports/%FF%FE", t.auth("")), 400);
        CHECK(error.details->info->find("\xef\xbf\xbd") != std::string::npos);
        platform_error(t.send("GET", "/api/2/rep%FF", t.auth("")), 404);
        platform_error(t.send("GET", "/api/2/reports/%00", t.auth("")), 400);
        platform_error(t.send("GET", "/api/2/reports/%0A%0D", t.auth("")), 400);
    }
    SECTION("headers") {
        expect_error(
            t.send("GET", "/api/2/reports/" + known_id, {{"Authorization", "Bearer \xff\xfe"}}),
            401);
        expect_error(t.send("GET", "/api/2/reports/" + known_id,
                            {{"Authorization", std::string("Bearer a\0b", 10)}}),
                     401);
    }
    t.answers_normally();
}

TEST_CASE("numbers no field can hold: 1e999, 2^64, fractions", "[hostile]") {
    Target t;
    for (const char* number : {"1e999", "-1e999", "18446744073709551616", "1.5", "-0"}) {
        std::string body = seed;
        body.replace(body.find(R"("parameters": {)"), 15,
                     std::string(R"("parameters": {"hide_zero_usage": )") + number + ", ");
        CAPTURE(body);
        CHECK(violations_of(t.create(body))
              == std::vector<rk::testing::Finding>{{"/parameters/hide_zero_usage", "type"}});
    }
    for (const char* version : {"18446744073709551616", "1e999", "1.0", "-", "0x1", "%00"}) {
        CAPTURE(version);
        expect_error(t.send("DELETE",
                            "/api/2/reports/" + known_id + "?version=" + std::string(version),
                            t.auth("")),
                     400);
    }
    t.answers_normally();
}

TEST_CASE("duplicate keys: 400 duplicate_key at the repeated key", "[hostile]") {
    Target t;
    std::string body = seed;
    body.insert(body.rfind('}'), R"(, "result_action": "save")");
    CHECK(violations_of(t.create(body))
          == std::vector<rk::testing::Finding>{{"/result_action", "duplicate_key"}});
    t.answers_normally();
}

TEST_CASE("Content-Type missing or wrong: 415, a charset parameter is fine", "[hostile]") {
    Target t;
    expect_error(t.create(seed, ""), 415);
    expect_error(t.create(seed, "text/plain"), 415);
    expect_error(t.create(seed, "application/jsonx"), 415);
    expect_error(t.create(seed, "application/x-www-form-urlencoded"), 415);
    CHECK(t.create(seed, "application/json; charset=utf-8").status == 200);
    CHECK(t.create(seed, "Application/JSON").status == 200);
    t.answers_normally();
}

TEST_CASE("tokens missing, malformed, unknown or expired: 401, read-only writing: 403",
          "[hostile]") {
    auto now = std::make_shared<std::atomic<std::int64_t>>(1'717'200'000'000);
    Target t({.token_ttl = 60s,
              .today = today,
              .clock =
                  [now] {
                      return std::chrono::system_clock::time_point(
                          std::chrono::milliseconds(now->load()));
                  },
              .request_timeout = 2s});
    std::string target = "/api/2/reports/" + known_id;
    for (Headers h :
         std::vector<Headers>{{},
                              {{"Authorization", ""}},
                              {{"Authorization", "Bearer"}},
                              {{"Authorization", "Bearer "}},
                              {{"Authorization", "Bearer !!!"}},
                              {{"Authorization", "Basic " + t.token}},
                              {{"Authorization", "bearer " + t.token + "x"}},
                              {{"Authorization", "Bearer " + t.token + "x"}},
                              {{"Authorization", "Bearer " + std::string(8000, 'a')}}}) {
        CAPTURE(h.empty() ? "(none)" : h[0].second.substr(0, 40));
        expect_error(t.send("GET", target, h), 401);
    }
    std::string read_only = t.server.issue_token(mock::Scope::read_only);
    expect_error(
        t.send("POST", "/api/2/reports",
               {{"Authorization", "Bearer " + read_only}, {"Content-Type", "application/json"}},
               seed),
        403, rp::platform_code::access_denied);
    *now += 61'000;
    auto expired = platform_error(t.send("GET", target, t.auth("")), 401);
    CHECK(expired.details->info == "the bearer token has expired");
    t.token = t.server.issue_token();
    t.answers_normally();
}

TEST_CASE("path ids with .., %2F and 10,000 characters", "[hostile]") {
    Target t;
    for (const char* id : {"..", "%2E%2E", ".", "%20", "CA451758-B48A-45D9-9AE6-8F1059F67619"})
        expect_error(t.send("GET", std::string("/api/2/reports/") + id, t.auth("")), 400);
    // A decoded %2F is a path separator for the router: those paths name no route.
    for (const char* path : {"/api/2/reports/..%2F..%2Fidp%2Ftoken", "/api/2/reports/a%2Fb",
                             "/api/2/reports/ca451758-b48a-45d9-9ae6-8f1059f6761%2F",
                             "/api/2/reports/../reports", "/api/2/../2/reports/x"})
        expect_error(t.send("GET", path, t.auth("")), 404);
    // Under the request-line limit: the id is refused, and the message does not echo it all.
    auto long_id =
        platform_error(t.send("GET", "/api/2/reports/" + std::string(5'000, 'a'), t.auth("")), 400);
    CHECK(long_id.details->info->size() < 200);
    // Over it: httplib refuses the request line itself.
    expect_error(t.send("GET", "/api/2/reports/" + std::string(10'000, 'a'), t.auth("")), 414);
    t.answers_normally();
}

TEST_CASE("methods no route takes: 405 with Allow on a known path, 400 when unparsable",
          "[hostile]") {
    Target t;
    for (const char* method : {"PATCH", "OPTIONS", "TRACE", "CONNECT", "GET", "PUT"}) {
        CAPTURE(method);
        RawResponse r = t.send(method, "/api/2/reports", t.auth(""));
        expect_error(r, 405);
        CHECK(r.header("Allow") == "POST");
    }
    RawResponse head = t.send("HEAD", "/api/2/idp/token", {});
    CHECK(head.status == 405);
    CHECK(head.header("Allow") == "POST");
    for (const char* method : {"BREW", "get", "G\xc3\x89T", "POST /x"})
        expect_error(t.send(method, "/api/2/reports", t.auth("")), 400);
    t.answers_normally();
}

TEST_CASE("a client trickling its headers a byte a second is cut off, others are served",
          "[hostile]") {
    Target t; // request_timeout 2 s
    auto slow = std::async(std::launch::async, [&] {
        RawConnection c(t.server.port());
        std::string request = "GET /api/2/reports/" + known_id + " HTTP/1.1\r\nHost: x\r\n"
                              + "Authorization: Bearer " + t.token
                              + "\r\nX-Slow: " + std::string(20, 'a');
        for (char byte : request) {
            if (!c.send(std::string_view(&byte, 1)))
                return true; // refused: the server closed first
            if (c.closed_by_peer(1s))
                return true;
        }
        return false; // every byte went through: never cut off
    });
    // Meanwhile, ordinary requests are answered (the slow client holds at most one worker).
    for (int i = 0; i < 3; ++i) {
        t.answers_normally();
        std::this_thread::sleep_for(500ms);
    }
    CHECK(slow.get());
    t.answers_normally();
}
