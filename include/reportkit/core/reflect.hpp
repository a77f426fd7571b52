// The walk over a Hana Struct's fields (declared with REPORTKIT_DEFINE_STRUCT or
// BOOST_HANA_DEFINE_STRUCT) that reading, writing, validation and schema export share: a field's
// name, its C++ type and whether it is optional are all read from the one declaration.
#pragma once

#include <reportkit/core/define_struct.hpp>

#include <array>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/define_struct.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

namespace reportkit {

template <class T>
concept Reflected = boost::hana::Struct<T>::value;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
inline constexpr bool is_optional_v = is_optional<T>::value;

// The containers that are JSON arrays. std::deque is for stores that only grow (a server's
// records): it never moves what it holds, so growing it costs no pause.
template <class T>
struct is_sequence : std::false_type {};
template <class T, class A>
struct is_sequence<std::vector<T, A>> : std::true_type {};
template <class T, class A>
struct is_sequence<std::deque<T, A>> : std::true_type {};
template <class T>
inline constexpr bool is_sequence_v = is_sequence<T>::value;

template <class T>
struct is_variant : std::false_type {};
template <class... Ts>
struct is_variant<std::variant<Ts...>> : std::true_type {};
template <class T>
inline constexpr bool is_variant_v = is_variant<T>::value;

// The type a field holds once present: std::optional<T> -> T.
template <class T>
struct unwrap_optional {
    using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
    using type = T;
};
template <class T>
using unwrap_optional_t = typename unwrap_optional<T>::type;

template <Reflected T>
inline constexpr std::size_t field_count =
    decltype(boost::hana::length(boost::hana::accessors<T>()))::value;

namespace detail {
// A constant, not a function's static: readers look the names up on every key, and a static's
// guard was a test on each look.
template <Reflected T>
inline constexpr std::array<std::string_view, field_count<T>>
    field_names_v = boost::hana::unpack(boost::hana::accessors<T>(), [](auto... pair) {
        return std::array<std::string_view, field_count<T>>{
            std::string_view(boost::hana::to<const char*>(boost::hana::first(pair)))...};
    });
} // namespace detail

// Field names in declaration order, which is also the order fields are written in.
template <Reflected T>
constexpr const std::array<std::string_view, field_count<T>>& field_names() {
    return detail::field_names_v<T>;
}

// Calls f(index, name, member) for each field of obj, in declaration order.
template <Reflected T, class F>
constexpr void for_each_field(T& obj, F&& f) {
    std::size_t index = 0;
    boost::hana::for_each(boost::hana::accessors<std::remove_const_t<T>>(), [&](auto pair) {
        f(index, std::string_view(boost::hana::to<const char*>(boost::hana::first(pair))),
          boost::hana::second(pair)(obj));
        ++index;
    });
}

// Calls f(index, name, type_tag) for each field type of T, for walks without an object
// (schema export, reader tables). type_tag is std::type_identity<FieldType>.
template <Reflected T, class F>
constexpr void for_each_field_type(F&& f) {
    std::size_t index = 0;
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
        using Field = std::remove_cvref_t<decltype(boost::hana::second(pair)(std::declval<T&>()))>;
        f(index, std::string_view(boost::hana::to<const char*>(boost::hana::first(pair))),
          std::type_identity<Field>{});
        ++index;
    });
}

namespace detail {
// The member pointer a Hana accessor stands for, when it is one: REPORTKIT_DEFINE_STRUCT's
// accessors, and those of BOOST_HANA_DEFINE_STRUCT and BOOST_HANA_ADAPT_STRUCT, are.
template <class Accessor>
struct accessor_member : std::false_type {};
template <auto Member>
struct accessor_member<member_accessor<Member>> : std::true_type {
    static constexpr auto pointer = Member;
};
template <class M, M Member>
struct accessor_member<boost::hana::struct_detail::member_ptr<M, Member>> : std::true_type {
    static constexpr auto pointer = Member;
};

template <Reflected T>
inline constexpr bool
    accessors_are_members = boost::hana::unpack(boost::hana::accessors<T>(), [](auto... pair) {
        return (accessor_member<std::remove_cvref_t<decltype(boost::hana::second(pair))>>::value
                && ...);
    });
template <Reflected T, class M>
std::size_t field_index_by_address(M T::*member) {
    static const T probe{};
    std::size_t found = field_count<T>;
    for_each_field(probe, [&](std::size_t i, std::string_view, const auto& field) {
        if (static_cast<const void*>(&field) == static_cast<const void*>(&(probe.*member)))
            found = i;
    });
    return found;
}
} // namespace detail

// The index of a member in T's declaration: the link from a rule's member pointer to a name.
// Found by comparing member pointers, so no object of T is made; a struct whose accessors are
// not member pointers (BOOST_HANA_ADAPT_ADT) is matched by address on a default-made probe.
template <Reflected T, class M>
constexpr std::size_t field_index(M T::*member) {
    std::size_t found = field_count<T>;
    if constexpr (detail::accessors_are_members<T>) {
        std::size_t index = 0;
        boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
            using Accessor = std::remove_cvref_t<decltype(boost::hana::second(pair))>;
            constexpr auto pointer = detail::accessor_member<Accessor>::pointer;
            if constexpr (std::is_same_v<decltype(pointer), M T::*const>)
                if (pointer == member)
                    found = index;
            ++index;
        });
    } else {
        found = detail::field_index_by_address(member);
    }
    return found;
}

template <Reflected T, class M>
std::string_view field_name(M T::*member) {
    return field_names<T>()[field_index(member)];
}

// RFC 6901: '~' is written "~0" and '/' is written "~1" inside a pointer's reference token.
inline void append_pointer_token(std::string& pointer, std::string_view token) {
    pointer += '/';
    for (char c : token) {
        if (c == '~')
            pointer += "~0";
        else if (c == '/')
            pointer += "~1";
        else
            pointer += c;
    }
}

} // namespace reportkit
