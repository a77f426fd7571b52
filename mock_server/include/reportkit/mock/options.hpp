// Options: everything a mock Server can be told at construction, as one aggregate for
// designated initializers:
//
//     reportkit::mock::Server server{{.seed = 42, .stored_delay = std::chrono::seconds(1)}};
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/enum.hpp>

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

// One line per request (method, path, status, milliseconds): plain text or a JSON object.
enum class LogFormat { off, text, json };

struct Options {
    std::string host = "127.0.0.1";
    int port = 0; // 0: any free port, see Server::port()
    std::vector<ClientCredentials> clients{};
    std::vector<std::string> static_tokens{}; // always valid, admin scope
    std::chrono::seconds token_ttl{7200}; // lifetime of tokens from /idp/token and issue_token()
    // Deterministic mode: report ids, stored-file ids, tokens and every written timestamp follow
    // from the seed alone, so two runs with the same requests give byte-identical answers.
    std::optional<std::uint64_t> seed{};
    std::chrono::milliseconds stored_delay{0};   // time from creation until a stored file is saved
    std::size_t max_body = std::size_t{1} << 20; // request bodies above this get 413
    // Loaded at start (a corrupt file is refused with an exception) and rewritten atomically
    // before every write request is answered.
    std::optional<std::string> state_file{};
    std::optional<Date> today{}; // clock of the "period not in the future" rule; empty: UTC today
    // The clock of token expiry, stored-file readiness and written timestamps; empty: the
    // system clock. Tests inject a hand-moved clock to expire tokens without sleeping.
    std::function<std::chrono::system_clock::time_point()> clock{};
    LogFormat log = LogFormat::off;
    std::function<void(std::string_view line)> log_sink{}; // empty: one line on stderr
    // The /__admin/ API (journal, reset, state, outbox, faults): answered to loopback callers,
    // and to others only with `Authorization: Bearer <admin_token>`.
    bool admin_api = true;
    std::optional<std::string> admin_token{};
    // Worker threads: a keep-alive connection or a delayed response holds one while it lasts.
    std::size_t threads = 32;
    // A connection that has not sent a whole request (headers and body) within this time of
    // opening, or of its previous answer, is closed: slow senders cannot hold the workers.
    std::chrono::milliseconds request_timeout{10'000};
};

} // namespace reportkit::mock
