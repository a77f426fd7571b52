// Journal: every API request a mock Server received and what it answered, so a test can assert
// what its client actually sent. Requests to /__admin/ are not recorded. Bounded for long runs:
// past its limit (Options::journal_limit) the oldest entries go, and dropped() counts them.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reportkit::mock {

struct RecordedRequest {
    std::string method{};
    std::string path{};                                         // decoded, without the query
    std::string query{};                                        // the raw query string, without '?'
    std::vector<std::pair<std::string, std::string>> params{};  // decoded query parameters
    std::vector<std::pair<std::string, std::string>> headers{}; // as received
    std::string body{};
    int status = 0;       // 0: the connection was dropped without an answer
    bool routed = false;  // answered by a defined route (false: unknown route, 405, bad request)
    bool faulted = false; // a Fault decided or delayed the answer
    std::chrono::milliseconds elapsed{0};

    // The first header of that name, compared case-insensitively.
    std::optional<std::string> header(std::string_view name) const;
    std::optional<std::string> param(std::string_view name) const;
};

class Journal {
public:
    // At most `limit` entries (0: no limit).
    explicit Journal(std::size_t limit = 0) : limit_(limit) {}

    // method "" matches every method; path as in Fault (exact, "*" segments, "" for all).
    std::vector<RecordedRequest> entries() const;
    std::size_t size() const;
    std::size_t count(std::string_view method = {}, std::string_view path = {}) const;
    std::vector<RecordedRequest> find(std::string_view method = {},
                                      std::string_view path = {}) const;
    std::optional<RecordedRequest> last(std::string_view method = {},
                                        std::string_view path = {}) const;

    // Requests no defined route answered: unknown paths, unsupported methods, requests
    // httplib itself refused. A client under test should produce none.
    std::vector<RecordedRequest> unrouted() const;
    // Throws std::logic_error listing them, for REQUIRE_NOTHROW.
    void require_all_routed() const;

    // How many of the oldest entries the limit has removed since the last clear().
    std::size_t dropped() const;
    std::size_t limit() const;
    void set_limit(std::size_t limit); // drops the oldest entries at once when over it

    void clear();
    void record(RecordedRequest request);

private:
    void trim(); // with mutex_ held

    mutable std::mutex mutex_;
    std::deque<RecordedRequest> entries_{}; // a ring: appended at the back, dropped at the front
    std::size_t limit_ = 0;
    std::size_t dropped_ = 0;
};

} // namespace reportkit::mock
