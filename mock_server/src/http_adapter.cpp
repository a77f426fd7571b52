// The adapter's loop: the workers wait (epoll, one event each) on the listening socket and on
// every idle connection; the worker a connection's bytes wake answers its request (and the
// ones already buffered) and gives the connection back. Workers are held by requests,
// never by idle keep-alive connections. Each worker has its own httplib::Server, used only to
// parse a request from the connection and write the answer (process_request); its hooks fill
// the worker's Exchange, the one value that carries a request's facts from hook to hook.
#include "http_adapter.hpp"

#include "connection.hpp"
#include "core.hpp"
#include "errors.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/algorithm/string/predicate.hpp>

namespace reportkit::mock::detail {

using namespace std::chrono_literals;

namespace {

// httplib's own limits, kept: a read that waits this long fails the request (400), and an
// idle keep-alive connection is closed after a second.
constexpr auto read_wait = 5s, write_wait = 5s, idle_limit = 1s;

// What one request's handling learned, from the first hook to the log line.
struct Exchange {
    bool started = false;  // the pre-routing hook ran: httplib could read the request
    bool answered = false; // the core (or the adapter through it) answered and journaled it
    std::optional<Request> request{};
    Response answer{};
    bool closes = false; // the answer ends the connection (Connection: close)
};

// The httplib::Stream of a connection, with the request deadline of the adapter. What httplib
// writes is gathered and sent at once (flush): it writes an answer's head and body apart, and
// two sends cost two segments and two wake-ups of the client. A read sends what is pending
// first (the interim "100 Continue" a client waits for before its body).
class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(Connection& c, Clock::time_point deadline, std::string& pending)
        : c_(c), deadline_(deadline), pending_(pending) {
        pending_.clear();
    }
    bool is_readable() const override { return c_.readable_within(read_wait, deadline_); }
    // Whether the answer can be sent. Not whether the peer still sends (httplib's own stream
    // says no after the peer's half-close, and a `shutdown(SHUT_WR)` client got no answer).
    bool is_writable() const override { return !c_.dropped() && !c_.expired(); }
    ssize_t read(char* ptr, size_t size) override {
        if (!flush())
            return -1;
        return c_.read(ptr, size, read_wait, deadline_);
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (!is_writable())
            return -1;
        pending_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    // Sends what was written; false when the connection cannot take it.
    bool flush() {
        if (pending_.empty())
            return true;
        bool sent = c_.write(pending_.data(), pending_.size(), write_wait) >= 0;
        pending_.clear();
        return sent;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.remote_ip();
        port = c_.remote_port();
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.local_ip();
        port = c_.local_port();
    }
    socket_t socket() const override { return c_.fd(); }

private:
    Connection& c_;
    Clock::time_point deadline_;
    std::string& pending_;
};

// process_request is protected: it is the entry for a stream the server did not accept itself.
struct Parser : httplib::Server {
    using httplib::Server::process_request;
};

Request request_of(const httplib::Request& req) {
    Request r;
    r.method = req.method;
    r.path = req.path;
    std::size_t q = req.target.find('?');
    // The query as sent; not httplib's params, which also hold a form body's fields.
    r.query = q == std::string::npos ? std::string() : req.target.substr(q + 1);
    for (const auto& [k, v] : req.headers)
        if (k != "REMOTE_ADDR" && k != "REMOTE_PORT" && k != "LOCAL_ADDR" && k != "LOCAL_PORT")
            r.headers.emplace_back(k, v);
    r.body = req.body;
    r.remote_addr = req.remote_addr;
    return r;
}

void apply(const Response& answer, httplib::Response& res) {
    res.status = answer.status;
    for (const auto& [k, v] : answer.headers)
        res.set_header(k, v);
    if (!answer.content_type.empty())
        res.set_content(answer.body, answer.content_type);
}

// The first header of that name, as get_header_value finds it (the first of its equal keys),
// but by a walk with an ASCII comparison that rejects on length first: httplib's lookup folds
// every byte it compares with the locale's tolower, a twentieth of the mock's time under load.
const std::string* header_of(const httplib::Request& req, std::string_view name) {
    for (const auto& [key, value] : req.headers)
        if (same_name(key, name))
            return &value;
    return nullptr;
}

std::string_view header_value(const httplib::Request& req, std::string_view name) {
    const std::string* value = header_of(req, name);
    return value ? std::string_view(*value) : std::string_view();
}

// A request body whose size is not known before reading it: chunked (411, send Content-Length)
// or with a Content-Encoding (415: a small compressed body can inflate without bound).
std::optional<Response> unbounded_body(const httplib::Request& req) {
    if (boost::algorithm::icontains(header_value(req, "Transfer-Encoding"), "chunked"))
        return errors::http_level(411, "chunked request bodies are not accepted; send "
                                       "Content-Length");
    std::string content(header_value(req, "Content-Encoding"));
    if (!content.empty() && content != "identity")
        return errors::http_level(415, "request bodies must not be encoded; got Content-Encoding \""
                                           + content + '"');
    return std::nullopt;
}

// Whether the request's body was left (partly) unread: httplib reads a body only for some
// methods, and refusals made before reading (411, 413, 415) leave it too. Kept alive, the
// connection would take those bytes for the next request, so that a body could smuggle one.
bool body_left_unread(const httplib::Request& req) {
    if (boost::algorithm::icontains(header_value(req, "Transfer-Encoding"), "chunked"))
        return req.body.empty();
    const std::string* found = header_of(req, "Content-Length");
    if (!found)
        return false;
    const std::string& declared = *found;
    std::uint64_t length = 0;
    auto [end, ec] = std::from_chars(declared.data(), declared.data() + declared.size(), length);
    return ec != std::errc{} || end != declared.data() + declared.size()
           || length != req.body.size();
}

} // namespace

struct HttpAdapter::Impl {
    Impl(Core& c, const Options& o)
        : core(c), options(o),
          turns(static_cast<std::ptrdiff_t>(std::clamp<std::size_t>(
              std::thread::hardware_concurrency(), 2, std::max<std::size_t>(o.threads, 2)))) {}

