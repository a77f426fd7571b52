// `reportkit-mock --run -- COMMAND`: the mock serves while one command runs, the command finds it
// in its environment, and the mock exits with the command's status. Also --version and the
// defaults --help shows, which are the library's own (mock::Options{}).
#include "../support/process.hpp"
#include "mock_support.hpp"

#include <reportkit/version.hpp>

#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace mocktest;

namespace {

std::string mock_command(const std::string& args) {
    return rk::testing::bin("reportkit-mock") + " " + args;
}

// A real request from another language's standard library: the seed's report created, then
// the tenant's list read back, against the URL and token --run put in the environment.
constexpr const char* python_client = R"(python3 -c '
import json, os, urllib.request
base, token = os.environ["REPORTKIT_BASE_URL"], os.environ["REPORTKIT_TOKEN"]
body = json.dumps({"parameters": {"kind": "usage_current", "level": "accounts",
    "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae"},
    "schedule": {"type": "once"}, "result_action": "save"}).encode()
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
created = json.load(urllib.request.urlopen(urllib.request.Request(
    base + "/reports", data=body, headers=headers)))
listed = json.load(urllib.request.urlopen(urllib.request.Request(
    base + "/tenants/ede9f834-70b3-476c-83d9-736f9f8c7dae/reports", headers=headers)))
print("version", created["version"], "listed", listed["items"] == [created["id"]])
')";

} // namespace

TEST_CASE("reportkit-mock --run: the command talks to the mock and its status is the exit status",
          "[mock][executable][run]") {
    auto r = rk::testing::run(mock_command("--log off --run -- ") + python_client + " 2>&1");
    CHECK(r.out == "version 1 listed True\n");
    CHECK(r.status == 0);

    auto failing = rk::testing::run(mock_command("--log off --run -- sh -c 'exit 7'"));
    CHECK(failing.status == 7);
    auto killed = rk::testing::run(mock_command("--log off --run -- sh -c 'kill -TERM $$'"));
    CHECK(killed.status == 128 + SIGTERM);
}

TEST_CASE("reportkit-mock --run: the environment names the mock, its token and the first client",
          "[mock][executable][run]") {
    auto r = rk::testing::run(
        mock_command("--log off --token ci-token --client ci:s3cret --client other:x --run -- "
                     "sh -c 'echo \"$REPORTKIT_BASE_URL|$REPORTKIT_TOKEN|$REPORTKIT_CLIENT_ID|"
                     "$REPORTKIT_CLIENT_SECRET\"'"));
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out,
               Catch::Matches("http://127\\.0\\.0\\.1:[0-9]+/api/2\\|ci-token\\|ci\\|s3cret\n"));

    // Without --client, no credentials are named, even when the caller's environment has some:
    // the command talks to this mock only.
    auto plain = rk::testing::run(
        "REPORTKIT_CLIENT_ID=stale "
        + mock_command("--log off --run -- sh -c 'echo \"[$REPORTKIT_CLIENT_ID]\"'"));
    CHECK(plain.out == "[]\n");
}

TEST_CASE("reportkit-mock --run: the documentation's flow in C++ runs against it unchanged",
          "[mock][executable][run]") {
    auto r = rk::testing::run(mock_command("--log off --run -- ")
                              + rk::testing::bin("create_usage_report") + " 2>&1");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, !Catch::Contains("REPORTKIT_BASE_URL is not set"));
    CHECK_THAT(r.out, Catch::Contains("200"));
}

TEST_CASE("reportkit-mock --run: SIGTERM to the mock reaches the command",
          "[mock][executable][run]") {
    std::vector<std::string> args{
        rk::testing::bin("reportkit-mock"), "--log", "off", "--run", "--", "sleep", "30"};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // let it start the command
    auto started = std::chrono::steady_clock::now();
    ::kill(pid, SIGTERM);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + SIGTERM); // sleep ended by the forwarded signal
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
}

TEST_CASE("reportkit-mock --run: usage errors", "[mock][executable][run]") {
    auto missing = rk::testing::run(mock_command("--run 2>&1"));
    CHECK(missing.status == 2);
    CHECK_THAT(missing.out, Catch::Contains("--run needs a command after \"--\""));
    auto stray = rk::testing::run(mock_command("-- true 2>&1"));
    CHECK(stray.status == 2);
    CHECK_THAT(stray.out, Catch::Contains("is run only with --run"));
    auto unknown = rk::testing::run(mock_command("--log off --run -- no-such-program-here 2>&1"));
    CHECK(unknown.status == 127);
    CHECK_THAT(unknown.out, Catch::Contains("cannot run \"no-such-program-here\""));
}

TEST_CASE("reportkit-mock and reportkit print the version", "[mock][executable]") {
    std::string version(rk::version);
    CHECK(rk::testing::run(mock_command("--version")).out == "reportkit-mock " + version + "\n");
    CHECK(rk::testing::run(rk::testing::bin("reportkit") + " --version").out
          == "reportkit " + version + "\n");
}

TEST_CASE("reportkit-mock --help shows the library's defaults", "[mock][executable]") {
    const mock::Options defaults;
    auto help = rk::testing::run(mock_command("--help")).out;
    auto shows = [&](const std::string& flag, const std::string& value) {
        INFO(flag);
        CHECK_THAT(help,
                   Catch::Matches("[\\s\\S]*--" + flag + " arg \\(=" + value + "\\)[\\s\\S]*"));
    };
    shows("host", defaults.host);
    shows("port", std::to_string(defaults.port));
    shows("threads", std::to_string(defaults.threads));
    shows("token-ttl", std::to_string(defaults.token_ttl.count()));
    shows("stored-delay", std::to_string(defaults.stored_delay.count()));
    shows("max-body", std::to_string(defaults.max_body));
    shows("request-timeout", std::to_string(defaults.request_timeout.count()));
}
