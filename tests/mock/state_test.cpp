// The state file (restart keeps every report; corrupt files are refused) and deterministic mode.
#include "mock_support.hpp"

#include <reportkit/core/write.hpp>

#include <fstream>

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

} // namespace

TEST_CASE("state file: a restarted server has every report, file, outbox entry and token",
          "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("state.json");
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
    // Only the state file remains: no temporary file is left behind.
    CHECK(files_in(dir.path) == 1);

    Fixture again({.state_file = file, .today = today});
    CHECK(rk::to_json_string(again.server.reports()) == rk::to_json_string(before));
    CHECK(again.server.report(before[2].id)->version == 2);
    CHECK(rk::to_json_string(again.server.stored(saved_id)) == rk::to_json_string(stored_before));
    for (std::size_t i = 0; i < stored_before.size(); ++i)
        CHECK(*again.server.stored_content(saved_id, stored_before[i].id) == content_before[i]);
    CHECK(again.server.outbox().size() == 3); // the deleted report's mail was sent all the same
    CHECK(again.server.dump_state() != dump); // the new fixture's token was added

    // Over HTTP, with the token the first server issued.
    httplib::Client http(again.server.url());
    http.set_bearer_token_auth(token);
    auto res = http.Get("/api/2/reports/" + before[0].id.to_string());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->body == rk::to_json_string(before[0]));
}

TEST_CASE("state file: a write is on disk before its answer is sent", "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("state.json");
    Fixture f({.state_file = file, .today = today});
    rp::Report created = f.create(seed_request_text());
    // The server is still running: nothing has been saved at shutdown yet.
    std::string on_disk = rk::testing::read_file(file);
    CHECK_THAT(on_disk, Catch::Contains(created.id.to_string()));
    CHECK(on_disk == f.server.dump_state());
}

TEST_CASE("state file: a truncated or corrupt file is refused, never half loaded",
          "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("state.json");
    {
        Fixture f({.state_file = file, .today = today});
        f.create(seed_request_text());
        f.create(save_request());
    }
    const std::string good = rk::testing::read_file(file);

    struct Case {
        std::string name, text, reason;
    };
    for (const Case& c : std::vector<Case>{
             {"truncated", good.substr(0, good.size() / 2), "malformed JSON"},
             {"empty", "", "empty"},
             {"not ours", R"({"format": "something-else", "version": 1, "ids_drawn": 0,
                "tokens_drawn": 0, "ticks": 0, "reports": [], "stored": [], "outbox": [],
                "tokens": []})",
              "\"format\""},
             {"bad report",
              [&] {
                  std::string t = good;
                  t.replace(t.find("\"version\": 1,\n      \"recipients\""), 12, "\"version\": 0");
                  return t;
              }(),
              "/reports/0/version"},
         }) {
        INFO(c.name);
        write_text(file, c.text);
        try {
            mock::Server server({.state_file = file});
            FAIL("the corrupt state file was loaded");
        } catch (const std::runtime_error& e) {
            CHECK_THAT(e.what(), Catch::Contains(file) && Catch::Contains("truncated or corrupt")
                                     && Catch::Contains(c.reason));
        }
        // Refusing leaves the file as it was, for a person to look at.
        CHECK(rk::testing::read_file(file) == c.text);
    }

    write_text(file, good);
    mock::Server restored({.state_file = file});
    CHECK(restored.reports().size() == 2);
}

TEST_CASE("state file: a missing file starts empty and is created at once", "[mock][state]") {
    TempDir dir;
    const std::string file = dir.file("new.json");
    mock::Server server({.state_file = file});
    CHECK(server.reports().empty());
    CHECK(std::filesystem::exists(file));
    CHECK_THROWS_AS(mock::Server({.state_file = dir.file("no/such/folder/state.json")}),
                    std::runtime_error);
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
    // Timestamps too: the stored list carries created_at.
    CHECK_THAT(first[4], Catch::Contains("\"created_at\":\"2024-06-01T09:00:"));
    CHECK_THAT(first[5], Catch::Contains("\"sent_at\":\"2024-06-01T09:00:"));
    // expires_on: the seventh logical second (2024-06-01T09:00:06) plus two hours.
    CHECK_THAT(first[6], Catch::Contains("\"expires_on\":" + std::to_string(1717232406 + 7200)));
}

TEST_CASE("deterministic mode: a restarted seeded server never repeats an id", "[mock][seed]") {
    TempDir dir;
    const std::string file = dir.file("state.json");
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
