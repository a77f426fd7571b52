// The request journal, injected faults, and servers side by side in one process.
#include "mock_support.hpp"

#include <future>
#include <optional>
#include <vector>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

using namespace mocktest;

TEST_CASE("the journal records method, path, query, headers, body and status", "[mock][journal]") {
    Fixture f;
    rp::Report created = f.create(monthly_request());
    const std::string path = "/api/2/reports/" + created.id.to_string();
    f.get(path);
    f.del(path + "?version=9");

    auto& journal = f.server.journal();
    REQUIRE(journal.size() == 3);
    auto post = journal.last("POST", "/api/2/reports");
    REQUIRE(post);
    CHECK(post->status == 200);
    CHECK(post->body == monthly_request());
    CHECK(post->header("content-type") == "application/json");
    CHECK(post->header("AUTHORIZATION") == "Bearer " + f.token);
    CHECK(post->routed);
    CHECK_FALSE(post->faulted);

    auto del = journal.last("DELETE");
    REQUIRE(del);
    CHECK(del->path == path);
    CHECK(del->query == "version=9");
    CHECK(del->param("version") == "9");
    CHECK(del->status == 409);

    CHECK(journal.count("GET", path) == 1);
    CHECK(journal.count("", "/api/2/reports/*") == 2);
    CHECK(journal.count("GET", "/api/2/reports/*") == 1);
    CHECK(journal.count("GET", "/api/2/*") == 0); // "*" is one segment, never more
    CHECK(journal.find("", "/api/2/reports/*").size() == 2);
    CHECK_FALSE(journal.last("PUT"));
    CHECK_NOTHROW(journal.require_all_routed());

    journal.clear();
    CHECK(journal.size() == 0);
}

TEST_CASE("the journal tells requests no defined route answered", "[mock][journal]") {
    Fixture f;
    f.get("/api/2/report");  // a typo
    f.get("/api/2/reports"); // known path, wrong method
    f.create(seed_request_text());

    auto stray = f.server.journal().unrouted();
    REQUIRE(stray.size() == 2);
    CHECK(stray[0].path == "/api/2/report");
    CHECK(stray[0].status == 404);
    CHECK(stray[1].status == 405);
    try {
        f.server.journal().require_all_routed();
        FAIL("require_all_routed did not throw");
    } catch (const std::logic_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("2 request(s)")
                                 && Catch::Contains("GET /api/2/report -> 404")
                                 && Catch::Contains("GET /api/2/reports -> 405"));
    }
}

TEST_CASE("fault: a forced status with the platform error body, for the next N matches",
          "[mock][fault]") {
    Fixture f;
    f.server.inject(mock::Fault::failing("POST", "/api/2/reports", 503, 2));
    f.server.inject(mock::Fault{.method = "GET",
                                .path = "/api/2/tenants/*/reports",
                                .status = 404,
                                .code = rp::platform_code::tenant_not_found,
                                .message = "Tenant not found"});
    CHECK(f.server.pending_faults() == 2);

    // Other methods and paths are untouched.
    CHECK(f.get("/api/2/reports/00000000-0000-4000-8000-000000000000")->status == 404);

    for (int i = 0; i < 2; ++i) {
        auto res = f.post("/api/2/reports", seed_request_text());
        require_error(res, 503, 503);
        CHECK(error_of(res).message == "Injected fault");
    }
    CHECK(f.post("/api/2/reports", seed_request_text())->status == 200);
    CHECK(f.server.reports().size() == 1);

    auto tenant = f.get("/api/2/tenants/ede9f834-70b3-476c-83d9-736f9f8c7dae/reports");
    require_error(tenant, 404, rp::platform_code::tenant_not_found);
    CHECK(error_of(tenant).message == "Tenant not found");
    CHECK(f.get("/api/2/tenants/ede9f834-70b3-476c-83d9-736f9f8c7dae/reports")->status == 200);
    CHECK(f.server.pending_faults() == 0);

    auto faulted = f.server.journal().find("POST", "/api/2/reports");
    REQUIRE(faulted.size() == 3);
    CHECK(faulted[0].faulted);
    CHECK(faulted[1].faulted);
    CHECK_FALSE(faulted[2].faulted);
}

TEST_CASE("fault: a dropped connection gets no answer, and the server keeps serving",
          "[mock][fault]") {
    Fixture f;
    f.server.inject(mock::Fault::dropped("POST", "/api/2/reports"));
    auto res = f.post("/api/2/reports", seed_request_text());
    REQUIRE_FALSE(res);
    CHECK(res.error() != httplib::Error::Success);
    CHECK(f.server.reports().empty());

    auto entry = f.server.journal().last("POST", "/api/2/reports");
    REQUIRE(entry);
    CHECK(entry->status == 0);
    CHECK(entry->faulted);

    CHECK(f.post("/api/2/reports", seed_request_text())->status == 200);
}

