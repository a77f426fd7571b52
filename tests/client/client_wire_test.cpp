// The client against answers a correct server never gives: broken JSON, wrong shapes, odd
// statuses and encodings, lost connections. Each comes from a bare cpp-httplib server over a
// real socket.
#include "tiny_server.hpp"

#include <reportkit/client.hpp>
#include <reportkit/reports/examples.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <string>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using namespace std::chrono_literals;
using rk::testing::Guarded;
using rk::testing::gzip;
using rk::testing::TinyServer;

namespace {

const rk::ClientOptions fast{.retry = {.min_delay = 1ms, .max_delay = 5ms}, .poll_interval = 10ms};

const rk::Uuid report_id = *rk::Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc");
const rk::Uuid item_id = *rk::Uuid::parse("5b0b5d2c-1111-4b7e-9a0c-3a7d2f6b8e01");
const std::string report_path = "/api/2/reports/20dffb36-d77b-45c6-b2fa-39276e98d5fc";
const std::string download_path = report_path + "/stored/5b0b5d2c-1111-4b7e-9a0c-3a7d2f6b8e01";

std::string seed_report_json() {
    return rk::to_json_string(rp::examples::seed_report());
}

std::vector<std::string> pointers(const std::vector<rk::Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics)
        out.push_back(d.pointer);
    return out;
}

// A server whose one GET route answers `body` with `status` and `content_type`.
TinyServer answering(const std::string& path, int status, std::string body,
                     std::string content_type = "application/json") {
    return TinyServer([=](httplib::Server& s) {
        s.Get(path, [=](const httplib::Request&, httplib::Response& res) {
            res.status = status;
            res.set_content(body, content_type.c_str());
        });
    });
}

// The base URL of a port nothing listens on any more.
std::string closed_base_url() {
    TinyServer gone([](httplib::Server&) {});
    return gone.base_url();
}

} // namespace

TEST_CASE("an answer that is not JSON is an invalid_response with a syntax diagnostic") {
    TinyServer server = answering(report_path, 200, R"({"id": "20dffb36-d77b-45c6)");
    rk::Client client{server.base_url(), "token", fast};
    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    CHECK(report.error().kind == rk::ClientErrorKind::invalid_response);
    CHECK(report.error().status == 200);
    REQUIRE(report.error().diagnostics.size() == 1);
    CHECK(report.error().diagnostics[0].code == rk::code::syntax);
    CHECK(report.error().body == R"({"id": "20dffb36-d77b-45c6)");
    CHECK_THROWS_AS(report.value(), rk::bad_api_result_access);
}

TEST_CASE("a report missing documented fields is an error naming them, never a partial report") {
    std::string text = seed_report_json();
    boost::json::value doc = boost::json::parse(text);
    doc.as_object().erase("version");
    doc.at("schedule").as_object().erase("enabled");
    doc.at("parameters").as_object()["kind"] = "usage_yearly";
    TinyServer server = answering(report_path, 200, boost::json::serialize(doc));
    rk::Client client{server.base_url(), "token", fast};

    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    CHECK(report.error().kind == rk::ClientErrorKind::invalid_response);
    CHECK_THAT(pointers(report.error().diagnostics),
               Catch::Matchers::UnorderedEquals(
                   std::vector<std::string>{"/parameters/kind", "/version", "/schedule/enabled"}));
    CHECK_THAT(report.error().message,
               Catch::Contains("GET " + report_path + ": the answer is not the documented shape"));
}

TEST_CASE("fields a newer server adds do not spoil an otherwise documented answer") {
    boost::json::value doc = boost::json::parse(seed_report_json());
    doc.as_object()["created_by"] = "someone";
    doc.at("parameters").as_object()["timezone"] = "UTC";
    doc.at("parameters").at("period").as_object()["end"] = "2999-01-01"; // the server's today
    TinyServer server = answering(report_path, 200, boost::json::serialize(doc));
    rk::Client client{server.base_url(), "token", fast};
    auto report = client.get(report_id);
    REQUIRE(report);
    CHECK(report->version == 1);
}

TEST_CASE("a success status other than the documented one is an invalid_response") {
    TinyServer server([](httplib::Server& s) {
        s.Post("/api/2/reports", [](const httplib::Request&, httplib::Response& res) {
            res.status = 201;
            res.set_content(seed_report_json(), "application/json");
        });
    });
    rk::Client client{server.base_url(), "token", fast};
    auto created = client.create(rp::examples::seed_request());
    REQUIRE_FALSE(created);
    CHECK(created.error().kind == rk::ClientErrorKind::invalid_response);
    CHECK(created.status() == 201);
    CHECK_THAT(created.error().message, Catch::Contains("expected status 200, got 201"));
}

