// The mock's HTTP side: routing, authentication, the API operations, faults, journal and logs.
//
// Every request goes through one handler (Impl::handle) instead of per-route httplib handlers:
// 404 for unknown routes, 405 with Allow, and the journal's notion of "routed" need to know all
// routes at once. The journal entry is written in httplib's post-routing hook, which runs before
// the response leaves, so a test that has its answer always finds the request in the journal.
#include <reportkit/mock/server.hpp>

#include "access.hpp"
#include "state.hpp"
#include "synthetic.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/core/validate.hpp>
#include <reportkit/core/write.hpp>
#include <reportkit/reports.hpp>

#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace reportkit::mock {

namespace rk = reportkit;
namespace rp = reportkit::reports;
using namespace std::chrono_literals;

namespace {

// ---- per-request bookkeeping ----------------------------------------------------------------

// httplib serves one request at a time per worker thread, from the pre-routing hook to the
// logger, so a thread-local is the request's own scratch space.
struct RequestContext {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    bool started = false; // false: httplib refused the request before any hook ran
    bool admin = false;
    bool faulted = false;
    bool dropped = false;
    bool recorded = false;
    bool closes = false; // the answer ends the connection: see ConnectionState
};
thread_local RequestContext context;

// A worker serves one connection at a time, request after request (see ConnectionQueue).
struct ConnectionState {
    // An answer left bytes of its request unread, or httplib could not read the request at all:
    // what follows on the connection need not start at a request. httplib would read it as
    // requests (a body could smuggle one in); instead nothing more on the connection is
    // handled, recorded or logged, and it is shut down as soon as its ports are known.
    bool out_of_step = false;
};
thread_local ConnectionState connection;

// httplib's thread pool, with each connection's task starting from a fresh ConnectionState.
class ConnectionQueue : public httplib::TaskQueue {
public:
    explicit ConnectionQueue(std::size_t threads) : pool_(threads) {}
    void enqueue(std::function<void()> serve) override {
        pool_.enqueue([serve = std::move(serve)] {
            connection = ConnectionState{};
            serve();
        });
    }
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
};

std::int64_t elapsed_ms() {
    if (!context.started)
        return 0;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now()
                                                                 - context.start)
        .count();
}

// ---- small helpers --------------------------------------------------------------------------

using detail::same_secret;

// RFC 6750's b64token, the platform's `^Bearer [0-9a-zA-Z\-\._~+/]*=*$`.
bool is_b64token(std::string_view token) {
    std::size_t i = 0;
    auto body = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'
               || c == '~' || c == '+' || c == '/';
    };
    while (i < token.size() && body(token[i]))
        ++i;
    while (i < token.size() && token[i] == '=')
        ++i;
    return i == token.size();
}

std::optional<std::string> base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
        return -1;
    };
    while (!in.empty() && in.back() == '=')
        in.remove_suffix(1);
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : in) {
        int v = value(c);
        if (v < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<unsigned>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xff);
        }
    }
    return out;
}

std::string url_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()
                   && std::isxdigit(static_cast<unsigned char>(s[i + 1]))
                   && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        std::size_t amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty())
            continue;
        std::size_t eq = pair.find('=');
        out.emplace_back(url_decode(pair.substr(0, eq)),
                         eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1)));
    }
    return out;
}

// The query string as sent. Not httplib's req.params: those also hold a form body's fields.
std::string query_of(const httplib::Request& req) {
    std::size_t q = req.target.find('?');
    return q == std::string::npos ? std::string() : req.target.substr(q + 1);
}

// A request body whose size is not known before reading it: chunked (411, send Content-Length)
// or with a Content-Encoding (415: a small compressed body can inflate without bound).
std::optional<std::pair<int, std::string>> unbounded_body(const httplib::Request& req) {
    if (boost::algorithm::icontains(req.get_header_value("Transfer-Encoding"), "chunked"))
        return std::pair{411, std::string("chunked request bodies are not accepted; send "
                                          "Content-Length")};
    std::string content = req.get_header_value("Content-Encoding");
    if (!content.empty() && content != "identity")
        return std::pair{415, "request bodies must not be encoded; got Content-Encoding \""
                                  + content + '"'};
    return std::nullopt;
}

// The media type without parameters, lower-cased: "application/json; charset=utf-8" ->
// "application/json".
std::string media_type(std::string_view content_type) {
    std::string type(content_type.substr(0, content_type.find(';')));
    boost::algorithm::trim_if(type,
                              boost::algorithm::is_any_of(" \t")); // HTTP's optional whitespace
    boost::algorithm::to_lower(type);
    return type;
}

// Finds the server side of the request's TCP connection among this process's descriptors and
// shuts it down, so the client sees the connection end without a response. httplib gives
// handlers no access to their socket; the connection's two ports identify it uniquely.
// Calls f(fd, local port, peer port) for each connected socket of this process until f returns
// true; whether it did.
template <class F>
bool find_connection(F f) {
    auto port_of = [](const sockaddr_storage& a) -> int {
        if (a.ss_family == AF_INET)
            return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
        if (a.ss_family == AF_INET6)
            return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
        return -1;
    };
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        int fd = -1;
        std::string name = entry.path().filename().string();
        if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{})
            continue;
        sockaddr_storage local{}, peer{};
        socklen_t local_len = sizeof local, peer_len = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0
            || ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0)
            continue;
        if (f(fd, port_of(local), port_of(peer)))
            return true;
    }
    return false;
}

bool drop_connection(const httplib::Request& req) {
    return find_connection([&](int fd, int local_port, int peer_port) {
        if (local_port != req.local_port || peer_port != req.remote_port)
            return false;
        ::shutdown(fd, SHUT_RDWR);
        return true;
    });
}

// Whether the request's body was left (partly) unread: httplib reads a body only for some
// methods, and refusals made before reading (411, 413, 415) leave it too. Kept alive, the
// connection would take those bytes for the next request, so that a body could smuggle one.
bool body_left_unread(const httplib::Request& req) {
    if (boost::algorithm::icontains(req.get_header_value("Transfer-Encoding"), "chunked"))
        return req.body.empty();
    if (!req.has_header("Content-Length"))
        return false;
    std::string declared = req.get_header_value("Content-Length");
    std::uint64_t length = 0;
    auto [end, ec] = std::from_chars(declared.data(), declared.data() + declared.size(), length);
    return ec != std::errc{} || end != declared.data() + declared.size()
           || length != req.body.size();
}

