// The one classification of the C++ types a payload can hold. Reading (JSON and CSV), writing,
// validation and schema export all dispatch on value_kind<T>, each with a chain of
// `if constexpr` that ends in `static_assert(kind == ValueKind::structure)`: a kind added here
// breaks the build of every operation that does not handle it yet, instead of being silently
// skipped by one of them (as `validate` once skipped dates inside arrays).
#pragma once

#include <reportkit/core/enum.hpp>
#include <reportkit/core/lenient_bool.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/value_traits.hpp>

#include <string>
#include <string_view>
#include <type_traits>

#include <boost/json/fwd.hpp>

namespace reportkit {

enum class ValueKind {
    boolean,         // bool
    lenient_boolean, // LenientBool: a boolean, or the string "true" / "false" with a warning
    integer,         // any integral type but bool
    floating,        // double
    string,          // std::string
    enumeration,     // a REPORTKIT_ENUM
    text,            // a TextValue: Uuid, Date, Timestamp, or one of a program's own
    optional,        // std::optional<T>: absent or a T
    sequence,        // std::vector<T>, std::deque<T>
    variant,         // std::variant<std::int64_t, std::string>
    json_value,      // boost::json::value: any JSON, kept as a DOM
    json_object,     // boost::json::object: any JSON object
    structure,       // a Hana Struct (REPORTKIT_DEFINE_STRUCT, BOOST_HANA_DEFINE_STRUCT)
    unsupported,
};

template <class T>
constexpr ValueKind value_kind_of() {
    if constexpr (is_optional_v<T>)
        return ValueKind::optional;
    else if constexpr (std::is_same_v<T, bool>)
        return ValueKind::boolean;
    else if constexpr (std::is_same_v<T, LenientBool>)
        return ValueKind::lenient_boolean;
    else if constexpr (std::is_integral_v<T>)
        return ValueKind::integer;
    else if constexpr (std::is_same_v<T, double>)
        return ValueKind::floating;
    else if constexpr (std::is_same_v<T, std::string>)
        return ValueKind::string;
    else if constexpr (WireEnum<T>)
        return ValueKind::enumeration;
    else if constexpr (TextValue<T>)
        return ValueKind::text;
    else if constexpr (is_sequence_v<T>)
        return ValueKind::sequence;
    else if constexpr (is_variant_v<T>)
        return ValueKind::variant;
    else if constexpr (std::is_same_v<T, boost::json::value>)
        return ValueKind::json_value;
    else if constexpr (std::is_same_v<T, boost::json::object>)
        return ValueKind::json_object;
    else if constexpr (Reflected<T>)
        return ValueKind::structure;
    else
        return ValueKind::unsupported;
}

template <class T>
inline constexpr ValueKind value_kind = value_kind_of<std::remove_cvref_t<T>>();

// Kinds that are one JSON scalar (and one CSV field).
template <class T>
inline constexpr bool is_scalar_kind =
    value_kind<
        T> != ValueKind::optional&& value_kind<T> != ValueKind::sequence&& value_kind<T> != ValueKind::variant&& value_kind<T> != ValueKind::json_value&& value_kind<T> != ValueKind::json_object&& value_kind<T> != ValueKind::structure&& value_kind<T> != ValueKind::unsupported;

// The end of every dispatch chain: the one kind left is a struct, or the type is not supported.
template <class T>
constexpr void assert_structure_kind() {
    static_assert(
        value_kind<T> != ValueKind::unsupported,
        "reportkit does not support this type: declare it with REPORTKIT_DEFINE_STRUCT "
        "(or BOOST_HANA_DEFINE_STRUCT) or use a supported value type (core/value_kind.hpp)");
    static_assert(value_kind<T> == ValueKind::structure,
                  "a kind of core/value_kind.hpp is not handled by this operation");
}

} // namespace reportkit
