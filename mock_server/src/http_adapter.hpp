// The HTTP adapter: the only code that knows sockets and cpp-httplib. It owns the listening
// socket, the accept loop and the connections, turns each request into a detail::Request for
// the core and the core's Response into bytes. Kept out of httplib's own loop, which holds a
// worker for every open keep-alive connection, recycles connections, listens with a backlog of
// 5 and gives no answer to a client that half-closes after its request.
#pragma once

#include <reportkit/mock/options.hpp>

#include <memory>

namespace reportkit::mock::detail {

class Core;

class HttpAdapter {
public:
    // Listening when it returns; throws std::runtime_error when the address cannot be bound.
    HttpAdapter(Core& core, const Options& options);
    ~HttpAdapter();
    HttpAdapter(const HttpAdapter&) = delete;
    HttpAdapter& operator=(const HttpAdapter&) = delete;

    int port() const;
    // Stops accepting, lets the requests being answered finish, closes every connection.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace reportkit::mock::detail
