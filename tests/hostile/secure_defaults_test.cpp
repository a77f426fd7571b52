// Secure defaults: where the mock listens, who may use its admin API, how it compares secrets,
// and what its log lines never contain. Traffic goes to 127.0.0.1 only, also when the
// executable listens on every address.
#include "mock_process.hpp"
#include "raw_http.hpp"

#include <access.hpp> // mock_server/src: the admin decision, for peers this test cannot be

#include <reportkit/mock/server.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace rk = reportkit;
namespace mock = reportkit::mock;
using rk::testing::MockProcess;

namespace {

const std::string some_id = "ca451758-b48a-45d9-9ae6-8f1059f67619";

// Where a socket listening on `port` is bound ("127.0.0.1", "0.0.0.0", "::"), from the
// kernel's own tables.
std::vector<std::string> listening_addresses(int port) {
    std::vector<std::string> out;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line); // the header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state;
            fields >> slot >> local >> remote >> state;
            std::size_t colon = local.find(':');
            if (state != "0A" || std::stoi(local.substr(colon + 1), nullptr, 16) != port)
                continue;
            std::string hex = local.substr(0, colon);
            if (hex.size() == 8) { // IPv4, in host (little-endian) byte order
                unsigned long a = std::stoul(hex, nullptr, 16);
                out.push_back(std::to_string(a & 255) + "." + std::to_string((a >> 8) & 255) + "."
                              + std::to_string((a >> 16) & 255) + "." + std::to_string(a >> 24));
            } else {
                out.push_back(hex == std::string(32, '0') ? "::" : hex);
            }
        }
    }
    return out;
}

std::string temp_file(const std::string& name) {
    static std::atomic<int> counter{0};
    return (std::filesystem::temp_directory_path()
            / ("reportkit-secure-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)
               + "-" + name))
        .string();
}

std::string base64(std::string_view in) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (unsigned char c : in) {
        bits = (bits << 8) | c;
        count += 8;
        while (count >= 6) {
            count -= 6;
            out += alphabet[(bits >> count) & 63];
        }
    }
    if (count > 0)
        out += alphabet[(bits << (6 - count)) & 63];
    while (out.size() % 4)
        out += '=';
    return out;
}

} // namespace

TEST_CASE("the server and the executable listen on 127.0.0.1 unless told otherwise", "[secure]") {
    mock::Server server;
    CHECK(server.host() == "127.0.0.1");
    CHECK(listening_addresses(server.port()) == std::vector<std::string>{"127.0.0.1"});

    std::string err = temp_file("default.err");
    MockProcess process({"--log", "off"}, err);
    REQUIRE(process.read_banner());
    CHECK(process.base_url().rfind("http://127.0.0.1:", 0) == 0);
    CHECK(listening_addresses(process.port()) == std::vector<std::string>{"127.0.0.1"});
    CHECK(process.kill(SIGTERM) == 0);
    CHECK(process.stderr_text().find("warning") == std::string::npos);
    std::filesystem::remove(err);
}

TEST_CASE("bound to any other address, the executable warns on stderr", "[secure]") {
    std::string err = temp_file("any.err");
    MockProcess process({"--host", "0.0.0.0", "--log", "off"}, err);
    REQUIRE(process.read_banner());
    CHECK(listening_addresses(process.port()) == std::vector<std::string>{"0.0.0.0"});
    CHECK(process.stderr_text().find("reportkit-mock: warning: listening on 0.0.0.0, which is "
                                     "reachable from other machines")
          != std::string::npos);
    // It serves (over loopback, the only traffic this test sends).
    auto answer = rk::testing::exchange(
        process.port(), rk::testing::raw_request("GET", "/api/2/reports/" + some_id,
                                                 {{"Authorization", "Bearer " + process.token()}}));
    REQUIRE(answer);
    CHECK(answer->status == 404);
    CHECK(process.kill(SIGTERM) == 0);
    std::filesystem::remove(err);
}

