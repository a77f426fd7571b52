// Options: everything a mock Server can be told at construction, as one aggregate for
// designated initializers:
//
//     reportkit::mock::Server server{{.seed = 42, .stored_delay = std::chrono::seconds(1)}};
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/timestamp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit::mock {

// The path every API route lives under, as in https://<data-center>/api/2.
inline constexpr std::string_view base_path = "/api/2";

// What a bearer token may do: admin may write, read_only gets 403 on POST, PUT and DELETE.
REPORTKIT_ENUM(Scope, admin, read_only);

// A client of POST /api/2/idp/token (HTTP Basic id:secret); its tokens carry its scope.
struct ClientCredentials {
    std::string id{};
    std::string secret{};
    Scope scope = Scope::admin;
};

// The platform's nightly usage computation, in UTC on the mock clock: while it runs, a create
// whose data would include the day still being computed (yesterday) answers 400.
struct UsageHistoryWindow {
    std::chrono::minutes start{60}; // 01:00
    std::chrono::minutes end{360};  // 06:00; the window is [start, end)
};

// One line per request (method, path, status, milliseconds): plain text or a JSON object.
enum class LogFormat { off, text, json };

struct Options {
    std::string host = "127.0.0.1";
    int port = 0; // 0: any free port, see Server::port()
    std::vector<ClientCredentials> clients{};
    std::vector<std::string> static_tokens{}; // always valid, admin scope
    std::chrono::seconds token_ttl{7200}; // lifetime of tokens from /idp/token and issue_token()
    // Deterministic mode: report ids, stored-file ids and tokens follow from the seed alone.
    // Time does not: timestamps and token expiry come from the clock (see `now`), so a token
    // is fresh to a client that compares `expires_on` with its own clock.
    std::optional<std::uint64_t> seed{};
    // From generation (creation, or a schedule's instant) until a stored file is saved, on the
    // mock clock.
    std::chrono::milliseconds stored_delay{0};
    std::size_t max_body = std::size_t{1} << 20; // request bodies above this get 413
    // A SQLite database (WAL mode) holding the state: opened at start (a file this build cannot
    // use is refused with an exception) and every write committed to it before it is answered.
    // Empty: the state lives in memory.
    std::optional<std::string> state_file{};
    // A JSON document as GET /__admin/state exports it (reports, stored files, outbox, tokens),
    // imported at start: a team's fixtures, preloaded into any mock.
    std::optional<std::string> load{};
    // Where the mock clock (clock.hpp, Server::clock()) starts; it then stands still until it
    // is moved (or moves with `clock` when one is given). Empty: the system clock.
    std::optional<Timestamp> now{};
    // Shorthand for `now` at 00:00:00 UTC of that date; giving both is an error.
    std::optional<Date> today{};
    // The source the mock clock follows, instead of the system clock: tests may inject one
    // moved by hand (Server::clock() moves the mock clock whatever its source).
    std::function<std::chrono::system_clock::time_point()> clock{};
    // Opt-in: POST /reports answers 400 "Usage history is not ready..." during this window
    // (see UsageHistoryWindow). Empty: never, so tests do not fail at 3 am.
    std::optional<UsageHistoryWindow> usage_history_window{};
    LogFormat log = LogFormat::off;
    std::function<void(std::string_view line)> log_sink{}; // empty: one line on stderr
    // The /__admin/ API (journal, reset, state, outbox, faults): answered to loopback callers,
    // and to others only with `Authorization: Bearer <admin_token>`.
    bool admin_api = true;
    std::optional<std::string> admin_token{};
    // The journal keeps this many of the latest requests (0: all, which grows without bound);
    // GET /__admin/journal says how many older ones were dropped.
    std::size_t journal_limit = 10'000;
    // Worker threads: a request being answered (a delayed one included) holds one while it
    // lasts; open keep-alive connections hold none.
    std::size_t threads = 32;
    // A connection that has not sent a whole request (headers and body) within this time of
    // opening, or of its previous answer, is closed: slow senders cannot hold the workers.
    std::chrono::milliseconds request_timeout{10'000};
};

} // namespace reportkit::mock
