// LenientBool: a boolean that is also read from the strings "true" and "false", with a warning.
//
// Some platforms accept a quoted boolean where their schema says boolean, and their users' code
// relies on it (API.md: `parameters.hide_zero_usage`, `parameters.show_skus`). A field of this
// type reads `true`, `false`, `"true"` and `"false"`; the strings come with a warning, anything
// else is an error. It is always written as a JSON boolean, so what reportkit sends is the
// strict form.
#pragma once

#include <reportkit/core/diagnostic.hpp>

#include <string>
#include <string_view>

namespace reportkit {

class LenientBool {
public:
    // What the strict form and the tolerated strings are called in messages and the schema.
    static constexpr std::string_view expected =
        "a boolean (true or false, or the string \"true\" or \"false\")";
    static constexpr std::string_view true_text = "true";
    static constexpr std::string_view false_text = "false";

    constexpr LenientBool() = default;
    constexpr LenientBool(bool v) noexcept : value_(v) {} // NOLINT: a bool is one

    constexpr operator bool() const noexcept { return value_; } // NOLINT: and reads as one
    constexpr bool value() const noexcept { return value_; }
    std::string to_string() const { return value_ ? "true" : "false"; }

private:
    bool value_ = false;
};

// The warning's wording when "true" or "false" came as a string.
inline std::string quoted_boolean_message(std::string_view text) {
    return "expected a boolean, got the string " + detail::quoted_excerpt(text)
           + "; read as the boolean " + std::string(text);
}

} // namespace reportkit
