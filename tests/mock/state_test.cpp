// The state database (--state-file): a restart keeps every report; a write is committed before
// it is answered; files this build cannot use are refused, never half opened; a write that
// cannot be stored is answered 503 and changes nothing; fixtures load with --load; and
// deterministic mode.
#include "mock_support.hpp"

#include <reportkit/core/write.hpp>

#include <csignal>
#include <fstream>

#include <sqlite3.h>
#include <sys/resource.h>

using namespace mocktest;

namespace {

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::size_t files_in(const std::filesystem::path& dir) {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                  std::filesystem::directory_iterator{}));
}

// Runs SQL on the database with a connection of the test's own, as another program would.
void sql(const std::string& path, const std::string& statement) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    INFO(message);
    REQUIRE(rc == SQLITE_OK);
}

// How many rows of `reports` name this id, read by a second connection.
int committed_rows(const std::string& path, const std::string& id) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM reports WHERE id = ?", -1, &q, nullptr)
            == SQLITE_OK);
    sqlite3_bind_text(q, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

} // namespace

TEST_CASE("state file: a restarted server has every report, file, outbox entry and token",
          "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("state.db");
    std::vector<rp::Report> before;
    std::vector<rp::StoredReport> stored_before;
    std::vector<std::string> content_before;
    std::string token, dump;
    rk::Uuid saved_id;
    {
        Fixture f({.state_file = file, .today = today});
        token = f.token;
        rp::Report saved = f.create(save_request(R"(["csv", "html"])"));
        saved_id = saved.id;
        f.create(seed_request_text());
        rp::Report monthly = f.create(monthly_request());
        REQUIRE(
            f.put("/api/2/reports/" + monthly.id.to_string(), R"({"schedule": {"enabled": false}})")
                ->status
            == 200);
        rp::Report gone = f.create(seed_request_text());
        REQUIRE(f.del("/api/2/reports/" + gone.id.to_string() + "?version=1")->status == 204);
        before = f.server.reports();
        stored_before = f.server.stored(saved.id);
        for (const auto& item : stored_before)
            content_before.push_back(*f.server.stored_content(saved.id, item.id));
        dump = f.server.dump_state();
    }
    REQUIRE(before.size() == 3);
    // Closed cleanly, the write-ahead log is folded into the database: one file remains.
    CHECK(files_in(dir.path) == 1);

    Fixture again({.state_file = file, .today = today});
    CHECK(rk::to_json_string(again.server.reports()) == rk::to_json_string(before));
    CHECK(again.server.report(before[2].id)->version == 2);
    CHECK(rk::to_json_string(again.server.stored(saved_id)) == rk::to_json_string(stored_before));
    for (std::size_t i = 0; i < stored_before.size(); ++i)
        CHECK(*again.server.stored_content(saved_id, stored_before[i].id) == content_before[i]);
    // The seed's report twice (the deleted one's mail was sent all the same); the monthly
    // report mails nothing before its first 2nd.
    CHECK(again.server.outbox().size() == 2);
    CHECK(again.server.dump_state() != dump); // the new fixture's token was added

    // Over HTTP, with the token the first server issued.
    httplib::Client http(again.server.url());
    http.set_bearer_token_auth(token);
    auto res = http.Get("/api/2/reports/" + before[0].id.to_string());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->body == rk::to_json_string(before[0]));
}

TEST_CASE("state file: a write is committed before its answer is sent", "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("state.db");
    Fixture f({.state_file = file, .today = today});
    rp::Report created = f.create(seed_request_text());
    // The server is still running; another connection to the database sees the report.
    CHECK(committed_rows(file, created.id.to_string()) == 1);
    CHECK(committed_rows(file, "00000000-0000-4000-8000-000000000000") == 0);
}

