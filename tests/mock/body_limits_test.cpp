// Bodies whose size is unknown before they are read are refused before they are read: the 1 MiB
// limit must hold for chunked and compressed bodies too, not only for a declared Content-Length.
#include "../hostile/raw_http.hpp"
#include "mock_support.hpp"

#include <catch2/catch.hpp>

using namespace mocktest;

TEST_CASE("a chunked body is refused with 411 before it is read", "[mock][limits]") {
    Fixture f;
    // Sent whole before the answer is read, so the test does not race the server's close.
    std::string request = "POST /api/2/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer "
                          + f.token
                          + "\r\n"
                            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "2\r\n{}\r\n0\r\n\r\n";
    auto res = rk::testing::exchange(f.server.port(), request);
    REQUIRE(res);
    CHECK(res->status == 411);
    CHECK(res->header("Connection") == "close");
    auto body = rk::from_json<rp::ApiError>(res->body);
    REQUIRE(body);
    CHECK(std::get<std::int64_t>(body->error.code) == 411);
    CHECK(f.server.reports().empty());
    // The server answers the next request normally.
    CHECK(f.create(seed_request_text()).version == 1);
}

TEST_CASE("a compressed body is refused with 415: it could inflate past any limit",
          "[mock][limits]") {
    Fixture f;
    httplib::Headers headers{{"Content-Encoding", "gzip"}};
    auto res = f.http.Post("/api/2/reports", headers, std::string(100, 'x'), "application/json");
    require_error(res, 415, 415);
    CHECK(res->body.find("Content-Encoding") != std::string::npos);
    CHECK(f.server.reports().empty());
}

TEST_CASE("Content-Type tolerates tabs as optional whitespace", "[mock][limits]") {
    Fixture f;
    auto res = f.post("/api/2/reports", seed_request_text(), "application/json\t; charset=utf-8");
    REQUIRE(res);
    CHECK(res->status == 200);
}