TEST_CASE("an error status without the platform's body keeps the status, the body and why") {
    std::atomic<int> hits{0};
    TinyServer server([&](httplib::Server& s) {
        s.Get(report_path, [&](const httplib::Request&, httplib::Response& res) {
            ++hits;
            res.status = 502;
            res.set_content("<html>Bad Gateway</html>", "text/html");
        });
    });
    rk::Client client{server.base_url(), "token", fast};
    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    const rk::ClientError& error = report.error();
    CHECK(error.kind == rk::ClientErrorKind::http);
    CHECK(error.status == 502);
    CHECK_FALSE(error.api);
    CHECK(error.body == "<html>Bad Gateway</html>");
    REQUIRE_FALSE(error.diagnostics.empty());
    CHECK(error.diagnostics[0].code == rk::code::syntax);
    CHECK(error.attempts == 3); // a 50x on a GET: the first attempt and two retries
    CHECK(hits == 3);
}

TEST_CASE("a platform error whose code is a string is kept as it came") {
    TinyServer server = answering(
        report_path, 400,
        R"({"error": {"code": "InvalidArgument", "message": "Bad id.", "domain": "PlatformAccountServer"}})");
    rk::Client client{server.base_url(), "token", fast};
    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    REQUIRE(report.error().api);
    CHECK(std::get<std::string>(report.error().api->error.code) == "InvalidArgument");
    CHECK_FALSE(report.error().platform_code());
    CHECK(report.error().violations().empty());
    CHECK(report.error().message == "GET " + report_path + ": answered 400: Bad id.");
}

TEST_CASE("a platform code written as a string of digits still reads as the code") {
    TinyServer server = answering(
        report_path, 409,
        R"({"error": {"code": "1001", "message": "Version mismatch.", "domain": "PlatformAccountServer"}})");
    rk::Client client{server.base_url(), "token", fast};
    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    CHECK(report.error().platform_code() == 1001);
}

TEST_CASE("downloads are inflated exactly once, announced or not") {
    const std::string csv = "tenant,sku,usage\nede9f834,storage,42\n";
    Guarded<std::string> body;
    Guarded<bool> announce = false;
    TinyServer server([&](httplib::Server& s) {
        s.Get(download_path, [&](const httplib::Request&, httplib::Response& res) {
            if (announce)
                res.set_header("Content-Encoding", "gzip");
            res.set_content(body.get(), "application/octet-stream");
        });
    });
    rk::Client client{server.base_url(), "token", fast};

    SECTION("a gzip file without Content-Encoding, as the platform documents downloads") {
        body = gzip(csv);
        auto file = client.download(report_id, item_id);
        REQUIRE(file);
        CHECK(*file == csv);
    }
    SECTION("a file sent with Content-Encoding: gzip") {
        body = gzip(csv);
        announce = true;
        auto file = client.download(report_id, item_id);
        REQUIRE(file);
        CHECK(*file == csv);
    }
    SECTION("a gzip file sent with Content-Encoding: gzip is inflated once, not twice") {
        body = gzip(gzip(csv));
        announce = true;
        auto file = client.download(report_id, item_id);
        REQUIRE(file);
        CHECK(*file == gzip(csv));
    }
    SECTION("a file sent uncompressed comes back as it is") {
        body = csv;
        auto file = client.download(report_id, item_id);
        REQUIRE(file);
        CHECK(*file == csv);
    }
    SECTION("a corrupt gzip stream is an invalid_response") {
        body = gzip(csv).substr(0, 20);
        auto file = client.download(report_id, item_id);
        REQUIRE_FALSE(file);
        CHECK(file.error().kind == rk::ClientErrorKind::invalid_response);
        CHECK_THAT(file.error().message, Catch::Contains("not valid gzip"));
    }
}

