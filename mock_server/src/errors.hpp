// Every error answer the mock gives, each written once: its status, title and platform code
// (API.md, "Errors"), so that a change to, say, the 401 is one change here. Each carries the
// platform error body; callers give only what differs per request, the `details.info`.
#pragma once

#include "message.hpp"

#include <reportkit/core/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit::mock::detail::errors {

// The title of an HTTP status, for answers below the API (httplib's, the adapter's).
std::string title_of(int status);

// Any status with its title: answers below the API (400 unreadable request, 411, 413, 414, 415
// of an encoded body) and the ones the HTTP layer made itself.
Response http_level(int status, std::string info);

Response malformed_path(std::string info);                   // 400
Response bad_query(std::string info);                        // 400
Response invalid_body(const std::vector<Diagnostic>& found); // 400 with details.violations
Response business_rules(std::string info);                   // 400, code 1027
Response unsupported_grant(std::string info);                // 400
// 400 with the platform's "Usage history is not ready and shouldn't be ready yet".
Response usage_history_not_ready(std::string info);
Response bearer_refused(std::string info); // 401, WWW-Authenticate: Bearer
Response basic_refused(std::string info);  // 401, WWW-Authenticate: Basic
Response access_denied(std::string info);  // 403, code 1002
Response not_found(std::string info);      // 404
Response method_not_allowed(std::string_view allow, std::string info);         // 405 with Allow
Response version_mismatch(std::string info);                                   // 409, code 1001
Response unsupported_media(std::string_view expected, std::string_view given); // 415
Response internal(std::string info);                                           // 500
// 503: a write that could not be stored (disk full, read-only); nothing was changed.
Response storage_unavailable(std::string info);
// An injected fault's answer: any status, the fault's message and code.
Response injected(int status, std::string message, std::optional<std::int64_t> code,
                  std::string info);

} // namespace reportkit::mock::detail::errors
