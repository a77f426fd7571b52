#include "admin.hpp"

#include "access.hpp"
#include "core.hpp"
#include "errors.hpp"
#include "text.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/write.hpp>

#include <boost/hana/define_struct.hpp>
#include <boost/json.hpp>

#include <stdexcept>

namespace reportkit::mock::detail {

namespace {

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
        return reportkit::rules(minimum(&FaultSpec::times, 1), minimum(&FaultSpec::delay_ms, 0),
                                minimum(&FaultSpec::status, 100));
    }
};

// POST /__admin/clock: set it ({"now": RFC 3339}) or move it forward ({"advance": ISO 8601
// duration or seconds}), one of the two.
struct ClockSpec {
    BOOST_HANA_DEFINE_STRUCT(ClockSpec, (std::optional<Timestamp>, now),
                             (std::optional<std::variant<std::int64_t, std::string>>, advance));
};

std::string clock_json(const Clock& clock) {
    return to_json_string(
        boost::json::object{{"now", Timestamp::from_time(clock.now()).to_string()}});
}

Response move_clock(Clock& clock, const Request& request) {
    auto spec = from_json<ClockSpec>(request.body);
    if (!spec)
        return errors::invalid_body(spec.diagnostics());
    if (spec->now.has_value() == spec->advance.has_value())
        return errors::invalid_body({Diagnostic{
            "", std::string(code::required), Severity::error,
            "expected exactly one of \"now\" (an RFC 3339 instant) and \"advance\" (an ISO 8601 "
            "duration such as \"P1M\" or \"PT2H\", or a number of seconds)"}});
    // An instant the clock cannot hold is the caller's error (Clock throws, having moved nothing).
    auto out_of_range = [](std::string_view pointer, const std::invalid_argument& e) {
        return errors::invalid_body({Diagnostic{std::string(pointer), std::string(code::range),
                                                Severity::error, e.what()}});
    };
    if (spec->now) {
        try {
            clock.set(*spec->now);
        } catch (const std::invalid_argument& e) {
            return out_of_range("/now", e);
        }
    } else if (const auto* seconds = std::get_if<std::int64_t>(&*spec->advance)) {
        constexpr std::int64_t most = std::chrono::seconds(std::chrono::years(200)).count();
        if (*seconds < 0 || *seconds > most)
            return errors::invalid_body({Diagnostic{
                "/advance", std::string(code::range), Severity::error,
                "expected seconds from 0 to " + std::to_string(most)
                    + " (200 years; the clock moves forward, set \"now\" to go back), got "
                    + std::to_string(*seconds)}});
        try {
            clock.advance(std::chrono::seconds(*seconds));
        } catch (const std::invalid_argument& e) {
            return out_of_range("/advance", e);
        }
    } else {
        std::string why;
        const std::string& text = std::get<std::string>(*spec->advance);
        if (!parse_iso8601_duration(text, &why))
            return errors::invalid_body(
                {Diagnostic{"/advance", std::string(code::format), Severity::error, why}});
        try {
            clock.advance(text);
        } catch (const std::invalid_argument& e) {
            return out_of_range("/advance", e);
        }
    }
    return json_response(200, clock_json(clock));
}

std::string journal_json(const Journal& journal) {
    boost::json::array items;
    for (const RecordedRequest& r : journal.entries()) {
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
    return to_json_string(boost::json::object{
        {"items", std::move(items)}, {"dropped", journal.dropped()}, {"limit", journal.limit()}});
}

std::string faults_json(const std::vector<Fault>& faults) {
    boost::json::array items;
    for (const Fault& f : faults)
        items.push_back({{"method", f.method},
                         {"path", f.path},
                         {"times", f.times},
                         {"delay_ms", f.delay.count()},
                         {"status", f.status},
                         {"drop", f.drop}});
    return to_json_string(boost::json::object{{"items", std::move(items)}}); // as the journal
}

} // namespace

Response Admin::handle(const Request& request) {
    const Options& options = core_.options();
    if (!options.admin_api)
        return errors::not_found("the admin API is disabled");
    if (!admin_allowed(request.remote_addr, request.header_or_empty("Authorization"),
                       options.admin_token))
        return errors::access_denied(
            "the admin API answers loopback callers, or others with the admin token");
    auto match = match_admin(request.method, request.path);
    if (!match.path_known())
        return errors::not_found(admin_route_list());
    if (!match.route)
        return errors::method_not_allowed(match.allow, request.method + " is not supported on "
                                                           + request.path
                                                           + "; allowed: " + match.allow);
    return run(match.route->operation, request);
}

Response Admin::run(AdminOperation operation, const Request& request) {
    switch (operation) {
    case AdminOperation::journal:
        return json_response(200, journal_json(core_.journal()));
    case AdminOperation::clear_journal:
        core_.journal().clear();
        return empty_response(204);
    case AdminOperation::reset:
        core_.reset();
        return empty_response(204);
    case AdminOperation::state:
        return json_response(200, to_text(core_.store().read().state()));
    case AdminOperation::outbox:
        return json_response(200,
                             "{\"items\":" + to_json_string(core_.store().read().outbox()) + "}");
    case AdminOperation::token: {
        Scope scope = Scope::admin;
        for (const auto& [key, value] : parse_form(request.query))
            if (key == "scope" && value == "read_only")
                scope = Scope::read_only;
        return json_response(200, to_json_string(core_.auth().issue(scope)));
    }
    case AdminOperation::faults:
        return json_response(200, faults_json(core_.faults().list()));
    case AdminOperation::add_fault: {
        auto spec = from_json<FaultSpec>(request.body);
        if (!spec)
            return errors::invalid_body(spec.diagnostics());
        core_.faults().add(Fault{.method = spec->method.value_or(""),
                                 .path = spec->path.value_or(""),
                                 .times = static_cast<std::size_t>(spec->times.value_or(1)),
                                 .delay = std::chrono::milliseconds(spec->delay_ms.value_or(0)),
                                 .status = static_cast<int>(spec->status.value_or(0)),
                                 .code = spec->code,
                                 .message = spec->message.value_or("Injected fault"),
                                 .drop = spec->drop.value_or(false)});
        return empty_response(204);
    }
    case AdminOperation::clear_faults:
        core_.faults().clear();
        return empty_response(204);
    case AdminOperation::clock:
        return json_response(200, clock_json(core_.clock()));
    case AdminOperation::move_clock:
        return move_clock(core_.clock(), request);
    }
    return errors::internal("unhandled admin operation");
}

} // namespace reportkit::mock::detail