TEST_CASE("the admin API answers loopback callers, others only with the admin token", "[secure]") {
    using mock::detail::admin_allowed;
    // A non-loopback peer cannot be made without sending traffic off 127.0.0.1, so the
    // decision is checked as the function the server calls with the peer's address.
    for (const char* loopback : {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"}) {
        CAPTURE(loopback);
        CHECK(admin_allowed(loopback, "", std::nullopt));
    }
    for (const char* remote : {"10.0.0.5", "192.168.1.1", "128.0.0.1", "::ffff:10.0.0.1",
                               "2001:db8::1", "0.0.0.0", ""}) {
        CAPTURE(remote);
        CHECK_FALSE(admin_allowed(remote, "", std::nullopt));
        CHECK_FALSE(admin_allowed(remote, "Bearer s3cret", std::nullopt));
        CHECK(admin_allowed(remote, "Bearer s3cret", std::string("s3cret")));
        for (const char* wrong : {"", "Bearer", "Bearer ", "Bearer s3cre", "Bearer s3cretX",
                                  "Bearer S3cret", "bearer s3cret", "Basic s3cret", "s3cret"})
            CHECK_FALSE(admin_allowed(remote, wrong, std::string("s3cret")));
    }
    // Over a real socket from loopback: answered; with the admin API off: not there at all.
    mock::Server open;
    auto journal =
        rk::testing::exchange(open.port(), rk::testing::raw_request("GET", "/__admin/journal", {}));
    REQUIRE(journal);
    CHECK(journal->status == 200);
    mock::Server closed({.admin_api = false});
    auto none = rk::testing::exchange(closed.port(),
                                      rk::testing::raw_request("GET", "/__admin/journal", {}));
    REQUIRE(none);
    CHECK(none->status == 404);
}

TEST_CASE("secrets are equal only when the length and every byte agree", "[secure]") {
    using mock::detail::same_secret;
    std::string secret = "0123456789abcdefghij";
    CHECK(same_secret(secret, secret));
    CHECK_FALSE(same_secret("", secret));
    CHECK_FALSE(same_secret(secret, ""));
    CHECK(same_secret("", ""));
    CHECK_FALSE(same_secret(secret.substr(0, 19), secret));
    CHECK_FALSE(same_secret(secret + secret, secret)); // wraps around `expected`: still unequal
    for (std::size_t i = 0; i < secret.size(); ++i) {
        std::string wrong = secret;
        wrong[i] ^= 1;
        CAPTURE(i);
        CHECK_FALSE(same_secret(wrong, secret));
    }
}

TEST_CASE("no token, secret or Authorization header ever appears in a log line", "[secure]") {
    const std::string static_token = "StaticToken-4f2a9c";
    const std::string secret = "hunter2-Secret-77";
    const std::string viewer_secret = "viewer-Secret-42";
    for (const char* format : {"text", "json"}) {
        CAPTURE(format);
        std::string err = temp_file(std::string("log.") + format);
        MockProcess process({"--log", format, "--client", "reporter:" + secret, "--client",
                             "viewer:" + viewer_secret + ":read-only", "--token", static_token},
                            err);
        REQUIRE(process.read_banner());
        auto send = [&](const std::string& method, const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        const std::string& body = "") {
            auto r = rk::testing::exchange(process.port(),
                                           rk::testing::raw_request(method, target, headers, body));
            REQUIRE(r);
            return *r;
        };
        std::string form = "application/x-www-form-urlencoded";
        auto granted = send(
            "POST", "/api/2/idp/token",
            {{"Authorization", "Basic " + base64("reporter:" + secret)}, {"Content-Type", form}},
            "grant_type=client_credentials");
        REQUIRE(granted.status == 200);
        std::string issued =
            boost::json::parse(granted.body).at("access_token").as_string().c_str();
        CHECK(send("POST", "/api/2/idp/token",
                   {{"Authorization", "Basic " + base64("reporter:" + secret + "x")},
                    {"Content-Type", form}},
                   "grant_type=client_credentials&client_secret=" + secret)
                  .status
              == 401);
        CHECK(send("POST", "/api/2/idp/token",
                   {{"Authorization", "Basic " + base64("viewer:" + viewer_secret)},
                    {"Content-Type", form}},
                   "grant_type=client_credentials")
                  .status
              == 200);
        std::string report = "/api/2/reports/" + some_id;
        CHECK(send("GET", report, {{"Authorization", "Bearer " + issued}}).status == 404);
        CHECK(send("GET", report, {{"Authorization", "Bearer " + static_token}}).status == 404);
        CHECK(send("GET", report, {{"Authorization", "Bearer " + process.token()}}).status == 404);
        CHECK(send("GET", report, {{"Authorization", "Bearer " + issued + "x"}}).status == 401);
        CHECK(send("GET", report + "?access_token=" + issued, {}).status == 401);
        CHECK(send("GET", "/__admin/journal", {{"Authorization", "Bearer " + issued}}).status
              == 200);
        CHECK(process.kill(SIGTERM) == 0);

        std::string log = process.stderr_text();
        std::istringstream lines(log);
        std::string line;
        int requests = 0;
        while (std::getline(lines, line)) {
            CAPTURE(line);
            if (line.rfind("reportkit-mock: ", 0) == 0)
                continue; // the stop notice
            ++requests;
            if (std::string(format) == "text") {
                CHECK(std::regex_match(line, std::regex(R"([A-Z]+ /\S* \d{3} \d+ms)")));
            } else {
                auto object = boost::json::parse(line).as_object();
                CHECK(object.size() == 4);
                for (const char* key : {"method", "path", "status", "ms"})
                    CHECK(object.contains(key));
            }
        }
        CHECK(requests >= 8);
        for (const std::string& never :
             {issued, static_token, process.token(), secret, viewer_secret,
              base64("reporter:" + secret), base64("viewer:" + viewer_secret),
              std::string("Authorization"), std::string("Bearer"), std::string("Basic"),
              std::string("access_token"), std::string("grant_type")}) {
            CAPTURE(never);
            CHECK(log.find(never) == std::string::npos);
        }
        std::filesystem::remove(err);
    }
}
