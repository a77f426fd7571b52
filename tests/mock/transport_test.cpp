// The connection level, over real sockets: a client that half-closes after its request still
// gets its answer; pipelined requests are answered in order; idle keep-alive connections hold
// no worker, so more open connections than workers are all served.
#include "../hostile/raw_http.hpp"
#include "mock_support.hpp"

#include <catch2/catch.hpp>

using namespace mocktest;
using rk::testing::raw_request;
using rk::testing::RawConnection;

TEST_CASE("a client that half-closes after a complete request gets its answer",
          "[mock][transport]") {
    Fixture f;
    rp::Report created = f.create(seed_request_text());
    SECTION("GET") {
        RawConnection c(f.server.port());
        REQUIRE(c.connected());
        REQUIRE(c.send(raw_request("GET", "/api/2/reports/" + created.id.to_string(),
                                   {{"Authorization", "Bearer " + f.token}})));
        c.finish_sending();
        auto res = c.read_response(5s);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == rk::to_json_string(created));
        CHECK(c.closed_by_peer(5s));
    }
    SECTION("POST") {
        RawConnection c(f.server.port());
        REQUIRE(c.send(raw_request(
            "POST", "/api/2/reports",
            {{"Authorization", "Bearer " + f.token}, {"Content-Type", "application/json"}},
            seed_request_text())));
        c.finish_sending();
        auto res = c.read_response(5s);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(f.server.reports().size() == 2);
    }
    CHECK(f.server.journal().count("", "") == 2);
}

TEST_CASE("a client that sends Expect: 100-continue gets the interim answer before its body",
          "[mock][transport]") {
    // The mock gathers an answer's bytes and sends them at once; the interim "100 Continue"
    // must still go out while the client waits with its body.
    Fixture f;
    RawConnection c(f.server.port());
    REQUIRE(c.connected());
    std::string body = seed_request_text();
    REQUIRE(c.send("POST /api/2/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                   + f.token + "\r\nContent-Type: application/json\r\nContent-Length: "
                   + std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n"));
    auto interim = c.read_response(3s);
    REQUIRE(interim);
    CHECK(interim->status == 100);
    REQUIRE(c.send(body));
    auto res = c.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(f.server.reports().size() == 1);
}

TEST_CASE("pipelined requests are answered in order on one connection", "[mock][transport]") {
    Fixture f;
    rp::Report a = f.create(seed_request_text()), b = f.create(save_request());
    RawConnection c(f.server.port());
    std::string both;
    for (const rp::Report& r : {a, b})
        both += raw_request("GET", "/api/2/reports/" + r.id.to_string(),
                            {{"Authorization", "Bearer " + f.token}, {"Connection", "keep-alive"}});
    REQUIRE(c.send(both));
    for (const rp::Report& r : {a, b}) {
        auto res = c.read_response(5s);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == rk::to_json_string(r));
    }
}

TEST_CASE("open keep-alive connections hold no worker: ten connections, two workers",
          "[mock][transport]") {
    Fixture f({.today = today, .threads = 2});
    rp::Report created = f.create(seed_request_text());
    std::vector<std::unique_ptr<RawConnection>> open;
    for (int i = 0; i < 10; ++i)
        open.push_back(std::make_unique<RawConnection>(f.server.port()));
    // Each connection in turn, twice: with a worker held per open connection, the third would
    // wait for one of the first two to time out.
    for (int round = 0; round < 2; ++round) {
        for (auto& c : open) {
            REQUIRE(c->send(raw_request(
                "GET", "/api/2/reports/" + created.id.to_string(),
                {{"Authorization", "Bearer " + f.token}, {"Connection", "keep-alive"}})));
            auto res = c->read_response(std::chrono::milliseconds(500));
            REQUIRE(res);
            CHECK(res->status == 200);
        }
    }
}