std::string reason_of(int status) {
    switch (status) {
    case 400:
        return "Bad request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not found";
    case 405:
        return "Method not allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length required";
    case 413:
        return "Request body too large";
    case 414:
        return "Request URI too long";
    case 415:
        return "Unsupported media type";
    case 500:
        return "Internal server error";
    case 502:
        return "Bad gateway";
    case 503:
        return "Service unavailable";
    case 504:
        return "Gateway timeout";
    default:
        return "HTTP " + std::to_string(status);
    }
}

void send_json(httplib::Response& res, int status, std::string body) {
    res.status = status;
    res.set_content(std::move(body), "application/json");
}

void send_error(httplib::Response& res, int status, std::string message, std::string info,
                std::optional<std::int64_t> code = std::nullopt) {
    rp::ApiError error{
        rp::PlatformError{code.value_or(status), std::move(message), std::string(rp::error_domain),
                          rp::ErrorDetails{std::move(info), std::nullopt}, boost::json::object{}}};
    send_json(res, status, rk::to_json_string(error));
}

// ---- routes ---------------------------------------------------------------------------------

enum class RouteId { token, reports, report, stored_list, stored_file, tenant_reports };

struct Route {
    RouteId id;
    std::vector<std::string> ids; // the path's {id} segments, unchecked
    std::string_view allow;       // methods, as the Allow header lists them
};

bool allows(std::string_view allow, std::string_view method) {
    if (method == "HEAD")
        method = "GET";
    std::size_t pos = 0;
    while (pos < allow.size()) {
        std::size_t comma = allow.find(", ", pos);
        std::string_view m =
            allow.substr(pos, comma == std::string_view::npos ? comma : comma - pos);
        if (m == method)
            return true;
        if (comma == std::string_view::npos)
            break;
        pos = comma + 2;
    }
    return false;
}

std::optional<Route> match_route(std::string_view path) {
    if (path.substr(0, base_path.size()) != base_path || path.size() <= base_path.size()
        || path[base_path.size()] != '/')
        return std::nullopt;
    std::vector<std::string> s;
    std::string_view rest = path.substr(base_path.size() + 1);
    while (true) {
        std::size_t slash = rest.find('/');
        s.emplace_back(rest.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        rest.remove_prefix(slash + 1);
    }
    auto any = [](const std::string& x) { return !x.empty(); };
    if (s.size() == 2 && s[0] == "idp" && s[1] == "token")
        return Route{RouteId::token, {}, "POST"};
    if (s.size() == 1 && s[0] == "reports")
        return Route{RouteId::reports, {}, "POST"};
    if (s.size() == 2 && s[0] == "reports" && any(s[1]))
        return Route{RouteId::report, {s[1]}, "GET, PUT, DELETE"};
    if (s.size() == 3 && s[0] == "reports" && any(s[1]) && s[2] == "stored")
        return Route{RouteId::stored_list, {s[1]}, "GET"};
    if (s.size() == 4 && s[0] == "reports" && any(s[1]) && s[2] == "stored" && any(s[3]))
        return Route{RouteId::stored_file, {s[1], s[3]}, "GET"};
    if (s.size() == 3 && s[0] == "tenants" && any(s[1]) && s[2] == "reports")
        return Route{RouteId::tenant_reports, {s[1]}, "GET"};
    return std::nullopt;
}

// The one fault description of the admin API: POST /__admin/faults.
struct FaultSpec {
    BOOST_HANA_DEFINE_STRUCT(FaultSpec, (std::optional<std::string>, method),
                             (std::optional<std::string>, path),
                             (std::optional<std::int64_t>, times),
                             (std::optional<std::int64_t>, delay_ms),
                             (std::optional<std::int64_t>, status),
                             (std::optional<std::int64_t>, code),
                             (std::optional<std::string>, message), (std::optional<bool>, drop));

    static constexpr auto rules() {
        return rk::rules(rk::minimum(&FaultSpec::times, 1), rk::minimum(&FaultSpec::delay_ms, 0),
                         rk::minimum(&FaultSpec::status, 100));
    }
};

std::string journal_json(const std::vector<RecordedRequest>& entries) {
    boost::json::array items;
    for (const RecordedRequest& r : entries) {
        boost::json::object headers;
        for (const auto& [k, v] : r.headers)
            headers[k] = v;
        items.push_back({{"method", r.method},
                         {"path", r.path},
                         {"query", r.query},
                         {"headers", std::move(headers)},
                         {"body", r.body},
                         {"status", r.status},
                         {"routed", r.routed},
                         {"faulted", r.faulted},
                         {"elapsed_ms", r.elapsed.count()}});
    }
    // reportkit's writer, not boost::json::serialize: a body or header that is not UTF-8 (the
    // journal records whatever came) must not make the journal itself invalid JSON; such bytes
    // read as U+FFFD.
    return rk::to_json_string(boost::json::object{{"items", std::move(items)}});
}

} // namespace

// ---- the server -------------------------------------------------------------------------------

struct Server::Impl {
    explicit Impl(Options o) : options(std::move(o)) {}

    Options options;
    httplib::Server http;
    std::thread listener;
    int port = 0;
    Journal journal;

    // One lock for the state, the faults and the generators: a write is small, and one lock
    // makes "persisted before acknowledged" simple to keep.
    mutable std::mutex mutex;
    detail::State state = detail::State::empty();
    // See find_locked. A tree, not a hash table: a hash table's rehash moves every entry while
    // the lock is held, a pause every request behind it waits out.
    std::map<Uuid, std::size_t> report_index;
    bool index_current = true; // false: rebuilt at the next lookup
    std::vector<Fault> faults;
    std::mt19937_64 id_rng, token_rng;

    std::mutex log_mutex;
    std::mutex stop_mutex;
    std::condition_variable stop_cv;
    bool stopping = false;

    // ---- slow senders ----
    // httplib's read timeout bounds each read, not the request: a client sending a byte a second
    // would hold a worker forever. The watchdog shuts down every connection that has not
    // delivered a whole request within options.request_timeout of opening or of its last answer.
    struct ConnectionClock {
        std::chrono::steady_clock::time_point since;
        bool busy = false; // a request was read and is being answered
    };
    std::mutex connections_mutex;
    std::map<int, ConnectionClock> connections; // by the client's port
    std::thread watchdog;

