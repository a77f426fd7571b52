// Fault: a misbehaviour the mock shows for the next N requests matching a method and a path,
// the way a test provokes a client's retry and timeout handling:
//
//     server.inject(Fault::failing("POST", "/api/2/reports", 503));        // 503 once
//     server.inject(Fault::delayed("GET", "/api/2/reports/*", 2s, 3));     // three slow GETs
//     server.inject(Fault::dropped("POST", "/api/2/idp/token"));           // no answer at all
//     server.inject(Fault::usage_history_late());     // POST /reports: the platform's 500
#pragma once

#include <reportkit/mock/options.hpp>
#include <reportkit/reports/generation.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reportkit::mock {

struct Fault {
    std::string method{}; // "GET", ...; empty matches every method
    // The full path, e.g. "/api/2/reports/<id>"; a "*" segment matches any one segment, and an
    // empty path matches every path.
    std::string path{};
    std::size_t times = 1; // how many matching requests it affects before it is used up
    // Waited before anything else; other requests are served meanwhile.
    std::chrono::milliseconds delay{0};
    // Nonzero: the answer is this status with the platform error body instead of the route's.
    int status = 0;
    std::optional<std::int64_t> code{}; // the body's error.code; empty: the status
    std::string message = "Injected fault";
    bool drop = false; // close the connection without any response (after the delay)

    static Fault delayed(std::string method, std::string path, std::chrono::milliseconds delay,
                         std::size_t times = 1) {
        return Fault{
            .method = std::move(method), .path = std::move(path), .times = times, .delay = delay};
    }
    static Fault failing(std::string method, std::string path, int status, std::size_t times = 1) {
        return Fault{
            .method = std::move(method), .path = std::move(path), .times = times, .status = status};
    }
    // The platform's 500 to a create while its nightly usage computation, due to have ended
    // at 06:00 UTC, has not (reports/generation.hpp): the report is not made.
    static Fault usage_history_late(std::size_t times = 1) {
        return Fault{.method = "POST",
                     .path = std::string(base_path) + "/reports",
                     .times = times,
                     .status = 500,
                     .message = std::string(reports::usage_history_late_message)};
    }
    static Fault dropped(std::string method, std::string path, std::size_t times = 1) {
        return Fault{
            .method = std::move(method), .path = std::move(path), .times = times, .drop = true};
    }
};

// Whether `path` matches `pattern` segment by segment, "*" standing for any one segment; an
// empty pattern matches everything. Journal queries use the same matching.
bool path_matches(std::string_view pattern, std::string_view path);

} // namespace reportkit::mock
