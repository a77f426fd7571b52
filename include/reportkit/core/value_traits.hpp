// The concept shared by the API's string-shaped value types (Uuid, Date, Timestamp): parsed from
// a JSON string with a reason on failure, written back in canonical form.
#pragma once

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

} // namespace reportkit
