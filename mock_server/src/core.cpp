#include "core.hpp"

#include "errors.hpp"
#include "routes.hpp"
#include "text.hpp"

#include <reportkit/core/timestamp.hpp>

#include <stdexcept>

namespace reportkit::mock::detail {

using namespace std::chrono_literals;

namespace {

std::int64_t elapsed_ms(const Request& request) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now()
                                                                 - request.received)
        .count();
}

// Where the clock starts: Options::now, or Options::today's midnight (UTC), or nowhere in
// particular (the system clock's now).
std::optional<Clock::time_point> clock_start(const Options& options) {
    if (options.now && options.today)
        throw std::invalid_argument("Options: give the clock's start as `now` or as `today`, not "
                                    "both (today is a shorthand for now at 00:00:00 UTC)");
    if (options.now)
        return to_clock_time(*options.now); // throws for an instant the clock cannot hold
    if (options.today)
        return Clock::time_point(options.today->sys_days());
    return std::nullopt;
}

// RFC 9110's IMF-fixdate of the mock clock: a client learns the server's day from it, as from
// any HTTP server, and judges a generation date against the mock's time, not its own.
std::string http_date(Clock::time_point t) {
    using namespace std::chrono;
    static constexpr std::string_view weekdays[] = {"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
    static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto day = floor<days>(t);
    year_month_day ymd{day};
    // Written by hand, not with snprintf: every answer carries one, and the formatter's
    // machinery cost more than the rest of the header.
    std::string out;
    out.reserve(29);
    out += weekdays[weekday(day).c_encoding()];
    out += ", ";
    reportkit::detail::append_two_digits(out, static_cast<unsigned>(ymd.day()));
    out += ' ';
    out += months[static_cast<unsigned>(ymd.month()) - 1];
    out += ' ';
    int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) { // outside what the mock clock reaches; the long way
        out += std::to_string(year);
    } else {
        reportkit::detail::append_two_digits(out, static_cast<unsigned>(year / 100));
        reportkit::detail::append_two_digits(out, static_cast<unsigned>(year % 100));
    }
    out += ' ';
    reportkit::detail::append_time_of_day(out, floor<seconds>(t - day));
    out += " GMT";
    return out;
}

} // namespace

Core::Core(Options options)
    : options_(std::move(options)), clock_(options_.clock, clock_start(options_)),
      store_(options_, clock_), schedules_(options_, store_), auth_(options_, store_),
      journal_(options_.journal_limit), operations_(options_, store_, schedules_), admin_(*this),
      log_(options_) {
    clock_.on_moved([this] { schedules_.run(); });
    if (options_.load) {
        State fixture = read_state_export(*options_.load);
        auto tx = store_.write();
        tx.import(fixture);
        tx.commit();
    }
}

Response Core::handle(const Request& request) {
    if (is_admin_path(request.path)) {
        Response res = pipeline(request);
        res.admin = true;
        return res;
    }
    Response res = pipeline(request);
    if (!res.drop)
        res.set_header("Date", http_date(clock_.now()));
    // Recorded before the answer is sent: a test that has its answer finds it in the journal.
    record(request, res);
    return res;
}

Response Core::pipeline(const Request& request) {
    try {
        // Whatever the request, it sees what the schedules owed by now.
        schedules_.run();
        if (is_admin_path(request.path))
            return admin_.handle(request);
        if (auto fault = faults_.take(request.method, request.path)) {
            if (fault->delay > 0ms)
                faults_.pause(fault->delay);
            if (fault->drop)
                return Response{.status = 0, .drop = true, .faulted = true};
            if (fault->status != 0) {
                Response res =
                    errors::injected(fault->status, fault->message, fault->code,
                                     "injected: " + std::to_string(fault->status) + " for "
                                         + request.method + ' ' + request.path);
                res.faulted = true;
                return res;
            }
            Response res = api(request);
            res.faulted = true;
            return res;
        }
        return api(request);
    } catch (const StorageError& e) {
        return errors::storage_unavailable(e.what());
    } catch (const std::exception& e) {
        return errors::internal(e.what());
    }
}