TEST_CASE("state file: a file this build cannot use is refused and left as it was",
          "[mock][state]") {
    TempDir dir;
    const std::string good_file = dir.file("good.db");
    {
        Fixture f({.state_file = good_file, .today = today});
        for (int i = 0; i < 40; ++i)
            f.create(i % 2 ? seed_request_text() : save_request());
    }
    const std::string good = rk::testing::read_file(good_file);
    REQUIRE(good.size() > 8 * 4096);

    const std::string newer = dir.file("newer.db");
    write_text(newer, good);
    sql(newer, "PRAGMA user_version = 2");
    const std::string foreign = dir.file("foreign.db");
    sql(foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello')");
    std::string damaged = good;
    for (std::size_t i = 3 * 4096; i < 6 * 4096; ++i)
        damaged[i] = static_cast<char>(0xa5);

    struct Case {
        std::string name, file, text, reason;
    };
    std::vector<Case> cases{
        {"truncated", "truncated.db", good.substr(0, good.size() / 2),
         "truncated or corrupt; refusing to load any of it (the file has"},
        {"pages overwritten", "damaged.db", damaged, "truncated or corrupt"},
        {"empty", "empty.db", "",
         "truncated or corrupt; refusing to load any of it (the file is "
         "empty)"},
        {"not a database", "garbage.db",
         "\x7f"
         "ELF\x02\x01\x01 and more bytes",
         "it is not a SQLite database"},
        {"the old JSON format", "old.json",
         R"({"format": "reportkit-mock-state", "version": 1, "reports": []})",
         "is in the old JSON format; this version keeps its state in a SQLite database. Import "
         "it into a new one with --load"},
        {"a newer schema", "newer.db", rk::testing::read_file(newer),
         "was written by a newer reportkit-mock (schema 2, this build reads up to 1)"},
        {"another program's database", "foreign.db", rk::testing::read_file(foreign),
         "is a SQLite database of another program"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const std::string file = dir.file(c.file);
        write_text(file, c.text);
        try {
            mock::Server server({.state_file = file});
            FAIL("the state file was opened");
        } catch (const std::runtime_error& e) {
            CHECK_THAT(e.what(),
                       Catch::Contains("state file " + file) && Catch::Contains(c.reason));
        }
        // Refusing leaves the file as it was, for a person to look at.
        CHECK(rk::testing::read_file(file) == c.text);
    }

    mock::Server restored({.state_file = good_file});
    CHECK(restored.reports().size() == 40);
}

TEST_CASE("state file: a missing file starts empty and is created at once, a missing folder is "
          "refused",
          "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("new.db");
    mock::Server server({.state_file = file});
    CHECK(server.reports().empty());
    CHECK(std::filesystem::exists(file));
    const std::string lost = dir.file("no/such/folder/state.db");
    CHECK_THROWS_WITH(mock::Server({.state_file = lost}),
                      Catch::Contains("cannot open state file " + lost + ": the folder")
                          && Catch::Contains("does not exist"));
    CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_CASE("state file: a write that cannot be stored is answered 503 and changes nothing",
          "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("state.db");
    Fixture f({.state_file = file, .today = today});
    rp::Report kept = f.create(monthly_request());
    const auto before = f.server.dump_state();

    // No file of this process may grow any more: the next commit cannot append to the log.
    // SIGXFSZ ignored, the write fails with EFBIG, as it would on a full disk.
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    ::getrlimit(RLIMIT_FSIZE, &old_limit);
    rlimit tight = old_limit;
    tight.rlim_cur = 0;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &tight) == 0);
    auto created = f.post("/api/2/reports", seed_request_text());
    auto updated =
        f.put("/api/2/reports/" + kept.id.to_string(), R"({"schedule": {"enabled": false}})");
    auto removed = f.del("/api/2/reports/" + kept.id.to_string() + "?version=1");
    auto read = f.get("/api/2/reports/" + kept.id.to_string());
    auto state = f.server.dump_state();
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);

    require_error(created, 503, 503);
    CHECK_THAT(created->body, Catch::Contains("the change could not be stored and was not made"));
    require_error(removed, 503, 503);
    require_error(updated, 503, 503);
    REQUIRE(read);
    CHECK(read->status == 200); // reads keep working
    CHECK(read->body == rk::to_json_string(kept));
    CHECK(state == before); // nothing changed, ids and clock included

    // Room again: writes work again.
    CHECK(f.create(seed_request_text()).version == 1);
    CHECK(f.server.reports().size() == 2);
}

