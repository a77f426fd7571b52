// Eight clients, 500 mixed operations each, one server: afterwards every acknowledged create is
// fetchable unless deleted, each report's versions rose by exactly one per update, exactly one
// of two racing deletes won, and the journal holds exactly the requests sent. The bound on the
// run is the CTest TIMEOUT (tests/load/CMakeLists.txt), not an assertion on time.
#include "../support/payloads.hpp"

#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>

#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <barrier>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;

namespace {

const rk::Date today{2024, 6, 1};
constexpr int clients = 8;
constexpr int operations = 500;
constexpr int race_every = 50; // every 50th operation, client pairs race to delete one report

const std::string monthly = R"({"recipients": ["ca451758-b48a-45d9-9ae6-8f1059f67619"],)"
                            R"( "parameters": {"kind": "usage_summary", "tenant_id":)"
                            R"( "ede9f834-70b3-476c-83d9-736f9f8c7dae", "level": "accounts",)"
                            R"( "formats": ["csv"]}, "schedule": {"type": "monthly"},)"
                            R"( "result_action": "send"})";
const std::string once_save = R"({"parameters": {"kind": "usage_daily", "tenant_id":)"
                              R"( "ede9f834-70b3-476c-83d9-736f9f8c7dae", "level": "accounts",)"
                              R"( "period": {"start": "2024-05-01", "end": "2024-05-02"},)"
                              R"( "formats": ["csv", "json_v1"]}, "schedule": {"type": "once"},)"
                              R"( "result_action": "save"})";

// What one client sent and got back: the journal must hold exactly these.
using Exchange = std::tuple<std::string, std::string, int>; // method, path, status

struct Created {
    std::string id;
    bool monthly;
    int owner;
};

// Everything the clients learn, shared under one lock.
struct Ledger {
    std::mutex mutex;
    std::vector<Created> created;
    std::set<std::string> deleted;
    std::map<std::string, std::vector<std::int64_t>> update_versions; // 200 answers to PUT
    std::vector<std::string> failures; // what a client saw that the API does not allow

    void fail(std::string what) {
        std::lock_guard lock(mutex);
        failures.push_back(std::move(what));
    }
    std::optional<Created> pick(std::mt19937& rng, int owner = -1) {
        std::lock_guard lock(mutex);
        std::vector<const Created*> candidates;
        for (const Created& c : created)
            if ((owner < 0 || c.owner == owner) && !deleted.count(c.id))
                candidates.push_back(&c);
        if (candidates.empty())
            return std::nullopt;
        return *candidates[std::uniform_int_distribution<std::size_t>(0,
                                                                      candidates.size() - 1)(rng)];
    }
};

class LoadClient {
public:
    LoadClient(const mock::Server& server, const std::string& token, int index, Ledger& ledger)
        : http_(server.url()), index_(index), rng_(static_cast<unsigned>(index) * 7919u + 1),
          ledger_(ledger) {
        http_.set_bearer_token_auth(token);
        http_.set_keep_alive(true);
        http_.set_tcp_nodelay(true);
        http_.set_read_timeout(60, 0);
    }

    std::vector<Exchange> sent;

    // One request; the answer's status and body, or status 0 when there was none.
    std::pair<int, std::string> call(const std::string& method, const std::string& path,
                                     const std::string& body = "") {
        httplib::Result r = method == "POST"     ? http_.Post(path, body, "application/json")
                            : method == "PUT"    ? http_.Put(path, body, "application/json")
                            : method == "DELETE" ? http_.Delete(path)
                                                 : http_.Get(path);
        if (!r) {
            ledger_.fail(method + " " + path + ": no answer (" + httplib::to_string(r.error())
                         + ")");
            return {0, ""};
        }
        std::string journal_path = path.substr(0, path.find('?'));
        sent.emplace_back(method, journal_path, r->status);
        return {r->status, r->body};
    }

    // `publish`: other clients may pick the report at once (not so for a report about to be
    // raced for, which must stay at version 1 until then).
    std::optional<rp::Report> create(bool scheduled, bool publish = true) {
        auto [status, body] = call("POST", "/api/2/reports", scheduled ? monthly : once_save);
        if (status != 200) {
            ledger_.fail("create: " + std::to_string(status) + " " + body);
            return std::nullopt;
        }
        auto report = rk::from_json<rp::Report>(body, {.today = today});
        if (!report || report->version != 1) {
            ledger_.fail("create answered something else than a version 1 report: " + body);
            return std::nullopt;
        }
        if (publish) {
            std::lock_guard lock(ledger_.mutex);
            ledger_.created.push_back({report->id.to_string(), scheduled, index_});
        }
        return *report;
    }

