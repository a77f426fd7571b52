// One accepted TCP connection, below HTTP: buffered reads that give up at a deadline, writes
// that never raise SIGPIPE, and the clocks the adapter's limits read. The listening socket too.
#pragma once

#include "turns.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace reportkit::mock::detail {

using Clock = std::chrono::steady_clock;

// Binds and listens (with the system's largest backlog); throws std::runtime_error.
// Returns the socket; `port` is set to the bound port.
int listen_socket(const std::string& host, int wanted_port, int& port);

class Connection {
public:
    explicit Connection(int fd);
    ~Connection(); // closes the socket
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd() const { return fd_; }
    const std::string& remote_ip() const { return remote_ip_; }
    int remote_port() const { return remote_port_; }
    const std::string& local_ip() const { return local_ip_; }
    int local_port() const { return local_port_; }

    // Up to `size` bytes: buffered ones first. Waits at most `wait` for each read and never
    // past `deadline`; -1 on an error or when a limit is hit (then expired() tells which).
    long read(char* out, std::size_t size, std::chrono::milliseconds wait,
              Clock::time_point deadline);
    bool has_buffered() const { return offset_ < filled_; }
    bool readable_within(std::chrono::milliseconds wait, Clock::time_point deadline);
    bool expired() const { return expired_; }

    // All of it, or -1 (the peer is gone, or it would not take the data within `wait`).
    long write(const char* data, std::size_t size, std::chrono::milliseconds wait);

    // Ends the connection at once: the peer sees the end without an answer.
    void drop();
    bool dropped() const { return dropped_; }

    // Since the connection opened or its last answer went out: the request deadline's start.
    Clock::time_point since = Clock::now();
    // The turns of the worker serving the connection, given up while it waits for the peer.
    Turns* turns = nullptr;

private:
    int fd_;
    std::string remote_ip_, local_ip_;
    int remote_port_ = -1, local_port_ = -1;
    // Allocated once, never cleared: a std::string resized back to its capacity before each
    // receive zero-filled 16 KiB per request.
    static constexpr std::size_t buffer_size = 16 * 1024;
    std::unique_ptr<char[]> buffer_;
    std::size_t offset_ = 0, filled_ = 0;
    bool expired_ = false, dropped_ = false;
};

} // namespace reportkit::mock::detail