TEST_CASE("fault: a delayed response does not stall other requests", "[mock][fault]") {
    std::optional<Fixture> f(std::in_place);
    // Far longer than the test: it ends when the server stops, which wakes every delay.
    f->server.inject(mock::Fault::delayed("GET", "/api/2/reports/*", 10min));
    auto seeded = f->server.create(rp::examples::seed_request());
    REQUIRE(seeded);
    const std::string url = f->server.url(), token = f->token;
    auto slow = std::async(std::launch::async, [&] {
        httplib::Client http(url);
        http.set_bearer_token_auth(token);
        http.set_read_timeout(60, 0);
        auto res = http.Get("/api/2/reports/" + seeded->id.to_string());
        return res ? res->status : -1;
    });
    // The fault is taken once the slow request is inside the server.
    REQUIRE(eventually([&] { return f->server.pending_faults() == 0; }));

    for (int i = 0; i < 5; ++i)
        CHECK(f->post("/api/2/reports", seed_request_text())->status == 200);
    CHECK(f->get("/api/2/reports/" + seeded->id.to_string() + "/stored")->status == 200);
    CHECK(slow.wait_for(0s) == std::future_status::timeout);

    // Stopping does not wait out the delay.
    f->server.stop();
    REQUIRE(slow.wait_for(30s) == std::future_status::ready);
    slow.get();
    auto entry = f->server.journal().last("GET", "/api/2/reports/*");
    REQUIRE(entry);
    CHECK(entry->faulted);
    f.reset();
}

TEST_CASE("fault: a short delay, then the normal answer", "[mock][fault]") {
    Fixture f;
    f.server.inject(mock::Fault::delayed("", "", 50ms));
    auto res = f.post("/api/2/reports", seed_request_text());
    REQUIRE(res);
    CHECK(res->status == 200);
    auto entry = f.server.journal().last();
    REQUIRE(entry);
    CHECK(entry->faulted);
    CHECK(entry->elapsed >= 50ms);
    f.server.inject(mock::Fault::failing("GET", "", 500, 3));
    f.server.clear_faults();
    CHECK(f.server.pending_faults() == 0);
}

TEST_CASE("two servers at once keep separate state", "[mock][parallel]") {
    Fixture a, b;
    CHECK(a.server.port() != b.server.port());
    rp::Report in_a = a.create(seed_request_text());
    rp::Report in_b = b.create(monthly_request());
    CHECK(a.server.reports().size() == 1);
    CHECK(b.server.reports().size() == 1);
    require_error(b.get("/api/2/reports/" + in_a.id.to_string()), 404, 404);
    require_error(a.get("/api/2/reports/" + in_b.id.to_string()), 404, 404);
    // A token of one server means nothing to the other.
    require_error(b.http.Get("/api/2/reports/" + in_b.id.to_string(), bearer(a.token)), 401, 401);
    CHECK(a.server.journal().size() == 2);
    CHECK(b.server.journal().size() == 3);
    CHECK(b.server.journal().count("GET", "/api/2/reports/" + in_a.id.to_string()) == 1);
    CHECK(a.server.journal().count("GET", "/api/2/reports/" + in_a.id.to_string()) == 0);
}

TEST_CASE("many servers in parallel threads, many requests each", "[mock][parallel]") {
    constexpr int servers = 6, clients = 4, requests = 20;
    // Catch2 assertions are for the main thread only: the threads return what they saw.
    struct Outcome {
        int answered = 0;
        std::size_t stored = 0;
    };
    std::vector<std::future<Outcome>> runs;
    for (int s = 0; s < servers; ++s)
        runs.push_back(std::async(std::launch::async, [] {
            Fixture f;
            std::vector<std::future<int>> users;
            for (int c = 0; c < clients; ++c)
                users.push_back(std::async(std::launch::async, [&] {
                    httplib::Client http(f.server.url());
                    http.set_bearer_token_auth(f.token);
                    int ok = 0;
                    for (int i = 0; i < requests; ++i) {
                        auto res =
                            http.Post("/api/2/reports", seed_request_text(), "application/json");
                        ok += res && res->status == 200;
                    }
                    return ok;
                }));
            Outcome out;
            for (auto& u : users)
                out.answered += u.get();
            out.stored = f.server.reports().size();
            return out;
        }));
    for (auto& r : runs) {
        Outcome out = r.get();
        CHECK(out.answered == clients * requests);
        CHECK(out.stored == std::size_t{clients * requests});
    }
}

