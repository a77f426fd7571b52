// The platform's error body, which every error response carries:
//     {"error": {"code": 400, "message": "...", "domain": "PlatformAccountServer",
//                "details": {"info": "...", "violations": [...]}, "context": {}}}
#pragma once

#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

namespace reportkit::reports {

// Platform codes beside HTTP statuses (API.md, "Errors").
namespace platform_code {
inline constexpr std::int64_t version_mismatch = 1001;
inline constexpr std::int64_t access_denied = 1002;
inline constexpr std::int64_t tenant_not_found = 1005;
inline constexpr std::int64_t business_rules = 1027;
} // namespace platform_code

inline constexpr std::string_view error_domain = "PlatformAccountServer";

// One problem of a body that failed validation (decision): a Diagnostic without its severity.
struct Violation {
    REPORTKIT_DEFINE_STRUCT(Violation, (std::string, pointer), (std::string, code),
                            (std::string, message));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "One problem of a body that failed validation.",
            describe(&Violation::pointer, "JSON Pointer (RFC 6901) of the offending value."),
            describe(&Violation::code, "A stable code, e.g. required_if."),
            describe(&Violation::message, "The problem in words."));
    }
};

struct ErrorDetails {
    REPORTKIT_DEFINE_STRUCT(ErrorDetails, (std::optional<std::string>, info),
                            (std::optional<std::vector<Violation>>, violations));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "More about the error.", describe(&ErrorDetails::info, "The (first) problem in words."),
            describe(&ErrorDetails::violations, "Every problem of a body that failed validation."));
    }
};

struct PlatformError {
    // The HTTP status or a platform code; the platform writes either an integer or a string.
    using Code = std::variant<std::int64_t, std::string>;

    REPORTKIT_DEFINE_STRUCT(PlatformError, (Code, code), (std::string, message),
                            (std::optional<std::string>, domain),
                            (std::optional<ErrorDetails>, details),
                            (std::optional<boost::json::object>, context));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The platform's error.",
            describe(&PlatformError::code,
                     "The HTTP status or a platform code (1001 version mismatch, 1002 access "
                     "denied, 1005 tenant not found, 1027 does not satisfy business rules)."),
            describe(&PlatformError::message, "One sentence."),
            describe(&PlatformError::domain, "PlatformAccountServer."),
            describe(&PlatformError::details, "More about the error."),
            describe(&PlatformError::context, "Platform context; usually empty."));
    }
};

struct ApiError {
    REPORTKIT_DEFINE_STRUCT(ApiError, (PlatformError, error));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions("The body of every error response.",
                                       describe(&ApiError::error, "The platform's error."));
    }
};

// The error body for a payload that failed validation: `info` is the first error in words,
// `violations` every error, in document order.
inline ApiError validation_error(const std::vector<Diagnostic>& diagnostics,
                                 std::string message = "The request body is not valid.") {
    ErrorDetails details;
    details.violations.emplace();
    for (const Diagnostic& d : diagnostics) {
        if (d.severity != Severity::error)
            continue;
        if (!details.info)
            details.info =
                (d.pointer.empty() ? std::string("(root)") : d.pointer) + ": " + d.message;
        details.violations->push_back(Violation{d.pointer, d.code, d.message});
    }
    return ApiError{PlatformError{std::int64_t{400}, std::move(message), std::string(error_domain),
                                  std::move(details), boost::json::object{}}};
}

} // namespace reportkit::reports