    void connection_busy(const httplib::Request& req, bool busy) {
        std::lock_guard lock(connections_mutex);
        connections[req.remote_port] = {std::chrono::steady_clock::now(), busy};
    }

    void watch() {
        while (true) {
            {
                std::unique_lock lock(stop_mutex);
                if (stop_cv.wait_for(lock, 100ms, [&] { return stopping; }))
                    return;
            }
            auto now = std::chrono::steady_clock::now();
            std::map<int, ConnectionClock> open;
            std::lock_guard lock(connections_mutex);
            find_connection([&](int fd, int local_port, int peer_port) {
                if (local_port != port)
                    return false;
                auto known = connections.find(peer_port);
                ConnectionClock clock =
                    known == connections.end() ? ConnectionClock{now, false} : known->second;
                if (!clock.busy && now - clock.since > options.request_timeout)
                    ::shutdown(fd, SHUT_RDWR);
                else
                    open[peer_port] = clock;
                return false;
            });
            connections = std::move(open);
        }
    }

    // ---- clocks, ids, tokens ----

    std::chrono::system_clock::time_point now() const {
        return options.clock ? options.clock() : std::chrono::system_clock::now();
    }
    std::int64_t now_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch())
            .count();
    }
    bool logical_time() const { return options.seed && !options.clock; }

    // A written timestamp. In deterministic mode it is a counter from a fixed start, one second
    // per timestamp, so equal request sequences give equal answers.
    std::chrono::system_clock::time_point stamp_time_locked() {
        if (!logical_time())
            return now();
        return logical_start() + std::chrono::seconds(state.ticks++);
    }
    std::chrono::sys_seconds logical_start() const {
        return options.today
                   ? std::chrono::sys_seconds(options.today->sys_days()) + 9h
                   : std::chrono::sys_seconds(Date(2019, 8, 8).sys_days()) + 7h + 36min + 57s;
    }

    Uuid next_id_locked() {
        ++state.ids_drawn;
        boost::uuids::uuid u{};
        std::uint64_t a = id_rng(), b = id_rng();
        for (int i = 0; i < 8; ++i) {
            u.data[i] = static_cast<std::uint8_t>(a >> (8 * i));
            u.data[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
        }
        u.data[6] = static_cast<std::uint8_t>((u.data[6] & 0x0f) | 0x40); // version 4
        u.data[8] = static_cast<std::uint8_t>((u.data[8] & 0x3f) | 0x80); // RFC 4122 variant
        return Uuid(u);
    }

    std::string next_token_locked() {
        ++state.tokens_drawn;
        static constexpr char alphabet[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        std::string token;
        for (int word = 0; word < 4; ++word) {
            std::uint64_t bits = token_rng();
            for (int i = 0; i < 10; ++i, bits >>= 6)
                token += alphabet[bits & 63];
        }
        return token;
    }

    rp::TokenResponse grant_locked(Scope scope) {
        auto ttl_ms = std::chrono::duration_cast<std::chrono::milliseconds>(options.token_ttl);
        std::int64_t now = now_ms();
        // Tokens expired a day ago cannot be told apart from unknown ones any more; drop them.
        std::erase_if(state.tokens, [&](const detail::TokenGrant& g) {
            return g.expires_at_ms + 86'400'000 < now;
        });
        detail::TokenGrant grant{next_token_locked(), scope, now + ttl_ms.count()};
        state.tokens.push_back(grant);
        auto expires_on =
            std::chrono::floor<std::chrono::seconds>(stamp_time_locked()) + options.token_ttl;
        return rp::TokenResponse{grant.token, "bearer", options.token_ttl.count(),
                                 expires_on.time_since_epoch().count()};
    }

    // ---- persistence ----

    void persist_locked() {
        if (options.state_file)
            detail::write_file_atomically(*options.state_file, detail::to_text(state));
    }

    // Changes the state, or (when persisting fails) leaves it as it was: an answer is only sent
    // for a write that is on disk.
    class Transaction {
    public:
        explicit Transaction(Impl& impl) : impl_(impl) {
            if (impl.options.state_file)
                backup_ = impl.state;
        }
        ~Transaction() {
            if (!committed_ && backup_) {
                impl_.state = std::move(*backup_);
                impl_.index_current = false;
            }
        }
        void commit() {
            impl_.persist_locked();
            committed_ = true;
        }

    private:
        Impl& impl_;
        std::optional<detail::State> backup_;
        bool committed_ = false;
    };

    // ---- the reports ----

    // By id in O(log n): the index maps ids to positions in state.reports (kept in creation
    // order for the tenant list). add_report_locked adds an entry; whatever else moves reports
    // (delete, reset, a rolled-back write, a loaded state file) clears index_current, and the
    // next lookup rebuilds the index once. Unknown ids (404s) cost a lookup, never a rebuild.
    rp::Report* find_locked(const Uuid& id) {
        if (!index_current) {
            report_index.clear();
            for (std::size_t i = 0; i < state.reports.size(); ++i)
                report_index.emplace(state.reports[i].id, i);
            index_current = true;
        }
        auto it = report_index.find(id);
        return it == report_index.end() ? nullptr : &state.reports[it->second];
    }

    rp::StoredReport shown(const detail::StoredFile& f) const {
        rp::StoredReport item = f.item;
        item.status =
            now_ms() >= f.ready_at_ms ? rp::StoredStatus::saved : rp::StoredStatus::in_progress;
        return item;
    }

    // Appends a report the index does not know yet, and indexes it.
    void add_report_locked(const rp::Report& report) {
        state.reports.push_back(report);
        report_index[report.id] = state.reports.size() - 1;
    }

    // The compressed size of each file of a request, and when the files were expected to be made.
    struct FileSizes {
        Timestamp made_at;
        std::vector<std::pair<rp::Format, std::int64_t>> sizes;
    };

    // Stores a valid request as POST /reports does.
    rp::Report create_locked(const rp::ReportRequest& request, const FileSizes& sizes) {
        rp::Report report = rp::make_report(request, next_id_locked());
        add_report_locked(report);
        const auto& formats =
            request.parameters.formats ? *request.parameters.formats : rp::default_formats();
        if (request.result_action == rp::ResultAction::save) {
            auto ready =
                now_ms()
                + std::chrono::duration_cast<std::chrono::milliseconds>(options.stored_delay)
                      .count();
            for (auto [format, size] : sizes.sizes) {
                Timestamp created = Timestamp::from_time(stamp_time_locked());
                // A file's contents follow its day; rarely it is not the day sizes assumed.
                if (detail::day_of(created) != detail::day_of(sizes.made_at))
                    size = static_cast<std::int64_t>(
                        detail::gzip(detail::synthetic_usage(report, format, created)).size());
                rp::StoredReport item{next_id_locked(), format, size, created,
                                      rp::StoredStatus::in_progress};
                state.stored.push_back({report.id, item, report, ready});
            }
        } else {
            state.outbox.push_back(OutboxEntry{report.id,
                                               request.recipients.value_or(std::vector<Uuid>{}),
                                               formats, Timestamp::from_time(stamp_time_locked())});
        }
        return report;
    }

    // The compressed size of each file a request will produce, computed before taking the lock
    // because making the file is the slowest part of a create. `made_at`: when the files are
    // expected to be made (the first timestamp a seeded server writes, else now).
    FileSizes file_sizes(const rp::ReportRequest& request) const {
        FileSizes out{Timestamp::from_time(logical_time() ? logical_start() : now()), {}};
        if (request.result_action != rp::ResultAction::save)
            return out;
        rp::Report preview = rp::make_report(request, Uuid{});
        for (rp::Format f :
             request.parameters.formats ? *request.parameters.formats : rp::default_formats())
            out.sizes.emplace_back(f, static_cast<std::int64_t>(
                                          detail::gzip(detail::synthetic_usage(preview, f,
                                                                               out.made_at))
                                              .size()));
        return out;
    }

    std::string body_for(const rp::Report& r) const { return rk::to_json_string(r); }

    // ---- request handling ----

    void log(const httplib::Request& req, int status) {
        if (options.log == LogFormat::off)
            return;
        std::string line;
        // Only method, path, status and time: never a header, query or body, which may carry
        // tokens and secrets. The decoded path is encoded again where it is not printable ASCII:
        // a %0A must not start a forged log line, nor a %FF make a JSON line invalid UTF-8.
        std::string path;
        for (unsigned char c : req.path) {
            if (c > 0x20 && c < 0x7f) {
                path += static_cast<char>(c);
            } else {
                static constexpr char hex[] = "0123456789ABCDEF";
                path += {'%', hex[c >> 4], hex[c & 15]};
            }
        }
        if (options.log == LogFormat::json) {
            line = boost::json::serialize(boost::json::object{
                {"method", req.method}, {"path", path}, {"status", status}, {"ms", elapsed_ms()}});
        } else {
            line = req.method + ' ' + path + ' ' + std::to_string(status) + ' '
                   + std::to_string(elapsed_ms()) + "ms";
        }
        std::lock_guard lock(log_mutex);
        if (options.log_sink)
            options.log_sink(line);
        else
            std::cerr << line << std::endl;
    }

    void record(const httplib::Request& req, int status) {
        if (context.recorded || context.admin)
            return;
        context.recorded = true;
        RecordedRequest r;
        r.method = req.method;
        r.path = req.path;
        r.query = query_of(req);
        r.params = parse_form(r.query);
        for (const auto& [k, v] : req.headers)
            if (k != "REMOTE_ADDR" && k != "REMOTE_PORT" && k != "LOCAL_ADDR" && k != "LOCAL_PORT")
                r.headers.emplace_back(k, v);
        r.body = req.body;
        r.status = status;
        // Whoever answered (a fault, httplib's 413), what counts is whether the client aimed at
        // an operation that exists.
        auto route = match_route(req.path);
        r.routed = route && allows(route->allow, req.method);
        r.faulted = context.faulted;
        r.elapsed = std::chrono::milliseconds(elapsed_ms());
        journal.record(std::move(r));
    }

    std::optional<Fault> take_fault(const std::string& method, const std::string& path) {
        std::lock_guard lock(mutex);
        for (auto it = faults.begin(); it != faults.end(); ++it) {
            if ((!it->method.empty() && it->method != method) || !path_matches(it->path, path))
                continue;
            Fault fault = *it;
            if (--it->times == 0)
                faults.erase(it);
            return fault;
        }
        return std::nullopt;
    }

    // Waits without holding a worker past the server's end.
    void pause(std::chrono::milliseconds delay) {
        std::unique_lock lock(stop_mutex);
        stop_cv.wait_for(lock, delay, [&] { return stopping; });
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        if (req.path == "/__admin" || req.path.rfind("/__admin/", 0) == 0) {
            context.admin = true;
            handle_admin(req, res);
            return;
        }
        if (auto fault = take_fault(req.method, req.path)) {
            context.faulted = true;
            if (fault->delay > 0ms)
                pause(fault->delay);
            if (fault->drop) {
                // Recorded first: the client may look at the journal as soon as it sees the end.
                record(req, 0);
                if (drop_connection(req)) {
                    context.dropped = true;
                    return;
                }
                send_error(res, 500, "Injected fault", "the connection could not be dropped");
                return;
            }
            if (fault->status != 0) {
                send_error(res, fault->status, fault->message,
                           "injected: " + std::to_string(fault->status) + " for " + req.method + ' '
                               + req.path,
                           fault->code);
                return;
            }
        }
        auto route = match_route(req.path);
        if (!route) {
            send_error(res, 404, "Not found", "no route for " + req.path);
            return;
        }
        if (!allows(route->allow, req.method)) {
            res.set_header("Allow", std::string(route->allow));
            send_error(res, 405, "Method not allowed",
                       req.method + " is not supported on " + req.path
                           + "; allowed: " + std::string(route->allow));
            return;
        }
        if (route->id == RouteId::token) {
            handle_token(req, res);
            return;
        }
        auto scope = authenticate(req, res);
        if (!scope)
            return;
        bool write = req.method == "POST" || req.method == "PUT" || req.method == "DELETE";
        if (write && *scope != Scope::admin) {
            send_error(res, 403, "Access denied",
                       "the token's scope is read-only; " + req.method + " needs an admin token",
                       rp::platform_code::access_denied);
            return;
        }
        std::vector<Uuid> ids;
        for (std::size_t i = 0; i < route->ids.size(); ++i) {
            std::string why;
            auto id = Uuid::parse(route->ids[i], &why);
            if (!id) {
                std::string_view name = route->id == RouteId::tenant_reports ? "tenant_id"
                                        : i == 0                             ? "report_id"
                                                                             : "stored_report_id";
                send_error(res, 400, "Malformed path parameter",
                           std::string(name) + " \"" + route->ids[i].substr(0, 40) + "\": " + why);
                return;
            }
            ids.push_back(*id);
        }
        if (!check_query(req, res, route->id))
            return;
        if ((req.method == "POST" || req.method == "PUT") && !check_json_type(req, res))
            return;

        switch (route->id) {
        case RouteId::reports:
            return create(req, res);
        case RouteId::report:
            if (req.method == "PUT")
                return update(req, res, ids[0]);
            if (req.method == "DELETE")
                return remove(req, res, ids[0]);
            return fetch(res, ids[0]);
        case RouteId::stored_list:
            return stored_list(res, ids[0]);
        case RouteId::stored_file:
            return download(res, ids[0], ids[1]);
        case RouteId::tenant_reports:
            return tenant_reports(res, ids[0]);
        case RouteId::token:
            break;
        }
    }

    bool check_query(const httplib::Request& req, httplib::Response& res, RouteId id) {
        bool takes_version = id == RouteId::report && req.method == "DELETE";
        bool seen_version = false;
        for (const auto& [key, value] : parse_form(query_of(req))) {
            if (takes_version && key == "version") {
                if (std::exchange(seen_version, true)) {
                    send_error(res, 400, "Bad query parameter",
                               "query parameter \"version\" is given more than once");
                    return false;
                }
                continue;
            }
            send_error(res, 400, "Bad query parameter",
                       "unknown query parameter \"" + key.substr(0, 40) + "\"; "
                           + (takes_version ? "this operation takes only \"version\""
                                            : "this operation takes none"));
            return false;
        }
        return true;
    }

    bool check_json_type(const httplib::Request& req, httplib::Response& res) {
        std::string type = media_type(req.get_header_value("Content-Type"));
        if (type == "application/json")
            return true;
        send_error(res, 415, "Unsupported media type",
                   type.empty() ? "missing Content-Type; expected application/json"
                                : "Content-Type is " + type + "; expected application/json");
        return false;
    }

    std::optional<Scope> authenticate(const httplib::Request& req, httplib::Response& res) {
        auto refuse = [&](std::string info) -> std::optional<Scope> {
            res.set_header("WWW-Authenticate",
                           "Bearer realm=\"reportkit-mock\", error=\"invalid_token\"");
            send_error(res, 401, "Unauthorized", std::move(info));
            return std::nullopt;
        };
        if (!req.has_header("Authorization"))
            return refuse("missing Authorization header; expected \"Bearer <token>\"");
        std::string header = req.get_header_value("Authorization");
        constexpr std::string_view prefix = "Bearer ";
        if (header.rfind(prefix, 0) != 0)
            return refuse("the Authorization header is not a bearer token");
        std::string_view token = std::string_view(header).substr(prefix.size());
        if (!is_b64token(token))
            return refuse("malformed bearer token: expected characters from [0-9a-zA-Z-._~+/] "
                          "followed by optional '='");
        std::optional<Scope> scope;
        bool expired = false;
        // Every known token is compared, matched or not, so timing says nothing about them.
        for (const std::string& t : options.static_tokens)
            if (same_secret(token, t))
                scope = Scope::admin;
        std::lock_guard lock(mutex);
        std::int64_t now = now_ms();
        for (const detail::TokenGrant& g : state.tokens) {
            if (same_secret(token, g.token)) {
                if (now < g.expires_at_ms)
                    scope = g.scope;
                else
                    expired = true;
            }
        }
        if (scope)
            return scope;
        return refuse(expired ? "the bearer token has expired" : "unknown bearer token");
    }

    void handle_token(const httplib::Request& req, httplib::Response& res) {
        std::string type = media_type(req.get_header_value("Content-Type"));
        if (type != "application/x-www-form-urlencoded") {
            send_error(res, 415, "Unsupported media type",
                       type.empty() ? "missing Content-Type; expected "
                                      "application/x-www-form-urlencoded"
                                    : "Content-Type is " + type
                                          + "; expected application/x-www-form-urlencoded");
            return;
        }
        auto refuse = [&](std::string info) {
            res.set_header("WWW-Authenticate", "Basic realm=\"reportkit-mock\"");
            send_error(res, 401, "Unauthorized", std::move(info));
        };
        std::string header = req.get_header_value("Authorization");
        constexpr std::string_view prefix = "Basic ";
        if (header.rfind(prefix, 0) != 0) {
            refuse("expected HTTP Basic authentication with client_id:client_secret");
            return;
        }
        auto decoded = base64_decode(std::string_view(header).substr(prefix.size()));
        std::size_t colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos) {
            refuse("malformed Basic credentials; expected base64 of client_id:client_secret");
            return;
        }
        std::string_view id = std::string_view(*decoded).substr(0, colon);
        std::string_view secret = std::string_view(*decoded).substr(colon + 1);
        std::optional<Scope> scope;
        for (const ClientCredentials& c : options.clients) {
            bool id_matches = same_secret(id, c.id);
            bool secret_matches = same_secret(secret, c.secret); // compared even when id differs
            if (id_matches && secret_matches)
                scope = c.scope;
        }
        if (!scope) {
            refuse("unknown client or wrong secret");
            return;
        }
        std::optional<std::string> grant;
        for (const auto& [key, value] : parse_form(req.body))
            if (key == "grant_type")
                grant = value;
        if (grant != "client_credentials") {
            send_error(res, 400, "Unsupported grant type",
                       grant ? "grant_type is \"" + grant->substr(0, 40)
                                   + "\"; expected \"client_credentials\""
                             : "missing form field grant_type=client_credentials");
            return;
        }
        std::lock_guard lock(mutex);
        Transaction tx(*this);
        rp::TokenResponse token = grant_locked(*scope);
        tx.commit();
        res.set_header("Cache-Control", "no-store");
        send_json(res, 200, rk::to_json_string(token));
    }

    void invalid_body(httplib::Response& res, const std::vector<Diagnostic>& diagnostics) {
        bool syntax = !diagnostics.empty()
                      && (diagnostics.front().code == rk::code::syntax
                          || diagnostics.front().code == rk::code::too_deep);
        send_json(res, 400,
                  rk::to_json_string(rp::validation_error(
                      diagnostics, syntax ? "The request body is not valid JSON."
                                          : "The request body is not valid.")));
    }

    void create(const httplib::Request& req, httplib::Response& res) {
        auto request = rk::from_json<rp::ReportRequest>(
            req.body, {.today = options.today, .max_bytes = options.max_body});
        if (!request)
            return invalid_body(res, request.diagnostics());
        auto sizes = file_sizes(*request);
        std::lock_guard lock(mutex);
        Transaction tx(*this);
        rp::Report report = create_locked(*request, sizes);
        tx.commit();
        send_json(res, 200, body_for(report));
    }

    void fetch(httplib::Response& res, const Uuid& id) {
        std::lock_guard lock(mutex);
        if (const rp::Report* r = find_locked(id))
            return send_json(res, 200, body_for(*r));
        not_found(res, id);
    }

    static void not_found(httplib::Response& res, const Uuid& id) {
        send_error(res, 404, "Not found", "no report with id " + id.to_string());
    }

    void update(const httplib::Request& req, httplib::Response& res, const Uuid& id) {
        auto update = rk::from_json<rp::ReportUpdate>(
            req.body, {.today = options.today, .max_bytes = options.max_body});
        if (!update)
            return invalid_body(res, update.diagnostics());
        std::lock_guard lock(mutex);
        rp::Report* stored = find_locked(id);
        if (!stored)
            return not_found(res, id);
        if (stored->schedule.type != rp::ScheduleType::monthly)
            return send_error(res, 400, "The request does not satisfy business rules",
                              "only scheduled (monthly) reports can be updated; /schedule/type "
                              "is \"once\"",
                              rp::platform_code::business_rules);
        rp::Report merged = rp::apply_update(*stored, *update);
        auto diagnostics = rk::validate(merged, {.today = options.today});
        if (rk::has_errors(diagnostics))
            return invalid_body(res, diagnostics);
        merged.version = stored->version + 1;
        Transaction tx(*this);
        *find_locked(id) = merged;
        tx.commit();
        send_json(res, 200, body_for(merged));
    }

    void remove(const httplib::Request& req, httplib::Response& res, const Uuid& id) {
        std::optional<std::string> given;
        for (auto& [key, value] : parse_form(query_of(req)))
            if (key == "version")
                given = std::move(value);
        if (!given)
            return send_error(res, 400, "Bad query parameter",
                              "missing required query parameter \"version\" (an integer)");
        const std::string& text = *given;
        std::int64_t version = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
        if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
            return send_error(res, 400, "Bad query parameter",
                              "query parameter \"version\": expected an integer, got \""
                                  + text.substr(0, 40) + "\"");
        std::lock_guard lock(mutex);
        rp::Report* stored = find_locked(id);
        if (!stored)
            return not_found(res, id);
        if (stored->version != version)
            return send_error(res, 409, "Version mismatch",
                              "report " + id.to_string() + " is at version "
                                  + std::to_string(stored->version) + ", the request gave "
                                  + std::to_string(version),
                              rp::platform_code::version_mismatch);
        Transaction tx(*this);
        std::erase_if(state.reports, [&](const rp::Report& r) { return r.id == id; });
        index_current = false;
        std::erase_if(state.stored, [&](const detail::StoredFile& f) { return f.report_id == id; });
        tx.commit();
        res.status = 204;
    }

    void stored_list(httplib::Response& res, const Uuid& id) {
        std::lock_guard lock(mutex);
        if (!find_locked(id))
            return not_found(res, id);
        rp::StoredReports list;
        for (const detail::StoredFile& f : state.stored)
            if (f.report_id == id)
                list.items.push_back(shown(f));
        send_json(res, 200, rk::to_json_string(list));
    }

    void download(httplib::Response& res, const Uuid& id, const Uuid& stored_id) {
        std::optional<detail::StoredFile> file;
        {
            std::lock_guard lock(mutex);
            if (!find_locked(id))
                return not_found(res, id);
            for (const detail::StoredFile& f : state.stored)
                if (f.report_id == id && f.item.id == stored_id)
                    file = f;
            if (!file)
                return send_error(res, 404, "Not found",
                                  "report " + id.to_string() + " has no stored file "
                                      + stored_id.to_string());
            if (shown(*file).status != rp::StoredStatus::saved)
                return send_error(res, 404, "Not found",
                                  "stored file " + stored_id.to_string()
                                      + " is not ready yet (status in_progress)");
        }
        res.status = 200;
        res.set_content(
            detail::gzip(detail::synthetic_usage(file->source, file->item.report_format,
                                                 file->item.created_at)),
            "application/octet-stream");
        res.set_header("Content-Encoding", "gzip");
    }

    void tenant_reports(httplib::Response& res, const Uuid& tenant) {
        std::lock_guard lock(mutex);
        rp::TenantReports list;
        for (const rp::Report& r : state.reports)
            if (r.parameters.tenant_id == tenant)
                list.items.push_back(r.id);
        send_json(res, 200, rk::to_json_string(list));
    }

    // ---- /__admin/ ----

    void handle_admin(const httplib::Request& req, httplib::Response& res) {
        if (!options.admin_api)
            return send_error(res, 404, "Not found", "the admin API is disabled");
        if (!detail::admin_allowed(req.remote_addr, req.get_header_value("Authorization"),
                                   options.admin_token))
            return send_error(res, 403, "Access denied",
                              "the admin API answers loopback callers, or others with the admin "
                              "token",
                              rp::platform_code::access_denied);
        const std::string& m = req.method;
        const std::string what = req.path.substr(std::min(req.path.size(), std::size_t{9}));
        if (what == "journal" && (m == "GET" || m == "DELETE")) {
            if (m == "DELETE") {
                journal.clear();
                res.status = 204;
                return;
            }
            return send_json(res, 200, journal_json(journal.entries()));
        }
        if (what == "reset" && m == "POST") {
            reset();
            res.status = 204;
            return;
        }
        if (what == "state" && m == "GET") {
            std::lock_guard lock(mutex);
            return send_json(res, 200, detail::to_text(state));
        }
        if (what == "outbox" && m == "GET") {
            std::lock_guard lock(mutex);
            return send_json(res, 200, "{\"items\":" + rk::to_json_string(state.outbox) + "}");
        }
        if (what == "token" && m == "POST") {
            Scope scope = Scope::admin;
            for (const auto& [key, value] : parse_form(query_of(req)))
                if (key == "scope" && value == "read_only")
                    scope = Scope::read_only;
            std::lock_guard lock(mutex);
            Transaction tx(*this);
            rp::TokenResponse token = grant_locked(scope);
            tx.commit();
            return send_json(res, 200, rk::to_json_string(token));
        }
        if (what == "faults" && m == "GET") {
            std::lock_guard lock(mutex);
            boost::json::array items;
            for (const Fault& f : faults)
                items.push_back({{"method", f.method},
                                 {"path", f.path},
                                 {"times", f.times},
                                 {"delay_ms", f.delay.count()},
                                 {"status", f.status},
                                 {"drop", f.drop}});
            return send_json(res, 200,
                             boost::json::serialize(boost::json::object{{"items", items}}));
        }
        if (what == "faults" && m == "DELETE") {
            std::lock_guard lock(mutex);
            faults.clear();
            res.status = 204;
            return;
        }
        if (what == "faults" && m == "POST") {
            auto spec = rk::from_json<FaultSpec>(req.body);
            if (!spec)
                return invalid_body(res, spec.diagnostics());
            Fault f{.method = spec->method.value_or(""),
                    .path = spec->path.value_or(""),
                    .times = static_cast<std::size_t>(spec->times.value_or(1)),
                    .delay = std::chrono::milliseconds(spec->delay_ms.value_or(0)),
                    .status = static_cast<int>(spec->status.value_or(0)),
                    .code = spec->code,
                    .message = spec->message.value_or("Injected fault"),
                    .drop = spec->drop.value_or(false)};
            std::lock_guard lock(mutex);
            faults.push_back(std::move(f));
            res.status = 204;
            return;
        }
        send_error(res, 404, "Not found",
                   "admin routes: GET|DELETE /__admin/journal, POST /__admin/reset, GET "
                   "/__admin/state, GET /__admin/outbox, POST /__admin/token[?scope=read_only], "
                   "GET|POST|DELETE /__admin/faults");
    }

    void reset() {
        {
            std::lock_guard lock(mutex);
            Transaction tx(*this);
            state.reports.clear();
            index_current = false;
            state.stored.clear();
            state.outbox.clear();
            faults.clear();
            tx.commit();
        }
        journal.clear();
    }
};