    void get() {
        auto target = ledger_.pick(rng_);
        if (!target)
            return;
        auto [status, body] = call("GET", "/api/2/reports/" + target->id);
        check_found_or_deleted("GET", *target, status);
        if (status == 200) {
            auto report = rk::from_json<rp::Report>(body, {.today = today});
            if (!report || report->id.to_string() != target->id)
                ledger_.fail("GET " + target->id + " answered another report: " + body);
        }
    }

    void stored() {
        auto target = ledger_.pick(rng_);
        if (!target)
            return;
        auto [status, body] = call("GET", "/api/2/reports/" + target->id + "/stored");
        check_found_or_deleted("GET stored", *target, status);
        if (status == 200) {
            auto list = rk::from_json<rp::StoredReports>(body);
            // One item per format for save reports, none for send reports.
            if (!list || list->items.size() != (target->monthly ? 0u : 2u))
                ledger_.fail("stored list of " + target->id + ": " + body);
        }
    }

    void update() {
        auto target = ledger_.pick(rng_);
        if (!target)
            return;
        bool flag = rng_() % 2;
        std::string body =
            rng_() % 2
                ? R"({"schedule": {"enabled": )" + std::string(flag ? "true" : "false") + "}}"
                : R"({"parameters": {"show_skus": )" + std::string(flag ? "true" : "false") + "}}";
        auto [status, text] = call("PUT", "/api/2/reports/" + target->id, body);
        if (!target->monthly) {
            if (status != 400 && status != 404)
                ledger_.fail("updating a one-time report answered " + std::to_string(status));
            return;
        }
        check_found_or_deleted("PUT", *target, status);
        if (status != 200)
            return;
        auto report = rk::from_json<rp::Report>(text, {.today = today});
        if (!report) {
            ledger_.fail("PUT answered no report: " + text);
            return;
        }
        std::lock_guard lock(ledger_.mutex);
        ledger_.update_versions[target->id].push_back(report->version);
    }

    // Deletes one of this client's own reports at the version it reads first; another client's
    // update in between makes that stale (409), which is allowed.
    void remove() {
        auto target = ledger_.pick(rng_, index_);
        if (!target)
            return;
        auto [status, body] = call("GET", "/api/2/reports/" + target->id);
        if (status != 200) {
            ledger_.fail("own report " + target->id + " not found: " + std::to_string(status));
            return;
        }
        auto report = rk::from_json<rp::Report>(body, {.today = today});
        if (!report)
            return ledger_.fail("GET answered no report: " + body);
        auto [deleted, text] = call("DELETE", "/api/2/reports/" + target->id
                                                  + "?version=" + std::to_string(report->version));
        if (deleted == 204) {
            std::lock_guard lock(ledger_.mutex);
            ledger_.deleted.insert(target->id);
        } else if (deleted != 409) {
            ledger_.fail("deleting own report " + target->id + ": " + std::to_string(deleted) + " "
                         + text);
        }
    }

private:
    void check_found_or_deleted(const std::string& what, const Created& target, int status) {
        if (status == 200)
            return;
        bool gone;
        {
            std::lock_guard lock(ledger_.mutex);
            gone = ledger_.deleted.count(target.id) > 0;
        }
        // A 404 is right only for a deleted report; the delete may be in flight in another
        // client, so the ledger is read after the answer.
        if (status != 404 || (!gone && target.owner == index_))
            ledger_.fail(what + " " + target.id + ": " + std::to_string(status));
    }

    httplib::Client http_;
    int index_;
    std::mt19937 rng_;
    Ledger& ledger_;
};

} // namespace