TEST_CASE("JSON answers may come gzip-encoded, other encodings are refused") {
    Guarded<std::string> coding;
    Guarded<std::string> body;
    // cpp-httplib's server compresses application/json by itself when asked to; a charset
    // parameter keeps it from doing so, so that the test alone decides the encoding.
    Guarded<std::string> type{"application/json; charset=utf-8"};
    // Catch2 assertions belong on the test's thread, not the server's.
    Guarded<std::string> accepted;
    TinyServer server([&](httplib::Server& s) {
        s.Get(report_path, [&](const httplib::Request& req, httplib::Response& res) {
            accepted = req.get_header_value("Accept-Encoding");
            if (std::string c = coding; !c.empty())
                res.set_header("Content-Encoding", c);
            res.set_content(body.get(), type.get().c_str());
        });
    });
    rk::Client client{server.base_url(), "token", fast};

    SECTION("gzip, from a server that compresses on its own") {
        type = "application/json";
        body = seed_report_json();
        auto report = client.get(report_id);
        REQUIRE(report);
        CHECK(report->id == report_id);
        CHECK(accepted.get() == "gzip");
    }
    SECTION("gzip") {
        coding = "gzip";
        body = gzip(seed_report_json());
        auto report = client.get(report_id);
        REQUIRE(report);
        CHECK(report->id == report_id);
    }
    SECTION("gzip that is not") {
        coding = "gzip";
        body = seed_report_json();
        auto report = client.get(report_id);
        REQUIRE_FALSE(report);
        CHECK(report.error().kind == rk::ClientErrorKind::invalid_response);
        CHECK_THAT(report.error().message, Catch::Contains("Content-Encoding: gzip but"));
    }
    SECTION("brotli, which was not asked for") {
        coding = "br";
        body = seed_report_json();
        auto report = client.get(report_id);
        REQUIRE_FALSE(report);
        CHECK_THAT(report.error().message, Catch::Contains("Content-Encoding \"br\""));
    }
}

TEST_CASE("client credentials go to /idp/token as HTTP Basic and a form, the token is used") {
    Guarded<std::string> token_type{"Bearer"};
    std::atomic<int> token_requests{0};
    Guarded<httplib::Request> token_request;
    TinyServer server([&](httplib::Server& s) {
        s.Post("/api/2/idp/token", [&](const httplib::Request& req, httplib::Response& res) {
            ++token_requests;
            token_request = req;
            res.set_content(R"({"access_token": "tok-1", "token_type": ")" + token_type.get()
                                + R"(", "expires_in": 7200, "expires_on": 1700000000})",
                            "application/json");
        });
        s.Get(report_path, [&](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("Authorization") != "Bearer tok-1") {
                res.status = 401;
                return;
            }
            res.set_content(seed_report_json(), "application/json");
        });
    });
    rk::Client client{server.base_url(), rk::ClientCredentials{"reporter", "s3cret"}, fast};

    SECTION("a bearer token (the type compared without case) is fetched once and reused") {
        REQUIRE(client.get(report_id));
        REQUIRE(client.get(report_id));
        CHECK(token_requests == 1);
        httplib::Request request = token_request;
        CHECK(request.get_header_value("Authorization") == "Basic cmVwb3J0ZXI6czNjcmV0");
        CHECK(request.get_header_value("Content-Type") == "application/x-www-form-urlencoded");
        CHECK(request.body == "grant_type=client_credentials");
    }
    SECTION("a token of another type is an invalid_response of the token endpoint") {
        token_type = "mac";
        auto report = client.get(report_id);
        REQUIRE_FALSE(report);
        CHECK(report.error().kind == rk::ClientErrorKind::invalid_response);
        CHECK(report.error().path == "/api/2/idp/token");
        REQUIRE(report.error().diagnostics.size() == 1);
        CHECK(report.error().diagnostics[0].pointer == "/token_type");
    }
}

TEST_CASE("wait_until_stored stops at the first failed item, and at its timeout") {
    // in_progress for the first `ready_after` polls, then `final_status` for the second item.
    std::atomic<int> polls{0};
    Guarded<int> ready_after = 1;
    Guarded<std::string> final_status{"saved"};
    TinyServer server([&](httplib::Server& s) {
        s.Get(report_path + "/stored", [&](const httplib::Request&, httplib::Response& res) {
            bool ready = polls++ >= ready_after;
            std::string second = ready ? final_status.get() : "in_progress";
            res.set_content(
                R"({"items": [{"id": "5b0b5d2c-1111-4b7e-9a0c-3a7d2f6b8e01", "report_format": "csv_v2_0", "size": 120, "created_at": "2019-08-08T07:36:57+00:00", "status": "saved"},
                              {"id": "5b0b5d2c-2222-4b7e-9a0c-3a7d2f6b8e02", "report_format": "json_v2_0", "size": 180, "created_at": "2019-08-08T07:36:57+00:00", "status": ")"
                    + second + R"("}]})",
                "application/json");
        });
    });
    rk::Client client{server.base_url(), "token", fast};

    SECTION("saved after some polls") {
        ready_after = 2;
        auto stored = client.wait_until_stored(report_id, 10s);
        REQUIRE(stored);
        CHECK(stored->items.size() == 2);
        CHECK(polls == 3);
    }
    SECTION("one item failed") {
        final_status = "failed";
        auto stored = client.wait_until_stored(report_id, 10s);
        REQUIRE_FALSE(stored);
        CHECK(stored.error().kind == rk::ClientErrorKind::report_failed);
        CHECK_THAT(stored.error().message,
                   Catch::Contains("5b0b5d2c-2222-4b7e-9a0c-3a7d2f6b8e02 (json_v2_0)"));
    }
    SECTION("never ready") {
        ready_after = 1'000'000;
        auto stored = client.wait_until_stored(report_id, 50ms);
        REQUIRE_FALSE(stored);
        CHECK(stored.error().kind == rk::ClientErrorKind::timed_out);
        CHECK(stored.error().status == 200);
        CHECK_THAT(stored.error().message, Catch::Contains("still in progress"));
        CHECK(polls >= 2);
    }
}

