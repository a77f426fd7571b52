// The mock's own request and answer values: what the HTTP adapter makes of the bytes on a
// connection, and what the socket-free core answers. Everything a request's handling learns on
// the way (a fault decided it, the connection is to be dropped or closed) travels in these
// values, as WireMock's ServeEvent does, and not in state kept beside them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reportkit::mock::detail {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// ASCII case folding: header names are ASCII, and a locale's tolower per byte is measurable.
inline bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (fold(a[i]) != fold(b[i]))
            return false;
    return true;
}

// The first header of that name, compared case-insensitively.
inline std::optional<std::string> find_header(const HeaderList& headers, std::string_view name) {
    for (const auto& [key, value] : headers)
        if (same_name(key, name))
            return value;
    return std::nullopt;
}

struct Request {
    std::string method{};
    std::string path{};  // percent-decoded, without the query
    std::string query{}; // the raw query string, without '?'
    HeaderList headers{};
    std::string body{};
    std::string remote_addr{}; // the peer's address, for the admin API's loopback rule
    // When the request was read whole: the journal's and the log's elapsed time count from it.
    std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();

    std::optional<std::string> header(std::string_view name) const {
        return find_header(headers, name);
    }
    std::string header_or_empty(std::string_view name) const {
        return header(name).value_or(std::string());
    }
};

struct Response {
    int status = 200;
    HeaderList headers{};
    std::string body{};
    std::string content_type{}; // empty: no body
    // Facts for the adapter and the journal:
    bool drop = false;    // end the connection without any answer
    bool close = false;   // send Connection: close and end the connection after the answer
    bool faulted = false; // an injected fault decided or delayed the answer
    bool admin = false;   // an /__admin/ request: not journaled

    void set_header(std::string key, std::string value) {
        headers.emplace_back(std::move(key), std::move(value));
    }
    std::optional<std::string> header(std::string_view name) const {
        return find_header(headers, name);
    }
};

inline Response json_response(int status, std::string body) {
    return Response{.status = status, .body = std::move(body), .content_type = "application/json"};
}

inline Response empty_response(int status) {
    return Response{.status = status};
}

} // namespace reportkit::mock::detail
