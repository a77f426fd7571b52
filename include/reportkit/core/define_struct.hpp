// REPORTKIT_DEFINE_STRUCT: declares a struct's members and makes it a Boost.Hana Struct, as
// BOOST_HANA_DEFINE_STRUCT does, with the same arguments:
//
//     struct Period {
//         REPORTKIT_DEFINE_STRUCT(Period, (Date, start), (Date, end));
//     };
//
// The difference is when the list of members is built. Hana's macro builds it where the struct
// is defined, so every unit that includes a struct pays for its tuple of names and accessors
// whether or not it reflects on it; here it is built the first time something does. That was a
// quarter of the time to include <reportkit/reports.hpp>, which defines every payload of the
// API, in a unit using two of them. Either macro declares a struct reportkit reads and writes.
#pragma once

#include <boost/hana/pair.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/preprocessor/arithmetic/dec.hpp>
#include <boost/preprocessor/punctuation/comma_if.hpp>
#include <boost/preprocessor/seq/for_each_i.hpp>
#include <boost/preprocessor/stringize.hpp>
#include <boost/preprocessor/tuple/elem.hpp>
#include <boost/preprocessor/tuple/enum.hpp>
#include <boost/preprocessor/tuple/pop_back.hpp>
#include <boost/preprocessor/tuple/size.hpp>
#include <boost/preprocessor/variadic/to_seq.hpp>

namespace reportkit::detail {
// Hana's accessor for a member: object -> its member, keeping the object's value category.
template <auto Member>
struct member_accessor {
    template <class Object>
    constexpr decltype(auto) operator()(Object&& object) const {
        return static_cast<Object&&>(object).*Member;
    }
};
} // namespace reportkit::detail

// (type, name): the name is the last element, so a type may hold commas.
#define REPORTKIT_DETAIL_MEMBER_NAME(member)                                                       \
    BOOST_PP_TUPLE_ELEM(BOOST_PP_DEC(BOOST_PP_TUPLE_SIZE(member)), member)
#define REPORTKIT_DETAIL_MEMBER_TYPE(member) BOOST_PP_TUPLE_ENUM(BOOST_PP_TUPLE_POP_BACK(member))

#define REPORTKIT_DETAIL_DECLARE_MEMBER(r, type, i, member)                                        \
    REPORTKIT_DETAIL_MEMBER_TYPE(member) REPORTKIT_DETAIL_MEMBER_NAME(member);

#define REPORTKIT_DETAIL_MEMBER_PAIR(r, type, i, member)                                           \
    BOOST_PP_COMMA_IF(i)::boost::hana::make_pair(BOOST_HANA_STRING(                                \
        BOOST_PP_STRINGIZE(REPORTKIT_DETAIL_MEMBER_NAME(member))),                                 \
        ::reportkit::detail::member_accessor<&type::REPORTKIT_DETAIL_MEMBER_NAME(member)>{})

// A template whose body depends on its parameter, so that the tuple is built only when used.
// __VA_OPT__: a struct may have no member, as with Hana's macro.
#define REPORTKIT_DEFINE_STRUCT(type, ...)                                                         \
    __VA_OPT__(BOOST_PP_SEQ_FOR_EACH_I(REPORTKIT_DETAIL_DECLARE_MEMBER, type,                      \
                                       BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__)))                     \
    struct hana_accessors_impl {                                                                   \
        template <class Self = type>                                                               \
        static constexpr auto apply() {                                                            \
            return ::boost::hana::make_tuple(__VA_OPT__(BOOST_PP_SEQ_FOR_EACH_I(                   \
                REPORTKIT_DETAIL_MEMBER_PAIR, Self, BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__))));      \
        }                                                                                          \
    }