// ---- Server -----------------------------------------------------------------------------------

Server::Server(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {
    Impl& d = *impl_;
    for (const std::string& t : d.options.static_tokens)
        if (t.empty() || !is_b64token(t))
            throw std::invalid_argument("static token is not a valid bearer token: it must be "
                                        "characters from [0-9a-zA-Z-._~+/] and optional '='");
    if (d.options.seed) {
        d.id_rng.seed(*d.options.seed);
        d.token_rng.seed(*d.options.seed ^ 0x9e3779b97f4a7c15ull);
    } else {
        std::random_device entropy;
        d.id_rng.seed((std::uint64_t{entropy()} << 32) | entropy());
        d.token_rng.seed((std::uint64_t{entropy()} << 32) | entropy());
    }
    if (d.options.state_file) {
        if (auto loaded = detail::load_state(*d.options.state_file)) {
            d.state = std::move(*loaded);
            d.index_current = false;
            if (d.options.seed) {
                d.id_rng.discard(2 * static_cast<unsigned long long>(d.state.ids_drawn));
                d.token_rng.discard(4 * static_cast<unsigned long long>(d.state.tokens_drawn));
            }
        }
        // Written at once, so an unwritable path fails here and not at the first write.
        d.persist_locked();
    }

    std::size_t threads = std::max<std::size_t>(d.options.threads, 2);
    d.http.new_task_queue = [threads] { return new ConnectionQueue(threads); };
    d.http.set_payload_max_length(d.options.max_body);
    // httplib writes headers and body separately: with Nagle's algorithm on, a keep-alive
    // client's delayed ACK holds every answer back about 40 ms.
    d.http.set_tcp_nodelay(true);
    // An idle keep-alive connection holds a worker until this runs out, also when stopping.
    d.http.set_keep_alive_timeout(1);
    // httplib closes a keep-alive connection after 5 requests by default; clients that reuse
    // connections (load tests, the client's pool) should not pay a reconnect every fifth call.
    d.http.set_keep_alive_max_count(1000);
    d.http.set_pre_routing_handler([&d](const httplib::Request& req, httplib::Response& res) {
        context = RequestContext{};
        if (connection.out_of_step) {
            if (!drop_connection(req))
                send_error(res, 400, reason_of(400),
                           "an earlier request on this connection left bytes unread");
            return httplib::Server::HandlerResponse::Handled;
        }
        context.started = true;
        // httplib has no handlers for these two methods; without this they would get a bare 400
        // where API.md promises 405 with Allow on a known path.
        if (req.method == "TRACE" || req.method == "CONNECT") {
            d.connection_busy(req, true);
            d.handle(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        // httplib enforces the body limit only on a declared Content-Length, and would read a
        // chunked or compressed body whole before any handler could refuse it. Both are refused
        // here, before the body is read; the connection is then closed (see the logger).
        if (auto refusal = unbounded_body(req)) {
            send_error(res, refusal->first, reason_of(refusal->first), refusal->second);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto handler = [&d](const httplib::Request& req, httplib::Response& res) {
        d.connection_busy(req, true);
        d.handle(req, res);
    };
    // Every path, also one whose decoded form holds a line break ("." would not match it, and
    // httplib would answer 404 before the router could say the path id is malformed).
    const std::string any_path = R"([\s\S]*)";
    d.http.Get(any_path, handler)
        .Post(any_path, handler)
        .Put(any_path, handler)
        .Delete(any_path, handler)
        .Patch(any_path, handler)
        .Options(any_path, handler);
    // Answers httplib made itself (413, malformed requests) get the platform error body too.
    d.http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty())
                return httplib::Server::HandlerResponse::Unhandled;
            std::string info = res.status == 413 ? "the request body is over the size limit"
                                                 : "the request could not be processed";
            send_error(res, res.status, reason_of(res.status), info);
            return httplib::Server::HandlerResponse::Handled;
        }));
    d.http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown error";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            send_error(res, 500, "Internal server error", what);
        });
    // Called before the answer is written; the logger after.
    d.http.set_post_routing_handler([&d](const httplib::Request& req, httplib::Response& res) {
        // No hook ran: httplib could not read the request line or headers.
        context.closes = connection.out_of_step || !context.started || body_left_unread(req);
        if (context.closes)
            res.set_header("Connection", "close");
        if (!connection.out_of_step)
            d.record(req, res.status);
    });
    d.http.set_logger([&d](const httplib::Request& req, const httplib::Response& res) {
        if (connection.out_of_step)
            return;
        d.connection_busy(req, false);
        d.log(req, context.dropped ? 0 : res.status);
        // httplib keeps a connection open whatever the answer's Connection header says: it is
        // shut down here, once the answer is out. The client sees the answer, then the end.
        // Without ports (a request httplib could not read), at the next request it reads.
        if (context.closes) {
            connection.out_of_step = true;
            drop_connection(req);
        }
        context = RequestContext{};
    });

    if (d.options.port == 0) {
        d.port = d.http.bind_to_any_port(d.options.host);
    } else {
        d.port = d.http.bind_to_port(d.options.host, d.options.port) ? d.options.port : -1;
    }
    if (d.port <= 0)
        throw std::runtime_error("cannot listen on " + d.options.host + ":"
                                 + std::to_string(d.options.port));
    d.listener = std::thread([&d] { d.http.listen_after_bind(); });
    d.watchdog = std::thread([&d] { d.watch(); });
    // stop() is a no-op until httplib's accept loop runs; wait for it so stop can never be lost.
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!d.http.is_running() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
}

