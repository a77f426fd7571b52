#include "connection.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reportkit::mock::detail {

namespace {

void address_of(const sockaddr_storage& a, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (a.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
        ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (a.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
        ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    ip = text;
}

int remaining_ms(std::chrono::milliseconds wait, Clock::time_point deadline) {
    // Rounded up: a poll that returns before the deadline would not count as reaching it.
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    return static_cast<int>(std::max<long long>(0, std::min(wait, left).count()));
}

} // namespace

int listen_socket(const std::string& host, int wanted_port, int& port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string service = std::to_string(wanted_port);
    std::string where = host + ":" + service;
    if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found)
        throw std::runtime_error("cannot listen on " + where + ": unknown address");
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0)
            continue;
        int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        // SOMAXCONN (4096 on current kernels): a burst of new connections waits in the queue
        // instead of overflowing it (httplib listens with 5).
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(found);
    if (fd < 0)
        throw std::runtime_error("cannot listen on " + where);
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
    std::string ip;
    address_of(bound, ip, port);
    return fd;
}

Connection::Connection(int fd) : fd_(fd) {
    int yes = 1;
    // Answers are written as headers and body: with Nagle's algorithm on, a keep-alive client's
    // delayed ACK would hold every answer back about 40 ms.
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        address_of(a, remote_ip_, remote_port_);
    len = sizeof a;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        address_of(a, local_ip_, local_port_);
}

Connection::~Connection() {
    ::close(fd_);
}

bool Connection::readable_within(std::chrono::milliseconds wait, Clock::time_point deadline) {
    if (has_buffered())
        return true;
    pollfd p{fd_, POLLIN, 0};
    int n = ::poll(&p, 1, 0);
    if (n == 0) {
        Turns::Away away(turns);
        n = ::poll(&p, 1, remaining_ms(wait, deadline));
    }
    if (n == 0 && Clock::now() >= deadline)
        expired_ = true;
    return n > 0;
}

long Connection::read(char* out, std::size_t size, std::chrono::milliseconds wait,
                      Clock::time_point deadline) {
    if (dropped_ || expired_)
        return -1;
    while (!has_buffered()) {
        // The socket is non-blocking: read first, and wait only when nothing is there yet (a
        // busy client's next request usually is).
        if (!buffer_)
            buffer_ = std::make_unique_for_overwrite<char[]>(buffer_size);
        offset_ = 0;
        ssize_t n = ::recv(fd_, buffer_.get(), buffer_size, 0);
        filled_ = n > 0 ? static_cast<std::size_t>(n) : 0;
        if (n == 0)
            return 0; // the peer sent everything it will
        if (n > 0)
            break;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return -1;
        if (!readable_within(wait, deadline))
            return -1;
    }
    std::size_t take = std::min(size, filled_ - offset_);
    std::memcpy(out, buffer_.get() + offset_, take);
    offset_ += take;
    return static_cast<long>(take);
}

long Connection::write(const char* data, std::size_t size, std::chrono::milliseconds wait) {
    std::size_t done = 0;
    while (done < size) {
        if (dropped_ || expired_)
            return -1;
        ssize_t n = ::send(fd_, data + done, size - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd_, POLLOUT, 0};
            Turns::Away away(turns);
            if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0)
                return -1;
            continue;
        }
        if (n < 0)
            return -1;
        done += static_cast<std::size_t>(n);
    }
    return static_cast<long>(done);
}

void Connection::drop() {
    dropped_ = true;
    ::shutdown(fd_, SHUT_RDWR);
}

} // namespace reportkit::mock::detail
