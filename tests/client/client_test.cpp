// The client against the in-process mock over real sockets: every operation, the typed errors
// of API.md, tokens from client credentials, and the retry rules. Each test asserts both what
// the client returned and, through the mock's journal, what it actually sent.
#include <reportkit/client.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports/builder.hpp>
#include <reportkit/reports/examples.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using namespace std::chrono_literals;

namespace {

const rk::ClientOptions fast{.retry = {.min_delay = 1ms, .max_delay = 5ms}, .poll_interval = 10ms};

std::string reports_path = "/api/2/reports";
std::string path_of(const rk::Uuid& id) {
    return reports_path + "/" + id.to_string();
}

// A report kept on the server (`save`): scheduled ones are the only kind that can be updated.
rp::ReportRequest saved_report(rp::ScheduleType schedule,
                               std::vector<rp::Format> formats = {rp::Format::csv}) {
    auto draft = rp::usage_report()
                     .kind(rp::Kind::usage_daily)
                     .tenant(rp::examples::seed_tenant())
                     .level(rp::Level::all_customers)
                     .period("2017-05-01", "2017-05-03")
                     .formats(std::move(formats));
    auto scheduled = schedule == rp::ScheduleType::monthly ? draft.monthly() : draft.once();
    return scheduled.save().build().value();
}

rp::ReportRequest monthly_save() {
    return saved_report(rp::ScheduleType::monthly);
}

bool contains(const std::vector<rk::Uuid>& ids, const rk::Uuid& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A clock a test moves by hand, shared with the mock.
struct ManualClock {
    std::shared_ptr<std::atomic<std::int64_t>> offset_ms =
        std::make_shared<std::atomic<std::int64_t>>(0);
    std::chrono::system_clock::time_point start = std::chrono::system_clock::now();

    std::function<std::chrono::system_clock::time_point()> function() const {
        return [offset = offset_ms, start = start] {
            return start + std::chrono::milliseconds(offset->load());
        };
    }
    void advance(std::chrono::milliseconds by) const { *offset_ms += by.count(); }
};

} // namespace

TEST_CASE("create: the seed's request comes back as the documented report") {
    mock::Server server;
    std::string token = server.issue_token();
    rk::Client client{server.base_url(), token, fast};

    rk::ApiResult<rp::Report> created = client.create(rp::examples::seed_request());
    REQUIRE(created);
    CHECK(created.status() == 200);
    CHECK(created->version == 1);
    CHECK(created->schedule.enabled == true);
    CHECK(rk::to_json_string(*created)
          == rk::to_json_string(rp::make_report(rp::examples::seed_request(), created->id)));
    REQUIRE(server.reports().size() == 1);
    CHECK(server.reports()[0].id == created->id);

    auto sent = server.journal().last("POST", reports_path);
    REQUIRE(sent);
    CHECK(sent->header("Authorization") == "Bearer " + token);
    CHECK(sent->header("Content-Type") == "application/json");
    auto body = rk::from_json<rp::ReportRequest>(sent->body);
    REQUIRE(body);
    CHECK(rk::to_json_string(*body) == rk::to_json_string(rp::examples::seed_request()));
    CHECK_NOTHROW(server.journal().require_all_routed());
}

TEST_CASE("get, tenant_reports, update and remove: a scheduled report's life") {
    mock::Server server;
    rk::Client client{server.base_url(), server.issue_token(), fast};
    auto created = client.create(monthly_save());
    REQUIRE(created);
    const rk::Uuid id = created->id;

    auto fetched = client.get(id);
    REQUIRE(fetched);
    CHECK(rk::to_json_string(*fetched) == rk::to_json_string(*created));

    auto listed = client.tenant_reports(rp::examples::seed_tenant());
    REQUIRE(listed);
    CHECK(contains(listed->items, id));

    auto disabled = client.update(id, rp::report_update().enabled(false).build().value());
    REQUIRE(disabled);
    CHECK(disabled->version == 2);
    CHECK(disabled->schedule.enabled == false);
    auto put = server.journal().last("PUT", path_of(id));
    REQUIRE(put);
    CHECK(put->body == R"({"schedule":{"enabled":false}})");

    SECTION("a stale version is a 409 with platform code 1001, and nothing is deleted") {
        auto stale = client.remove(id, 1);
        REQUIRE_FALSE(stale);
        CHECK(stale.error().kind == rk::ClientErrorKind::http);
        CHECK(stale.status() == 409);
        CHECK(stale.error().platform_code() == rp::platform_code::version_mismatch);
        CHECK(stale.error().attempts == 1);
        CHECK(server.report(id));
    }
    SECTION("the current version deletes it; afterwards it is a 404") {
        auto deleted = client.remove(id, 2);
        REQUIRE(deleted);
        CHECK(deleted.status() == 204);
        CHECK(server.journal().last("DELETE", path_of(id))->param("version") == "2");
        CHECK_FALSE(server.report(id));

        auto gone = client.get(id);
        REQUIRE_FALSE(gone);
        CHECK(gone.status() == 404);
        REQUIRE(gone.error().api);
        CHECK_FALSE(client.tenant_reports(rp::examples::seed_tenant())->items.size() > 0);
    }
    CHECK_NOTHROW(server.journal().require_all_routed());
}

TEST_CASE("typed API errors: 400 with violations, 401, 403, 404") {
    mock::Server server;

    SECTION("400: every violation of an invalid request, by JSON Pointer") {
        rk::Client client{server.base_url(), server.issue_token(), fast};
        rp::ReportRequest request = rp::examples::seed_request();
        request.recipients.reset();                        // required for `send`
        request.schedule.type = rp::ScheduleType::monthly; // no generation_date then
        auto created = client.create(request);
        REQUIRE_FALSE(created);
        const rk::ClientError& error = created.error();
        CHECK(error.kind == rk::ClientErrorKind::http);
        CHECK(error.status == 400);
        REQUIRE(error.api);
        std::vector<std::pair<std::string, std::string>> violations;
        for (const rp::Violation& v : error.violations())
            violations.emplace_back(v.pointer, v.code);
        CHECK_THAT(
            violations,
            Catch::Matchers::UnorderedEquals(std::vector<std::pair<std::string, std::string>>{
                {"/recipients", "required_if"}, {"/generation_date", "forbidden"}}));
        CHECK_THAT(error.describe(), Catch::Contains("/recipients: "));
        CHECK(server.reports().empty());
    }
    SECTION("400 with platform code 1027: a one-time report cannot be updated") {
        rk::Client client{server.base_url(), server.issue_token(), fast};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE(created);
        auto updated =
            client.update(created->id, rp::report_update().enabled(false).build().value());
        REQUIRE_FALSE(updated);
        CHECK(updated.status() == 400);
        CHECK(updated.error().platform_code() == rp::platform_code::business_rules);
    }
    SECTION("401: an unknown token") {
        rk::Client client{server.base_url(), "not-a-token-of-this-server", fast};
        auto report = client.get(rp::examples::seed_report().id);
        REQUIRE_FALSE(report);
        CHECK(report.status() == 401);
        REQUIRE(report.error().api);
        CHECK(report.error().attempts == 1);
    }
    SECTION("403: a read-only token may read but not write") {
        rk::Client client{server.base_url(), server.issue_token(mock::Scope::read_only), fast};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE_FALSE(created);
        CHECK(created.status() == 403);
        REQUIRE(created.error().api);
        CHECK(server.reports().empty());
        CHECK(client.tenant_reports(rp::examples::seed_tenant()));
    }
    SECTION("404: an unknown report") {
        rk::Client client{server.base_url(), server.issue_token(), fast};
        const rk::Uuid unknown = rp::examples::seed_report().id;
        auto report = client.get(unknown);
        REQUIRE_FALSE(report);
        CHECK(report.status() == 404);
        REQUIRE(report.error().api);
        CHECK_THAT(report.error().message,
                   Catch::StartsWith("GET " + path_of(unknown) + ": answered 404"));
        CHECK(client.stored(unknown).status() == 404);
        CHECK(client.remove(unknown, 1).status() == 404);
    }
}

TEST_CASE("stored files: listed, waited for, downloaded and inflated once") {
    ManualClock clock;
    mock::Server server{{.stored_delay = 60s, .clock = clock.function()}};
    rk::Client client{server.base_url(), server.issue_token(), fast};
    auto created = client.create(
        saved_report(rp::ScheduleType::once, {rp::Format::csv_v2_0, rp::Format::json_v2_0}));
    REQUIRE(created);
    const rk::Uuid id = created->id;
    const std::string stored_path = path_of(id) + "/stored";

    auto listed = client.stored(id);
    REQUIRE(listed);
    REQUIRE(listed->items.size() == 2);
    CHECK(listed->items[0].status == rp::StoredStatus::in_progress);

    SECTION("waiting polls until every item is saved") {
        // Time moves on only once the client has polled twice, so it must poll at least thrice.
        std::thread mover([&] {
            while (server.journal().count("GET", stored_path) < 3)
                std::this_thread::sleep_for(1ms);
            clock.advance(61s);
        });
        auto stored = client.wait_until_stored(id, 60s);
        mover.join();
        REQUIRE(stored);
        CHECK(server.journal().count("GET", stored_path) >= 4);
        std::vector<rp::Format> formats;
        for (const rp::StoredReport& item : stored->items) {
            CHECK(item.status == rp::StoredStatus::saved);
            formats.push_back(item.report_format);

            auto file = client.download(id, item.id);
            REQUIRE(file);
            auto expected = server.stored_content(id, item.id);
            REQUIRE(expected);
            CHECK(*file == *expected);
            CHECK_FALSE(rk::detail::looks_gzipped(*file));
        }
        CHECK_THAT(formats, Catch::Matchers::UnorderedEquals(std::vector<rp::Format>{
                                rp::Format::csv_v2_0, rp::Format::json_v2_0}));
        auto download = server.journal().last("GET", stored_path + "/*");
        REQUIRE(download);
        CHECK(download->header("Accept-Encoding") == "gzip");
    }
    SECTION("waiting gives up at its timeout") {
        auto stored = client.wait_until_stored(id, 50ms);
        REQUIRE_FALSE(stored);
        CHECK(stored.error().kind == rk::ClientErrorKind::timed_out);
        CHECK_THAT(stored.error().message, Catch::Contains("csv_v2_0"));
    }
    SECTION("a download of an unknown stored id is a 404") {
        auto file = client.download(id, rp::examples::seed_report().id);
        REQUIRE_FALSE(file);
        CHECK(file.status() == 404);
    }
}

TEST_CASE("client credentials: a token is fetched, reused, renewed before expiry and after 401") {
    ManualClock clock;
    mock::Server server{{.clients = {{"reporter", "s3cret", mock::Scope::admin},
                                     {"auditor", "r3ad", mock::Scope::read_only}},
                         .token_ttl = 30s,
                         .clock = clock.function()}};
    const std::string token_path = "/api/2/idp/token";

    SECTION("fetched once and reused while far from expiry") {
        rk::ClientOptions options = fast;
        options.token_renewal_margin = 10s;
        rk::Client client{server.base_url(), rk::ClientCredentials{"reporter", "s3cret"}, options};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE(created);
        REQUIRE(client.get(created->id));
        CHECK(server.journal().count("POST", token_path) == 1);
        auto token_request = server.journal().last("POST", token_path);
        REQUIRE(token_request);
        CHECK(token_request->header("Authorization") == "Basic cmVwb3J0ZXI6czNjcmV0");
        CHECK(token_request->body == "grant_type=client_credentials");
        CHECK(token_request->status == 200);
    }
    SECTION("renewed when its remaining lifetime is within the margin") {
        rk::ClientOptions options = fast;
        options.token_renewal_margin = 60s; // longer than the 30 s lifetime: renew every call
        rk::Client client{server.base_url(), rk::ClientCredentials{"reporter", "s3cret"}, options};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE(created);
        REQUIRE(client.get(created->id));
        REQUIRE(client.tenant_reports(rp::examples::seed_tenant()));
        CHECK(server.journal().count("POST", token_path) == 3);
        std::set<std::string> bearers;
        for (const mock::RecordedRequest& r : server.journal().entries())
            if (r.path != token_path)
                bearers.insert(r.header("Authorization").value_or(""));
        CHECK(bearers.size() == 3); // each request went with the token fetched for it
    }
    SECTION("renewed once when the server no longer accepts it") {
        rk::ClientOptions options = fast;
        options.token_renewal_margin = 10s;
        rk::Client client{server.base_url(), rk::ClientCredentials{"reporter", "s3cret"}, options};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE(created);
        clock.advance(31s); // expired on the server; the client's steady clock disagrees
        auto fetched = client.get(created->id);
        REQUIRE(fetched);
        CHECK(server.journal().count("POST", token_path) == 2);
        auto gets = server.journal().find("GET", path_of(created->id));
        REQUIRE(gets.size() == 2);
        CHECK(gets[0].status == 401);
        CHECK(gets[1].status == 200);
        CHECK(gets[0].header("Authorization") != gets[1].header("Authorization"));
    }
    SECTION("wrong credentials: the token endpoint's 401, and no API request") {
        rk::Client client{server.base_url(), rk::ClientCredentials{"reporter", "wrong"}, fast};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE_FALSE(created);
        CHECK(created.status() == 401);
        CHECK(created.error().path == token_path);
        CHECK(server.journal().count("POST", reports_path) == 0);
    }
    SECTION("a read-only client's token gets 403 on writes") {
        rk::Client client{server.base_url(), rk::ClientCredentials{"auditor", "r3ad"}, fast};
        auto created = client.create(rp::examples::seed_request());
        REQUIRE_FALSE(created);
        CHECK(created.status() == 403);
    }
}

TEST_CASE("retries: 50x and dropped connections are retried twice, a POST only on request") {
    mock::Server server;
    rk::Client client{server.base_url(), server.issue_token(), fast};
    auto created = client.create(monthly_save());
    REQUIRE(created);
    const std::string path = path_of(created->id);

    SECTION("two 503s on a GET, then the answer") {
        server.inject(mock::Fault::failing("GET", path, 503, 2));
        auto fetched = client.get(created->id);
        REQUIRE(fetched);
        CHECK(fetched.status() == 200);
        CHECK(server.journal().count("GET", path) == 3);
    }
    SECTION("three 503s: the last one is the error") {
        server.inject(mock::Fault::failing("GET", path, 503, 3));
        auto fetched = client.get(created->id);
        REQUIRE_FALSE(fetched);
        CHECK(fetched.status() == 503);
        CHECK(fetched.error().attempts == 3);
        REQUIRE(fetched.error().api);
        CHECK(fetched.error().api->error.message == "Injected fault");
        CHECK(server.journal().count("GET", path) == 3);
    }
    SECTION("retries = 0: no retry at all") {
        rk::ClientOptions options = fast;
        options.retry.retries = 0;
        rk::Client once{server.base_url(), server.issue_token(), options};
        server.inject(mock::Fault::failing("GET", path, 502));
        CHECK(once.get(created->id).status() == 502);
        CHECK(server.journal().count("GET", path) == 1);
    }
    SECTION("a dropped PUT or DELETE is not retried: the server may have acted") {
        server.inject(mock::Fault::dropped("PUT", path));
        auto updated =
            client.update(created->id, rp::report_update().enabled(false).build().value());
        REQUIRE_FALSE(updated);
        CHECK(updated.error().kind == rk::ClientErrorKind::transport);
        CHECK(updated.error().attempts == 1);
        CHECK(server.journal().count("PUT", path) == 1);

        server.inject(mock::Fault::dropped("DELETE", path));
        auto deleted = client.remove(created->id, created->version);
        REQUIRE_FALSE(deleted);
        CHECK(deleted.error().attempts == 1);
        CHECK(server.journal().count("DELETE", path) == 1);
        CHECK(server.report(created->id));
    }
    SECTION("with retry_writes, a dropped PUT and DELETE are sent again") {
        rk::ClientOptions options = fast;
        options.retry.retry_writes = true;
        rk::Client bold{server.base_url(), server.issue_token(), options};
        server.inject(mock::Fault::dropped("PUT", path));
        auto updated = bold.update(created->id, rp::report_update().enabled(false).build().value());
        REQUIRE(updated);
        CHECK(server.journal().count("PUT", path) == 2);

        server.inject(mock::Fault::dropped("DELETE", path));
        auto deleted = bold.remove(created->id, updated->version);
        REQUIRE(deleted);
        CHECK(server.journal().count("DELETE", path) == 2);
    }
    SECTION("a slow answer past the read timeout is retried for a GET") {
        rk::ClientOptions options = fast;
        options.read_timeout = 200ms;
        rk::Client impatient{server.base_url(), server.issue_token(), options};
        server.inject(mock::Fault::delayed("GET", path, 2s));
        auto fetched = impatient.get(created->id);
        REQUIRE(fetched);
        CHECK(fetched.attempts() == 2);
    }
    SECTION("a 503 on a POST is not retried: the server may have acted") {
        server.inject(mock::Fault::failing("POST", reports_path, 503));
        auto again = client.create(monthly_save());
        REQUIRE_FALSE(again);
        CHECK(again.status() == 503);
        CHECK(again.error().attempts == 1);
        CHECK(server.journal().count("POST", reports_path) == 2); // the first create and this
    }
    SECTION("a dropped POST is not retried") {
        server.inject(mock::Fault::dropped("POST", reports_path));
        auto again = client.create(monthly_save());
        REQUIRE_FALSE(again);
        CHECK(again.error().kind == rk::ClientErrorKind::transport);
        CHECK(again.error().attempts == 1);
        CHECK(server.journal().count("POST", reports_path) == 2);
        CHECK(server.reports().size() == 1);
    }
    SECTION("with retry_writes, a POST is retried like the rest") {
        rk::ClientOptions options = fast;
        options.retry.retry_writes = true;
        rk::Client bold{server.base_url(), server.issue_token(), options};
        server.inject(mock::Fault::failing("POST", reports_path, 503));
        server.inject(mock::Fault::dropped("POST", reports_path));
        auto again = bold.create(monthly_save());
        REQUIRE(again);
        CHECK(again.attempts() == 3);
        CHECK(server.journal().count("POST", reports_path) == 4);
        CHECK(server.reports().size() == 2);
    }
    SECTION("the token endpoint is retried: fetching a token changes nothing") {
        mock::Server with_clients{{.clients = {{"reporter", "s3cret", mock::Scope::admin}}}};
        rk::Client client_credentials{with_clients.base_url(),
                                      rk::ClientCredentials{"reporter", "s3cret"}, fast};
        with_clients.inject(mock::Fault::failing("POST", "/api/2/idp/token", 503));
        REQUIRE(client_credentials.create(rp::examples::seed_request()));
        CHECK(with_clients.journal().count("POST", "/api/2/idp/token") == 2);
    }
}