TEST_CASE("a refused connection is retried, even for a POST, since nothing was sent") {
    rk::Client client{closed_base_url(), "token", fast};
    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    CHECK(report.error().kind == rk::ClientErrorKind::transport);
    CHECK(report.error().status == 0);
    CHECK(report.error().attempts == 3);
    CHECK_THAT(report.error().message, Catch::Contains("could not connect (3 attempts)"));

    auto created = client.create(rp::examples::seed_request());
    REQUIRE_FALSE(created);
    CHECK(created.error().attempts == 3);
}

TEST_CASE("a POST that timed out is not sent again, a GET is") {
    std::atomic<int> posts{0}, gets{0};
    TinyServer server([&](httplib::Server& s) {
        s.Post("/api/2/reports", [&](const httplib::Request&, httplib::Response& res) {
            ++posts;
            std::this_thread::sleep_for(400ms);
            res.set_content(seed_report_json(), "application/json");
        });
        s.Get(report_path, [&](const httplib::Request&, httplib::Response& res) {
            ++gets;
            std::this_thread::sleep_for(400ms);
            res.set_content(seed_report_json(), "application/json");
        });
    });
    rk::ClientOptions options = fast;
    options.read_timeout = 100ms;
    rk::Client client{server.base_url(), "token", options};

    auto created = client.create(rp::examples::seed_request());
    REQUIRE_FALSE(created);
    CHECK(created.error().kind == rk::ClientErrorKind::transport);
    CHECK(created.error().attempts == 1);

    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    CHECK(report.error().attempts == 3);

    // The server saw what the client sent; wait for the sleeping handlers before counting.
    std::this_thread::sleep_for(500ms);
    CHECK(posts == 1);
    CHECK(gets == 3);
}

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
TEST_CASE("an https base URL is used as given when cpp-httplib has TLS support") {
    std::string base_url = closed_base_url();
    base_url.replace(0, 4, "https");
    rk::Client client{base_url, "token", fast};
    auto report = client.get(report_id);
    REQUIRE_FALSE(report);
    CHECK(report.error().kind == rk::ClientErrorKind::transport); // not a configuration error
    CHECK_THAT(report.error().message, Catch::Contains("no answer from https://127.0.0.1:"));
}
#endif

TEST_CASE("a base URL that cannot work fails every call with a configuration error") {
    for (std::string url : {"ftp://example.com/api/2", "http://", "cloud.example.com/api/2"}) {
        CAPTURE(url);
        rk::Client client{url, "token", fast};
        auto report = client.get(report_id);
        REQUIRE_FALSE(report);
        CHECK(report.error().kind == rk::ClientErrorKind::configuration);
        CHECK(report.error().attempts == 0);
    }
}

TEST_CASE("Client::from_environment reads REPORTKIT_BASE_URL and the credentials") {
    TinyServer server([](httplib::Server& s) {
        s.Get(report_path, [](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("Authorization") != "Bearer env-token")
                res.status = 401;
            else
                res.set_content(seed_report_json(), "application/json");
        });
    });
    for (const char* name : {"REPORTKIT_BASE_URL", "REPORTKIT_TOKEN", "REPORTKIT_CLIENT_ID",
                             "REPORTKIT_CLIENT_SECRET"})
        ::unsetenv(name);

    CHECK_FALSE(rk::Client::from_environment(fast));

    ::setenv("REPORTKIT_BASE_URL", server.base_url().c_str(), 1);
    std::optional<rk::Client> unauthenticated = rk::Client::from_environment(fast);
    REQUIRE(unauthenticated);
    auto refused = unauthenticated->get(report_id);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == rk::ClientErrorKind::configuration);
    CHECK_THAT(refused.error().message, Catch::Contains("REPORTKIT_TOKEN"));

    ::setenv("REPORTKIT_TOKEN", "env-token", 1);
    std::optional<rk::Client> client = rk::Client::from_environment(fast);
    REQUIRE(client);
    CHECK(client->base_url() == server.base_url());
    CHECK(client->get(report_id));
    ::unsetenv("REPORTKIT_BASE_URL");
    ::unsetenv("REPORTKIT_TOKEN");
}
