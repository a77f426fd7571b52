// The concept shared by the API's string-shaped value types (Uuid, Date, Timestamp): parsed from
// a JSON string with a reason on failure, written back in canonical form; and the one wording
// of a text its type refuses.
#pragma once

#include <reportkit/core/config.hpp>
#include <reportkit/core/diagnostic.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace reportkit {

template <class T>
concept TextValue = requires(std::string_view text, std::string* why, const T& v,
                             std::string& out) {
    { T::parse(text, why) } -> std::same_as<std::optional<T>>;
    { T::expected } -> std::convertible_to<std::string_view>;
    v.append_to(out);
};

namespace detail {
REPORTKIT_COLD inline std::string text_value_message(std::string_view expected,
                                                     std::string_view text, std::string_view why) {
    return "expected " + std::string(expected) + ", got " + quoted_excerpt(text) + ": "
           + std::string(why);
}
} // namespace detail

// Why `text` is no T, in the one wording reading and validation share.
template <TextValue T>
std::string text_value_error(std::string_view text, std::string_view why) {
    return detail::text_value_message(T::expected, text, why);
}

} // namespace reportkit