    Core& core;
    const Options& options;
    int listen_fd = -1, wake_fd = -1, epoll_fd = -1, port = 0;
    std::atomic<bool> stopping{false};
    Turns turns; // the workers running at once: as many as there are cores
    std::thread sweeper;
    std::vector<std::thread> workers;

    std::mutex mutex; // guards everything below
    std::condition_variable stop_cv;
    std::map<int, std::shared_ptr<Connection>> idle; // by socket: waiting in epoll

    void configure(Parser& http, Exchange& ex, Connection*& current);
    void serve(Parser& http, Exchange& ex, Connection*& current, std::string& pending,
               std::shared_ptr<Connection> c);
    void work();
    void take_and_serve(Parser& http, Exchange& ex, Connection*& current, std::string& pending,
                        int fd);
    void accept_all();
    void sweep();
    void watch(const std::shared_ptr<Connection>& c);
    void close_idle(Clock::time_point now);
};

void HttpAdapter::Impl::configure(Parser& http, Exchange& ex, Connection*& current) {
    http.set_payload_max_length(options.max_body);
    http.set_pre_routing_handler([this, &ex](const httplib::Request& req, httplib::Response& res) {
        ex.started = true;
        // httplib has no handlers for these two methods; without this they would get a bare 400
        // where API.md promises 405 with Allow on a known path.
        if (req.method == "TRACE" || req.method == "CONNECT") {
            ex.request = request_of(req);
            ex.answer = core.handle(*ex.request);
            ex.answered = true;
            apply(ex.answer, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        // httplib enforces the body limit only on a declared Content-Length, and would read a
        // chunked or compressed body whole before any handler could refuse it. Both are refused
        // here, before the body is read; the connection is then closed.
        if (auto refusal = unbounded_body(req)) {
            ex.request = request_of(req);
            ex.answer = core.refused(*ex.request, std::move(*refusal));
            ex.answered = true;
            apply(ex.answer, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto handler = [this, &ex, &current](const httplib::Request& req, httplib::Response& res) {
        ex.request = request_of(req);
        ex.answer = core.handle(*ex.request);
        ex.answered = true;
        if (ex.answer.drop)
            current->drop(); // journaled already: the client may look as soon as it sees the end
        else
            apply(ex.answer, res);
    };
    // Every path, also one whose decoded form holds a line break ("." would not match it, and
    // httplib would answer 404 before the core could say the path id is malformed).
    const std::string any_path = R"([\s\S]*)";
    http.Get(any_path, handler)
        .Post(any_path, handler)
        .Put(any_path, handler)
        .Delete(any_path, handler)
        .Patch(any_path, handler)
        .Options(any_path, handler);
    // Answers httplib made itself (413, malformed requests) get the platform error body too.
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [&ex](const httplib::Request&, httplib::Response& res) {
            if (ex.answered || !res.body.empty())
                return httplib::Server::HandlerResponse::Unhandled;
            apply(errors::http_level(res.status, res.status == 413
                                                     ? "the request body is over the size limit"
                                                     : "the request could not be processed"),
                  res);
            return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown error";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            apply(errors::internal(what), res);
        });
    // Runs just before the answer is written, for every answer.
    http.set_post_routing_handler([this, &ex](const httplib::Request& req, httplib::Response& res) {
        if (!ex.answered) { // httplib answered itself: journaled here
            ex.request = request_of(req);
            Response own{.status = res.status};
            ex.answer = core.refused(*ex.request, own);
            ex.answered = true;
        }
        // An answer before the request was read whole, or to one httplib could not read: what
        // follows on the connection need not start at a request, so nothing more is read.
        ex.closes = !ex.started || body_left_unread(req) || ex.answer.close;
        if (ex.closes)
            res.set_header("Connection", "close");
    });
}

void HttpAdapter::Impl::serve(Parser& http, Exchange& ex, Connection*& current,
                              std::string& pending, std::shared_ptr<Connection> c) {
    current = c.get();
    c->turns = &turns;
    while (true) {
        ex = Exchange{};
        ConnectionStream stream(*c, c->since + options.request_timeout, pending);
        bool closed = false;
        bool ok = http.process_request(stream, stopping, closed, nullptr);
        ok = stream.flush() && ok;
        if (ex.request)
            core.log(*ex.request, ex.answer);
        if (!ok || closed || ex.closes || ex.answer.drop || c->dropped() || c->expired()
            || stopping)
            return; // the last reference closes the socket
        c->since = Clock::now();
        // Pipelined requests already read are answered before the connection goes back to
        // wait. A next request still in the socket waits its turn in epoll, behind the
        // connections that were ready before it: served at once, a busy client could keep its
        // worker, and the others' latency grew without bound (p99 0.75 s at 256 connections).
        if (!c->has_buffered())
            break;
    }
    current = nullptr;
    watch(c);
}

void HttpAdapter::Impl::work() {
    Parser http;
    Exchange ex;
    Connection* current = nullptr;
    std::string pending; // an answer's bytes, kept across requests to save its allocation
    configure(http, ex, current);
    // Only a worker with a turn waits for events: one woken is one that runs. (A worker
    // that sleeps with an event until a turn is free costs a hand-over per request: p99
    // at 64 connections 27 ms instead of 13-20.)
    turns.take();
    while (!stopping) {
        epoll_event event{};
        int n = ::epoll_wait(epoll_fd, &event, 1, 100);
        if (n == 1 && event.data.fd == wake_fd)
            break;
        if (n == 1 && event.data.fd == listen_fd)
            accept_all();
        else if (n == 1)
            take_and_serve(http, ex, current, pending, event.data.fd);
        turns.pass();
    }
    turns.give();
}

void HttpAdapter::Impl::take_and_serve(Parser& http, Exchange& ex, Connection*& current,
                                       std::string& pending, int fd) {
    std::shared_ptr<Connection> c;
    {
        std::lock_guard lock(mutex);
        auto it = idle.find(fd);
        if (it == idle.end())
            return; // closed by the sweeper meanwhile
        c = std::move(it->second);
        idle.erase(it);
    }
    serve(http, ex, current, pending, std::move(c));
}

void HttpAdapter::Impl::accept_all() {
    int client;
    while ((client = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0)
        watch(std::make_shared<Connection>(client));
    // One-shot, so that one new connection wakes one worker, not all.
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.fd = listen_fd;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, listen_fd, &ev);
}

// Back to the loop until its next bytes arrive.
void HttpAdapter::Impl::watch(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(mutex);
    if (stopping)
        return;
    idle[c->fd()] = c;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.fd = c->fd();
    if (::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd(), &ev) != 0
        && ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c->fd(), &ev) != 0)
        idle.erase(c->fd());
}

// Connections that sent nothing within the keep-alive limit, or no whole request within the
// request timeout: slow senders cannot hold the mock's sockets.
void HttpAdapter::Impl::close_idle(Clock::time_point now) {
    std::lock_guard lock(mutex);
    for (auto it = idle.begin(); it != idle.end();) {
        if (now - it->second->since
            > std::min<Clock::duration>(idle_limit, options.request_timeout)) {
            ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, it->first, nullptr);
            it = idle.erase(it);
        } else {
            ++it;
        }
    }
}

void HttpAdapter::Impl::sweep() {
    std::unique_lock lock(mutex);
    while (!stop_cv.wait_for(lock, 100ms, [&] { return stopping.load(); })) {
        lock.unlock();
        close_idle(Clock::now());
        lock.lock();
    }
}

HttpAdapter::HttpAdapter(Core& core, const Options& options)
    : impl_(std::make_unique<Impl>(core, options)) {
    Impl& d = *impl_;
    d.listen_fd = listen_socket(options.host, options.port, d.port);
    d.wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    d.epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    for (int fd : {d.listen_fd, d.wake_fd}) {
        epoll_event ev{};
        // The wake-up stays readable: it ends every worker's wait.
        ev.events = fd == d.listen_fd ? EPOLLIN | EPOLLONESHOT : EPOLLIN;
        ev.data.fd = fd;
        ::epoll_ctl(d.epoll_fd, EPOLL_CTL_ADD, fd, &ev);
    }
    core.faults().turns = &d.turns;
    std::size_t threads = std::max<std::size_t>(options.threads, 2);
    for (std::size_t i = 0; i < threads; ++i)
        d.workers.emplace_back([&d] { d.work(); });
    d.sweeper = std::thread([&d] { d.sweep(); });
}

HttpAdapter::~HttpAdapter() {
    stop();
}

int HttpAdapter::port() const {
    return impl_->port;
}

void HttpAdapter::stop() {
    Impl& d = *impl_;
    if (d.stopping.exchange(true))
        return;
    std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(d.wake_fd, &one, sizeof one);
    {
        std::lock_guard lock(d.mutex); // a sweep in progress sees the flag
    }
    d.stop_cv.notify_all();
    if (d.sweeper.joinable())
        d.sweeper.join();
    for (auto& w : d.workers)
        if (w.joinable())
            w.join();
    d.core.faults().turns = nullptr;
    {
        std::lock_guard lock(d.mutex);
        d.idle.clear();
    }
    ::close(d.epoll_fd);
    ::close(d.wake_fd);
    ::close(d.listen_fd);
}

} // namespace reportkit::mock::detail