Server::~Server() {
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; stop() already did all it could.
    }
}

void Server::stop() {
    Impl& d = *impl_;
    {
        std::lock_guard lock(d.stop_mutex);
        if (d.stopping)
            return;
        d.stopping = true;
    }
    d.stop_cv.notify_all();
    d.http.stop();
    if (d.listener.joinable())
        d.listener.join();
    if (d.watchdog.joinable())
        d.watchdog.join();
    std::lock_guard lock(d.mutex);
    d.persist_locked();
}

std::string Server::url() const {
    const std::string& h = impl_->options.host;
    bool v6 = h.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + h + "]" : h) + ":" + std::to_string(impl_->port);
}

std::string Server::base_url() const {
    return url() + std::string(base_path);
}
const std::string& Server::host() const {
    return impl_->options.host;
}
int Server::port() const {
    return impl_->port;
}
const Options& Server::options() const {
    return impl_->options;
}

std::string Server::issue_token(Scope scope) {
    std::lock_guard lock(impl_->mutex);
    Impl::Transaction tx(*impl_);
    std::string token = impl_->grant_locked(scope).access_token;
    tx.commit();
    return token;
}

Journal& Server::journal() {
    return impl_->journal;
}

void Server::inject(Fault fault) {
    if (fault.times == 0)
        return;
    std::lock_guard lock(impl_->mutex);
    impl_->faults.push_back(std::move(fault));
}

