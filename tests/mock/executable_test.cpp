// reportkit-mock as a child process: first stdout line is the base URL, a token follows, the
// log goes to stderr without secrets, SIGTERM stops it and keeps the state file.
#include "../hostile/raw_http.hpp"
#include "../support/process.hpp"
#include "mock_support.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

using namespace mocktest;

namespace {

// A running reportkit-mock; its stdout is read line by line, its stderr goes to a file.
class MockProcess {
public:
    MockProcess(std::vector<std::string> args, const std::string& stderr_file) {
        args.insert(args.begin(), rk::testing::bin("reportkit-mock"));
        std::vector<char*> argv;
        for (std::string& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        int out[2];
        REQUIRE(::pipe(out) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        stdout_ = ::fdopen(out[0], "r");
    }
    ~MockProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (stdout_)
            std::fclose(stdout_);
    }

    // The next stdout line without its newline; empty at the end of output.
    std::string line() {
        std::string s;
        int c;
        while ((c = std::fgetc(stdout_)) != EOF && c != '\n')
            s += static_cast<char>(c);
        return s;
    }

    // Sends `signal` and waits for the exit; the exit status, or -1 when killed by a signal.
    int stop(int signal) {
        ::kill(pid_, signal);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    FILE* stdout_ = nullptr;
};

} // namespace

TEST_CASE("reportkit-mock: URL first, then a token, SIGTERM stops it and keeps the state",
          "[mock][executable]") {
    TempDir dir;
    const std::string state = dir.file("state.db"), log = dir.file("stderr.txt");
    std::string report_id;
    {
        MockProcess mock({"--client", "billing:pa55word", "--client", "auditor:x:read-only",
                          "--state-file", state, "--seed", "1", "--today", "2024-06-01"},
                         log);
        std::string url = mock.line();
        REQUIRE(url.rfind("http://127.0.0.1:", 0) == 0);
        REQUIRE(url.size() > 6);
        REQUIRE(url.substr(url.size() - 6) == "/api/2");
        std::string token_line = mock.line();
        REQUIRE(token_line.rfind("token ", 0) == 0);
        const std::string token = token_line.substr(6);
        CHECK(mock.line() == "client billing admin");
        CHECK(mock.line() == "client auditor read-only");

        httplib::Client http(url.substr(0, url.size() - 6));
        auto created =
            http.Post("/api/2/reports", bearer(token), seed_request_text(), "application/json");
        REQUIRE(created);
        REQUIRE(created->status == 200);
        report_id = rk::from_json<rp::Report>(created->body)->id.to_string();

        http.set_basic_auth("billing", "pa55word");
        auto granted = http.Post("/api/2/idp/token", "grant_type=client_credentials",
                                 "application/x-www-form-urlencoded");
        REQUIRE(granted);
        CHECK(granted->status == 200);
        std::string issued = rk::from_json<rp::TokenResponse>(granted->body)->access_token;

        CHECK(mock.stop(SIGTERM) == 0);

        std::string logged = rk::testing::read_file(log);
        CHECK_THAT(logged, Catch::Contains("POST /api/2/reports 200 ")
                               && Catch::Contains("POST /api/2/idp/token 200 "));
        // Never a token or a secret in the log.
        CHECK_THAT(logged, !Catch::Contains(token) && !Catch::Contains(issued)
                               && !Catch::Contains("pa55word") && !Catch::Contains("Basic"));
    }
    CHECK(std::filesystem::file_size(state) > 0);

    // Restarted on the same state file (SIGINT this time), the report is still there.
    MockProcess again({"--state-file", state, "--log", "json"}, log);
    std::string url = again.line();
    std::string token = again.line().substr(6);
    httplib::Client http(url.substr(0, url.size() - 6));
    auto fetched = http.Get("/api/2/reports/" + report_id, bearer(token));
    REQUIRE(fetched);
    CHECK(fetched->status == 200);
    CHECK(again.stop(SIGINT) == 0);
    auto first_log_line = rk::testing::read_file(log);
    first_log_line = first_log_line.substr(0, first_log_line.find('\n'));
    auto entry = boost::json::parse(first_log_line).as_object();
    CHECK(entry.at("method") == "GET");
    CHECK(entry.at("status") == 200);
    CHECK(entry.contains("ms"));
}

TEST_CASE("reportkit-mock: --help, bad flags, a corrupt state file", "[mock][executable]") {
    auto help = rk::testing::run(rk::testing::bin("reportkit-mock") + " --help");
    CHECK(help.status == 0);
    for (const char* flag :
         {"--host", "--port", "--client", "--token", "--token-ttl", "--seed", "--stored-delay",
          "--max-body", "--state-file", "--log", "--threads", "--request-timeout", "--admin-token",
          "--journal-limit", "--load", "--now", "--today", "--usage-history-window"})
        CHECK_THAT(help.out, Catch::Contains(flag));

    auto bad = rk::testing::run(rk::testing::bin("reportkit-mock") + " --log loud 2>&1");
    CHECK(bad.status == 2);
    CHECK_THAT(bad.out, Catch::Contains("--log must be text, json or off"));
    auto timeout =
        rk::testing::run(rk::testing::bin("reportkit-mock") + " --request-timeout 0 2>&1");
    CHECK(timeout.status == 2);
    CHECK_THAT(timeout.out, Catch::Contains("--request-timeout must be 1..86400000 ms"));
    auto client = rk::testing::run(rk::testing::bin("reportkit-mock") + " --client nosecret 2>&1");
    CHECK(client.status == 2);
    CHECK_THAT(client.out, Catch::Contains("ID:SECRET"));

    TempDir dir;
    const std::string state = dir.file("state.json");
    {
        std::ofstream out(state);
        out << R"({"format": "reportkit-mock-state", "reports": [)";
    }
    auto old_format =
        rk::testing::run(rk::testing::bin("reportkit-mock") + " --state-file " + state + " 2>&1");
    CHECK(old_format.status == 1);
    CHECK_THAT(old_format.out,
               Catch::Contains("is in the old JSON format") && Catch::Contains("--load " + state));
    {
        std::ofstream out(state, std::ios::trunc);
        out << "not a database, nor JSON";
    }
    auto corrupt =
        rk::testing::run(rk::testing::bin("reportkit-mock") + " --state-file " + state + " 2>&1");
    CHECK(corrupt.status == 1);
    CHECK_THAT(corrupt.out, Catch::Contains("truncated or corrupt")
                                && Catch::Contains("it is not a SQLite database"));
    auto bad_load =
        rk::testing::run(rk::testing::bin("reportkit-mock") + " --load " + state + " 2>&1");
    CHECK(bad_load.status == 1);
    CHECK_THAT(bad_load.out, Catch::Contains("is not a state export"));
}

TEST_CASE("reportkit-mock --request-timeout: a request still unfinished then is cut off",
          "[mock][executable]") {
    TempDir dir;
    MockProcess mock({"--request-timeout", "300"}, dir.file("stderr.txt"));
    std::string url = mock.line();
    int port = std::stoi(url.substr(url.rfind(':') + 1));

    rk::testing::RawConnection c(port);
    REQUIRE(c.connected());
    // Half a request: without the flag, cpp-httplib's 5 s read timeout would answer it with a 400
    // after 5 s; with it, the connection is closed without an answer after about 300 ms.
    REQUIRE(c.send("GET /api/2/reports HTTP/1.1\r\n"));
    CHECK(c.closed_by_peer(std::chrono::seconds(3)));
    CHECK_FALSE(c.read_response(std::chrono::milliseconds(0)));
}

TEST_CASE("reportkit-mock --now: the clock starts there and POST /__admin/clock moves it, "
          "--usage-history-window is opt-in",
          "[mock][executable][clock]") {
    TempDir dir;
    MockProcess mock({"--now", "2017-05-15T03:00:00Z", "--usage-history-window", "01:00-06:00",
                      "--seed", "3", "--token-ttl", "86400"},
                     dir.file("stderr.txt"));
    std::string url = mock.line();
    const std::string token = mock.line().substr(6);
    httplib::Client http(url.substr(0, url.size() - 6));
    const std::string current = R"({"parameters": {"kind": "usage_current",
        "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae", "level": "itself"},
        "schedule": {"type": "once"}, "result_action": "save"})";
    auto refused = http.Post("/api/2/reports", bearer(token), current, "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(error_of(refused).message == "Usage history is not ready and shouldn't be ready yet");

    auto moved = http.Post("/__admin/clock", R"({"advance": "PT3H"})", "application/json");
    REQUIRE(moved);
    CHECK(moved->body == R"({"now":"2017-05-15T06:00:00+00:00"})");
    auto created = http.Post("/api/2/reports", bearer(token), current, "application/json");
    REQUIRE(created);
    CHECK(created->status == 200);
    CHECK(created->get_header_value("Date") == "Mon, 15 May 2017 06:00:00 GMT");
    CHECK(mock.stop(SIGTERM) == 0);
}

TEST_CASE("reportkit-mock: --now and --today together, a bad --now or window, are usage errors",
          "[mock][executable][clock]") {
    const std::string mock = rk::testing::bin("reportkit-mock");
    auto both = rk::testing::run(mock + " --now 2017-05-15T00:00:00Z --today 2017-05-15 2>&1");
    CHECK(both.status == 2);
    CHECK_THAT(both.out, Catch::Contains("--now and --today both start the clock"));
    auto bad_now = rk::testing::run(mock + " --now 2017-05-15 2>&1");
    CHECK(bad_now.status == 2);
    CHECK_THAT(bad_now.out, Catch::Contains("--now \"2017-05-15\": "));
    for (const char* window : {"06:00-01:00", "1:00-6:00", "01:00", "25:00-26:00"}) {
        auto bad = rk::testing::run(mock + " --usage-history-window " + window + " 2>&1");
        INFO(window);
        CHECK(bad.status == 2);
        CHECK_THAT(bad.out, Catch::Contains("--usage-history-window expects HH:MM-HH:MM"));
    }
}
