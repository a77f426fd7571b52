// ClientError and ApiResult<T>: what a call of reportkit::Client gives back. Either the typed,
// validated answer, or one error value that says which of the ways a call can fail happened:
// no HTTP exchange at all, an HTTP error status (with the platform's error body when it sent
// one), or an answer that does not have the documented shape.
#pragma once

#include <reportkit/core/diagnostic.hpp>
#include <reportkit/reports/error.hpp>
#include <reportkit/reports/generation.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace reportkit {

enum class ClientErrorKind {
    configuration,    // the client cannot send at all, e.g. a malformed base URL
    transport,        // no complete HTTP answer: refused, timed out, connection dropped
    http,             // an error status; `api` holds the platform's error body when it sent one
    invalid_response, // a success status whose body is not the documented shape
    report_failed,    // wait_until_stored: the server marked a stored item `failed`
    timed_out,        // wait_until_stored: the items were still in progress at the deadline
    // wait_until_stored: nothing to wait for yet: a one-time report whose generation_date is
    // after the server's today, a monthly one before its first 1st, or a `send` report (its
    // files are e-mailed, never listed)
    not_generated,
};

constexpr std::string_view to_string(ClientErrorKind kind) {
    switch (kind) {
    case ClientErrorKind::configuration:
        return "configuration";
    case ClientErrorKind::transport:
        return "transport";
    case ClientErrorKind::http:
        return "http";
    case ClientErrorKind::invalid_response:
        return "invalid_response";
    case ClientErrorKind::report_failed:
        return "report_failed";
    case ClientErrorKind::timed_out:
        return "timed_out";
    case ClientErrorKind::not_generated:
        return "not_generated";
    }
    return "unknown";
}

struct ClientError {
    ClientErrorKind kind = ClientErrorKind::transport;
    std::string method;  // "GET", "POST", ... of the request that failed
    std::string path;    // its path, with the base path, e.g. /api/2/reports
    int status = 0;      // the HTTP status of the last answer; 0 when none came
    std::string message; // one line that says what happened
    // The platform's error body, when an error status came with one of the documented shape.
    std::optional<reports::ApiError> api;
    // Why the body is not the documented shape: of the success type for invalid_response, of
    // the platform error body for an http error whose body is something else.
    std::vector<Diagnostic> diagnostics;
    std::string body; // the raw (decoded) body of the last answer
    int attempts = 0; // how many times the request was sent, retries included

    // The platform code (`error.code` when it is a number, e.g. 1001), if the body had one.
    // The platform writes the code as an integer or as a string of digits ("1001"): both count.
    std::optional<std::int64_t> platform_code() const {
        if (!api)
            return std::nullopt;
        if (const auto* code = std::get_if<std::int64_t>(&api->error.code))
            return *code;
        const std::string& text = std::get<std::string>(api->error.code);
        std::int64_t value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && end == text.data() + text.size() && !text.empty())
            return value;
        return std::nullopt;
    }

    // A create refused while the platform's nightly usage computation runs (400): try again
    // after 06:00 UTC (reports::usage_history_not_ready_advice, which the message carries).
    bool usage_history_not_ready() const {
        return status == 400 && api
               && api->error.message == reports::usage_history_not_ready_message;
    }
    // A create refused because that computation is late (500): the report was not made, so the
    // client retries it like any 50x (RetryOptions), a write included.
    bool usage_history_late() const {
        return status == 500 && api && api->error.message == reports::usage_history_late_message;
    }

    // The body's `details.violations`: every problem of a rejected payload, by JSON Pointer.
    const std::vector<reports::Violation>& violations() const {
        static const std::vector<reports::Violation> none;
        if (api && api->error.details && api->error.details->violations)
            return *api->error.details->violations;
        return none;
    }

    // The message, then one line per violation or diagnostic.
    std::string describe() const {
        std::ostringstream os;
        os << *this;
        return os.str();
    }

    friend std::ostream& operator<<(std::ostream& os, const ClientError& e) {
        os << e.message;
        for (const reports::Violation& v : e.violations())
            os << "\n  " << (v.pointer.empty() ? std::string("(root)") : v.pointer) << ": "
               << v.message << " [" << v.code << ']';
        for (const Diagnostic& d : e.diagnostics)
            os << "\n  " << d;
        return os;
    }
};

// Thrown only by ApiResult::value() on a result that holds an error.
class bad_api_result_access : public std::runtime_error {
public:
    explicit bad_api_result_access(ClientError error)
        : std::runtime_error(error.describe()), error_(std::move(error)) {}
    const ClientError& error() const noexcept { return error_; }

private:
    ClientError error_;
};

// The value of a successful call (nothing for ApiResult<void>), or its ClientError. Shaped like
// std::expected so that `if (auto r = client.get(id)) use(*r); else log(r.error());` reads.
template <class T>
class ApiResult {
    using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

public:
    using value_type = T;

    ApiResult(Stored value, int status, int attempts = 1) requires(!std::is_void_v<T>)
        : state_(std::in_place_index<0>, std::move(value)), status_(status), attempts_(attempts) {}
    explicit ApiResult(int status, int attempts = 1) requires std::is_void_v<T>
        : state_(std::in_place_index<0>), status_(status), attempts_(attempts) {}
    ApiResult(ClientError error) : status_(error.status), attempts_(error.attempts) {
        state_.template emplace<1>(std::move(error));
    }

    explicit operator bool() const noexcept { return state_.index() == 0; }
    bool has_value() const noexcept { return state_.index() == 0; }

    // The HTTP status of the answer the result comes from; 0 when there was none.
    int status() const noexcept { return status_; }
    // How many times the request was sent, retries included; 0 when it never was.
    int attempts() const noexcept { return attempts_; }

    template <class U = T>
    requires(!std::is_void_v<U>) const U& operator*() const& { return std::get<0>(state_); }
    template <class U = T>
    requires(!std::is_void_v<U>) U& operator*() & { return std::get<0>(state_); }
    template <class U = T>
    requires(!std::is_void_v<U>) U && operator*() && { return std::get<0>(std::move(state_)); }
    template <class U = T>
    requires(!std::is_void_v<U>) const U* operator->() const { return &std::get<0>(state_); }
    template <class U = T>
    requires(!std::is_void_v<U>) U* operator->() { return &std::get<0>(state_); }

    template <class U = T>
    requires(!std::is_void_v<U>) const U& value() const& {
        check();
        return std::get<0>(state_);
    }
    template <class U = T>
    requires(!std::is_void_v<U>) U && value() && {
        check();
        return std::get<0>(std::move(state_));
    }
    void check() const {
        if (state_.index() != 0)
            throw bad_api_result_access(std::get<1>(state_));
    }

    // Only on a result without a value.
    const ClientError& error() const& { return std::get<1>(state_); }

private:
    std::variant<Stored, ClientError> state_;
    int status_ = 0;
    int attempts_ = 0;
};

} // namespace reportkit