TEST_CASE("the journal stays valid JSON when a request body is not UTF-8", "[mock][admin]") {
    Fixture f;
    httplib::Client http(f.server.url());
    auto bad = http.Post("/api/2/reports", bearer(f.token), std::string("{\"a\": \"\xff\xfe\"}"),
                         "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    auto journal = httplib::Client(f.server.url()).Get("/__admin/journal");
    REQUIRE(journal);
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(journal->body, ec); // rejects invalid UTF-8
    REQUIRE_FALSE(ec);
    CHECK(doc.at("items").at(0).at("body") == "{\"a\": \"\xef\xbf\xbd\xef\xbf\xbd\"}");
}

TEST_CASE("the admin API: journal, faults, outbox, state, token, reset", "[mock][admin]") {
    Fixture f;
    f.create(seed_request_text());
    httplib::Client admin(f.server.url());

    auto journal = admin.Get("/__admin/journal");
    REQUIRE(journal);
    REQUIRE(journal->status == 200);
    auto items = boost::json::parse(journal->body).at("items").as_array();
    REQUIRE(items.size() == 1); // admin calls are not journaled
    CHECK(items[0].at("path") == "/api/2/reports");
    CHECK(items[0].at("status") == 200);

    auto outbox = admin.Get("/__admin/outbox");
    REQUIRE(outbox);
    CHECK(boost::json::parse(outbox->body).at("items").as_array().size() == 1);

    auto state = admin.Get("/__admin/state");
    REQUIRE(state);
    CHECK(boost::json::parse(state->body).at("reports").as_array().size() == 1);

    auto fault = admin.Post("/__admin/faults", R"({"method": "GET", "path": "/api/2/reports/*",
                                                   "status": 502, "times": 1})",
                            "application/json");
    REQUIRE(fault);
    CHECK(fault->status == 204);
    CHECK(f.server.pending_faults() == 1);
    require_error(f.get("/api/2/reports/00000000-0000-4000-8000-000000000000"), 502, 502);
    require_error(admin.Post("/__admin/faults", R"({"times": 0, "colour": 1})", "application/json"),
                  400, 400);

    auto token = admin.Post("/__admin/token?scope=read_only", "", "text/plain");
    REQUIRE(token);
    auto granted = rk::from_json<rp::TokenResponse>(token->body);
    REQUIRE(granted);
    require_error(f.http.Post("/api/2/reports", bearer(granted->access_token), seed_request_text(),
                              "application/json"),
                  403, rp::platform_code::access_denied);

    CHECK(admin.Post("/__admin/reset", "", "text/plain")->status == 204);
    CHECK(f.server.reports().empty());
    CHECK(f.server.journal().size() == 0);
    require_error(admin.Get("/__admin/nothing"), 404, 404);
}

namespace {

// An IPv4 address of this machine that is not loopback, if it has one.
std::optional<std::string> outside_address() {
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0)
        return std::nullopt;
    std::optional<std::string> found;
    for (ifaddrs* a = list; a && !found; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || (a->ifa_flags & IFF_LOOPBACK))
            continue;
        char text[INET_ADDRSTRLEN];
        const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
        if (::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text))
            found = text;
    }
    ::freeifaddrs(list);
    return found;
}

} // namespace

TEST_CASE("the admin API refuses non-loopback callers unless they bring the admin token",
          "[mock][admin]") {
    auto address = outside_address();
    if (!address) {
        WARN("no non-loopback IPv4 address on this machine; nothing to test");
        return;
    }
    mock::Server server({.host = *address, .admin_token = "let-me-in"});
    httplib::Client admin(server.url());
    require_error(admin.Get("/__admin/journal"), 403, rp::platform_code::access_denied);
    require_error(admin.Get("/__admin/journal", bearer("wrong")), 403,
                  rp::platform_code::access_denied);
    auto allowed = admin.Get("/__admin/journal", bearer("let-me-in"));
    REQUIRE(allowed);
    CHECK(allowed->status == 200);

    mock::Server closed({.host = *address});
    httplib::Client other(closed.url());
    require_error(other.Get("/__admin/state", bearer("let-me-in")), 403,
                  rp::platform_code::access_denied);
}

TEST_CASE("the journal keeps the latest journal_limit requests and says how many it dropped",
          "[mock][journal]") {
    Fixture f({.today = today, .journal_limit = 3});
    for (int i = 0; i < 5; ++i)
        f.get("/api/2/tenants/33333333-3333-4333-8333-33333333333" + std::to_string(i)
              + "/reports");
    CHECK(f.server.journal().size() == 3);
    CHECK(f.server.journal().dropped() == 2);
    // The oldest went: what is left are the last three, in order.
    auto entries = f.server.journal().entries();
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].path == "/api/2/tenants/33333333-3333-4333-8333-333333333332/reports");
    CHECK(entries[2].path == "/api/2/tenants/33333333-3333-4333-8333-333333333334/reports");

    httplib::Client admin(f.server.url());
    auto journal = admin.Get("/__admin/journal");
    REQUIRE(journal);
    auto doc = boost::json::parse(journal->body).as_object();
    CHECK(doc.at("items").as_array().size() == 3);
    CHECK(doc.at("dropped").as_int64() == 2);
    CHECK(doc.at("limit").as_int64() == 3);

    // Cleared, it counts afresh.
    CHECK(admin.Delete("/__admin/journal")->status == 204);
    CHECK(f.server.journal().dropped() == 0);
    CHECK(mock::Options{}.journal_limit == 10'000); // the documented default
}
