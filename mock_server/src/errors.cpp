#include "errors.hpp"

#include <reportkit/core/write.hpp>
#include <reportkit/reports/error.hpp>
#include <reportkit/reports/generation.hpp>

namespace reportkit::mock::detail::errors {

namespace rp = reportkit::reports;

namespace {

Response error(int status, std::string message, std::string info,
               std::optional<std::int64_t> code = std::nullopt) {
    rp::ApiError body{
        rp::PlatformError{code.value_or(status), std::move(message), std::string(rp::error_domain),
                          rp::ErrorDetails{std::move(info), std::nullopt}, boost::json::object{}}};
    return json_response(status, to_json_string(body));
}

} // namespace

std::string title_of(int status) {
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

Response http_level(int status, std::string info) {
    return error(status, title_of(status), std::move(info));
}

Response malformed_path(std::string info) {
    return error(400, "Malformed path parameter", std::move(info));
}

Response bad_query(std::string info) {
    return error(400, "Bad query parameter", std::move(info));
}

Response invalid_body(const std::vector<Diagnostic>& found) {
    bool syntax = !found.empty()
                  && (found.front().code == code::syntax || found.front().code == code::too_deep);
    return json_response(400, to_json_string(rp::validation_error(
                                  found, syntax ? "The request body is not valid JSON."
                                                : "The request body is not valid.")));
}

Response business_rules(std::string info) {
    return error(400, "The request does not satisfy business rules", std::move(info),
                 rp::platform_code::business_rules);
}

Response usage_history_not_ready(std::string info) {
    return error(400, std::string(rp::usage_history_not_ready_message), std::move(info));
}

Response unsupported_grant(std::string info) {
    return error(400, "Unsupported grant type", std::move(info));
}

Response bearer_refused(std::string info) {
    Response res = error(401, "Unauthorized", std::move(info));
    res.set_header("WWW-Authenticate", "Bearer realm=\"reportkit-mock\", error=\"invalid_token\"");
    return res;
}

Response basic_refused(std::string info) {
    Response res = error(401, "Unauthorized", std::move(info));
    res.set_header("WWW-Authenticate", "Basic realm=\"reportkit-mock\"");
    return res;
}

Response access_denied(std::string info) {
    return error(403, "Access denied", std::move(info), rp::platform_code::access_denied);
}

Response not_found(std::string info) {
    return error(404, "Not found", std::move(info));
}

Response method_not_allowed(std::string_view allow, std::string info) {
    Response res = error(405, "Method not allowed", std::move(info));
    res.set_header("Allow", std::string(allow));
    return res;
}

Response version_mismatch(std::string info) {
    return error(409, "Version mismatch", std::move(info), rp::platform_code::version_mismatch);
}

Response unsupported_media(std::string_view expected, std::string_view given) {
    return error(415, "Unsupported media type",
                 given.empty() ? "missing Content-Type; expected " + std::string(expected)
                               : "Content-Type is " + std::string(given) + "; expected "
                                     + std::string(expected));
}

Response internal(std::string info) {
    return error(500, "Internal server error", std::move(info));
}

Response storage_unavailable(std::string info) {
    return error(503, "Service unavailable",
                 "the change could not be stored and was not made: " + std::move(info));
}

Response injected(int status, std::string message, std::optional<std::int64_t> code,
                  std::string info) {
    return error(status, std::move(message), std::move(info), code);
}

} // namespace reportkit::mock::detail::errors
