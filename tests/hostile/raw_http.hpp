// Raw HTTP/1.1 over a loopback TCP socket, for requests a well-behaved client refuses to send:
// malformed bodies, lying headers, unknown methods, bytes trickled one at a time. The answer
// is parsed just enough to assert on (status, headers, body by Content-Length).
#pragma once

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reportkit::testing {

struct RawResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The first header of that name, compared case-insensitively.
    std::optional<std::string> header(std::string_view name) const {
        for (const auto& [k, v] : headers)
            if (k.size() == name.size()
                && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
                       return std::tolower(static_cast<unsigned char>(a))
                              == std::tolower(static_cast<unsigned char>(b));
                   }))
                return v;
        return std::nullopt;
    }
};

// A request as bytes: the request line, the given headers, Host, and (unless the caller gave
// its own) Content-Length for the body and Connection: close.
inline std::string raw_request(std::string_view method, std::string_view target,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               std::string_view body = {}) {
    std::string out;
    out.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    bool has_length = false, has_connection = false;
    for (const auto& [k, v] : headers) {
        out.append(k).append(": ").append(v).append("\r\n");
        has_length |= strcasecmp(k.c_str(), "Content-Length") == 0;
        has_connection |= strcasecmp(k.c_str(), "Connection") == 0;
    }
    // Always: httplib reads a body without a length until the connection ends.
    if (!has_length)
        out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    if (!has_connection)
        out.append("Connection: close\r\n");
    out.append("\r\n").append(body);
    return out;
}

class RawConnection {
public:
    explicit RawConnection(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
        int one = 1;
        if (fd_ >= 0)
            ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~RawConnection() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return fd_ >= 0; }

    // Closing then resets the connection instead of leaving it in TIME_WAIT for a minute: for
    // clients that open thousands of connections a second, which would use up the ports.
    void reset_on_close() {
        linger abort{.l_onoff = 1, .l_linger = 0};
        if (fd_ >= 0)
            ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    }

    // Whether bytes arrived beyond the answers read so far.
    bool has_unread() const { return !buffer_.empty(); }

    // Half-closes: the peer reads the end of the request stream, and may still answer
    // (`shutdown(SHUT_WR)`, as `nc -N` and some HTTP/1.0 clients do).
    void finish_sending() { ::shutdown(fd_, SHUT_WR); }

    // False once the peer has closed (EPIPE/ECONNRESET): what is sent after that is lost.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // One response; nullopt when the connection ends or `limit` passes before it is complete.
    std::optional<RawResponse>
    read_response(std::chrono::milliseconds limit = std::chrono::seconds(30), bool head = false) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        std::size_t end_of_headers;
        while ((end_of_headers = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill(deadline))
                return std::nullopt;
        RawResponse r;
        std::string_view head_text(buffer_.data(), end_of_headers);
        std::size_t line_end = head_text.find("\r\n");
        std::string_view status_line = head_text.substr(0, line_end);
        if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12)
            return std::nullopt;
        r.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
        while (line_end != std::string_view::npos) {
            head_text.remove_prefix(line_end + 2);
            line_end = head_text.find("\r\n");
            std::string_view line = head_text.substr(0, line_end);
            std::size_t colon = line.find(':');
            if (colon == std::string_view::npos)
                continue;
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
        }
        std::size_t length = 0;
        if (auto l = r.header("Content-Length"); l && !head && r.status != 204 && r.status != 304)
            length = std::stoul(*l);
        std::size_t body_start = end_of_headers + 4;
        while (buffer_.size() < body_start + length)
            if (!fill(deadline))
                return std::nullopt;
        r.body = buffer_.substr(body_start, length);
        buffer_.erase(0, body_start + length);
        return r;
    }

    // Whether the peer closes the connection (read returns end of file or a reset) within
    // `limit`; bytes that arrive meanwhile are kept for read_response.
    bool closed_by_peer(std::chrono::milliseconds limit) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline)
            if (!fill(deadline))
                return !timed_out_;
        return false;
    }

private:
    // Reads what is there; false at end of file, on error or at the deadline (timed_out_).
    bool fill(std::chrono::steady_clock::time_point deadline) {
        timed_out_ = false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out_ = true;
            return false;
        }
        pollfd p{fd_, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready == 0) {
            timed_out_ = true;
            return false;
        }
        if (ready < 0)
            return errno == EINTR;
        char chunk[65536];
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR)
            return true;
        if (n <= 0)
            return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string buffer_;
    bool timed_out_ = false;
};

// One request on a fresh connection and its answer.
// `head`: the answer to a HEAD request, whose Content-Length announces a body never sent.
inline std::optional<RawResponse> exchange(int port, std::string_view request_bytes,
                                           bool head = false) {
    RawConnection c(port);
    if (!c.connected())
        return std::nullopt;
    c.send(request_bytes); // the server may answer before it has read everything (413)
    return c.read_response(std::chrono::seconds(30), head);
}

} // namespace reportkit::testing
