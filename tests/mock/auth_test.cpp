// Tokens: the client-credentials endpoint, scopes, and every kind of 401.
#include "mock_support.hpp"

using namespace mocktest;

namespace {

mock::Options with_clients(ManualClock* clock = nullptr) {
    mock::Options o{
        .clients = {{"billing", "s3cret"}, {"auditor", "look:only", mock::Scope::read_only}},
        .today = today};
    if (clock)
        o.clock = clock->function();
    return o;
}

httplib::Result token_request(httplib::Client& http, const std::string& id,
                              const std::string& secret,
                              const std::string& form = "grant_type=client_credentials") {
    http.set_basic_auth(id, secret);
    return http.Post("/api/2/idp/token", form, "application/x-www-form-urlencoded");
}

} // namespace

TEST_CASE("token endpoint: client credentials over HTTP Basic give a bearer token",
          "[mock][auth]") {
    ManualClock clock;
    mock::Server server(with_clients(&clock));
    httplib::Client http(server.url());

    auto res = token_request(http, "billing", "s3cret");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    auto token = rk::from_json<rp::TokenResponse>(res->body);
    REQUIRE(token);
    CHECK(token->token_type == "bearer");
    CHECK(token->expires_in == 7200);
    CHECK(token->expires_on == *clock.ms / 1000 + 7200);
    CHECK_FALSE(token->access_token.empty());

    httplib::Client api(server.url());
    api.set_bearer_token_auth(token->access_token);
    auto created = api.Post("/api/2/reports", seed_request_text(), "application/json");
    REQUIRE(created);
    CHECK(created->status == 200);

    // A secret may contain ':'; only the first one separates it from the id.
    auto colon = token_request(http, "auditor", "look:only");
    REQUIRE(colon);
    CHECK(colon->status == 200);
}

TEST_CASE("token endpoint: wrong credentials 401, wrong grant 400, wrong media type 415",
          "[mock][auth]") {
    mock::Server server(with_clients());
    httplib::Client http(server.url());

    auto wrong = token_request(http, "billing", "guess");
    require_error(wrong, 401, 401);
    CHECK(wrong->get_header_value("WWW-Authenticate").rfind("Basic", 0) == 0);
    require_error(token_request(http, "nobody", "s3cret"), 401, 401);
    require_error(token_request(http, "billing", "s3cret", "grant_type=password"), 400, 400);
    require_error(token_request(http, "billing", "s3cret", ""), 400, 400);

    http.set_basic_auth("billing", "s3cret");
    require_error(
        http.Post("/api/2/idp/token", R"({"grant_type":"client_credentials"})", "application/json"),
        415, 415);

    httplib::Client anonymous(server.url());
    require_error(anonymous.Post("/api/2/idp/token", "grant_type=client_credentials",
                                 "application/x-www-form-urlencoded"),
                  401, 401);
    require_error(anonymous.Post("/api/2/idp/token", {{"Authorization", "Basic !!!"}},
                                 "grant_type=client_credentials",
                                 "application/x-www-form-urlencoded"),
                  401, 401);
}

TEST_CASE("401 for a missing, malformed, unknown or expired bearer token", "[mock][auth]") {
    ManualClock clock;
    mock::Options options = with_clients(&clock);
    options.token_ttl = 60s;
    options.static_tokens = {"static-token_1.2~3+4/5=="};
    mock::Server server(options);
    httplib::Client http(server.url());
    const std::string path = "/api/2/tenants/ede9f834-70b3-476c-83d9-736f9f8c7dae/reports";

    auto missing = http.Get(path);
    require_error(missing, 401, 401);
    CHECK_THAT(*error_of(missing).details->info, Catch::Contains("missing Authorization"));
    CHECK(missing->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);

    for (std::string header : {"Basic YmlsbGluZzpzM2NyZXQ=", "bearer abc", "Bearer", "Bearer a b",
                               "Bearer abc=d", "Bearer ab!c", "Token abc"}) {
        INFO(header);
        require_error(http.Get(path, {{"Authorization", header}}), 401, 401);
    }
    auto unknown = http.Get(path, bearer("no-such-token"));
    require_error(unknown, 401, 401);
    CHECK_THAT(*error_of(unknown).details->info, Catch::Contains("unknown"));

    // The static token is always valid; an issued one until its lifetime is over.
    CHECK(http.Get(path, bearer("static-token_1.2~3+4/5=="))->status == 200);
    std::string issued = server.issue_token();
    CHECK(http.Get(path, bearer(issued))->status == 200);
    clock.advance(59s);
    CHECK(http.Get(path, bearer(issued))->status == 200);
    clock.advance(1s);
    auto expired = http.Get(path, bearer(issued));
    require_error(expired, 401, 401);
    CHECK_THAT(*error_of(expired).details->info, Catch::Contains("expired"));
    CHECK(http.Get(path, bearer("static-token_1.2~3+4/5=="))->status == 200);
}

TEST_CASE("a token's lifetime is configurable, a zero lifetime is expired at once",
          "[mock][auth]") {
    mock::Server server({.clients = {{"c", "s"}}, .token_ttl = 0s, .today = today});
    httplib::Client http(server.url());
    auto res = token_request(http, "c", "s");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto token = rk::from_json<rp::TokenResponse>(res->body);
    REQUIRE(token);
    CHECK(token->expires_in == 0);
    require_error(http.Get("/api/2/reports/ede9f834-70b3-476c-83d9-736f9f8c7dae",
                           bearer(token->access_token)),
                  401, 401);
}

TEST_CASE("read-only tokens read but get 403 with code 1002 on every write", "[mock][auth]") {
    mock::Server server(with_clients());
    httplib::Client http(server.url());
    auto granted =
        rk::from_json<rp::TokenResponse>(token_request(http, "auditor", "look:only")->body);
    REQUIRE(granted);

    auto seeded = server.create(rp::examples::seed_request());
    REQUIRE(seeded);
    const std::string path = "/api/2/reports/" + seeded->id.to_string();

    for (const std::string& token :
         {granted->access_token, server.issue_token(mock::Scope::read_only)}) {
        httplib::Client reader(server.url());
        reader.set_bearer_token_auth(token);
        CHECK(reader.Get(path)->status == 200);
        CHECK(reader.Get(path + "/stored")->status == 200);
        CHECK(reader.Get("/api/2/tenants/" + rp::examples::seed_tenant().to_string() + "/reports")
                  ->status
              == 200);
        require_error(reader.Post("/api/2/reports", seed_request_text(), "application/json"), 403,
                      rp::platform_code::access_denied);
        require_error(reader.Put(path, R"({"schedule": {"enabled": false}})", "application/json"),
                      403, rp::platform_code::access_denied);
        require_error(reader.Delete(path + "?version=1"), 403, rp::platform_code::access_denied);
    }
    CHECK(server.reports().size() == 1);
    CHECK(server.report(seeded->id)->version == 1);
}

TEST_CASE("bad static tokens are refused at construction", "[mock][auth]") {
    CHECK_THROWS_AS(mock::Server({.static_tokens = {"has space"}}), std::invalid_argument);
    CHECK_THROWS_AS(mock::Server({.static_tokens = {""}}), std::invalid_argument);
}