void Server::clear_faults() {
    std::lock_guard lock(impl_->mutex);
    impl_->faults.clear();
}

std::size_t Server::pending_faults() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->faults.size();
}

std::vector<rp::Report> Server::reports() const {
    std::lock_guard lock(impl_->mutex);
    return {impl_->state.reports.begin(), impl_->state.reports.end()};
}

std::optional<rp::Report> Server::report(const Uuid& id) const {
    std::lock_guard lock(impl_->mutex);
    if (const rp::Report* r = impl_->find_locked(id))
        return *r;
    return std::nullopt;
}

Result<rp::Report> Server::create(const rp::ReportRequest& request) {
    auto diagnostics = rk::validate(request, {.today = impl_->options.today});
    if (rk::has_errors(diagnostics))
        return Result<rp::Report>(std::move(diagnostics));
    auto sizes = impl_->file_sizes(request);
    std::lock_guard lock(impl_->mutex);
    Impl::Transaction tx(*impl_);
    rp::Report report = impl_->create_locked(request, sizes);
    tx.commit();
    return Result<rp::Report>(std::move(report), std::move(diagnostics));
}

void Server::put(const rp::Report& report) {
    auto diagnostics = rk::validate(report, {.today = Date(9999, 12, 31)});
    if (rk::has_errors(diagnostics)) {
        std::ostringstream os;
        os << "Server::put: the report is not valid";
        for (const Diagnostic& d : diagnostics)
            os << "\n  " << d;
        throw std::invalid_argument(os.str());
    }
    std::lock_guard lock(impl_->mutex);
    Impl::Transaction tx(*impl_);
    if (rp::Report* existing = impl_->find_locked(report.id))
        *existing = report;
    else
        impl_->add_report_locked(report);
    tx.commit();
}

std::vector<rp::StoredReport> Server::stored(const Uuid& report_id) const {
    std::lock_guard lock(impl_->mutex);
    std::vector<rp::StoredReport> out;
    for (const detail::StoredFile& f : impl_->state.stored)
        if (f.report_id == report_id)
            out.push_back(impl_->shown(f));
    return out;
}

std::optional<std::string> Server::stored_content(const Uuid& report_id,
                                                  const Uuid& stored_id) const {
    std::lock_guard lock(impl_->mutex);
    for (const detail::StoredFile& f : impl_->state.stored)
        if (f.report_id == report_id && f.item.id == stored_id)
            return detail::synthetic_usage(f.source, f.item.report_format, f.item.created_at);
    return std::nullopt;
}

std::vector<OutboxEntry> Server::outbox() const {
    std::lock_guard lock(impl_->mutex);
    return {impl_->state.outbox.begin(), impl_->state.outbox.end()};
}

void Server::reset() {
    impl_->reset();
}

std::string Server::dump_state() const {
    std::lock_guard lock(impl_->mutex);
    return detail::to_text(impl_->state);
}

} // namespace reportkit::mock
