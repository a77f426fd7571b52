// Reading one HTTP answer into the value it documents or the ClientError it is: the one place
// that decides what an unexpected status, a non-JSON body or a wrong shape says to the user.
#pragma once

#include <reportkit/client/error.hpp>
#include <reportkit/core/read.hpp>
#include <reportkit/reports/error.hpp>
#include <reportkit/reports/generation.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>

#include <httplib.h>

namespace reportkit::detail {

// One request as the client sends it (before authentication and retries).
struct Call {
    std::string method;
    std::string path;
    std::string body{};
    std::string_view content_type{};
    std::string accept = "application/json";
    std::string authorization{};  // empty: the bearer token of the client
    bool changes_nothing = false; // a POST that may be retried like a GET
    bool keep_gzip = false;       // a 200 body stays compressed (streamed downloads)
};

// One HTTP answer, its body already decoded from any Content-Encoding.
struct Exchange {
    int status = 0;
    httplib::Headers headers;
    std::string body;
    bool was_encoded = false; // the body came with Content-Encoding: gzip and was inflated
    int attempts = 0;
};

inline ClientError error_for(const Call& request, ClientErrorKind kind, std::string what) {
    ClientError error;
    error.kind = kind;
    error.method = request.method;
    error.path = request.path;
    error.message = request.method + ' ' + request.path + ": " + what;
    return error;
}

inline void fill_from(ClientError& error, const Exchange& exchange) {
    error.status = exchange.status;
    error.body = exchange.body;
    error.attempts = exchange.attempts;
}

inline ClientError invalid(const Exchange& exchange, const Call& request, const std::string& what) {
    ClientError error = error_for(request, ClientErrorKind::invalid_response, what);
    fill_from(error, exchange);
    return error;
}

// An answer with a status other than the documented success: an http error carrying the
// platform's error body when the body is one.
inline ClientError unexpected(const Exchange& exchange, const Call& request, int expected_status) {
    if (exchange.status < 400)
        return invalid(exchange, request,
                       "expected status " + std::to_string(expected_status) + ", got "
                           + std::to_string(exchange.status));
    ClientError error =
        error_for(request, ClientErrorKind::http, "answered " + std::to_string(exchange.status));
    fill_from(error, exchange);
    Result<reports::ApiError> api = from_json<reports::ApiError>(exchange.body);
    if (api) {
        const reports::PlatformError& platform = api->error;
        if (const auto* number = std::get_if<std::int64_t>(&platform.code);
            number && *number != exchange.status)
            error.message += ", platform code " + std::to_string(*number);
        error.message += ": " + platform.message;
        if (platform.details && platform.details->info)
            error.message += " (" + *platform.details->info + ")";
        error.api = std::move(*api);
        if (error.usage_history_not_ready())
            error.message += "; " + std::string(reports::usage_history_not_ready_advice);
    } else {
        error.message +=
            exchange.body.empty() ? " with an empty body" : " without the platform's error body";
        error.diagnostics = api.errors();
    }
    return error;
}

// The answer read as T, or the error it is.
template <class T>
ApiResult<T> typed(std::variant<Exchange, ClientError> answer, const Call& request,
                   int expected_status) {
    if (auto* error = std::get_if<ClientError>(&answer))
        return std::move(*error);
    auto& exchange = std::get<Exchange>(answer);
    if (exchange.status != expected_status)
        return unexpected(exchange, request, expected_status);
    // Reading checks the rules too, but two of them are the server's to enforce on
    // requests, not the client's to hold against an answer: the period rule (the server's
    // "today" may be ahead of this machine's, or set by a test), and unknown keys (a newer
    // server may add fields; they come back as warnings, and the documented ones must all
    // be there and valid).
    ReadOptions read;
    read.today = Date(9999, 12, 31);
    read.unknown_keys = Severity::warning;
    Result<T> parsed = from_json<T>(exchange.body, read);
    if (!parsed) {
        ClientError error = invalid(exchange, request, "the answer is not the documented shape");
        error.diagnostics = parsed.errors();
        if (!error.diagnostics.empty()) {
            std::ostringstream first;
            first << error.diagnostics.front();
            error.message += " (" + first.str() + ")";
        }
        return error;
    }
    return ApiResult<T>(std::move(*parsed), exchange.status, exchange.attempts);
}

inline bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace reportkit::detail