TEST_CASE("fixtures: --load imports what GET /__admin/state exports", "[mock][state]") {
    TempDir dir;
    const std::string fixture = dir.file("fixture.json");
    std::vector<rp::Report> reports;
    std::string stored, outbox;
    rk::Uuid saved;
    {
        Fixture f;
        saved = f.create(save_request(R"(["csv", "json_v2_0"])")).id;
        f.create(seed_request_text());
        f.create(monthly_request());
        httplib::Client admin(f.server.url());
        auto exported = admin.Get("/__admin/state");
        REQUIRE(exported);
        REQUIRE(exported->status == 200);
        write_text(fixture, exported->body);
        reports = f.server.reports();
        stored = rk::to_json_string(f.server.stored(saved));
        outbox = rk::to_json_string(f.server.outbox());
    }
    for (const auto& state_file : {std::optional<std::string>{}, std::optional{dir.file("s.db")}}) {
        Fixture loaded({.state_file = state_file, .load = fixture, .today = today});
        CHECK(rk::to_json_string(loaded.server.reports()) == rk::to_json_string(reports));
        CHECK(rk::to_json_string(loaded.server.stored(saved)) == stored);
        CHECK(rk::to_json_string(loaded.server.outbox()) == outbox);
        auto got = loaded.get("/api/2/reports/" + reports[1].id.to_string());
        REQUIRE(got);
        CHECK(got->status == 200);
    }
    write_text(fixture, R"({"format": "reportkit-mock-state", "reports": 1})");
    CHECK_THROWS_WITH(mock::Server({.load = fixture}),
                      Catch::Contains("--load file " + fixture + " is not a state export"));
}

TEST_CASE("deterministic mode: the same seed and requests give the same answers", "[mock][seed]") {
    auto session = [](std::uint64_t seed) {
        Fixture f({.clients = {{"c", "s"}}, .seed = seed, .today = today});
        std::vector<std::string> bodies{f.token};
        for (const std::string& body : {seed_request_text(), save_request(), monthly_request()}) {
            auto res = f.post("/api/2/reports", body);
            REQUIRE(res);
            bodies.push_back(res->body);
        }
        rp::Report saved = *rk::from_json<rp::Report>(bodies[2]);
        bodies.push_back(f.get("/api/2/reports/" + saved.id.to_string() + "/stored")->body);
        bodies.push_back(rk::to_json_string(f.server.outbox()));
        httplib::Client http(f.server.url());
        http.set_basic_auth("c", "s");
        bodies.push_back(http.Post("/api/2/idp/token", "grant_type=client_credentials",
                                   "application/x-www-form-urlencoded")
                             ->body);
        return bodies;
    };
    auto first = session(42), second = session(42), other = session(43);
    CHECK(first == second);
    CHECK(first[1] != other[1]);
    // Timestamps come from the clock, which `today` starts at midnight and which then stands
    // still: the stored list's created_at, the outbox's sent_at and expires_on are all of it.
    CHECK_THAT(first[4], Catch::Contains("\"created_at\":\"2024-06-01T00:00:00+00:00\""));
    CHECK_THAT(first[5], Catch::Contains("\"sent_at\":\"2024-06-01T00:00:00+00:00\""));
    CHECK_THAT(first[6], Catch::Contains("\"expires_on\":" + std::to_string(1717200000 + 7200)));
}

TEST_CASE("deterministic mode: a restarted seeded server never repeats an id", "[mock][seed]") {
    TempDir dir;
    const std::string file = dir.file("state.db");
    rk::Uuid first;
    {
        Fixture f({.seed = 7, .state_file = file, .today = today});
        first = f.create(seed_request_text()).id;
    }
    Fixture again({.seed = 7, .state_file = file, .today = today});
    rk::Uuid second = again.create(seed_request_text()).id;
    CHECK(second != first);
    CHECK(again.server.reports().size() == 2);
}
