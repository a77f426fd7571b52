// String enums: an enum class declared once together with its wire names.
//
//     REPORTKIT_ENUM(Kind, usage_daily, usage_summary);
//
// declares `enum class Kind { usage_daily, usage_summary }` and makes "usage_daily" and
// "usage_summary" its JSON spellings; reading, writing and schema export all use that list.
#pragma once

#include <reportkit/core/config.hpp>
#include <reportkit/core/detail/same_text.hpp>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/preprocessor/seq/enum.hpp>
#include <boost/preprocessor/seq/transform.hpp>
#include <boost/preprocessor/stringize.hpp>
#include <boost/preprocessor/variadic/size.hpp>
#include <boost/preprocessor/variadic/to_seq.hpp>

#define REPORTKIT_DETAIL_ENUM_NAME(s, data, elem) BOOST_PP_STRINGIZE(elem)

#define REPORTKIT_ENUM(Name, ...)                                                                  \
    enum class Name { __VA_ARGS__ };                                                               \
    [[maybe_unused]] constexpr std::array<std::string_view, BOOST_PP_VARIADIC_SIZE(__VA_ARGS__)>   \
    reportkit_enum_names(Name) {                                                                   \
        return {BOOST_PP_SEQ_ENUM(BOOST_PP_SEQ_TRANSFORM(REPORTKIT_DETAIL_ENUM_NAME, ~,            \
                                                         BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__)))}; \
    }                                                                                              \
    [[maybe_unused]] constexpr std::string_view reportkit_enum_type_name(Name) {                   \
        return #Name;                                                                              \
    }

namespace reportkit {

template <class E>
concept WireEnum = std::is_enum_v<E> && requires(E e) {
    {reportkit_enum_names(e)};
};

// Every wire name of E, in declaration order.
template <WireEnum E>
constexpr auto enum_names() {
    return reportkit_enum_names(E{});
}

template <WireEnum E>
constexpr std::string_view enum_type_name() {
    return reportkit_enum_type_name(E{});
}

template <WireEnum E>
constexpr std::string_view to_string(E e) {
    return enum_names<E>()[static_cast<std::size_t>(e)];
}

template <WireEnum E>
constexpr std::optional<E> enum_from_string(std::string_view s) {
    constexpr auto names = enum_names<E>();
    for (std::size_t i = 0; i < names.size(); ++i)
        // same_key, not a call to memcmp per name: the calls were a fifth of reading an enum.
        if (std::is_constant_evaluated() ? names[i] == s : detail::same_key(names[i], s))
            return static_cast<E>(i);
    return std::nullopt;
}

namespace detail {
// A constant with an address, so that one function serves the names of every enum.
template <WireEnum E>
inline constexpr auto enum_names_v = enum_names<E>();

REPORTKIT_COLD inline std::string list_choices(std::span<const std::string_view> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i)
            out += i + 1 == names.size() ? " or " : ", ";
        out += '"';
        out += names[i];
        out += '"';
    }
    return out;
}

// "one of \"csv\" or \"html\"": what a reader expected of an enum's value.
REPORTKIT_COLD inline std::string expected_one_of(std::span<const std::string_view> names) {
    return "one of " + list_choices(names);
}
} // namespace detail

// "csv", "html" or "json_v1": the allowed values, as an error message lists them.
template <WireEnum E>
std::string enum_choices() {
    return detail::list_choices(detail::enum_names_v<E>);
}

} // namespace reportkit