TEST_CASE("8 clients x 500 mixed operations on one server keep every invariant", "[load]") {
    mock::Server server({.today = today});
    std::string token = server.issue_token();
    Ledger ledger;

    // Pairs of clients meet at each race: the first creates a report, both delete it at once.
    struct Race {
        std::barrier<> meet{2};
        std::string id;
        int statuses[2] = {0, 0};
    };
    std::vector<std::unique_ptr<Race>> races(clients / 2);
    for (auto& r : races)
        r = std::make_unique<Race>();
    std::vector<std::pair<int, int>> race_results;
    std::mutex race_mutex;

    std::vector<std::unique_ptr<LoadClient>> loaders;
    for (int i = 0; i < clients; ++i)
        loaders.push_back(std::make_unique<LoadClient>(server, token, i, ledger));

    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            LoadClient& c = *loaders[i];
            Race& race = *races[i / 2];
            std::mt19937 choose(static_cast<unsigned>(i) + 100);
            for (int op = 0; op < operations; ++op) {
                if (op % race_every == race_every - 1) {
                    if (i % 2 == 0) {
                        auto report = c.create(true, false);
                        race.id = report ? report->id.to_string() : "";
                    }
                    race.meet.arrive_and_wait(); // the id is there
                    if (!race.id.empty())
                        race.statuses[i % 2] =
                            c.call("DELETE", "/api/2/reports/" + race.id + "?version=1").first;
                    race.meet.arrive_and_wait(); // both answered
                    if (i % 2 == 0 && !race.id.empty()) {
                        std::lock_guard lock(race_mutex);
                        race_results.emplace_back(race.statuses[0], race.statuses[1]);
                        std::lock_guard ledger_lock(ledger.mutex);
                        ledger.created.push_back({race.id, true, i});
                        ledger.deleted.insert(race.id);
                    }
                    race.meet.arrive_and_wait(); // the results are taken before the next race
                    continue;
                }
                unsigned pick = choose() % 100;
                if (pick < 25)
                    c.create(pick < 15);
                else if (pick < 45)
                    c.get();
                else if (pick < 70)
                    c.update();
                else if (pick < 80)
                    c.remove();
                else
                    c.stored();
            }
        });
    }
    for (auto& t : threads)
        t.join();

    for (const std::string& f : ledger.failures)
        UNSCOPED_INFO(f);
    CHECK(ledger.failures.empty());

    // Of two racing deletes with the same version, exactly one gets 204; the other finds
    // nothing left (404).
    REQUIRE(race_results.size() == std::size_t(clients / 2 * (operations / race_every)));
    for (auto [first, second] : race_results) {
        CAPTURE(first, second);
        CHECK(((first == 204 && second == 404) || (first == 404 && second == 204)));
    }

    // Every acknowledged create is fetchable unless deleted; versions rose by exactly one per
    // update: the updates' answers are 2, 3, ..., k + 1 and the report is now at k + 1.
    LoadClient checker(server, token, clients, ledger);
    std::size_t alive = 0;
    for (const Created& c : ledger.created) {
        CAPTURE(c.id);
        auto [status, body] = checker.call("GET", "/api/2/reports/" + c.id);
        std::vector<std::int64_t> versions = ledger.update_versions[c.id];
        std::sort(versions.begin(), versions.end());
        std::vector<std::int64_t> expected(versions.size());
        for (std::size_t k = 0; k < expected.size(); ++k)
            expected[k] = std::int64_t(k) + 2;
        CHECK(versions == expected);
        if (ledger.deleted.count(c.id)) {
            CHECK(status == 404);
            continue;
        }
        ++alive;
        REQUIRE(status == 200);
        auto report = rk::from_json<rp::Report>(body, {.today = today});
        REQUIRE(report);
        CHECK(report->version == std::int64_t(versions.size()) + 1);
    }
    CHECK(server.reports().size() == alive);
    CHECK(alive > 0);
    CHECK(ledger.deleted.size() > races.size());

    // The journal holds exactly the requests sent, each with the status its client got.
    std::multiset<Exchange> sent;
    for (const auto& l : loaders)
        sent.insert(l->sent.begin(), l->sent.end());
    sent.insert(checker.sent.begin(), checker.sent.end());
    std::multiset<Exchange> journaled;
    for (const mock::RecordedRequest& r : server.journal().entries())
        journaled.emplace(r.method, r.path, r.status);
    CHECK(journaled.size() == sent.size());
    CHECK(journaled == sent);
    CHECK(server.journal().unrouted().empty());
    CHECK(sent.size() > std::size_t(clients * operations / 2));
}
