// The client on the mock's clock: wait_until_stored tells a report that is not generated yet
// from one in progress and from one that failed, and the usage-history answers come with the
// documented advice (the 400) or are retried (the 500). Over real sockets, the clock moved by
// the test, nothing slept but the client's own short polls.
#include <reportkit/client.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports/builder.hpp>
#include <reportkit/reports/examples.hpp>
#include <reportkit/reports/generation.hpp>

#include <catch2/catch.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
using namespace std::chrono_literals;

namespace {

const rk::ClientOptions fast{.retry = {.min_delay = 1ms, .max_delay = 5ms}, .poll_interval = 5ms};

rk::Timestamp at(std::string_view text) {
    auto t = rk::Timestamp::parse(text);
    REQUIRE(t);
    return *t;
}

auto report() {
    return rp::usage_report()
        .kind(rp::Kind::usage_current)
        .tenant(rp::examples::seed_tenant())
        .level(rp::Level::itself)
        .formats({rp::Format::csv_v2_0});
}

} // namespace

TEST_CASE("wait_until_stored: a once report with a later generation_date is not generated yet") {
    mock::Server server{{.token_ttl = std::chrono::years(1), .now = at("2017-05-01T08:00:00Z")}};
    rk::Client client{server.base_url(), server.issue_token(), fast};
    auto created = client.create(report().once_on("2017-05-08").save().build().value());
    REQUIRE(created);

    auto waited = client.wait_until_stored(created->id, 10s);
    REQUIRE_FALSE(waited);
    CHECK(waited.error().kind == rk::ClientErrorKind::not_generated);
    CHECK_THAT(waited.error().message,
               Catch::EndsWith("has no files yet: it is generated on its generation_date, "
                               "2017-05-08 (the server's today is 2017-05-01)"));

    server.clock().set(at("2017-05-08T00:00:00Z")); // the mock's date, not this machine's
    auto stored = client.wait_until_stored(created->id, 10s);
    REQUIRE(stored);
    CHECK(stored->items.size() == 1);
}

TEST_CASE("wait_until_stored: a monthly report before its first 1st, and a send report, have "
          "nothing to wait for") {
    mock::Server server{{.token_ttl = std::chrono::years(1), .now = at("2017-05-15T10:00:00Z")}};
    rk::Client client{server.base_url(), server.issue_token(), fast};

    auto monthly = client.create(report().monthly().save().build().value());
    REQUIRE(monthly);
    auto waited = client.wait_until_stored(monthly->id, 10s);
    REQUIRE_FALSE(waited);
    CHECK(waited.error().kind == rk::ClientErrorKind::not_generated);
    CHECK_THAT(waited.error().message,
               Catch::EndsWith("it is a monthly report, generated at 23:59:59 UTC on each 1st; "
                               "the next is 2017-06-01T23:59:59+00:00"));

    auto send =
        client.create(report().once().send_to({rp::examples::seed_tenant()}).build().value());
    REQUIRE(send);
    waited = client.wait_until_stored(send->id, 10s);
    REQUIRE_FALSE(waited);
    CHECK(waited.error().kind == rk::ClientErrorKind::not_generated);
    CHECK_THAT(waited.error().message, Catch::Contains("result_action is send"));

    server.clock().advance(std::chrono::months(1));
    auto stored = client.wait_until_stored(monthly->id, 10s);
    REQUIRE(stored);
    CHECK(stored->items.size() == 1);
}

TEST_CASE("wait_until_stored: in progress until the deadline is timed_out, failed is "
          "report_failed") {
    mock::Server server{{.token_ttl = std::chrono::years(1),
                         .stored_delay = 60s,
                         .now = at("2017-05-15T10:00:00Z")}};
    rk::Client client{server.base_url(), server.issue_token(), fast};
    auto created = client.create(report().once().save().build().value());
    REQUIRE(created);

    auto waited = client.wait_until_stored(created->id, 30ms);
    REQUIRE_FALSE(waited);
    CHECK(waited.error().kind == rk::ClientErrorKind::timed_out);
    CHECK_THAT(waited.error().message, Catch::Contains("still in progress: "));

    server.clock().advance(60s);
    REQUIRE(client.wait_until_stored(created->id, 30ms));
}

TEST_CASE("create in the usage-history window: the 400 says when to try again") {
    mock::Server server{{.token_ttl = 24h,
                         .now = at("2017-05-15T03:00:00Z"),
                         .usage_history_window = mock::UsageHistoryWindow{}}};
    rk::Client client{server.base_url(), server.issue_token(), fast};
    auto request = report().once().save().build().value();
    auto refused = client.create(request);
    REQUIRE_FALSE(refused);
    CHECK(refused.status() == 400);
    CHECK(refused.error().usage_history_not_ready());
    CHECK_FALSE(refused.error().usage_history_late());
    CHECK_THAT(refused.error().message,
               Catch::Contains(std::string(rp::usage_history_not_ready_advice)));
    CHECK(server.journal().count("POST", "/api/2/reports") == 1); // a 400 is not retried

    server.clock().set(at("2017-05-15T06:00:00Z"));
    CHECK(client.create(request));
}

TEST_CASE("create while the usage history is late: the 500 is retried, as the 50x advice says") {
    mock::Server server;
    rk::Client client{server.base_url(), server.issue_token(), fast};
    server.inject(mock::Fault::usage_history_late());
    auto created = client.create(rp::examples::seed_request());
    REQUIRE(created);
    CHECK(created.attempts() == 2);
    CHECK(server.journal().count("POST", "/api/2/reports") == 2);
    CHECK(server.reports().size() == 1);

    server.inject(mock::Fault::usage_history_late(3)); // more than the two retries
    auto late = client.create(rp::examples::seed_request());
    REQUIRE_FALSE(late);
    CHECK(late.error().usage_history_late());
    CHECK(late.error().attempts == 3);

    // Any other 500 to a write is not retried: the server may have acted on it.
    server.inject(mock::Fault::failing("POST", "/api/2/reports", 500));
    auto failed = client.create(rp::examples::seed_request());
    REQUIRE_FALSE(failed);
    CHECK(failed.error().attempts == 1);
}
