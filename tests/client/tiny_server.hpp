// TinyServer: a bare cpp-httplib server on 127.0.0.1, port 0, for answers the mock would never
// give (broken JSON, wrong shapes, odd encodings), and gzip() to build compressed bodies.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>
#include <zlib.h>

namespace reportkit::testing {

// A value that the test's thread and a server's handler both touch. The socket orders the two
// (the value is set before the request is sent, read after the answer came), but thread
// sanitizers cannot see that order, so every access takes a lock.
template <class T>
class Guarded {
public:
    Guarded(T value = T{}) : value_(std::move(value)) {}
    Guarded& operator=(T value) {
        std::lock_guard lock(mutex_);
        value_ = std::move(value);
        return *this;
    }
    T get() const {
        std::lock_guard lock(mutex_);
        return value_;
    }
    operator T() const { return get(); }

private:
    mutable std::mutex mutex_;
    T value_;
};

class TinyServer {
public:
    explicit TinyServer(const std::function<void(httplib::Server&)>& routes) {
        routes(server_);
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0)
            throw std::runtime_error("TinyServer: cannot bind 127.0.0.1");
        // The socket listens from here on, so clients may connect before the thread runs.
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~TinyServer() {
        // stop() is a no-op until the accept loop runs; wait for it so that join returns.
        while (!server_.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        server_.stop();
        thread_.join();
    }
    TinyServer(const TinyServer&) = delete;
    TinyServer& operator=(const TinyServer&) = delete;

    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/2"; }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

inline std::string gzip(const std::string& data) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY)
        != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("deflate failed");
    return out;
}

} // namespace reportkit::testing