// The API's checks in the documented order, after faults: route, method, credentials, scope,
// path ids, query, media type; then the operation (body, ids, business rules).
Response Core::api(const Request& request) {
    auto match = match_api(request.method, request.path);
    if (!match.path_known())
        return errors::not_found("no route for " + request.path);
    if (!match.route)
        return errors::method_not_allowed(match.allow, request.method + " is not supported on "
                                                           + request.path
                                                           + "; allowed: " + match.allow);
    const auto& route = *match.route;
    if (route.credentials == Credentials::basic)
        return auth_.token_endpoint(request);
    auto scope = auth_.bearer(request);
    if (auto* refused = std::get_if<Response>(&scope))
        return std::move(*refused);
    if (is_write(request.method) && std::get<Scope>(scope) != Scope::admin)
        return errors::access_denied("the token's scope is read-only; " + request.method
                                     + " needs an admin token");
    std::vector<Uuid> ids;
    for (const auto& [name, text] : match.ids) {
        std::string why;
        auto id = Uuid::parse(text, &why);
        if (!id)
            return errors::malformed_path(std::string(name) + " \"" + text.substr(0, 40)
                                          + "\": " + why);
        ids.push_back(*id);
    }
    bool seen = false;
    for (const auto& [key, value] : parse_form(request.query)) {
        if (!route.query.empty() && key == route.query) {
            if (std::exchange(seen, true))
                return errors::bad_query("query parameter \"" + key + "\" is given more than once");
            continue;
        }
        return errors::bad_query("unknown query parameter \"" + key.substr(0, 40) + "\"; "
                                 + (route.query.empty() ? std::string("this operation takes none")
                                                        : "this operation takes only \""
                                                              + std::string(route.query) + "\""));
    }
    if (!route.body_type.empty()) {
        std::string type = media_type(request.header_or_empty("Content-Type"));
        if (type != route.body_type)
            return errors::unsupported_media(route.body_type, type);
    }
    switch (route.operation) {
    case Operation::create:
        return operations_.create(request);
    case Operation::fetch:
        return operations_.fetch(ids[0]);
    case Operation::update:
        return operations_.update(request, ids[0]);
    case Operation::remove:
        return operations_.remove(request, ids[0]);
    case Operation::stored_list:
        return operations_.stored_list(ids[0]);
    case Operation::download:
        return operations_.download(ids[0], ids[1]);
    case Operation::tenant_reports:
        return operations_.tenant_reports(ids[0]);
    case Operation::token:
        break;
    }
    return errors::internal("unhandled operation");
}

Response Core::refused(const Request& request, Response answer) {
    if (!is_admin_path(request.path))
        record(request, answer);
    else
        answer.admin = true;
    return answer;
}

void Core::record(const Request& request, const Response& answer) {
    RecordedRequest r;
    r.method = request.method;
    r.path = request.path;
    r.query = request.query;
    r.params = parse_form(request.query);
    r.headers = request.headers;
    r.body = request.body;
    r.status = answer.drop ? 0 : answer.status;
    // Whoever answered (a fault, the HTTP layer's 413), what counts is whether the client aimed
    // at an operation that exists.
    r.routed = routed(request.method, request.path);
    r.faulted = answer.faulted;
    r.elapsed = std::chrono::milliseconds(elapsed_ms(request));
    journal_.record(std::move(r));
}

void Core::log(const Request& request, const Response& answer) {
    log_.write(request.method, request.path, answer.drop ? 0 : answer.status, elapsed_ms(request));
}

void Core::reset() {
    {
        auto tx = store_.write();
        tx.clear();
        tx.commit();
    }
    faults_.clear();
    journal_.clear();
}

} // namespace reportkit::mock::detail
