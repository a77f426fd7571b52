// Small parsers of what HTTP requests carry: percent-encoding, forms, Basic credentials, media
// types, bearer-token syntax.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reportkit::mock::detail {

std::string url_decode(std::string_view s);

// `a=1&b=2` (a query string or a form body), decoded; repeated keys kept in order.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);

std::optional<std::string> base64_decode(std::string_view in);

// The media type without parameters, lower-cased: "application/json; charset=utf-8" ->
// "application/json".
std::string media_type(std::string_view content_type);

// RFC 6750's b64token, the platform's `^Bearer [0-9a-zA-Z\-\._~+/]*=*$`.
bool is_b64token(std::string_view token);

// The path with every byte that is not printable ASCII percent-encoded again, for log lines: a
// %0A must not start a forged line, nor a %FF make a JSON line invalid UTF-8.
std::string printable_path(std::string_view path);

} // namespace reportkit::mock::detail
